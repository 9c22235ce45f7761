"""Who may see which tip, in one place: every view, partial, search, export, feed and the admin
asks these, never a template.

- the author and editors see a tip and its source;
- another reporter sees a tip only when the author shared it with the desk, and never its source;
- admins manage users but read tips only if they are editors (or reporters) too;
- anonymous, inactive and role-less users see nothing — an author who lost their role included.

The source column is deferred in every queryset here, so listing tips never decrypts a source:
the plaintext is loaded only for the rows whose viewer may read it (`with_sources`), and a
non-author's read goes through `deals.services.tips.tip_source_reveal`, which logs it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from deals import roles
from deals.fields import decrypt
from deals.models import Company, Deal, Tip, TipMatch, TipSourceView

logger = logging.getLogger(__name__)

NOTICE_DAYS = 14
PANEL_LIMIT = 50


def _may_read_tips(user: roles.AnyUser) -> bool:
    return user.is_authenticated and user.is_active


def tips_visible_to(user: roles.AnyUser) -> QuerySet[Tip]:
    if not _may_read_tips(user):
        return Tip.objects.none()
    if roles.is_editor(user):
        tips = Tip.objects.all()
    elif roles.is_reporter(user):
        tips = Tip.objects.filter(Q(author=user) | Q(shared_with_desk=True))
    else:
        return Tip.objects.none()
    return tips.defer("source")


def can_see_source(user: roles.AnyUser, tip: Tip) -> bool:
    """The confidential source: editors, and its author while they still hold a desk role."""
    if not _may_read_tips(user):
        return False
    if roles.is_editor(user):
        return True
    return roles.is_reporter(user) and tip.author_id == user.pk


def can_change_tip(user: roles.AnyUser, tip: Tip) -> bool:
    """Status and follow-up: the author and editors (the same people who may read the source)."""
    return can_see_source(user, tip)


def can_share_tip(user: roles.AnyUser, tip: Tip) -> bool:
    """Sharing with the desk is the author's decision alone."""
    return can_see_source(user, tip) and tip.author_id == user.pk


def can_log_tips(user: roles.AnyUser) -> bool:
    return _may_read_tips(user) and (roles.is_editor(user) or roles.is_reporter(user))


def tip_for(user: roles.AnyUser, pk: int) -> Tip:
    """One tip the user may see; Tip.DoesNotExist (a 404) for every other, so ids reveal nothing."""
    return tips_visible_to(user).select_related("company", "deal", "author").get(pk=pk)


def with_sources(user: roles.AnyUser, tips: list[Tip], *, authored_only: bool = True) -> dict:
    """{tip id: source} for the tips whose source `user` may read inline, in one query.

    Inline means without an audit row: by default only the author's own tips qualify.
    """
    ids = [
        tip.pk
        for tip in tips
        if can_see_source(user, tip) and (tip.author_id == user.pk or not authored_only)
    ]
    return read_sources(ids)


UNREADABLE = "(unreadable: the key that encrypted it is not in TIP_SOURCE_KEYS)"


def read_sources(ids: list[int]) -> dict[int, str]:
    """{tip id: plaintext source}. Callers decide who may read; this only decrypts.

    Ciphertext is fetched raw and decrypted row by row, so one source written under a key
    that has since been removed shows as unreadable instead of failing the whole page.
    """
    if not ids:
        return {}
    tokens = (
        Tip.objects.filter(pk__in=ids)
        .annotate(token=Cast("source", output_field=TextField()))
        .values_list("pk", "token")
    )
    sources = {}
    for pk, token in tokens:
        try:
            sources[pk] = decrypt(token) if token else ""
        except ValueError:
            logger.warning("tip %s: its source cannot be decrypted with TIP_SOURCE_KEYS", pk)
            sources[pk] = UNREADABLE
    return sources


@dataclass(frozen=True)
class TipRow:
    """A tip as a page shows it: `source` is filled only when `show_source` is true."""

    tip: Tip
    is_mine: bool
    show_source: bool
    can_reveal: bool
    can_change: bool
    source: str = ""


def tip_rows(user: roles.AnyUser, tips: list[Tip]) -> list[TipRow]:
    sources = with_sources(user, tips)
    rows = []
    for tip in tips:
        mine = tip.author_id == user.pk
        rows.append(
            TipRow(
                tip=tip,
                is_mine=mine,
                show_source=tip.pk in sources,
                can_reveal=can_see_source(user, tip) and not mine,
                can_change=can_change_tip(user, tip),
                source=sources.get(tip.pk, ""),
            )
        )
    return rows


