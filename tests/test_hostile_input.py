"""Hostile input, end to end: through the real ingestion path and the forms, onto every page.

Feeds served by a local HTTP server carry script tags, `javascript:` links,
event-handler attributes, CSS and SVG payloads, bidi and zero-width characters,
a 1 MB headline, invalid UTF-8 and NUL bytes. They go through `fetch_source`
(the task `poll --once` and the worker run), then every page that shows a
story, a deal or a company is rendered for an editor and read back with an
HTML tokenizer: no script element but our own static files, no `on…=`
attribute, no `javascript:`/`data:` URL in any link, and the readable parts of
the story still there. What is refused is refused with a recorded reason.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import Article, Source
from articles.tasks import fetch_source
from deals.models import Company, Deal, Role, Stage
from tests.deals import builders

pytestmark = pytest.mark.django_db

MARK = "xss1337"
SCRIPT = f"<script>alert('{MARK}')</script>"
IMG = f"<img src=x onerror=\"alert('{MARK}')\">"
SVG = f"<svg onload=\"alert('{MARK}')\"><script>alert('{MARK}')</script></svg>"
STYLE = f"<style>body{{background:url('javascript:alert(\"{MARK}\")')}}</style>"
LINK = f"<a href=\"javascript:alert('{MARK}')\" onclick=\"alert('{MARK}')\">click</a>"
ATTR_BREAK = f"\"><script>alert('{MARK}')</script><x y=\""
BIDI = "\u202eevil\u202c \u200bzero\u200dwidth\ufeff"

_SAFE_URL = re.compile(r"^\s*(?:https?:|/|#|\?|mailto:|$)", re.I)
_OWN_SCRIPT = re.compile(r"^/static/")


class _Inspector(HTMLParser):
    """Collects what a browser would treat as active content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            url_attr = name in ("href", "src", "action", "formaction", "hx-get", "hx-post")
            if url_attr and value and not _SAFE_URL.match(value):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
            if name == "style":
                self.problems.append(f"<{tag} style=…>")
        if tag == "script" and not _OWN_SCRIPT.match(attrs.get("src") or ""):
            self.problems.append(f"<script> without a static src: {attrs}")
        if tag in ("style", "iframe", "object", "embed", "base"):  # our own <svg> charts may stay
            self.problems.append(f"<{tag}> element")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if not self._in_script:
            self.text.append(data)


def assert_inert(html: str, *, stored: bool = True) -> str:
    """Fail on any active content; return the page's visible text.

    `stored`: the page shows stored text, which must hold no NUL byte (a query
    string echoed back into a search box may; browsers show it as U+FFFD).
    """
    inspector = _Inspector()
    inspector.feed(html)
    inspector.close()
    assert not inspector.problems, inspector.problems[:5]
    if stored:
        assert "\x00" not in html
    return " ".join(inspector.text)


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _rss(items: list[dict]) -> bytes:
    body = "".join(
        f"<item><title>{_cdata(i['title'])}</title><link>{i['link']}</link>"
        f'<guid isPermaLink="false">{i["guid"]}</guid><author>{_cdata(i.get("author", ""))}</author>'
        f"<pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate>"
        f"<description>{_cdata(i['body'])}</description></item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Hostile wire'
        f"</title><link>http://127.0.0.1/</link><description>x</description>{body}</channel></rss>"
    ).encode()


HOSTILE_ITEMS = [
    {
        "title": f"Fabrikam Holdings agrees to buy Contoso Robotics {SCRIPT} for $450m",
        "link": "https://wire.example.com/fabrikam-contoso",
        "guid": "h-1",
        "author": ATTR_BREAK,
        "body": (
            f"<p>Fabrikam Holdings said on Monday it had signed a definitive agreement to acquire "
            f"Contoso Robotics Inc for $450 million.</p>{IMG}{SVG}{STYLE}<p>{LINK} Rest of the "
            f"story stays readable.</p><iframe src=\"javascript:alert('{MARK}')\"></iframe>"
        ),
    },
    {
        "title": f"Northwind {BIDI} in talks to invest in Tailspin Toys {IMG}",
        "link": f"javascript:alert('{MARK}')",
        "guid": f"javascript:alert('{MARK}')",
        "body": "<p>A story whose link is a script URL: it has no address to keep.</p>",
    },
    {
        "title": f"Woodgrove Bank {LINK} weighs stake in Litware",
        "link": "https://wire.example.com/woodgrove-litware?utm_source=x&amp;a=%22%3E%3Cscript%3E",
        "guid": "h-3",
        "author": f"Reporter {BIDI}",
        "body": f"<p>Woodgrove Bank is weighing a stake in Litware, sources said. {SCRIPT}</p>",
    },
]


