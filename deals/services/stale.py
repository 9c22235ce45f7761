"""Marking deals nobody has reported on for a while, so the board can set them aside."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from deals.models import Deal, DealArticle, Stage

STALE_STAGES = (Stage.RUMOURED, Stage.IN_TALKS)


def _stale_now(cutoff: datetime) -> QuerySet[Deal]:
    """Rumoured or in-talks deals with no activity and no new article since `cutoff`.

    "New article" is a story linked to the deal that was published, fetched or
    linked after the cutoff; activity is `last_activity_at`, which stage moves
    and incoming coverage bump.
    """
    recent = DealArticle.objects.filter(deal=OuterRef("pk")).filter(
        Q(created_at__gte=cutoff)
        | Q(article__published_at__gte=cutoff)
        | Q(article__published_at__isnull=True, article__fetched_at__gte=cutoff)
    )
    return (
        Deal.objects.filter(stage__in=STALE_STAGES, dismissed=False, merged_into__isnull=True)
        .filter(last_activity_at__lt=cutoff)
        .filter(~Exists(recent))
    )


@transaction.atomic
def deals_mark_stale(*, now: datetime | None = None) -> int:
    """Set `is_stale` on deals quiet for STALE_DEAL_DAYS and clear it where news came back.

    Returns how many deals became stale. Idempotent: a second run changes
    nothing. The flag is derived from coverage and is no editorial decision,
    so no DealEvent is written; new coverage (ingestion's apply_signals) and
    stage moves clear it at once, and this run also clears any it finds no
    longer quiet.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.STALE_DEAL_DAYS)
    quiet = _stale_now(cutoff)
    Deal.objects.filter(is_stale=True).exclude(pk__in=quiet.values("pk")).update(is_stale=False)
    return quiet.filter(is_stale=False).update(is_stale=True)
