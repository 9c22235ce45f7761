"""The desk's roles. Groups are created by a data migration; code asks these helpers."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

EDITOR = "editor"
REPORTER = "reporter"
ADMIN = "admin"
ROLES = (EDITOR, REPORTER, ADMIN)

AnyUser = User | AnonymousUser


def role_names(user: AnyUser) -> frozenset[str]:
    """The user's roles, cached on the user object for the length of a request."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_dealdesk_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user._dealdesk_roles = cached
    return cached


def is_editor(user: AnyUser) -> bool:
    return EDITOR in role_names(user)


def is_reporter(user: AnyUser) -> bool:
    return REPORTER in role_names(user)


def is_admin(user: AnyUser) -> bool:
    return ADMIN in role_names(user) or (user.is_authenticated and user.is_superuser)


def is_staff_member(user: AnyUser) -> bool:
    """Anyone on the desk: may read the board, deals, companies and articles."""
    return bool(role_names(user)) or is_admin(user)


def require_role(*allowed: str):
    """View decorator: 403 unless the user holds one of the roles (admins pass ADMIN)."""
    from functools import wraps

    from django.core.exceptions import PermissionDenied

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            names = role_names(request.user)
            if not (names & set(allowed)) and not (ADMIN in allowed and is_admin(request.user)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
