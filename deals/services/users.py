"""Creating desk users and giving them their role (one of the role groups)."""

from __future__ import annotations

import logging

from django.contrib.auth.models import Group, User
from django.db import transaction

from deals.roles import ADMIN, ROLES

log = logging.getLogger(__name__)


class RoleChangeError(ValueError):
    """A role change that would leave the desk without an admin, or names no role."""


def _admin_count() -> int:
    return (
        User.objects.filter(is_active=True)
        .filter(groups__name=ADMIN)
        .union(User.objects.filter(is_active=True, is_superuser=True))
        .count()
    )


def _apply_role(user: User, role: str) -> None:
    if role and role not in ROLES:
        raise RoleChangeError(f"unknown role {role!r}")
    user.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(name=role))
    if role:
        user.groups.add(Group.objects.get(name=role))
    # The Django admin checks the role (newsroom/urls.py); is_staff keeps its login page happy.
    staff = role == ADMIN or user.is_superuser
    if user.is_staff != staff:
        user.is_staff = staff
        user.save(update_fields=["is_staff"])
    user.__dict__.pop("_dealdesk_roles", None)


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    actor: User | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """A new active user holding `role` ("" for none). The caller validated the password."""
    user = User.objects.create_user(
        username=username,
        password=password,
        first_name=first_name,
        last_name=last_name,
        email=email,
    )
    _apply_role(user, role)
    log.info("user %s created with role %r by %s", user.username, role, actor)
    return user


@transaction.atomic
def user_set_role(*, user: User, role: str, actor: User | None) -> bool:
    """Give `user` exactly one role ("" removes them all). False when nothing changes.

    Refuses to take the admin role from the last active admin, so the desk
    can't lock itself out of its sources and users.
    """
    current = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
    if current == ({role} if role else set()):
        return False
    if ADMIN in current and role != ADMIN and not user.is_superuser:
        # Lock the admins' rows so two admins demoting each other can't both succeed.
        list(User.objects.select_for_update().filter(groups__name=ADMIN))
        if _admin_count() <= 1:
            raise RoleChangeError("the desk needs at least one admin")
    _apply_role(user, role)
    log.info("user %s given role %r by %s (was %s)", user.username, role, actor, sorted(current))
    return True
