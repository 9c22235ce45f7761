"""Periodic work on deals. Tasks take ids or nothing, and call one service."""

from __future__ import annotations

from celery import shared_task

from deals.services.stale import deals_mark_stale


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def mark_stale_deals() -> int:
    """Run hourly by beat (settings.CELERY_BEAT_SCHEDULE); safe to run twice."""
    return deals_mark_stale()