def tips_panel_for(
    user: roles.AnyUser, *, company: Company | None = None, deal: Deal | None = None
) -> list[TipRow]:
    """The tips panel on a company or a deal page.

    A deal page shows the tips attached to the deal and the unattached tips on its parties.
    """
    tips = tips_visible_to(user).select_related("company", "deal", "author")
    if deal is not None:
        party_ids = [party.company_id for party in deal.parties.all()]
        tips = tips.filter(Q(deal=deal) | Q(deal__isnull=True, company_id__in=party_ids))
    elif company is not None:
        tips = tips.filter(company=company)
    else:
        return []
    return tip_rows(user, list(tips.order_by("-created_at", "-id")[:PANEL_LIMIT]))


@dataclass(frozen=True)
class TipFilters:
    reporter: str = ""
    company: str = ""
    grade: str = ""
    status: str = ""
    q: str = ""
    scope: str = "mine"  # reporters: "mine" or "desk" (tips others shared)


def tips_for_list(user: roles.AnyUser, filters: TipFilters) -> QuerySet[Tip]:
    """/tips/, its CSV and Atom feed: a reporter's own tips (or the desk's shared ones),
    every tip for an editor, narrowed by the filters. The text search reads the body and the
    company, never the source (an encrypted column cannot be searched anyway)."""
    tips = tips_visible_to(user).select_related("company", "deal", "author")
    if not roles.is_editor(user):
        if filters.scope == "desk":
            tips = tips.filter(shared_with_desk=True).exclude(author=user)
        else:
            tips = tips.filter(author=user)
    elif filters.reporter:
        tips = tips.filter(author__username=filters.reporter)
    if filters.company:
        tips = tips.filter(
            Q(company__slug=filters.company) | Q(company__name__iexact=filters.company)
        )
    if filters.grade in Tip.Grade.values:
        tips = tips.filter(grade=filters.grade)
    if filters.status in Tip.Status.values:
        tips = tips.filter(status=filters.status)
    if filters.q:
        tips = tips.filter(Q(body__icontains=filters.q) | Q(company__name__icontains=filters.q))
    return tips.order_by("-created_at", "-id")


def tip_reporters_for(user: roles.AnyUser) -> list[str]:
    """Usernames for the editors' reporter filter: everyone who logged a tip."""
    if not roles.is_editor(user):
        return []
    authors = tips_visible_to(user).values_list("author__username", flat=True)
    return list(authors.distinct().order_by("author__username"))


def follow_ups_for(user: roles.AnyUser, *, today: date | None = None) -> dict[str, list[Tip]]:
    """The user's own open tips whose follow-up date is today or already past."""
    today = today or timezone.localdate()
    due = list(
        tips_visible_to(user)
        .filter(
            author=user,
            status__in=[Tip.Status.NEW, Tip.Status.FOLLOWING],
            follow_up_on__lte=today,
        )
        .select_related("company")
        .order_by("follow_up_on", "id")
    )
    return {
        "today": [tip for tip in due if tip.follow_up_on == today],
        "overdue": [tip for tip in due if tip.follow_up_on < today],
    }


@dataclass(frozen=True)
class TipNotice:
    match: TipMatch
    is_mine: bool


def tip_notices_for(user: roles.AnyUser, *, days: int = NOTICE_DAYS, limit: int = 10) -> list:
    """ "A story from <outlet> may bear out your tip on <company>": for the tip's author, and
    for editors; never for another reporter, even when the tip is shared with the desk."""
    if not _may_read_tips(user):
        return []
    recent = TipMatch.objects.filter(created_at__gte=timezone.now() - timedelta(days=days))
    if not roles.is_editor(user):  # an editor sees every tip's matches
        if not roles.is_reporter(user):
            return []
        recent = recent.filter(tip__author=user)
    # Ids first: on every board view, and usually none. PostgreSQL took ~10 ms to plan the
    # six-table join below, whose execution is well under one; now it is planned only when
    # there is something to show.
    ids = list(recent.order_by("-created_at", "-id").values_list("pk", flat=True)[:limit])
    if not ids:
        return []
    matches = (
        TipMatch.objects.filter(pk__in=ids)
        .select_related("tip__company", "tip__author", "article__source")
        .defer("tip__source", "article__body", "article__analysis")
        .order_by("-created_at", "-id")
    )
    return [TipNotice(match=match, is_mine=match.tip.author_id == user.pk) for match in matches]


def matches_for_tip(user: roles.AnyUser, tip: Tip) -> list[TipMatch]:
    """Stories that may bear out a tip: shown to those who would get its notice."""
    if not can_see_source(user, tip):
        return []
    return list(
        tip.matches.select_related("article__source").defer("article__body", "article__analysis")
    )


def source_views_for(user: roles.AnyUser, *, tip: Tip | None = None) -> QuerySet[TipSourceView]:
    """The audit log of source reads: editors only."""
    if not (_may_read_tips(user) and roles.is_editor(user)):
        return TipSourceView.objects.none()
    views = TipSourceView.objects.select_related("tip__company", "tip__author", "viewer").defer(
        "tip__source"
    )
    if tip is not None:
        views = views.filter(tip=tip)
    return views.order_by("-viewed_at", "-id")
