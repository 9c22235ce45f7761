"""Admins create users and set their role through deals.services.users."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from deals.roles import ADMIN, EDITOR, REPORTER, is_admin, is_editor, role_names
from deals.services.users import RoleChangeError, user_create, user_set_role

pytestmark = pytest.mark.django_db


def test_a_created_user_holds_the_role_and_can_log_in(desk_admin):
    user = user_create(
        username="nina", password="a-long-pass-phrase", role=EDITOR, actor=desk_admin
    )
    user = User.objects.get(pk=user.pk)
    assert role_names(user) == {EDITOR}
    assert user.check_password("a-long-pass-phrase")
    assert user.is_staff is False


def test_setting_a_role_replaces_the_previous_one(desk_admin, reporter):
    assert user_set_role(user=reporter, role=EDITOR, actor=desk_admin) is True
    fresh = User.objects.get(pk=reporter.pk)
    assert role_names(fresh) == {EDITOR}
    assert is_editor(fresh)


def test_setting_the_same_role_changes_nothing(desk_admin, reporter):
    assert user_set_role(user=reporter, role=REPORTER, actor=desk_admin) is False


def test_the_admin_role_opens_the_django_admin_and_losing_it_closes_it(desk_admin, editor):
    user_set_role(user=editor, role=ADMIN, actor=desk_admin)
    promoted = User.objects.get(pk=editor.pk)
    assert promoted.is_staff and is_admin(promoted)

    user_set_role(user=promoted, role="", actor=desk_admin)
    demoted = User.objects.get(pk=editor.pk)
    assert not demoted.is_staff and role_names(demoted) == frozenset()


def test_the_last_admin_cannot_lose_the_role(desk_admin):
    with pytest.raises(RoleChangeError):
        user_set_role(user=desk_admin, role=EDITOR, actor=desk_admin)
    assert is_admin(User.objects.get(pk=desk_admin.pk))


def test_an_admin_can_step_down_when_another_remains(desk_admin, editor):
    user_set_role(user=editor, role=ADMIN, actor=desk_admin)
    assert user_set_role(user=desk_admin, role=EDITOR, actor=editor) is True


def test_an_unknown_role_is_refused(desk_admin, reporter):
    with pytest.raises(RoleChangeError):
        user_set_role(user=reporter, role="owner", actor=desk_admin)
    assert role_names(User.objects.get(pk=reporter.pk)) == {REPORTER}
