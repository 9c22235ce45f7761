"""Who may see which tip, in one place: every view, partial, search, export, feed and the admin
asks these, never a template.

- the author and editors see a tip and its source;
- another reporter sees a tip only when the author shared it with the desk, and never its source;
- admins manage users but read tips only if they are editors (or reporters) too;
- anonymous and role-less users see nothing.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from deals import roles
from deals.models import Tip


def tips_visible_to(user: roles.AnyUser) -> QuerySet[Tip]:
    if roles.is_editor(user):
        return Tip.objects.all()
    if roles.is_reporter(user):
        return Tip.objects.filter(Q(author=user) | Q(shared_with_desk=True))
    return Tip.objects.none()


def can_see_source(user: roles.AnyUser, tip: Tip) -> bool:
    """The confidential source: its author and editors only."""
    if not user.is_authenticated:
        return False
    return tip.author_id == user.pk or roles.is_editor(user)
