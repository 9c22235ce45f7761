"""Turning fetched bytes into story entries: RSS, Atom, JSON Feed, or one article page.

Everything that leaves this module is plain text. Feed HTML is reduced to its
text here and never stored for rendering. XML is checked with defusedxml
before feedparser sees it: a document that declares entities (billion laughs,
external entities) is refused outright, so nothing is ever expanded.
"""

from __future__ import annotations

import html
import io
import json
import re
from calendar import timegm
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import urljoin

import feedparser
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml import ElementTree as SafeET

from articles.canonical import squash_space

TITLE_MAX = 1000
AUTHOR_MAX = 300
GUID_MAX = 500
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_XML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF|!DOCTYPE\s+(?:rss|feed|rdf))",
    re.S | re.I,
)
_BLANK_LINES = re.compile(r"\n\s*\n+")


class FeedParseError(Exception):
    """The document cannot be read as the kind of source it claims to be. Never retried."""


class FeedRefused(FeedParseError):
    """The document is refused for safety (entity declarations, external references)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One story as read from a source, in plain text."""

    url: str
    guid: str
    title: str
    author: str = ""
    published: datetime | None = None
    summary: str = ""
    body: str = ""

    def __post_init__(self) -> None:
        # A NUL byte is valid in JSON and in decoded HTML but PostgreSQL refuses it in text.
        for name in ("url", "guid", "title", "author", "summary", "body"):
            value = getattr(self, name)
            if "\x00" in value:
                object.__setattr__(self, name, value.replace("\x00", ""))


# --- HTML to text --------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "hr",
    ]
)
_SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "iframe", "svg", "head", "object"]
)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Markup reduced to paragraphs of text; entities decoded, tags and scripts gone."""
    if "<" not in markup:
        return _tidy(html.unescape(markup))
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return _tidy("".join(parser.parts))


def _tidy(text: str) -> str:
    paragraphs = (squash_space(p) for p in _BLANK_LINES.split(text.replace("\r", "")))
    return "\n\n".join(p for p in paragraphs if p)


def drop_repeated_blocks(text: str) -> str:
    """Paragraphs that occur more than once on a page are furniture (adverts, promos): drop them all."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    seen: dict[str, int] = {}
    for p in paragraphs:
        key = squash_space(p).casefold()
        seen[key] = seen.get(key, 0) + 1
    kept = [p for p in paragraphs if seen[squash_space(p).casefold()] == 1]
    return "\n\n".join(squash_space(p) for p in kept)


# --- detection -----------------------------------------------------------------------


def sniff_kind(content: bytes, content_type: str) -> str:
    """rss | json | page, from the Content-Type and the first bytes."""
    ctype = content_type.split(";")[0].strip().lower()
    head = content[:2048].lstrip()
    if ctype in ("application/feed+json", "application/json") or head.startswith(b"{"):
        return "json"
    if "xml" in ctype or _XML_START.match(head):
        return "rss"
    return "page"


def parse(content: bytes, content_type: str = "", *, url: str = "", kind: str = "") -> list[Entry]:
    """Entries of a source's document. `kind` is the Source kind; empty means sniff it."""
    kind = kind or sniff_kind(content, content_type)
    if kind in ("rss", "atom"):
        return parse_feed(content, content_type, url=url)
    if kind == "json":
        return parse_json_feed(content, url=url)
    if kind in ("page", "manual"):
        return [parse_page(content, url=url)]
    raise FeedParseError(f"unknown source kind {kind!r}")


# --- XML feeds -----------------------------------------------------------------------


