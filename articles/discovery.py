"""Finding a site's feed from its page, and previewing what a source would bring in.

Admins paste whatever URL they have, often a home page. The page's
`<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">` names
the feed (RSS auto-discovery). The preview fetches with ingestion's own
fetcher and parser, so it meets the same SSRF guard, size cap and timeouts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from articles.feeds import Entry, FeedParseError, parse, sniff_kind
from articles.fetch import BlockedAddress, FetchError, fetch

# Not "application/json": WordPress and others advertise their REST API that way.
FEED_TYPES = {
    "application/rss+xml": "rss",
    "application/rdf+xml": "rss",
    "application/atom+xml": "atom",
    "application/feed+json": "json",
}
PREVIEW_ENTRIES = 5
# Only the head of a page is read for links; a page that hides its feed link
# after this many bytes is not worth the parse.
_DISCOVERY_BYTES = 512 * 1024


@dataclass(frozen=True)
class FeedLink:
    url: str
    kind: str  # a Source.Kind value: rss, atom or json
    title: str = ""


class _LinkFinder(HTMLParser):
    def __init__(self, base_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.links: list[FeedLink] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "base":
            href = dict(attrs).get("href")
            if href:
                self.base_url = urljoin(self.base_url, href.strip())
            return
        if tag != "link":
            return
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        kind = FEED_TYPES.get(values.get("type", "").lower().split(";")[0].strip())
        href = values.get("href", "")
        if "alternate" not in rels or not kind or not href:
            return
        url = urljoin(self.base_url, href)
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            return
        if all(link.url != url for link in self.links):
            self.links.append(FeedLink(url=url, kind=kind, title=values.get("title", "")))

    handle_startendtag = handle_starttag


def find_feeds(markup: bytes | str, base_url: str) -> list[FeedLink]:
    """The feeds a page advertises, in page order, as absolute http(s) URLs."""
    if isinstance(markup, bytes):
        markup = markup[:_DISCOVERY_BYTES].decode("utf-8", errors="replace")
    finder = _LinkFinder(base_url)
    finder.feed(markup[:_DISCOVERY_BYTES])
    finder.close()
    return finder.links


def _feed_kind(content: bytes, content_type: str) -> str:
    kind = sniff_kind(content, content_type)
    if kind == "rss" and b"<feed" in content[:2048]:
        return "atom"
    return kind


@dataclass
class Preview:
    """What a source at `url` would bring in: its kind, first entries, or why not."""

    url: str
    kind: str = ""
    entries: list[Entry] = field(default_factory=list)
    discovered: list[FeedLink] = field(default_factory=list)
    error: str = ""
    status: int | None = None
    blocked: bool = False

    @property
    def ok(self) -> bool:
        return not self.error


def preview_source(url: str, *, kind: str = "") -> Preview:
    """Fetch `url` as ingestion would and parse its first entries.

    With no `kind` (or a feed kind) and an HTML page answering, the page's
    first advertised feed is fetched instead and its URL and kind returned,
    so the admin saves the feed rather than the page. `kind="page"` keeps the
    page itself as a single-article source.
    """
    preview = Preview(url=url)
    try:
        result = fetch(url)
        preview.url = result.url
        detected = _feed_kind(result.content, result.content_type)
        if detected == "page" and kind != "page":
            preview.discovered = find_feeds(result.content, result.url)
            if preview.discovered:
                chosen = preview.discovered[0]
                result = fetch(chosen.url)
                preview.url = result.url
                detected = _feed_kind(result.content, result.content_type)
        preview.kind = kind if kind == "page" else detected
        entries = parse(result.content, result.content_type, url=result.url, kind=preview.kind)
        preview.entries = entries[:PREVIEW_ENTRIES]
        if not preview.entries:
            preview.error = "The source answered, but carries no entries yet."
    except BlockedAddress as exc:
        preview.error, preview.blocked = str(exc), True
    except FetchError as exc:
        preview.error, preview.status = str(exc), exc.status
    except FeedParseError as exc:
        preview.error = f"The source answered, but could not be read: {exc}"
    return preview
