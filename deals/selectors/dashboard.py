"""The dashboard's figures: deals per month by kind and by stage, and ingestion health."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from articles.models import Article, Source
from deals.models import Deal, DealUpdate, Kind, Stage

MONTHS = 24
CHART_W, CHART_H, GAP = 720, 180, 4


def _month_starts(today: date, n: int) -> list[date]:
    months = []
    year, month = today.year, today.month
    for _ in range(n):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


@dataclass
class Bar:
    x: float
    label: str
    total: int
    segments: list[dict] = field(default_factory=list)


@dataclass
class Chart:
    title: str
    series: list[tuple[str, str]]  # (value, label)
    bars: list[Bar]
    peak: int
    width: int = CHART_W
    height: int = CHART_H
    bar_width: float = 0.0
    ticks: list[dict] = field(default_factory=list)


def _chart(title: str, series, months: list[date], counts: dict) -> Chart:
    peak = max([sum(counts[m].values()) for m in months] + [1])
    slot = CHART_W / len(months)
    bars = []
    for i, month in enumerate(months):
        bar = Bar(x=round(i * slot + GAP / 2, 1), label=month.strftime("%b %y"), total=0)
        y = CHART_H
        for value, label in series:
            n = counts[month].get(value, 0)
            if not n:
                continue
            h = round(n / peak * (CHART_H - 10), 1)
            y = round(y - h, 1)
            bar.segments.append({"value": value, "label": label, "n": n, "y": y, "h": h})
            bar.total += n
        bars.append(bar)
    ticks = [{"y": round(CHART_H - f * (CHART_H - 10), 1), "n": round(peak * f)} for f in (0.5, 1)]
    return Chart(
        title=title,
        series=list(series),
        bars=bars,
        peak=peak,
        bar_width=round(slot - GAP, 1),
        ticks=ticks,
    )


def deal_charts(*, today: date | None = None) -> tuple[Chart, Chart]:
    """Deals first reported per month over the last 24 months, by kind and by current stage."""
    today = today or timezone.localdate()
    months = _month_starts(today, MONTHS)
    start = timezone.make_aware(datetime.combine(months[0], time.min))
    rows = (
        Deal.objects.filter(created_at__gte=start, dismissed=False, merged_into__isnull=True)
        .annotate(month=TruncMonth("created_at"))
        .order_by()
        .values("month", "kind", "stage")
        .annotate(n=Count("id"))
    )
    by_kind: dict[date, dict] = defaultdict(lambda: defaultdict(int))
    by_stage: dict[date, dict] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, datetime) else month
        by_kind[month][row["kind"]] += row["n"]
        by_stage[month][row["stage"]] += row["n"]
    return (
        _chart("Deals per month by kind", Kind.choices, months, by_kind),
        _chart("Deals per month by stage", Stage.choices, months, by_stage),
    )


def ingestion_health() -> dict[str, int]:
    today = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    return {
        "articles_today": Article.objects.filter(fetched_at__gte=today).count(),
        "failing_sources": Source.objects.filter(
            enabled=True, consecutive_failures__gte=settings.INGEST_FAILING_AFTER
        ).count(),
        "pending_flags": DealUpdate.objects.filter(status=DealUpdate.Status.PENDING).count(),
    }
