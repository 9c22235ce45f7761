"""Feed and page documents built for tests (no copied text: our own stories, and the seed
sample read from ../shared at test time)."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

SEED_PATH = Path(__file__).resolve().parents[2] / "shared" / "samples" / "seed-article.txt"


@dataclass
class Story:
    url: str
    title: str
    body: str
    guid: str = ""
    published: datetime = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    author: str = "Desk Reporter"


def rss(stories: list[Story], *, title: str = "Test wire") -> bytes:
    items = "".join(
        f"""<item><title>{html.escape(s.title)}</title><link>{html.escape(s.url)}</link>
<guid isPermaLink="false">{html.escape(s.guid or s.url)}</guid>
<author>{html.escape(s.author)}</author>
<pubDate>{format_datetime(s.published)}</pubDate>
<description>{html.escape("<p>" + s.body.replace(chr(10) + chr(10), "</p><p>") + "</p>")}</description></item>"""
        for s in stories
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{title}</title><link>http://example.com/</link>
<description>Deals</description>{items}</channel></rss>""".encode()


def atom(stories: list[Story], *, title: str = "Test atom") -> bytes:
    entries = "".join(
        f"""<entry><title>{html.escape(s.title)}</title><link href="{html.escape(s.url)}"/>
<id>{html.escape(s.guid or s.url)}</id><updated>{s.published.isoformat()}</updated>
<author><name>{html.escape(s.author)}</name></author>
<content type="html">{html.escape("<p>" + s.body + "</p>")}</content></entry>"""
        for s in stories
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title><id>urn:test</id>
<updated>2026-11-20T09:00:00Z</updated>{entries}</feed>""".encode()


def json_feed(stories: list[Story], *, title: str = "Test JSON") -> bytes:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": title,
            "items": [
                {
                    "id": s.guid or s.url,
                    "url": s.url,
                    "title": s.title,
                    "content_text": s.body,
                    "date_published": s.published.isoformat(),
                    "authors": [{"name": s.author}],
                }
                for s in stories
            ],
        }
    ).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>
<link>http://example.com/lol</link></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title>
<link>http://example.com/x</link></item></channel></rss>"""

MALFORMED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>
<item><title>Unclosed <link>http://example.com/b</link></channel>"""


def seed_text() -> str | None:
    return SEED_PATH.read_text(encoding="utf-8") if SEED_PATH.exists() else None


def seed_page(text: str) -> bytes:
    """The seed story as a news site would serve it: navigation, the story, and the job
    advert twice in page furniture, as the scraped sample shows it."""
    title, _, rest = text.partition("\n")
    paragraphs = [p.strip() for p in rest.split("\n") if p.strip()]
    cut = paragraphs.index("Singapore Reporter/s")
    story, advert = paragraphs[:cut], paragraphs[cut:]
    advert = advert[: len(advert) // 2]

    def block(items):
        return "\n".join(f"<p>{html.escape(p)}</p>" for p in items)

    return f"""<!doctype html><html><head><meta charset="utf-8">
<title>{html.escape(title.strip())}</title><meta name="author" content="Desk Reporter">
<meta property="article:published_time" content="2018-01-24T08:00:00+00:00"></head><body>
<nav><a href="/">Home</a> <a href="/deals">Deals</a> <a href="/jobs">Jobs</a></nav>
<main><article><h1>{html.escape(title.strip())}</h1>
{block(story)}
</article>
<div class="careers">{block(advert)}</div>
<div class="careers">{block(advert)}</div>
</main><footer>Example News. All rights reserved.</footer>
<script>window.tracker = "do not store me";</script></body></html>""".encode()
