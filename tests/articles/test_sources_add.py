"""Adding a source: validation, a preview of real entries, and feed auto-discovery.

The shared local feed server stands in for the outlets; private networks are
allowed for it, except in the tests that show the guard refusing them.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.discovery import find_feeds, preview_source
from articles.models import Source

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Deal wire</title><link>http://example.test/</link>
<description>Deals</description>
<item><title>Alibaba in early talks to buy Kroger stake</title><link>http://example.test/a</link>
<guid>a</guid><pubDate>Mon, 05 Jan 2026 09:00:00 GMT</pubDate>
<description>Alibaba is in early talks, sources said.</description></item>
<item><title>Tencent to invest in Carrefour China</title><link>http://example.test/b</link>
<guid>b</guid><pubDate>Sun, 04 Jan 2026 09:00:00 GMT</pubDate>
<description>Tencent will invest.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom desk</title><id>urn:x</id>
<updated>2026-01-05T09:00:00Z</updated>
<entry><title>Grab agrees to buy Trans-cab</title><id>urn:1</id>
<link href="http://example.test/grab"/><updated>2026-01-05T09:00:00Z</updated>
<summary>Grab agreed to buy Trans-cab.</summary></entry></feed>"""

HOME = b"""<!doctype html><html><head><title>Deal news</title>
<link rel="stylesheet" href="/site.css">
<link rel="alternate" type="application/rss+xml" title="Deal wire RSS" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" title="Atom" href="http://%(host)s/atom.xml">
</head><body><p>Welcome.</p></body></html>"""


@pytest.fixture
def site(feed_server):
    host = feed_server.url("").split("//", 1)[1]
    feed_server.route("/feed.xml", RSS, content_type="application/rss+xml")
    feed_server.route("/atom.xml", ATOM, content_type="application/atom+xml")
    feed_server.route("/", HOME % {b"host": host.encode()})
    feed_server.route("/nofeed", b"<html><head><title>x</title></head><body>hi</body></html>")
    feed_server.route("/gone", b"gone", status=404, content_type="text/plain")
    return feed_server


def _form(url: str, **extra) -> dict:
    data = {
        "name": "Deal wire",
        "url": url,
        "kind": "rss",
        "poll_interval_minutes": 30,
        "credibility_tier": 2,
        "region": "Asia",
        "language": "en",
    }
    data.update(extra)
    return data


def test_find_feeds_reads_alternate_links_in_page_order():
    links = find_feeds(
        b'<head><link rel="alternate" type="application/atom+xml" href="atom">'
        b'<link rel="Alternate" type="application/feed+json" href="/feed.json" title="JSON">'
        b'<link rel="alternate" type="text/html" href="/other">'
        b'<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/7">'
        b'<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)"></head>',
        "https://news.example/section/",
    )
    assert [(link.url, link.kind) for link in links] == [
        ("https://news.example/section/atom", "atom"),
        ("https://news.example/feed.json", "json"),
    ]


def test_preview_reads_the_first_entries_of_a_feed(site):
    preview = preview_source(site.url("/feed.xml"))
    assert preview.ok and preview.kind == "rss"
    assert [e.title for e in preview.entries][:1] == ["Alibaba in early talks to buy Kroger stake"]


def test_preview_of_a_home_page_discovers_its_feed(site):
    preview = preview_source(site.url("/"))
    assert preview.ok
    assert preview.url == site.url("/feed.xml")
    assert [link.kind for link in preview.discovered] == ["rss", "atom"]
    assert len(preview.entries) == 2