def _poll(source: Source) -> Source:
    fetch_source.delay(source.pk)
    source.refresh_from_db()
    return source


def _source(feed_server, path: str, body: bytes, **options) -> Source:
    url = feed_server.route(
        path, body, content_type=options.pop("content_type", "application/rss+xml")
    )
    return Source.objects.create(
        name=f"Hostile {path}", url=url, next_poll_at=timezone.now(), **options
    )


@pytest.fixture
def hostile(feed_server):
    """The hostile RSS feed polled through the real task; returns its source."""
    source = _poll(_source(feed_server, "/hostile.xml", _rss(HOSTILE_ITEMS)))
    assert source.last_status == 200, source.last_error
    return source


def _pages_for(client, paths):
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        yield path, response.content.decode()


def test_hostile_feed_entries_are_stored_as_plain_text_and_the_script_link_dropped(hostile):
    stored = {a.guid: a for a in Article.objects.filter(source=hostile)}
    # The entry whose only address is a javascript: URL has nowhere to point: not stored.
    assert set(stored) == {"h-1", "h-3"}
    first = stored["h-1"]
    assert "<script" not in first.title and "<" not in first.body
    assert "Fabrikam Holdings agrees to buy Contoso Robotics" in first.title
    assert "definitive agreement to acquire Contoso Robotics" in first.body
    assert "Rest of the story stays readable." in first.body
    assert not Article.objects.filter(url__istartswith="javascript").exists()


def test_every_page_showing_hostile_stories_renders_them_inert(client_for, editor, hostile):
    client = client_for(editor)
    article = Article.objects.get(guid="h-1")
    # Whatever deals the analysis made of them, and one built on purpose with the hostile text.
    company = builders.company(f"Contoso {SCRIPT}", slug="contoso-hostile")
    deal = builders.deal(
        f"Deal {IMG} {BIDI}", parties=[(company, Role.TARGET)], stage=Stage.IN_TALKS
    )
    builders.cover(deal, article, evidence=f"{SCRIPT} evidence {LINK}")
    builders.flag(deal, article_=article, evidence=f"They agreed {SVG}")
    deals = list(Deal.objects.values_list("pk", flat=True))
    companies = list(Company.objects.values_list("slug", flat=True))
    paths = [
        "/",
        "/?q=" + SCRIPT,
        "/review/",
        "/articles/",
        "/articles/?q=Contoso",
        f"/articles/{article.pk}/",
        *(f"/articles/{pk}/" for pk in Article.objects.values_list("pk", flat=True)),
        *(f"/deals/{pk}/" for pk in deals),
        *(f"/companies/{slug}/" for slug in companies),
        "/companies/",
        "/tips/",
        "/dashboard/",
    ]
    seen = {}
    for path, html in _pages_for(client, paths):
        seen[path] = assert_inert(html)
    detail = seen[f"/articles/{article.pk}/"]
    assert "Rest of the story stays readable." in detail
    assert "Fabrikam Holdings agrees to buy Contoso Robotics" in detail
    # The hostile text is shown, as text: escaped, so a reader sees what the wire sent.
    assert f"Contoso {SCRIPT}" in seen["/companies/contoso-hostile/"]
    assert "evidence" in seen[f"/deals/{deal.pk}/"]


def test_bidi_and_zero_width_characters_are_kept_as_text(client_for, editor, hostile):
    woodgrove = Article.objects.get(guid="h-3")
    assert BIDI.strip().replace("\ufeff", "")[:5] in woodgrove.author or "evil" in woodgrove.author
    html = client_for(editor).get(f"/articles/{woodgrove.pk}/").content.decode()
    assert_inert(html)
    # The link's own query string is kept only as an escaped attribute value.
    assert 'href="https://wire.example.com/woodgrove-litware' in html
    assert "%3E%3Cscript%3E" in html or "woodgrove-litware" in html


def test_a_one_megabyte_headline_is_cut_and_the_story_kept(client_for, editor, feed_server):
    huge = "Fabrikam agrees to buy Contoso " + "A" * 1_000_000
    source = _poll(
        _source(
            feed_server,
            "/huge.xml",
            _rss(
                [
                    {
                        "title": huge,
                        "link": "https://wire.example.com/huge",
                        "guid": "big",
                        "body": "<p>Short body.</p>",
                    }
                ]
            ),
        )
    )
    assert source.last_status == 200, source.last_error
    article = Article.objects.get(guid="big")
    assert article.title.startswith("Fabrikam agrees to buy Contoso") and len(article.title) <= 1000
    client = client_for(editor)
    for _, html in _pages_for(client, ["/articles/", f"/articles/{article.pk}/", "/"]):
        assert_inert(html)


