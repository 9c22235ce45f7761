"""Writes to sources go through articles.source_services, whose invariants hold for any caller."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Source
from articles.source_services import (
    SourceError,
    source_create,
    source_delete,
    source_set_enabled,
    source_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wire(desk_admin) -> Source:
    return source_create(
        actor=desk_admin, name="Wire", url="https://wire.example/feed.xml", kind="rss"
    )


def test_a_new_source_is_enabled_and_due_now(wire):
    assert wire.enabled and wire.next_poll_at <= timezone.now()


def test_one_source_per_canonical_url_whoever_calls(desk_admin, wire):
    with pytest.raises(SourceError):
        source_create(
            actor=None,
            name="Wire copy",
            url="HTTPS://wire.example/feed.xml?utm_medium=x",
            kind="rss",
        )
    assert Source.objects.count() == 1


def test_only_editable_fields_can_be_set(desk_admin, wire):
    with pytest.raises(TypeError):
        source_update(source=wire, actor=desk_admin, consecutive_failures=0)
    with pytest.raises(TypeError):
        source_create(actor=desk_admin, name="X", url="", kind="manual", etag="x")


def test_a_new_url_forgets_validators_and_failures_and_is_polled_now(desk_admin, wire):
    Source.objects.filter(pk=wire.pk).update(
        etag='"v9"',
        last_modified="yesterday",
        consecutive_failures=7,
        next_poll_at=timezone.now() + timedelta(days=1),
    )
    wire.refresh_from_db()

    changed = source_update(source=wire, actor=desk_admin, url="https://wire.example/v2.xml")

    assert changed == ["url"]
    wire.refresh_from_db()
    assert (wire.etag, wire.last_modified, wire.consecutive_failures) == ("", "", 0)
    assert wire.next_poll_at <= timezone.now()


def test_a_new_interval_reschedules_the_next_poll(desk_admin, wire):
    polled = timezone.now() - timedelta(minutes=5)
    Source.objects.filter(pk=wire.pk).update(last_polled_at=polled)
    wire.refresh_from_db()
    source_update(source=wire, actor=desk_admin, poll_interval_minutes=240)
    wire.refresh_from_db()
    assert wire.next_poll_at == polled + timedelta(minutes=240)


def test_an_update_that_changes_nothing_writes_nothing(desk_admin, wire):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert source_update(source=wire, actor=desk_admin, name="Wire", region="") == []
    assert not [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]


def test_changing_to_another_sources_url_is_refused(desk_admin, wire):
    other = source_create(actor=desk_admin, name="Other", url="https://o.example/rss", kind="rss")
    with pytest.raises(SourceError):
        source_update(source=other, actor=desk_admin, url="https://WIRE.example/feed.xml")
    other.refresh_from_db()
    assert other.url == "https://o.example/rss"


def test_disabling_twice_reports_no_change(desk_admin, wire):
    assert source_set_enabled(source=wire, enabled=False, actor=desk_admin) is True
    assert source_set_enabled(source=wire, enabled=False, actor=desk_admin) is False
    assert Source.objects.get(pk=wire.pk).enabled is False


def test_a_source_with_stories_cannot_be_deleted(desk_admin, wire):
    Article.objects.create(source=wire, url="https://wire.example/1", title="One")
    with pytest.raises(SourceError, match="disable it instead"):
        source_delete(source=wire, actor=desk_admin)
    assert Source.objects.filter(pk=wire.pk).exists()


def test_a_source_without_stories_is_deleted(desk_admin, wire):
    source_delete(source=wire, actor=desk_admin)
    assert not Source.objects.exists()
