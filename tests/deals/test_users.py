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


# --- the users page (/sources/users/) ---------------------------------------------

HTMX = {"HTTP_HX_REQUEST": "true"}
USERS_URL = "/sources/users/"


def _new_user(**extra) -> dict:
    data = {
        "username": "nina",
        "first_name": "Nina",
        "last_name": "Ng",
        "email": "nina@example.com",
        "role": EDITOR,
        "password1": "harbour-lights-1987",
        "password2": "harbour-lights-1987",
    }
    data.update(extra)
    return data


def test_the_page_lists_users_with_their_role(client_for, desk_admin, editor, reporter):
    response = client_for(desk_admin).get(USERS_URL)
    assert response.status_code == 200
    roles = {row["user"].username: row["role"] for row in response.context["rows"]}
    assert roles == {"ada": ADMIN, "ed": EDITOR, "rita": REPORTER}
    assert "/admin/auth/user/" in response.content.decode()


@pytest.mark.parametrize("who", ["editor", "reporter", "outsider"])
def test_only_admins_create_users(client_for, request, who):
    response = client_for(request.getfixturevalue(who)).post(USERS_URL, _new_user())
    assert response.status_code == 403
    assert not User.objects.filter(username="nina").exists()


def test_anonymous_visitors_cannot_create_users(client_for, db):
    response = client_for(None).post(USERS_URL, _new_user())
    assert response.status_code == 302
    assert not User.objects.filter(username="nina").exists()


def test_an_admin_creates_a_user_with_a_role(client_for, desk_admin):
    response = client_for(desk_admin).post(USERS_URL, _new_user())
    assert response.status_code == 302
    nina = User.objects.get(username="nina")
    assert role_names(nina) == {EDITOR}
    assert nina.check_password("harbour-lights-1987")


def test_creating_over_htmx_redirects_the_client(client_for, desk_admin):
    response = client_for(desk_admin).post(USERS_URL, _new_user(role=REPORTER), **HTMX)
    assert response["HX-Redirect"] == USERS_URL
    assert role_names(User.objects.get(username="nina")) == {REPORTER}


def test_a_weak_password_or_taken_name_is_refused_in_the_form_partial(client_for, desk_admin):
    response = client_for(desk_admin).post(
        USERS_URL,
        _new_user(username="ADA", password1="password", password2="password"),
        **HTMX,
    )
    html = response.content.decode()
    assert html.strip().startswith('<form id="user-create"')
    assert "already exists" in html
    assert "too common" in html
    assert User.objects.count() == 1


def test_an_admin_sets_a_role(client_for, desk_admin, reporter):
    response = client_for(desk_admin).post(f"/sources/users/{reporter.pk}/role/", {"role": EDITOR})
    assert response.status_code == 302
    assert role_names(User.objects.get(pk=reporter.pk)) == {EDITOR}


def test_setting_a_role_over_htmx_returns_the_row(client_for, desk_admin, reporter):
    response = client_for(desk_admin).post(
        f"/sources/users/{reporter.pk}/role/", {"role": ADMIN}, **HTMX
    )
    html = response.content.decode()
    assert html.strip().startswith(f'<tr id="user-{reporter.pk}"')
    assert "rita is now admin." in html
    assert is_admin(User.objects.get(pk=reporter.pk))


def test_the_last_admin_is_told_why_the_role_stays(client_for, desk_admin):
    response = client_for(desk_admin).post(
        f"/sources/users/{desk_admin.pk}/role/", {"role": REPORTER}, **HTMX
    )
    assert "at least one admin" in response.content.decode()
    assert is_admin(User.objects.get(pk=desk_admin.pk))


@pytest.mark.parametrize("who", ["editor", "reporter", "outsider"])
def test_only_admins_set_roles(client_for, request, who, reporter):
    user = request.getfixturevalue(who)
    response = client_for(user).post(f"/sources/users/{reporter.pk}/role/", {"role": ADMIN})
    assert response.status_code == 403
    assert role_names(User.objects.get(pk=reporter.pk)) == {REPORTER}


def test_role_changes_refuse_get_and_unknown_roles(client_for, desk_admin, reporter):
    client = client_for(desk_admin)
    assert client.get(f"/sources/users/{reporter.pk}/role/").status_code == 405
    client.post(f"/sources/users/{reporter.pk}/role/", {"role": "owner"})
    assert role_names(User.objects.get(pk=reporter.pk)) == {REPORTER}
