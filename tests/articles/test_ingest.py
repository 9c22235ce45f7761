"""Storing stories once, analysing each exactly once, source health and claiming."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles.dictionary import CACHE_KEY, company_dictionary
from articles.feeds import Entry
from articles.models import Article, Source
from articles.services import (
    ANALYSIS_MAX_ATTEMPTS,
    article_analyse,
    article_ingest,
    source_claim_due,
    source_record_failure,
    source_record_success,
    story_add_text,
)
from deals.models import Company, CompanyAlias, DealUpdate

pytestmark = pytest.mark.django_db

BODY = (
    "Fabrikam Holdings is in advanced talks to acquire Contoso Robotics Inc for $450 million, "
    "people familiar with the matter said."
)


def _entry(n: int, **fields) -> Entry:
    values = {
        "url": f"https://wire.example.com/story/{n}?utm_source=feed",
        "guid": f"guid-{n}",
        "title": f"Story number {n} about a possible deal",
        "body": BODY if n == 0 else f"Body of story {n}.",
        "published": datetime(2026, 11, 20, tzinfo=UTC),
    }
    values.update(fields)
    return Entry(**values)


@pytest.fixture
def wire(db) -> Source:
    return Source.objects.create(name="Wire", url="https://wire.example.com/feed")


def test_ingesting_the_same_entries_twice_stores_them_once(wire):
    queued = []
    first = article_ingest(source=wire, entries=[_entry(1), _entry(2)], enqueue=queued.extend)
    second = article_ingest(source=wire, entries=[_entry(1), _entry(2)], enqueue=queued.extend)
    assert len(first.new_ids) == 2 and second.new_ids == [] and second.existing == 2
    assert Article.objects.count() == 2
    assert set(Article.objects.values_list("url", flat=True)) == {
        "https://wire.example.com/story/1",
        "https://wire.example.com/story/2",
    }


def test_a_known_guid_under_a_new_url_is_the_same_story(wire):
    article_ingest(source=wire, entries=[_entry(1)], enqueue=lambda ids: None)
    moved = _entry(1, url="https://wire.example.com/2026/11/story-1")
    report = article_ingest(source=wire, entries=[moved], enqueue=lambda ids: None)
    assert report.existing == 1 and Article.objects.count() == 1


def test_new_stories_are_queued_for_analysis_on_commit(wire, django_capture_on_commit_callbacks):
    queued: list[int] = []
    with django_capture_on_commit_callbacks(execute=True):
        report = article_ingest(source=wire, entries=[_entry(1), _entry(2)], enqueue=queued.extend)
        assert queued == []  # nothing before the commit
    assert queued == report.new_ids


def test_a_large_feed_is_stored_in_a_bounded_number_of_queries(wire, django_assert_max_num_queries):
    entries = [_entry(n) for n in range(1, 301)]
    with django_assert_max_num_queries(12):
        report = article_ingest(source=wire, entries=entries, enqueue=lambda ids: None)
    assert len(report.new_ids) == 300


def test_analysing_twice_does_the_work_once(wire):
    report = article_ingest(source=wire, entries=[_entry(0)], enqueue=lambda ids: None)
    (article_id,) = report.new_ids
    assert article_analyse(article_id=article_id).state == "done"
    assert article_analyse(article_id=article_id).state == "skipped"
    article = Article.objects.get()
    assert article.attempts == 1 and article.analysis["is_deal"]
    assert DealUpdate.objects.count() == 1


def test_a_story_that_keeps_killing_its_worker_is_set_aside(wire):
    report = article_ingest(source=wire, entries=[_entry(0)], enqueue=lambda ids: None)
    (article_id,) = report.new_ids
    # Each delivery that died mid-analysis left only its counted attempt behind.
    Article.objects.filter(pk=article_id).update(attempts=ANALYSIS_MAX_ATTEMPTS)
    outcome = article_analyse(article_id=article_id)
    article = Article.objects.get()
    assert outcome.state == "failed" and article.state == "failed"
    assert "attempts" in article.error and DealUpdate.objects.count() == 0


def test_a_company_added_by_a_person_is_known_to_the_next_analysis(wire):
    company_dictionary()
    fabrikam = Company.objects.create(name="Fabrikam Holdings", slug="fabrikam", verified=True)
    CompanyAlias.objects.create(company=fabrikam, alias="Fabrikam")
    report = article_ingest(source=wire, entries=[_entry(0)], enqueue=lambda ids: None)
    article_analyse(article_id=report.new_ids[0])
    deal = DealUpdate.objects.get().deal
    assert deal.parties.filter(company=fabrikam, role="acquirer").exists()


def test_companies_ingestion_creates_do_not_force_a_rebuild(wire):
    from django.core.cache import cache

    company_dictionary()
    version = cache.get(CACHE_KEY)
    report = article_ingest(source=wire, entries=[_entry(0)], enqueue=lambda ids: None)
    article_analyse(article_id=report.new_ids[0])
    assert Company.objects.filter(verified=False).count() == 2
    assert cache.get(CACHE_KEY) == version


def test_due_sources_are_claimed_once(wire):
    Source.objects.create(
        name="Later",
        url="https://later.example.com/feed",
        next_poll_at=timezone.now() + timedelta(hours=1),
    )
    Source.objects.create(name="Off", url="https://off.example.com/feed", enabled=False)
    assert source_claim_due() == [wire.pk]
    assert source_claim_due() == []
    wire.refresh_from_db()
    assert wire.next_poll_at > timezone.now() + timedelta(minutes=29)


def test_success_after_failures_clears_the_record(wire, settings):
    settings.INGEST_FAILING_AFTER = 2
    for _ in range(2):
        source_record_failure(source=wire, error="HTTP 503", status=503)
    wire.refresh_from_db()
    assert wire.is_failing and wire.last_status == 503 and wire.last_error == "HTTP 503"
    source_record_success(source=wire, status=200, etag='"x"')
    wire.refresh_from_db()
    assert not wire.is_failing and wire.last_error == "" and wire.etag == '"x"'
    assert wire.last_success_at is not None


def test_the_same_pasted_text_is_one_story():
    first = story_add_text(title="Fabrikam in talks to buy Contoso", text=BODY)
    second = story_add_text(title="Fabrikam in talks to buy Contoso", text="  " + BODY + "\n")
    assert first.created and not second.created
    assert first.article.pk == second.article.pk and first.outcome.state == "done"


def test_an_open_tip_on_a_company_in_the_story_is_matched(wire, reporter):
    from deals.models import Tip, TipMatch

    fabrikam = Company.objects.create(name="Fabrikam Holdings", slug="fabrikam", verified=True)
    other = Company.objects.create(name="Unrelated Co", slug="unrelated", verified=True)
    tip = Tip.objects.create(company=fabrikam, author=reporter, body="Fabrikam is shopping")
    Tip.objects.create(company=other, author=reporter, body="Nothing to do with it")
    Tip.objects.filter(pk=tip.pk).update(created_at=timezone.now() - timedelta(days=30))
    report = article_ingest(
        source=wire, entries=[_entry(0, published=timezone.now())], enqueue=lambda ids: None
    )
    article_analyse(article_id=report.new_ids[0])
    match = TipMatch.objects.get()
    assert match.tip == tip and match.article_id == report.new_ids[0]
    assert match.days_ahead == 30
