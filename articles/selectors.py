"""Reads of sources and articles shared by views, tasks and the admin."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.canonical import canonical_url
from articles.models import Article, Source
from deals.models import Deal, DealArticle, DealEvent, DealUpdate, Stage

EARLY_STAGES = frozenset({Stage.RUMOURED, Stage.IN_TALKS})
CONFIRMED_STAGES = frozenset({Stage.AGREED, Stage.COMPLETED})


def source_by_canonical_url(url: str, *, exclude_pk: int | None = None) -> Source | None:
    """The source already reading `url` under another spelling (case, tracking, default port).

    Compared in Python: a desk has tens of sources, and stored URLs are not
    all canonical.
    """
    canonical = canonical_url(url)
    for other in Source.objects.exclude(pk=exclude_pk).exclude(url="").only("name", "url"):
        if canonical_url(other.url) == canonical:
            return other
    return None


def _count_subquery(queryset: QuerySet, group_by: str) -> Coalesce:
    """A correlated COUNT(*) grouped on `group_by`: one column, no join fan-out."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def sources_with_health(*, now: datetime | None = None) -> QuerySet[Source]:
    """Every source with the figures the sources page shows, in one query.

    Articles are counted by when ingestion stored them (`fetched_at`), not by
    the date the outlet printed: the page answers "is this source producing",
    and a backfilled archive would otherwise look dead. Flags are every
    DealUpdate raised from the source's articles, whatever became of them.
    Health, last success, last error and status, and next poll are fields of
    the row itself (`Source.health`).
    """
    now = now or timezone.now()
    own_articles = Article.objects.filter(source=OuterRef("pk"))
    return Source.objects.annotate(
        articles_24h=_count_subquery(
            own_articles.filter(fetched_at__gte=now - timedelta(hours=24)), "source"
        ),
        articles_7d=_count_subquery(
            own_articles.filter(fetched_at__gte=now - timedelta(days=7)), "source"
        ),
        flags_raised=_count_subquery(
            DealUpdate.objects.filter(article__source=OuterRef("pk")), "article__source"
        ),
        has_articles=Exists(own_articles),
    ).order_by("name")


@dataclass(frozen=True)
class TrackRecord:
    """How a source's early reports turned out (see `source_track_records`)."""

    reported: int = 0
    confirmed: int = 0
    called_off: int = 0
    median_days_ahead: float | None = None

    @property
    def open(self) -> int:
        return self.reported - self.confirmed - self.called_off

    @property
    def resolved(self) -> int:
        return self.confirmed + self.called_off

    @property
    def hit_rate(self) -> float | None:
        return self.confirmed / self.resolved if self.resolved else None


@dataclass
class _Report:
    source_id: int
    at: datetime  # when the outlet published it (fetched, if it gave no date)
    linked_at: datetime | None  # when ingestion tied it to the deal
    stage: str = ""  # the stage its flag proposed, if it raised one that was not rejected


def _stage_at(moves: list[tuple[datetime, str, str]], current: str, when: datetime) -> str:
    """The deal's stage at `when`, replayed from its stage events (sorted by time)."""
    stage = moves[0][1] if moves else current
    for at, _from, to in moves:
        if at > when:
            break
        stage = to
    return stage


