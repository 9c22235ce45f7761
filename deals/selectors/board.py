"""The deal board's reads: filtering, per-column slices, column totals and card facts.

Built so the number of queries does not grow with the number of deals: one
query for the column totals, one for every column's first cards (a window
function), then one each for parties, coverage counts and pending flags of
the cards shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from articles.models import Source
from deals.models import Company, Deal, DealArticle, DealParty, DealUpdate, Kind, Stage
from deals.roles import AnyUser

COLUMN_LIMIT = 15  # about two screens of cards; "more" loads the next on scroll
GROUPS = ("stage", "kind", "region")
MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class BoardFilters:
    """Cleaned board parameters (the names of DESIGN.md, plus the issue's extras)."""

    q: str = ""
    stage: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    sector: str = ""
    country: str = ""
    region: str = ""
    company: Company | None = None
    source: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    value_min: Decimal | None = None  # USD millions
    value_max: Decimal | None = None
    pending: bool = False
    stale: int | None = None  # days without news while rumoured or in talks
    owner: User | None = None
    group: str = "stage"

    @property
    def reads_related(self) -> bool:
        """Filters answered through parties, coverage or flags (EXISTS), not the deal's index."""
        return bool(
            self.q or self.sector or self.country or self.company or self.source or self.pending
        )


def board_deals() -> QuerySet[Deal]:
    """Deals on the board: not dismissed, not merged away."""
    return Deal.objects.filter(dismissed=False, merged_into__isnull=True)


def day_range(field: str, first: date | None, last: date | None) -> Q:
    """`field` within whole days, `first` and `last` included (either may be open)."""
    q = Q()
    if first:
        q &= Q(**{f"{field}__gte": timezone.make_aware(datetime.combine(first, time.min))})
    if last:
        next_day = datetime.combine(last + timedelta(days=1), time.min)
        q &= Q(**{f"{field}__lt": timezone.make_aware(next_day)})
    return q


def _party_exists(**lookups) -> Exists:
    return Exists(DealParty.objects.filter(deal=OuterRef("pk"), **lookups))


def filter_deals(qs: QuerySet[Deal], f: BoardFilters) -> QuerySet[Deal]:
    """Apply the board's filters; party and source filters use EXISTS so rows never repeat."""
    if f.q:
        qs = qs.filter(Q(title__icontains=f.q) | _party_exists(company__name__icontains=f.q))
    if f.stage:
        qs = qs.filter(stage__in=f.stage)
    if f.kind:
        qs = qs.filter(kind__in=f.kind)
    if f.sector:
        qs = qs.filter(_party_exists(company__sector__iexact=f.sector))
    if f.country:
        qs = qs.filter(_party_exists(company__country__iexact=f.country))
    if f.region:
        qs = qs.filter(region__iexact=f.region)
    if f.company is not None:
        qs = qs.filter(_party_exists(company=f.company))
    if f.source is not None:
        qs = qs.filter(
            Exists(DealArticle.objects.filter(deal=OuterRef("pk"), article__source_id=f.source))
        )
    qs = qs.filter(day_range("last_activity_at", f.date_from, f.date_to))
    if f.value_min is not None:
        qs = qs.filter(value_usd__gte=f.value_min * MILLION)
    if f.value_max is not None:
        qs = qs.filter(value_usd__lte=f.value_max * MILLION)
    if f.pending:
        qs = qs.filter(
            Exists(
                DealUpdate.objects.filter(
                    deal=OuterRef("pk"), status=DealUpdate.Status.PENDING, is_sample=False
                )
            )
        )
    if f.stale is not None:
        # The same notion of stale as the periodic deals_mark_stale, with the editor's N days.
        qs = qs.filter(
            stage__in=(Stage.RUMOURED, Stage.IN_TALKS),
            last_activity_at__lt=timezone.now() - timedelta(days=f.stale),
        )
    if f.owner is not None:
        qs = qs.filter(owner=f.owner)
    return qs


@dataclass
class Column:
    key: str
    label: str
    count: int = 0
    total_usd: Decimal = Decimal(0)
    deals: list[Deal] = field(default_factory=list)

    @property
    def has_more(self) -> bool:
        return len(self.deals) < self.count


def _column_keys(group: str, totals: dict[str, dict]) -> list[tuple[str, str]]:
    if group == "kind":
        return list(Kind.choices)
    if group == "region":
        return [(key, key or "No region") for key in sorted(totals)]
    return list(Stage.choices)


def _parties_prefetch() -> Prefetch:
    return Prefetch("parties", queryset=DealParty.objects.select_related("company"))


def with_card_prefetch(qs: QuerySet[Deal]) -> QuerySet[Deal]:
    return qs.select_related("owner").prefetch_related(_parties_prefetch())


def annotate_cards(deals: list[Deal]) -> list[Deal]:
    """Set `n_articles` and `n_pending` on each card: two queries for any number of cards."""
    ids = [d.pk for d in deals]
    if not ids:
        return deals
    articles = dict(
        DealArticle.objects.filter(deal_id__in=ids)
        .values_list("deal_id")
        .annotate(n=Count("id"))
        .values_list("deal_id", "n")
    )
    pending = dict(
        # Low-confidence samples wait in the review queue without marking the board's cards.
        DealUpdate.objects.filter(
            deal_id__in=ids, status=DealUpdate.Status.PENDING, is_sample=False
        )
        .values_list("deal_id")
        .annotate(n=Count("id"))
        .values_list("deal_id", "n")
    )
    for deal in deals:
        deal.n_articles = articles.get(deal.pk, 0)
        deal.n_pending = pending.get(deal.pk, 0)
    return deals


ORDER = ("-last_activity_at", "-id")


def _union_cards(qs: QuerySet[Deal], group: str, keys: list[str], limit: int) -> list[Deal]:
    """PostgreSQL, filters the deal's own indexes answer: a UNION ALL of one index-ordered
    LIMIT per column, which reads only the rows shown."""
    base = qs.select_related("owner").order_by(*ORDER)
    parts = [base.filter(**{group: key})[:limit] for key in keys]
    cards = list(parts[0].union(*parts[1:], all=True)) if len(parts) > 1 else list(parts[0])
    prefetch_related_objects(cards, _parties_prefetch())
    cards.sort(key=lambda d: (d.last_activity_at, d.pk), reverse=True)
    return annotate_cards(cards)


def _ranked_cards(qs: QuerySet[Deal], group: str, limit: int) -> tuple[list[Deal], dict]:
    """One pass for everything else: ROW_NUMBER() picks each column's first cards, and
    COUNT/SUM over the same partition give the column totals, so filters that join parties
    or coverage are evaluated once. A column with no card has no deal at all."""
    partition = [F(group)]
    ranked = qs.annotate(
        rank=Window(
            RowNumber(),
            partition_by=partition,
            order_by=[F("last_activity_at").desc(), F("id").desc()],
        ),
        column_n=Window(Count("id"), partition_by=partition),
        column_usd=Window(Sum("value_usd"), partition_by=partition),
    ).filter(rank__lte=limit)
    cards = annotate_cards(list(with_card_prefetch(ranked).order_by(*ORDER)))
    totals = {getattr(d, group): {"n": d.column_n, "usd": d.column_usd} for d in cards}
    return cards, totals


def board_columns(f: BoardFilters, *, limit: int = COLUMN_LIMIT) -> list[Column]:
    """Every column with its count, total USD and first `limit` cards, newest movement first.

    Two queries at most for any number of deals (plus parties, coverage and flag counts).
    """
    qs = filter_deals(board_deals(), f)
    group = f.group if f.group in GROUPS else "stage"
    per_column = (
        group == "stage"
        and not f.reads_related
        and connection.features.supports_slicing_ordering_in_compound
    )
    if per_column:
        totals = {
            row[group]: row
            for row in qs.order_by().values(group).annotate(n=Count("id"), usd=Sum("value_usd"))
        }
        keys = [key for key, row in totals.items() if row["n"]]
        cards = _union_cards(qs, group, keys, limit) if keys else []
    else:
        cards, totals = _ranked_cards(qs, group, limit)
    columns = {
        key: Column(
            key=key,
            label=label,
            count=totals.get(key, {}).get("n", 0),
            total_usd=totals.get(key, {}).get("usd") or Decimal(0),
        )
        for key, label in _column_keys(group, totals)
    }
    for deal in cards:
        column = columns.get(getattr(deal, group))
        if column is not None:
            column.deals.append(deal)
    return list(columns.values())


def column_page(f: BoardFilters, key: str, *, offset: int, limit: int = COLUMN_LIMIT) -> list[Deal]:
    """The next cards of one column, for its "more" button."""
    group = f.group if f.group in GROUPS else "stage"
    qs = filter_deals(board_deals(), f).filter(**{group: key}).order_by(*ORDER)
    return annotate_cards(list(with_card_prefetch(qs)[offset : offset + limit]))


def filtered_deals_for_export(f: BoardFilters) -> QuerySet[Deal]:
    """Every deal the filters match, for CSV: parties prefetched, iterated in chunks."""
    return with_card_prefetch(filter_deals(board_deals(), f)).order_by("stage", "-last_activity_at")


def new_flag_count(since: datetime) -> int:
    return DealUpdate.objects.filter(status=DealUpdate.Status.PENDING, created_at__gt=since).count()


def filter_choices(viewer: AnyUser | None) -> dict[str, list[str]]:
    """Values for the sector and country selects: two small DISTINCT queries, over the
    companies `viewer` may see."""
    from deals.selectors.deals import visible_companies  # deals.py builds on this module

    companies = visible_companies(viewer).filter(merged_into__isnull=True).order_by()
    return {
        "sectors": sorted(s for s in companies.values_list("sector", flat=True).distinct() if s),
        "countries": sorted(c for c in companies.values_list("country", flat=True).distinct() if c),
    }


def source_choices() -> QuerySet:
    return Source.objects.order_by("name").values_list("id", "name")
