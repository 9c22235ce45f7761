"""Deals nobody has reported on for STALE_DEAL_DAYS are marked stale; news clears it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Source
from deals.models import Deal, DealArticle, Stage
from deals.services.stages import deal_move_stage
from deals.services.stale import deals_mark_stale
from deals.tasks import mark_stale_deals

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    return Source.objects.create(name="Wire", url="https://wire.test/feed")


def _deal(title: str, stage: str, *, quiet_days: int) -> Deal:
    return Deal.objects.create(
        title=title, stage=stage, last_activity_at=timezone.now() - timedelta(days=quiet_days)
    )


def _cover(deal: Deal, source: Source, *, days_ago: int, slug: str) -> DealArticle:
    when = timezone.now() - timedelta(days=days_ago)
    article = Article.objects.create(
        source=source,
        url=f"https://wire.test/{slug}",
        title=slug,
        published_at=when,
        fetched_at=when,
    )
    return DealArticle.objects.create(deal=deal, article=article, created_at=when)


def test_it_marks_rumoured_and_in_talks_deals_quiet_for_the_configured_days(settings, source):
    settings.STALE_DEAL_DAYS = 90
    quiet_rumour = _deal("Quiet rumour", Stage.RUMOURED, quiet_days=120)
    _cover(quiet_rumour, source, days_ago=120, slug="old-rumour")
    quiet_talks = _deal("Quiet talks", Stage.IN_TALKS, quiet_days=91)
    fresh = _deal("Fresh talks", Stage.IN_TALKS, quiet_days=10)
    agreed = _deal("Agreed long ago", Stage.AGREED, quiet_days=400)

    assert deals_mark_stale() == 2

    stale = set(Deal.objects.filter(is_stale=True).values_list("title", flat=True))
    assert stale == {quiet_rumour.title, quiet_talks.title}
    assert fresh.title not in stale and agreed.title not in stale


def test_the_number_of_days_is_a_setting(settings, source):
    _deal("Forty days quiet", Stage.RUMOURED, quiet_days=40)
    settings.STALE_DEAL_DAYS = 90
    assert deals_mark_stale() == 0
    settings.STALE_DEAL_DAYS = 30
    assert deals_mark_stale() == 1


def test_a_recent_article_keeps_a_deal_fresh_even_if_activity_was_not_bumped(settings, source):
    settings.STALE_DEAL_DAYS = 90
    deal = _deal("Covered last week", Stage.IN_TALKS, quiet_days=200)
    _cover(deal, source, days_ago=7, slug="last-week")

    assert deals_mark_stale() == 0
    deal.refresh_from_db()
    assert deal.is_stale is False


def test_running_twice_marks_nothing_more(settings, source):
    settings.STALE_DEAL_DAYS = 90
    _deal("Quiet", Stage.RUMOURED, quiet_days=100)
    assert deals_mark_stale() == 1
    assert deals_mark_stale() == 0
    assert Deal.objects.filter(is_stale=True).count() == 1


def test_new_coverage_clears_the_mark_on_the_next_run(settings, source):
    settings.STALE_DEAL_DAYS = 90
    deal = _deal("Back in the news", Stage.RUMOURED, quiet_days=100)
    deals_mark_stale()
    _cover(deal, source, days_ago=0, slug="back")

    deals_mark_stale()

    deal.refresh_from_db()
    assert deal.is_stale is False


def test_a_stage_move_clears_the_mark_at_once(settings, source, editor):
    settings.STALE_DEAL_DAYS = 90
    deal = _deal("Moves on", Stage.RUMOURED, quiet_days=100)
    deals_mark_stale()
    deal_move_stage(deal=deal, to_stage=Stage.IN_TALKS, actor=editor)

    deal.refresh_from_db()
    assert deal.is_stale is False
    assert deals_mark_stale() == 0


def test_a_dismissed_deal_is_never_marked(settings, source):
    settings.STALE_DEAL_DAYS = 90
    deal = _deal("Dismissed", Stage.RUMOURED, quiet_days=100)
    Deal.objects.filter(pk=deal.pk).update(dismissed=True)
    assert deals_mark_stale() == 0


def test_the_beat_task_runs_the_service(settings, source):
    settings.STALE_DEAL_DAYS = 90
    _deal("Quiet", Stage.IN_TALKS, quiet_days=100)

    mark_stale_deals.delay()

    assert Deal.objects.filter(is_stale=True).count() == 1


def test_the_task_is_the_one_beat_schedules(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert mark_stale_deals.name in tasks


def test_new_coverage_through_ingestion_clears_the_mark(
    settings, feed_server, django_capture_on_commit_callbacks
):
    """The whole way: a story makes the deal, it goes quiet, a new story revives it."""
    from articles.tasks import fetch_source
    from tests.feedsamples import Story, rss

    settings.STALE_DEAL_DAYS = 90
    first = Story(
        "https://wire.example.com/fabrikam-talks",
        "Fabrikam in talks to buy Contoso Robotics",
        "Fabrikam Holdings is in advanced talks to acquire Contoso Robotics Inc, "
        "people familiar with the matter said.",
    )
    url = feed_server.route("/wire.xml", rss([first]), content_type="application/rss+xml")
    wire = Source.objects.create(name="Wire feed", url=url)
    with django_capture_on_commit_callbacks(execute=True):
        fetch_source.delay(wire.pk)
    deal = Deal.objects.get()
    long_ago = timezone.now() - timedelta(days=120)
    Deal.objects.update(last_activity_at=long_ago)
    DealArticle.objects.update(created_at=long_ago)
    Article.objects.update(published_at=long_ago, fetched_at=long_ago)
    assert deals_mark_stale() == 1

    again = Story(
        "https://wire.example.com/fabrikam-talks-continue",
        "Fabrikam and Contoso Robotics talks drag on",
        "Fabrikam Holdings remains in talks to acquire Contoso Robotics Inc, "
        "people familiar with the matter said on Tuesday.",
        published=timezone.now(),
    )
    feed_server.route("/wire.xml", rss([again, first]), content_type="application/rss+xml")
    with django_capture_on_commit_callbacks(execute=True):
        fetch_source.delay(wire.pk)

    deal.refresh_from_db()
    assert deal.coverage.count() == 2
    assert deal.is_stale is False
    assert deals_mark_stale() == 0