def source_track_records(source_ids: Iterable[int] | None = None) -> dict[int, TrackRecord]:
    """Track records for the given sources (all when None), in three queries.

    Definition, per source S:

    - A deal counts for S when S's *first* article on it (earliest by
      publication date, else fetch date) reported it as `rumoured` or
      `in_talks`. The stage an article reported is the stage its flag proposed
      (a DealUpdate from that article for that deal, unless an editor rejected
      it); an article that raised no flag was coverage only, so it reported the
      stage the deal had when ingestion linked it, replayed from the deal's
      stage events. Articles are S's through coverage (DealArticle) or flags.
    - Of those deals, *confirmed* are the ones that later reached `agreed` or
      `completed` (a stage event to either, or the current stage), even if
      called off afterwards; *called off* are the others whose stage is now
      `called_off`; the rest are still open.
    - *Days ahead*, per confirmed deal: from S's first article to the first
      confirming report, the earliest of any outlet's article reporting
      `agreed`/`completed` (a non-rejected flag, or coverage while the deal
      was at that stage) and the stage event that moved it there (its
      article's date, else when it was accepted). Never negative; the median
      over S's confirmed deals.

    Deals an editor dismissed (a rejected "new deal" flag) or merged into
    another are left out: they say more about the analysis than the source.
    """
    ids = None if source_ids is None else list(source_ids)
    deals = Deal.objects.filter(dismissed=False, merged_into__isnull=True)
    if ids is not None:
        deals = deals.filter(
            Q(pk__in=DealArticle.objects.filter(article__source_id__in=ids).values("deal_id"))
            | Q(pk__in=DealUpdate.objects.filter(article__source_id__in=ids).values("deal_id"))
        )
    deal_ids = deals.values("pk")
    # One datetime per story (parsing them is most of the cost on a big desk).
    reported_at = Coalesce("article__published_at", "article__fetched_at")
    coverage = DealArticle.objects.filter(deal_id__in=deal_ids).annotate(reported_at=reported_at)
    # A low-confidence sample is the analysis asking, not the source reporting, until accepted.
    flags = (
        DealUpdate.objects.filter(deal_id__in=deal_ids, article__isnull=False)
        .exclude(is_sample=True, status__in=(DealUpdate.Status.PENDING, DealUpdate.Status.REJECTED))
        .annotate(reported_at=reported_at)
    )

    reports: dict[int, dict[int, _Report]] = defaultdict(dict)
    current: dict[int, str] = {}
    for deal_id, article_id, source_id, at, linked, stage in coverage.values_list(
        "deal_id", "article_id", "article__source_id", "reported_at", "created_at", "deal__stage"
    ):
        reports[deal_id][article_id] = _Report(source_id, at, linked)
        current[deal_id] = stage
    for deal_id, article_id, source_id, at, proposed, status, stage in flags.values_list(
        "deal_id",
        "article_id",
        "article__source_id",
        "reported_at",
        "proposed_stage",
        "status",
        "deal__stage",
    ):
        report = reports[deal_id].setdefault(article_id, _Report(source_id, at, None))
        if status != DealUpdate.Status.REJECTED and (
            not report.stage or proposed in CONFIRMED_STAGES
        ):
            report.stage = proposed
        current[deal_id] = stage

    moves: dict[int, list[tuple[datetime, str, str]]] = defaultdict(list)
    confirmed_at: dict[int, datetime] = {}
    events = DealEvent.objects.filter(deal_id__in=deal_ids, type=DealEvent.Type.STAGE)
    events = events.annotate(reported_at=reported_at).order_by("at", "id")
    for deal_id, at, from_stage, to_stage, reported in events.values_list(
        "deal_id", "at", "from_stage", "to_stage", "reported_at"
    ):
        moves[deal_id].append((at, from_stage, to_stage))
        if to_stage in CONFIRMED_STAGES:
            when = reported or at
            confirmed_at[deal_id] = min(when, confirmed_at.get(deal_id, when))

    per_source: dict[int, dict[str, list]] = defaultdict(
        lambda: {"reported": [], "confirmed": [], "called_off": [], "ahead": []}
    )
    for deal_id, by_article in reports.items():
        deal_moves = moves.get(deal_id, [])
        for report in by_article.values():
            if not report.stage:
                linked = report.linked_at or report.at
                report.stage = _stage_at(deal_moves, current[deal_id], linked)
            if report.stage in CONFIRMED_STAGES:
                first = confirmed_at.get(deal_id, report.at)
                confirmed_at[deal_id] = min(first, report.at)
        reached = current[deal_id] in CONFIRMED_STAGES or any(
            to in CONFIRMED_STAGES for _at, _from, to in deal_moves
        )
        firsts: dict[int, _Report] = {}
        for report in sorted(by_article.values(), key=lambda r: r.at):
            firsts.setdefault(report.source_id, report)
        for source_id, first in firsts.items():
            if ids is not None and source_id not in ids:
                continue
            if first.stage not in EARLY_STAGES:
                continue
            tally = per_source[source_id]
            tally["reported"].append(deal_id)
            if reached:
                tally["confirmed"].append(deal_id)
                if deal_id in confirmed_at:
                    ahead = (confirmed_at[deal_id] - first.at).total_seconds() / 86400
                    tally["ahead"].append(max(ahead, 0.0))
            elif current[deal_id] == Stage.CALLED_OFF:
                tally["called_off"].append(deal_id)

    return {
        source_id: TrackRecord(
            reported=len(tally["reported"]),
            confirmed=len(tally["confirmed"]),
            called_off=len(tally["called_off"]),
            median_days_ahead=(
                round(statistics.median(tally["ahead"]), 1) if tally["ahead"] else None
            ),
        )
        for source_id, tally in per_source.items()
    }


def source_track_record(source: Source) -> TrackRecord:
    return source_track_records([source.pk]).get(source.pk, TrackRecord())


# What a tier is worth before the source has a record: the mean of the Beta prior.
TIER_PRIOR = {Source.Tier.WIRE: 0.8, Source.Tier.ESTABLISHED: 0.65, Source.Tier.UNVERIFIED: 0.45}
# How many resolved deals the prior weighs, so a new source isn't judged on two deals.
PRIOR_STRENGTH = 6
# Records move over weeks; recomputing them (a pass over all coverage) every few minutes is plenty.
TRACK_RECORD_CACHE_SECONDS = 300


def source_track_records_cached() -> dict[int, TrackRecord]:
    """`source_track_records()` for every source, cached for a few minutes.

    The key carries the set of sources (count, newest id and creation time),
    so a source added, removed or recreated under a reused id is never
    served another source's record.
    """
    stamp = Source.objects.aggregate(n=Count("pk"), top=Max("pk"), newest=Max("created_at"))
    newest = stamp["newest"].timestamp() if stamp["newest"] else 0
    key = f"articles:track-records:{stamp['n']}:{stamp['top']}:{newest}"
    records = cache.get(key)
    if records is None:
        records = source_track_records()
        cache.set(key, records, TRACK_RECORD_CACHE_SECONDS)
    return records


def reliability_from(tier: int, record: TrackRecord) -> float:
    """Posterior mean of a Beta prior centred on the tier, updated by resolved deals.

    Open deals say nothing yet, so only confirmed and called-off ones count.
    With no record it is the tier's prior; after many resolved deals, the
    source's own hit rate.
    """
    prior = TIER_PRIOR.get(tier, TIER_PRIOR[Source.Tier.UNVERIFIED])
    return (record.confirmed + PRIOR_STRENGTH * prior) / (record.resolved + PRIOR_STRENGTH)


def source_reliability(source: Source) -> float:
    """How far to trust `source`, in [0, 1]: its tier, corrected by its track record.

    Ingestion asks this for every flag it raises, so the records behind it
    are cached (`source_track_records_cached`): one small query per call.
    """
    record = source_track_records_cached().get(source.pk, TrackRecord())
    return reliability_from(source.credibility_tier, record)