def test_invalid_utf8_is_refused_with_a_recorded_reason_or_read_without_losing_text(
    client_for, editor, feed_server
):
    good = _rss(
        [
            {
                "title": "Litware raises $20m",
                "link": "https://wire.example.com/lit",
                "guid": "u8",
                "body": "<p>Litware has raised $20 million.</p>",
            }
        ]
    )
    broken = good.replace(b"Litware raises", b"Litware \xff\xfe raises")
    source = _poll(_source(feed_server, "/broken.xml", broken))
    stored = Article.objects.filter(source=source)
    if stored.exists():
        assert "raises" in stored.get().title
        assert "\ufffd" in stored.get().title or "Litware" in stored.get().title
    else:
        assert source.consecutive_failures == 1 and source.last_error, "refused without a reason"
    client = client_for(editor)
    for _, page in _pages_for(client, ["/articles/"]):
        assert_inert(page)


def test_nul_bytes_in_a_json_feed_are_stored_without_them_or_refused_clearly(
    client_for, editor, feed_server
):
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "NUL wire",
        "items": [
            {
                "id": "nul-1",
                "url": "https://wire.example.com/nul",
                "title": "Tailspin\x00 Toys agrees to buy Litware",
                "content_text": "Tailspin Toys said\x00 it agreed to buy Litware for $30 million.",
                "authors": [{"name": "Desk\x00"}],
            },
            {
                "id": "nul-2",
                "url": "https://wire.example.com/fine",
                "title": "Litware partner story",
                "content_text": "A plain story.",
            },
        ],
    }
    source = _poll(
        _source(
            feed_server,
            "/nul.json",
            json.dumps(doc).encode(),
            content_type="application/feed+json",
            kind="json",
        )
    )
    assert source.last_status == 200, source.last_error
    stored = {a.guid: a for a in Article.objects.filter(source=source)}
    assert set(stored) == {"nul-1", "nul-2"}, "a NUL byte in one story lost the others"
    first = stored["nul-1"]
    for text in (first.title, first.body, first.author):
        assert "\x00" not in text
    assert "Toys agrees to buy Litware" in first.title
    for _, html in _pages_for(client_for(editor), [f"/articles/{first.pk}/", "/articles/"]):
        assert_inert(html)


def test_a_feed_of_nothing_but_markup_is_refused_with_a_reason(feed_server):
    source = _poll(
        _source(
            feed_server, "/notafeed.xml", f"<html>{SCRIPT}</html>".encode(), content_type="text/xml"
        )
    )
    assert source.consecutive_failures == 1
    assert source.last_error
    assert not Article.objects.filter(source=source).exists()


# --- forms and query strings --------------------------------------------------------

JUNK = [
    SCRIPT,
    "javascript:alert(1)",
    "\x00",
    "%00",
    "' OR 1=1 --",
    "9" * 40,
    "-1",
    "²",  # isdigit() but not int()
    "\udcff",  # sent below as the raw, invalid UTF-8 byte %FF
    "A" * 5000,
    BIDI,
]
BOARD_PARAMS = [
    "stage",
    "kind",
    "sector",
    "country",
    "company",
    "source",
    "owner",
    "q",
    "group",
    "col",
    "offset",
    "since",
    "page",
    "sort",
    "confirmed",
]


