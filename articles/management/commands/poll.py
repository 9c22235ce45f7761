"""`manage.py poll --once`: every due source fetched and its stories processed, in this process.

Without `--once` it polls every minute until stopped: the embedded ingestion
worker `make run` starts when there is no Redis.
"""

from __future__ import annotations

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db.models import Count, Q
from django.utils import timezone

from articles.models import Article, Source
from deals.models import Deal, DealUpdate

INTERVAL_SECONDS = 60


def _counts() -> dict[str, int]:
    articles = Article.objects.aggregate(
        stored=Count("pk"),
        duplicates=Count("pk", filter=Q(duplicate_of__isnull=False)),
        analysed=Count("pk", filter=Q(state=Article.State.DONE, duplicate_of__isnull=True)),
        failed=Count("pk", filter=Q(state=Article.State.FAILED)),
    )
    return {
        **articles,
        "flags": DealUpdate.objects.count(),
        "deals": Deal.objects.count(),
    }


def poll_once() -> str:
    """Run the whole pipeline in-process for everything due; the one-line summary."""
    from articles.services import ANALYSIS_BATCH, articles_waiting
    from articles.tasks import analyse_articles, poll_due_sources
    from newsroom.celery import app

    started = timezone.now()
    before = _counts()
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True  # every task below runs here, to the end
    try:
        sources = poll_due_sources.apply().get()["sources"]
        waiting = articles_waiting()
        for start in range(0, len(waiting), ANALYSIS_BATCH):
            analyse_articles.apply(args=[waiting[start : start + ANALYSIS_BATCH]])
    finally:
        app.conf.task_always_eager = eager
    after = _counts()
    failing = Source.objects.filter(last_polled_at__gte=started, consecutive_failures__gt=0).count()
    diff = {key: after[key] - before[key] for key in after}
    return (
        f"polled {sources} source{'s' if sources != 1 else ''} ({failing} failed): "
        f"{diff['stored'] - diff['duplicates']} new stories, {diff['duplicates']} linked copies, "
        f"{diff['analysed']} analysed, {diff['failed']} failed analysis, "
        f"{diff['flags']} flags raised, {diff['deals']} new deals"
    )


class Command(BaseCommand):
    help = "Fetch every due source and run the pipeline to the end (--once), or keep doing it every minute."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one round, then exit")

    def handle(self, *args, once: bool, **options):
        # Celery logs every task it runs; here the summary line says it all.
        logging.getLogger("celery.app.trace").setLevel(logging.WARNING)
        if once:
            self.stdout.write(poll_once())
            return
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"Polling every {INTERVAL_SECONDS} s; Ctrl-C stops.")
        while not stopping:
            started = time.monotonic()
            try:
                self.stdout.write(f"{timezone.now():%H:%M:%S} {poll_once()}")
            except Exception as exc:  # keep the embedded worker alive; the next round retries
                self.stderr.write(f"{timezone.now():%H:%M:%S} poll failed: {exc!r}")
            self.stdout.flush()
            while not stopping and time.monotonic() - started < INTERVAL_SECONDS:
                time.sleep(0.5)
