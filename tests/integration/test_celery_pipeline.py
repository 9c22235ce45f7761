"""The pipeline through a real broker: Redis, PostgreSQL and `celery worker` subprocesses."""

from __future__ import annotations

import os
import signal

import pytest
from django.utils import timezone

from articles.models import Article, Mention, Source
from articles.tasks import fetch_source, poll_due_sources
from deals.models import Deal, DealArticle, DealUpdate
from tests.articles.test_ingest_pipeline import ROUNDS
from tests.feedsamples import rss
from tests.integration.celery_worker import Worker, purge_broker, wait_for

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def workers(transactional_db, tmp_path):
    """Start workers on demand; every one is stopped (and the queue purged) afterwards."""
    purge_broker()
    started: list[Worker] = []

    def start(**options) -> Worker:
        worker = Worker(tmp_path, **options)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
    purge_broker()


def _all_done() -> bool:
    articles = list(Article.objects.values_list("state", flat=True))
    return bool(articles) and all(state == "done" for state in articles)


def test_beat_to_flags_through_the_broker(feed_server, workers):
    feed = Source.objects.create(
        name="Wire",
        url=feed_server.route("/wire.xml", rss(ROUNDS[:2])),
        next_poll_at=timezone.now(),
    )
    worker = workers()
    poll_due_sources.delay()
    wait_for(lambda: Article.objects.count() == 2 and _all_done(), worker=worker)
    wait_for(lambda: DealUpdate.objects.count() == 2, worker=worker)
    # Two workers analysed the two stories at once, in either order: still one deal, two flags.
    deal = Deal.objects.get()
    assert not deal.confirmed
    flags = sorted(DealUpdate.objects.values_list("type", "proposed_stage"))
    assert flags in (
        [("new_deal", "rumoured"), ("stage", "in_talks")],
        [("new_deal", "in_talks"), ("revival", "rumoured")],
    )
    assert DealArticle.objects.filter(deal=deal).count() == 2
    feed.refresh_from_db()
    assert feed.last_status == 200 and feed.consecutive_failures == 0
    assert feed.next_poll_at > timezone.now()  # claimed and rescheduled: not due again

    # The same tasks delivered again change nothing.
    counts = (Article.objects.count(), DealUpdate.objects.count(), Mention.objects.count())
    for article_id in Article.objects.values_list("pk", flat=True):
        from articles.tasks import analyse_article

        analyse_article.delay(article_id)
    polled = feed.last_success_at
    fetch_source.delay(feed.pk)
    wait_for(
        lambda: Source.objects.filter(pk=feed.pk, last_success_at__gt=polled).exists(),
        worker=worker,
    )
    assert (Article.objects.count(), DealUpdate.objects.count(), Mention.objects.count()) == counts


def test_a_worker_killed_mid_task_has_its_task_redelivered_and_finished_once(feed_server, workers):
    url = feed_server.route("/stall.xml", rss(ROUNDS[1:3]), content_type="application/rss+xml")
    feed_server.routes["/stall.xml"].delay = 30  # the first fetch hangs until the worker is killed
    feed = Source.objects.create(name="Stalling wire", url=url)
    first = workers(visibility_timeout=3)
    fetch_source.delay(feed.pk)
    wait_for(lambda: feed_server.hits("/stall.xml"), worker=first)  # mid-task now
    first.kill()
    assert Article.objects.count() == 0

    feed_server.routes["/stall.xml"].delay = 0
    second = workers(visibility_timeout=3)
    wait_for(lambda: Article.objects.count() == 2 and _all_done(), worker=second)
    wait_for(lambda: DealUpdate.objects.count() == 2, worker=second)
    assert len(feed_server.hits("/stall.xml")) == 2  # fetched again, by the redelivery
    assert Deal.objects.count() == 1
    assert sorted(DealUpdate.objects.values_list("proposed_stage", flat=True)) == [
        "agreed",
        "in_talks",
    ]


def test_a_pool_process_killed_mid_analysis_is_requeued_and_nothing_is_lost(feed_server, workers):
    """SIGKILL of the child running the task: reject_on_worker_lost requeues it at once."""
    url = feed_server.route("/slow.xml", rss(ROUNDS[2:3]), content_type="application/rss+xml")
    feed_server.routes["/slow.xml"].delay = 30
    feed = Source.objects.create(name="Slow wire", url=url)
    worker = workers(visibility_timeout=600, concurrency=1)
    fetch_source.delay(feed.pk)
    wait_for(lambda: feed_server.hits("/slow.xml"), worker=worker)
    feed_server.routes["/slow.xml"].delay = 0
    children = wait_for(worker.children, worker=worker)
    for pid in children:
        os.kill(pid, signal.SIGKILL)
    wait_for(lambda: Article.objects.count() == 1 and _all_done(), worker=worker)
    wait_for(lambda: DealUpdate.objects.count() == 1, worker=worker)
    assert len(feed_server.hits("/slow.xml")) == 2
    assert Deal.objects.count() == 1
