"""Reads of deals and companies for the deal and company pages, exports and tasks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from articles.analysis.names import normalise_name
from articles.models import Article, Mention
from deals.models import (
    Company,
    CompanyAlias,
    Deal,
    DealArticle,
    DealEvent,
    DealParty,
    DealUpdate,
    Stage,
    sample_born,
)
from deals.roles import AnyUser, is_editor
from deals.selectors.board import annotate_cards, with_card_prefetch
from deals.selectors.tips import TipRow

TIMELINE_LIMIT = 200
WATCHLIST_MIN_USD = Decimal(100_000_000)
WATCHLIST_MAX_USD = Decimal(1_000_000_000)


def deals_for_board() -> QuerySet[Deal]:
    """Deals the board shows: everything not dismissed or merged away, parties prefetched."""
    return Deal.objects.filter(dismissed=False, merged_into__isnull=True).prefetch_related(
        Prefetch("parties", queryset=DealParty.objects.select_related("company"))
    )


def visible_deals(viewer: AnyUser | None) -> QuerySet[Deal]:
    """Deals `viewer` may open: all for an editor (or no viewer: a task, an editor's view);
    for anyone else, not a deal only a low-confidence sample proposed, never accepted."""
    if viewer is None or is_editor(viewer):
        return Deal.objects.all()
    return Deal.objects.exclude(sample_born())


def deal_for_page(pk: int, viewer: AnyUser | None = None) -> Deal:
    """A deal with its owner and parties; dismissed and merged deals stay readable (the record).

    A sample-born deal is a 404 to anyone but an editor (`visible_deals`).
    """
    try:
        return (
            visible_deals(viewer)
            .select_related("owner", "merged_into")
            .prefetch_related(
                Prefetch("parties", queryset=DealParty.objects.select_related("company"))
            )
            .get(pk=pk)
        )
    except Deal.DoesNotExist:
        raise Http404("No such deal") from None


@dataclass
class TimelineEntry:
    kind: str  # "stage" | "edit" | "merge" | "note" | "created" | "article" | "tip"
    at: datetime
    obj: object


# A story's text and analysis are not shown in a deal's timeline or flags: up to 200 stories a
# page, they were most of the bytes read for a deal with much coverage.
UNSHOWN_ARTICLE_FIELDS = (
    "article__body",
    "article__summary",
    "article__analysis",
    "article__error",
)


def deal_timeline(deal: Deal, tips: list[TipRow]) -> list[TimelineEntry]:
    """Stage changes, edits and notes merged with coverage and the viewer's tips, newest first."""
    entries = [
        TimelineEntry(kind=event.type, at=event.at, obj=event)
        for event in DealEvent.objects.filter(deal=deal)
        .select_related("actor", "article__source")
        .defer(*UNSHOWN_ARTICLE_FIELDS)[:TIMELINE_LIMIT]
    ]
    entries += [
        TimelineEntry(kind="article", at=link.article.published_at or link.created_at, obj=link)
        for link in DealArticle.objects.filter(deal=deal)
        .select_related("article__source")
        .defer(*UNSHOWN_ARTICLE_FIELDS)
        .order_by("-created_at")[:TIMELINE_LIMIT]
    ]
    entries += [TimelineEntry(kind="tip", at=row.tip.created_at, obj=row) for row in tips]
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


def visible_companies(viewer: AnyUser | None) -> QuerySet[Company]:
    """Companies `viewer` may see: all for an editor (or no viewer: a task, an editor's view);
    for anyone else, not one that only a low-confidence sample has named (`sample_only`)."""
    if viewer is None or is_editor(viewer):
        return Company.objects.all()
    return Company.objects.filter(sample_only=False)


def article_mentions(article: Article, viewer: AnyUser | None) -> list[Mention]:
    """The companies a story mentions, most mentioned first, as `viewer` may see them."""
    return list(
        Mention.objects.filter(article=article, company__in=visible_companies(viewer))
        .select_related("company")
        .order_by("-count", "company__name")
    )


def hidden_names_in(article: Article, viewer: AnyUser | None) -> frozenset[str]:
    """Normalised names (and aliases) of the story's companies hidden from `viewer`, so a
    page listing the analysis's raw names can leave them out."""
    if viewer is None or is_editor(viewer):
        return frozenset()
    hidden = Company.objects.filter(sample_only=True, mentions__article=article)
    names = {normalise_name(name) for name in hidden.values_list("name", flat=True)}
    names.update(
        CompanyAlias.objects.filter(company__in=hidden).values_list("normalised", flat=True)
    )
    return frozenset(names)


def article_deal_links(
    article: Article, viewer: AnyUser | None
) -> tuple[list[DealArticle], list[DealUpdate]]:
    """A story's coverage links and flags for its page. Anyone but an editor sees no
    low-confidence sample that was not accepted, nor a deal only a sample proposed."""
    links = DealArticle.objects.filter(article=article)
    updates = DealUpdate.objects.filter(article=article)
    if viewer is not None and not is_editor(viewer):
        hidden = Deal.objects.filter(sample_born()).values("pk")
        links = links.exclude(deal__in=hidden)
        updates = updates.exclude(deal__in=hidden).exclude(
            Q(is_sample=True) & ~Q(status=DealUpdate.Status.ACCEPTED)
        )
    return (
        list(links.select_related("deal").order_by("deal_id")),
        list(updates.select_related("deal").order_by("-id")),
    )


def pending_updates_for(deal: Deal) -> list[DealUpdate]:
    return list(
        DealUpdate.objects.filter(deal=deal, status=DealUpdate.Status.PENDING)
        .select_related("article__source")
        .defer(*UNSHOWN_ARTICLE_FIELDS)[:20]
    )


def merge_candidates(deal: Deal) -> QuerySet[Deal]:
    """Open board deals sharing a party with `deal`: the likely duplicates."""
    company_ids = [p.company_id for p in deal.parties.all()]
    return (
        Deal.objects.filter(
            dismissed=False, merged_into__isnull=True, parties__company_id__in=company_ids
        )
        .exclude(pk=deal.pk)
        .distinct()
        .order_by("-last_activity_at")[:20]
    )


# Companies.


def companies_for_list(viewer: AnyUser | None, q: str = "") -> QuerySet[Company]:
    """Live companies `viewer` may see, by name or alias: the list, its type-aheads."""
    qs = visible_companies(viewer).filter(merged_into__isnull=True)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(aliases__alias__icontains=q)).distinct()
    return qs.order_by("name")


