"""'Fetch now' on the sources page runs the real ingestion pipeline and shows the result in place."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Article, Source
from deals.models import Deal, DealUpdate
from tests.feedsamples import Story, rss

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}

RUMOUR = Story(
    "https://wire.example.com/fabrikam-mulls-contoso",
    "Fabrikam Holdings mulls bid for Contoso Robotics",
    "Fabrikam Holdings is considering an acquisition of Contoso Robotics Inc, "
    "people familiar with the matter said.",
)


@pytest.fixture
def wire(feed_server) -> Source:
    url = feed_server.route("/wire.xml", rss([RUMOUR]), content_type="application/rss+xml")
    return Source.objects.create(name="Wire", url=url, kind="rss")


@pytest.mark.django_db(transaction=True)
def test_fetch_now_stores_the_stories_and_raises_the_flags(client_for, desk_admin, wire):
    """Committed for real, as in production: analysis runs when the stories are stored."""
    response = client_for(desk_admin).post(reverse("articles-source-fetch", args=[wire.pk]), **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<tr id="source-{wire.pk}"')
    assert "Fetched: 1 new article, 1 new flag." in html
    article = Article.objects.get(source=wire)
    deal = Deal.objects.get()
    assert deal.stage == "rumoured"
    assert DealUpdate.objects.get().article == article
    wire.refresh_from_db()
    assert wire.last_success_at is not None and wire.consecutive_failures == 0


@pytest.mark.django_db(transaction=True)
def test_fetching_again_finds_nothing_new(client_for, desk_admin, wire):
    client = client_for(desk_admin)
    url = reverse("articles-source-fetch", args=[wire.pk])
    client.post(url, **HTMX)
    response = client.post(url, **HTMX)
    assert "Fetched: 0 new articles, 0 new flags." in response.content.decode()
    assert Article.objects.count() == 1 and DealUpdate.objects.count() == 1


def test_without_htmx_it_redirects_with_the_result_as_a_message(client_for, desk_admin, wire):
    response = client_for(desk_admin).post(
        reverse("articles-source-fetch", args=[wire.pk]), follow=True
    )
    assert response.redirect_chain == [(reverse("articles-sources"), 302)]
    assert "Fetched: 1 new article" in response.content.decode()


def test_a_failing_source_shows_the_status_and_is_tried_once(
    client_for, desk_admin, feed_server, settings
):
    settings.INGEST_FETCH_RETRIES = 3
    url = feed_server.route("/down.xml", b"unavailable", status=503)
    down = Source.objects.create(name="Down", url=url)

    response = client_for(desk_admin).post(reverse("articles-source-fetch", args=[down.pk]), **HTMX)

    html = response.content.decode()
    assert "Fetch failed (HTTP 503)" in html
    assert len(feed_server.hits("/down.xml")) == 1  # no retries while the admin waits
    down.refresh_from_db()
    assert (down.consecutive_failures, down.last_status) == (1, 503)
    assert "HTTP 503" in down.last_error


def test_a_feed_that_cannot_be_read_is_recorded(client_for, desk_admin, feed_server):
    url = feed_server.route("/broken.xml", b"<rss><channel><item>", content_type="application/xml")
    broken = Source.objects.create(name="Broken", url=url)
    response = client_for(desk_admin).post(
        reverse("articles-source-fetch", args=[broken.pk]), **HTMX
    )
    assert "Fetch failed" in response.content.decode()
    broken.refresh_from_db()
    assert broken.consecutive_failures == 1 and broken.last_error


def test_a_disabled_source_is_not_fetched(client_for, desk_admin, wire, feed_server):
    Source.objects.filter(pk=wire.pk).update(enabled=False)
    response = client_for(desk_admin).post(reverse("articles-source-fetch", args=[wire.pk]), **HTMX)
    assert "enable it first" in response.content.decode()
    assert feed_server.hits("/wire.xml") == []
    assert not Article.objects.exists()