@pytest.mark.parametrize("value", JUNK, ids=range(len(JUNK)))
def test_junk_in_filters_and_search_never_breaks_a_page(client_for, editor, value):
    client = client_for(editor)
    deal = builders.deal("Plain deal", stage=Stage.IN_TALKS)
    for path, names in [
        ("/", BOARD_PARAMS),
        ("/board/export.csv", BOARD_PARAMS),
        ("/articles/", ["q", "source", "company", "since", "until", "page", "kind", "stage"]),
        ("/review/", ["q", "stage", "kind", "source", "page", "type"]),
        ("/companies/", ["q", "sector", "country", "page"]),
        ("/tips/", ["q", "company", "status", "grade", "reporter", "page"]),
        ("/dashboard/", ["since", "days"]),
        (f"/deals/{deal.pk}/", ["tab", "page"]),
        ("/board/column/", ["col", "offset", "stage", "q"]),
        ("/board/new-flags/", ["since"]),
        ("/companies/suggest/", ["q", "company", "target"]),
        ("/tips/companies/", ["q", "company"]),
        ("/tips/deals/", ["company", "deal"]),
        ("/tips/new/", ["company", "deal", "next"]),
        ("/review/", ["deal"]),
        ("/feeds/updates.atom", ["token", *BOARD_PARAMS]),
        ("/tips/feed.atom", ["token"]),
        ("/tips/export.csv", ["q", "company", "status"]),
    ]:
        for name in names:
            query = {name: value}
            if value == "\udcff":
                query = f"{name}=%FF%FE%ED%A0%80"
            response = (
                client.get(path, query)
                if isinstance(query, dict)
                else client.get(f"{path}?{query}")
            )
            allowed = (200, 400, 404) if name == "token" else (200, 400)  # a bad token: no feed
            assert response.status_code in allowed, (path, name, response.status_code)
            if response.status_code == 400:
                assert response.content.strip(), "a 400 without a message"
            elif "html" in response.get("Content-Type", ""):
                assert_inert(response.content.decode(errors="replace"), stored=False)
            htmx = client.get(
                path if isinstance(query, dict) else f"{path}?{query}",
                query if isinstance(query, dict) else None,
                HTTP_HX_REQUEST="true",
            )
            assert htmx.status_code in allowed, (path, name, "htmx", htmx.status_code)


def test_junk_in_tip_parameters_is_not_a_server_error(client_for, editor):
    client = client_for(editor)
    statuses = [client.get("/tips/new/", {"deal": "²"}).status_code]
    if settings.IS_POSTGRES:
        for name in ("q", "company", "reporter", "status", "grade"):
            statuses.append(client.get("/tips/", {name: "a\x00b"}).status_code)
    assert set(statuses) <= {200, 400}


def test_a_deal_edit_with_hostile_text_is_saved_as_text_and_shown_inert(client_for, editor):
    deal = builders.deal("Plain deal", stage=Stage.IN_TALKS)
    client = client_for(editor)
    title = f"Renamed {SCRIPT} {BIDI}"
    response = client.post(
        f"/deals/{deal.pk}/edit/",
        {"title": title, "kind": deal.kind, "currency": "USD", "notes": LINK},
    )
    assert response.status_code in (200, 302)
    deal.refresh_from_db()
    assert deal.title == title
    for _, html in _pages_for(client, [f"/deals/{deal.pk}/", "/", f"/deals/{deal.pk}/edit/"]):
        assert_inert(html)


def test_a_deal_edit_with_a_nul_byte_is_refused_with_a_message(client_for, editor):
    deal = builders.deal("Plain deal", stage=Stage.IN_TALKS)
    response = client_for(editor).post(
        f"/deals/{deal.pk}/edit/", {"title": "Bad\x00title", "kind": deal.kind, "currency": "USD"}
    )
    assert response.status_code in (200, 400)
    assert b"Null characters are not allowed" in response.content
    deal.refresh_from_db()
    assert deal.title == "Plain deal"


def test_a_tip_with_hostile_text_is_shown_inert_on_every_tip_page(client_for, reporter, editor):
    builders.company("Contoso Robotics")
    client = client_for(reporter)
    response = client.post(
        "/tips/new/",
        {
            "company": f"Contoso {SCRIPT}",
            "body": f"{IMG} heard {LINK}",
            "source": ATTR_BREAK,
            "grade": "C",
        },
    )
    assert response.status_code == 302, response.content[:500]
    tip_path = response["Location"]
    for user in (reporter, editor):
        client = client_for(user)
        for _, html in _pages_for(client, ["/tips/", tip_path, "/tips/?q=" + SCRIPT]):
            text = assert_inert(html)
            assert "heard" in text


def test_the_article_search_box_shows_a_hostile_query_escaped(client_for, editor, hostile):
    html = client_for(editor).get("/articles/", {"q": ATTR_BREAK}).content.decode()
    assert_inert(html)
    assert "&quot;&gt;&lt;script&gt;" in html or "&#x27;" in html


def test_story_links_on_pages_never_carry_a_script_scheme(client_for, editor, hostile):
    for _, html in _pages_for(client_for(editor), ["/articles/", "/", "/review/"]):
        assert not re.search(r"""href\s*=\s*["']?\s*(?:javascript|data|vbscript):""", html, re.I)