def check_xml(content: bytes) -> None:
    """Refuse XML that declares entities or references external resources; refuse malformed XML.

    The byte scan rejects a billion-laughs document before any parser runs;
    defusedxml then parses without expanding anything.
    """
    if _ENTITY_DECL.search(content):
        raise FeedRefused("the XML declares entities; refused (no entity expansion)")
    try:
        SafeET.fromstring(content, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (EntitiesForbidden, ExternalReferenceForbidden, DTDForbidden) as exc:
        raise FeedRefused(f"the XML was refused: {exc}") from None
    except SafeET.ParseError as exc:
        raise FeedParseError(f"malformed XML: {exc}") from None
    except LookupError as exc:  # encoding="tf-8": expat cannot read the declared encoding
        raise FeedParseError(f"the XML declares an encoding nobody knows: {exc}") from None


def _when(entry) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return datetime.fromtimestamp(timegm(parsed), tz=UTC)
            except (OverflowError, ValueError):
                return None
    return None


def _entry_text(entry) -> tuple[str, str]:
    summary = html_to_text(entry.get("summary", "") or "")
    bodies = [html_to_text(c.get("value", "")) for c in entry.get("content", []) or []]
    body = max(bodies, key=len, default="")
    if len(body) < len(summary):
        body = summary
    return summary, body


def parse_feed(content: bytes, content_type: str = "", *, url: str = "") -> list[Entry]:
    """RSS 0.9x/1.0/2.0 or Atom, after the safety check. Relative links resolve against `url`."""
    check_xml(content)
    headers = {"content-type": content_type} if content_type else {}
    if url:
        headers["content-location"] = url
    # A stream, never bytes or str: feedparser would treat a str that looks like a URL or path as one.
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers, sanitize_html=True)
    if parsed.get("bozo") and not parsed.entries:
        raise FeedParseError(f"not a feed: {parsed.get('bozo_exception')}")
    if not parsed.get("version") and not parsed.entries:
        raise FeedParseError("not an RSS or Atom feed")
    entries = []
    for item in parsed.entries:
        link = (item.get("link") or "").strip()
        guid = (item.get("id") or "").strip()[:GUID_MAX]
        title = html_to_text(item.get("title", "") or "")[:TITLE_MAX]
        if not link and guid.startswith(("http://", "https://")):
            link = guid
        if not link or not title:
            continue
        summary, body = _entry_text(item)
        entries.append(
            Entry(
                url=link,
                guid=guid,
                title=title,
                author=squash_space(item.get("author", "") or "")[:AUTHOR_MAX],
                published=_when(item),
                summary=summary,
                body=body,
            )
        )
    return entries


# --- JSON Feed -----------------------------------------------------------------------


def _iso(value: str) -> datetime | None:
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def parse_json_feed(content: bytes, *, url: str = "") -> list[Entry]:
    """JSON Feed 1.0 / 1.1. Relative links resolve against `url`."""
    try:
        doc = json.loads(content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedParseError(f"malformed JSON: {exc}") from None
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise FeedParseError("not a JSON Feed (no jsonfeed.org version)")
    items = doc.get("items")
    if not isinstance(items, list):
        raise FeedParseError("JSON Feed without an items list")
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        try:
            link = urljoin(url, str(item.get("url") or item.get("external_url") or "").strip())
        except ValueError:  # "http://[::1": one broken link costs that item, not the feed
            continue
        guid = str(item.get("id") or "").strip()[:GUID_MAX]
        title = html_to_text(str(item.get("title") or ""))[:TITLE_MAX]
        if not link or not title:
            continue
        if item.get("content_text"):
            body = _tidy(str(item["content_text"]))
        else:
            body = html_to_text(str(item.get("content_html") or ""))
        summary = html_to_text(str(item.get("summary") or ""))
        authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
        author = ", ".join(
            str(a.get("name", "")) for a in authors if isinstance(a, dict) and a.get("name")
        )
        entries.append(
            Entry(
                url=link,
                guid=guid,
                title=title,
                author=author[:AUTHOR_MAX],
                published=_iso(str(item.get("date_published") or item.get("date_modified") or "")),
                summary=summary,
                body=body or summary,
            )
        )
    return entries


# --- article pages -------------------------------------------------------------------


def _decode(content: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("utf-8", errors="replace")


def page_text(markup: str | bytes, *, url: str = "") -> str:
    """The main text of an HTML page, boilerplate and repeated blocks removed."""
    import trafilatura

    text = trafilatura.extract(
        markup,
        url=url or None,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        output_format="txt",
        favor_precision=True,
        deduplicate=False,
    )
    return drop_repeated_blocks(text or "")


def parse_page(content: bytes, *, url: str = "") -> Entry:
    """A single article page: title, author, date and main text (trafilatura)."""
    import trafilatura

    markup = _decode(content)
    body = page_text(markup, url=url)
    if not body:
        raise FeedParseError("no article text found on the page")
    meta = trafilatura.extract_metadata(markup, default_url=url or None)
    title = squash_space(getattr(meta, "title", "") or "")[:TITLE_MAX]
    if not title:
        title = body.split("\n", 1)[0][:200]
    published = None
    if getattr(meta, "date", None):
        published = _iso(str(meta.date))
    return Entry(
        url=url,
        guid="",
        title=title,
        author=squash_space(getattr(meta, "author", "") or "")[:AUTHOR_MAX],
        published=published,
        summary="",
        body=body,
    )
