"""Ingestion tasks: poll due sources, fetch one source, analyse one story.

Each task takes ids, fetches fresh rows, calls a service and owns only
retries. All are idempotent, so `acks_late` with `reject_on_worker_lost` is
safe: a worker that dies mid-task has its message redelivered and the rerun
finds the work either done or untouched.
"""

from __future__ import annotations

import logging
import random
from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from articles.feeds import FeedParseError
from articles.fetch import FetchError, TransientFetchError
from articles.models import Article, Source
from articles.services import (
    ANALYSIS_BATCH,
    ANALYSIS_MAX_ATTEMPTS,
    article_analyse,
    articles_analyse,
    source_claim_due,
    source_poll,
    source_record_failure,
)

log = logging.getLogger(__name__)

# A story stored but still unanalysed after this long lost its task (a poller died between
# commit and enqueue); the next beat re-queues it.
REQUEUE_AFTER = timedelta(minutes=10)
ANALYSIS_SOFT_LIMIT = 30
ANALYSIS_HARD_LIMIT = 45


def _backoff(retries: int, base: int = 30, cap: int = 600) -> int:
    """Exponential back-off with full jitter, in seconds."""
    return random.randint(base // 2, min(cap, base * 2**retries))


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def poll_due_sources() -> dict[str, int]:
    """Beat, every minute: one fetch task per due source, and re-queue stories that lost theirs."""
    claimed = source_claim_due()
    for source_id in claimed:
        fetch_source.delay(source_id)
    stuck = list(
        Article.objects.filter(
            state=Article.State.NEW,
            attempts__lte=ANALYSIS_MAX_ATTEMPTS,
            fetched_at__lt=timezone.now() - REQUEUE_AFTER,
        ).values_list("pk", flat=True)[:1000]
    )
    for start in range(0, len(stuck), ANALYSIS_BATCH):
        analyse_articles.delay(stuck[start : start + ANALYSIS_BATCH])
    return {"sources": len(claimed), "requeued": len(stuck)}


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    max_retries=None,  # bounded by INGEST_FETCH_RETRIES below, read at run time
)
def fetch_source(self, source_id: int) -> dict[str, int | str]:
    """Fetch one source and store its new stories. Transient errors retry; the rest are recorded."""
    source = Source.objects.filter(pk=source_id, enabled=True).first()
    if source is None:
        return {"status": "gone"}
    try:
        report = source_poll(source=source)
    except TransientFetchError as exc:
        if self.request.retries < settings.INGEST_FETCH_RETRIES:
            log.info("source %s: %s; retry %s", source_id, exc, self.request.retries + 1)
            raise self.retry(exc=exc, countdown=_backoff(self.request.retries)) from None
        source_record_failure(source=source, error=str(exc), status=exc.status)
        return {"status": "failed"}
    except (FetchError, FeedParseError) as exc:
        # Never retried: a 404, a refused address or a broken feed will not mend in a minute.
        source_record_failure(source=source, error=str(exc), status=getattr(exc, "status", None))
        return {"status": "failed"}
    except SoftTimeLimitExceeded:
        source_record_failure(source=source, error="polling took longer than the time limit")
        return {"status": "failed"}
    if report is None:
        return {"status": "not_modified"}
    return {"status": "ok", "new": len(report.new_ids), "duplicates": len(report.duplicate_ids)}


_ANALYSIS_TASK = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "ignore_result": True,
    "max_retries": 5,
    "soft_time_limit": ANALYSIS_SOFT_LIMIT,
    "time_limit": ANALYSIS_HARD_LIMIT,
}


@shared_task(**_ANALYSIS_TASK)
def analyse_articles(self, article_ids: list[int]) -> dict[str, int]:
    """Analyse a batch of stories and raise their flags. Only database hiccups are retried."""
    try:
        outcomes = articles_analyse(article_ids=article_ids)
    except OperationalError as exc:
        raise self.retry(
            exc=exc, countdown=_backoff(self.request.retries, base=5, cap=120)
        ) from None
    counts: dict[str, int] = {}
    for outcome in outcomes.values():
        counts[outcome.state] = counts.get(outcome.state, 0) + 1
    return counts


@shared_task(**_ANALYSIS_TASK)
def analyse_article(self, article_id: int) -> str:
    """Analyse one story (a re-queued one, or one added by hand)."""
    try:
        return article_analyse(article_id=article_id).state
    except OperationalError as exc:
        raise self.retry(
            exc=exc, countdown=_backoff(self.request.retries, base=5, cap=120)
        ) from None
