from django.http import HttpRequest

from deals import roles as role_checks


def roles(request: HttpRequest) -> dict:
    """Role flags for navigation only; every permission is enforced in selectors and services."""
    user = request.user
    return {
        "is_editor": role_checks.is_editor(user),
        "is_reporter": role_checks.is_reporter(user),
        "is_admin": role_checks.is_admin(user),
    }