def test_previewing_shows_entries_and_saves_nothing(client_for, desk_admin, site):
    response = client_for(desk_admin).post(
        reverse("articles-source-add"), _form(site.url("/feed.xml"))
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alibaba in early talks to buy Kroger stake" in html
    assert "Tencent to invest in Carrefour China" in html
    assert not Source.objects.exists()


def test_a_home_page_url_becomes_its_feed_in_the_form(client_for, desk_admin, site):
    response = client_for(desk_admin).post(
        reverse("articles-source-add"), _form(site.url("/"), kind="rss")
    )
    form = response.context["form"]
    assert form.data["url"] == site.url("/feed.xml")
    assert form.data["previewed_url"] == site.url("/feed.xml")
    assert "Deal wire RSS" in response.content.decode()
    assert not Source.objects.exists()


def test_the_preview_over_htmx_is_the_form_partial(client_for, desk_admin, site):
    response = client_for(desk_admin).post(
        reverse("articles-source-add"), _form(site.url("/"), kind="rss"), **HTMX
    )
    html = response.content.decode()
    assert html.strip().startswith('<div id="source-form"')
    assert "<html" not in html
    assert f'value="{site.url("/feed.xml")}"' in html
    assert "Alibaba in early talks" in html


def test_saving_after_the_preview_creates_the_source(client_for, desk_admin, site):
    client = client_for(desk_admin)
    first = client.post(reverse("articles-source-add"), _form(site.url("/")))
    data = dict(first.context["form"].data.items())

    response = client.post(reverse("articles-source-add"), {**data, "action": "save"})

    assert response.status_code == 302
    source = Source.objects.get()
    assert (source.url, source.kind, source.region) == (site.url("/feed.xml"), "rss", "Asia")
    assert source.enabled


def test_saving_over_htmx_redirects_the_client(client_for, desk_admin, site):
    url = site.url("/atom.xml")
    response = client_for(desk_admin).post(
        reverse("articles-source-add"),
        _form(url, kind="atom", previewed_url=url, action="save"),
        **HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("articles-sources")
    assert Source.objects.get().kind == "atom"


def test_saving_an_unpreviewed_url_shows_the_preview_first(client_for, desk_admin, site):
    response = client_for(desk_admin).post(
        reverse("articles-source-add"), _form(site.url("/feed.xml"), action="save")
    )
    assert response.status_code == 200
    assert response.context["preview"].entries
    assert not Source.objects.exists()


def test_a_page_without_a_feed_can_be_kept_as_a_page_source(client_for, desk_admin, site):
    response = client_for(desk_admin).post(
        reverse("articles-source-add"), _form(site.url("/nofeed"), kind="page")
    )
    preview = response.context["preview"]
    assert preview.kind == "page" and not preview.discovered


def test_a_failing_url_shows_the_http_status_and_can_still_be_saved(client_for, desk_admin, site):
    client = client_for(desk_admin)
    response = client.post(reverse("articles-source-add"), _form(site.url("/gone")))
    html = response.content.decode()
    assert "HTTP 404" in html and "Save anyway" in html
    data = dict(response.context["form"].data.items())
    client.post(reverse("articles-source-add"), {**data, "action": "save"})
    assert Source.objects.filter(url=site.url("/gone")).exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "Enter a full web address"),
        ("http//missing-colon.example", "Enter a full web address"),
        ("ftp://files.example/feed.xml", "Only http and https"),
        ("file:///etc/passwd", "Only http and https"),
        ("javascript://alert(1)", "Only http and https"),
    ],
)
def test_malformed_and_non_http_urls_are_refused(client_for, desk_admin, url, message):
    response = client_for(desk_admin).post(reverse("articles-source-add"), _form(url))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["url"])
    assert not Source.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/feed",
        "http://localhost/feed",
        "http://10.1.2.3/feed",
        "http://192.168.0.10/rss",
        "http://[::1]/feed",
        "http://169.254.169.254/latest/meta-data/",
    ],
)
def test_private_and_loopback_addresses_are_refused(client_for, desk_admin, settings, url):
    settings.INGEST_ALLOW_PRIVATE_NETWORKS = False
    response = client_for(desk_admin).post(
        reverse("articles-source-add"), _form(url, previewed_url=url, action="save")
    )
    assert "private network" in " ".join(response.context["form"].errors["url"])
    assert not Source.objects.exists()


def test_a_discovered_feed_on_a_forbidden_address_is_refused_too(client_for, desk_admin, site):
    """The page may be fine and its feed link not: the feed meets the guard as well."""
    site.route(
        "/sneaky",
        b'<head><link rel="alternate" type="application/rss+xml" '
        b'href="http://169.254.169.254/latest/feed.xml"></head>',
    )
    response = client_for(desk_admin).post(
        reverse("articles-source-add"), _form(site.url("/sneaky"))
    )
    assert "cloud metadata" in " ".join(response.context["form"].errors["url"])
    assert response.context["preview"].blocked
    assert not Source.objects.exists()


def test_the_setting_allows_a_local_feed(client_for, desk_admin, site):
    url = site.url("/feed.xml")
    client_for(desk_admin).post(
        reverse("articles-source-add"), _form(url, previewed_url=url, action="save")
    )
    assert Source.objects.filter(url=url).exists()


@pytest.mark.parametrize(
    "spelling",
    [
        "HTTPS://Wire.Example:443/feed.xml",
        "https://wire.example/feed.xml?utm_source=x#top",
    ],
)
def test_the_same_feed_spelled_differently_is_a_duplicate(
    client_for, desk_admin, site, spelling, monkeypatch
):
    Source.objects.create(name="Wire", url="https://wire.example/feed.xml")
    monkeypatch.setattr("articles.forms.check_url_allowed", lambda url: None)  # no DNS here
    response = client_for(desk_admin).post(
        reverse("articles-source-add"), _form(spelling, name="Wire again")
    )
    assert "already a source: Wire" in " ".join(response.context["form"].errors["url"])
    assert Source.objects.count() == 1


def test_a_fetched_source_needs_a_url_and_auto_accept_needs_tier_one(client_for, desk_admin):
    response = client_for(desk_admin).post(
        reverse("articles-source-add"),
        _form("", auto_accept="on", credibility_tier=2, action="save"),
    )
    errors = response.context["form"].errors
    assert "needs a URL" in " ".join(errors["url"])
    assert "tier 1" in " ".join(errors["auto_accept"])
    assert not Source.objects.exists()


def test_a_manual_source_needs_no_url_and_no_preview(client_for, desk_admin):
    response = client_for(desk_admin).post(
        reverse("articles-source-add"), _form("", kind="manual", name="Pasted", action="save")
    )
    assert response.status_code == 302
    assert Source.objects.get().kind == "manual"