def watchlist_companies(viewer: AnyUser | None) -> QuerySet[Company]:
    """The desk's unicorn-in-waiting list: valued between $100 million and $1 billion."""
    return (
        visible_companies(viewer)
        .filter(
            merged_into__isnull=True,
            valuation_usd__gte=WATCHLIST_MIN_USD,
            valuation_usd__lte=WATCHLIST_MAX_USD,
        )
        .order_by("-valuation_usd", "name")
    )


def company_by_slug(slug: str, viewer: AnyUser | None) -> Company:
    """A company `viewer` may see; 404 for unknown slugs and, to anyone but an editor, for
    one only a low-confidence sample has named. Merged companies are handled by the view."""
    try:
        return visible_companies(viewer).select_related("merged_into", "parent").get(slug=slug)
    except Company.DoesNotExist:
        raise Http404("No such company") from None


def company_deals(company: Company, *, limit: int = 30) -> tuple[dict[str, dict], list[Deal]]:
    """Counts and USD totals by stage, and the most recent deals as cards."""
    qs = Deal.objects.filter(
        dismissed=False, merged_into__isnull=True, parties__company=company
    ).distinct()
    by_stage = {
        row["stage"]: row
        for row in Deal.objects.filter(pk__in=qs.values("pk"))
        .order_by()
        .values("stage")
        .annotate(n=Count("id"), usd=Sum("value_usd"))
    }
    stages = {
        value: {"label": label, "n": by_stage.get(value, {}).get("n", 0)}
        for value, label in Stage.choices
    }
    recent = annotate_cards(
        list(with_card_prefetch(qs.order_by("-last_activity_at", "-id"))[:limit])
    )
    return stages, recent


def company_articles(company: Company, *, limit: int = 20) -> list[Article]:
    return list(
        Article.objects.filter(pk__in=Mention.objects.filter(company=company).values("article_id"))
        .select_related("source")
        .order_by("-published_at", "-id")[:limit]
    )
