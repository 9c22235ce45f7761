"""Reading RSS, Atom, JSON Feed and article pages into plain-text entries, safely."""

from __future__ import annotations

import resource
import time
from datetime import UTC, datetime

import pytest

from articles.analysis import analyse
from articles.feeds import (
    FeedParseError,
    FeedRefused,
    drop_repeated_blocks,
    html_to_text,
    parse,
    parse_feed,
    parse_json_feed,
    parse_page,
    sniff_kind,
)
from tests.feedsamples import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    MALFORMED,
    Story,
    atom,
    json_feed,
    rss,
    seed_page,
    seed_text,
)

STORIES = [
    Story(
        "https://example.com/a", "Acme to buy Beta Labs", "Acme agreed to buy Beta Labs.\n\nMore."
    ),
    Story("https://example.com/b", "Gamma raises $5m", "Gamma has raised $5m.", guid="g-2"),
]


@pytest.mark.parametrize("build", [rss, atom, json_feed])
def test_each_feed_format_gives_the_same_entries(build):
    entries = parse(build(STORIES))
    assert [e.url for e in entries] == ["https://example.com/a", "https://example.com/b"]
    assert entries[0].title == "Acme to buy Beta Labs"
    assert "Acme agreed to buy Beta Labs." in entries[0].body
    assert entries[1].guid == "g-2"
    assert entries[0].published == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    assert entries[0].author == "Desk Reporter"
    assert "<" not in entries[0].body


def test_rss_091_with_its_doctype_and_rss_10_are_read():
    rss091 = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old</title><link>http://example.com/</link>
<description>d</description><language>en</language>
<item><title>Delta mulls sale of unit</title><link>http://example.com/d</link>
<description>Delta is weighing a sale.</description></item></channel></rss>"""
    rss10 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="http://example.com/"><title>RDF</title><link>http://example.com/</link>
<description>d</description></channel>
<item rdf:about="http://example.com/e"><title>Epsilon in talks with Zeta</title>
<link>http://example.com/e</link><description>Talks.</description></item></rdf:RDF>"""
    assert [e.title for e in parse(rss091)] == ["Delta mulls sale of unit"]
    assert [e.url for e in parse(rss10)] == ["http://example.com/e"]


def test_feed_html_becomes_text_without_scripts():
    text = html_to_text(
        "<p>Acme &amp; Beta <b>agreed</b></p><script>alert(1)</script><p>Second&nbsp;para</p>"
    )
    assert text == "Acme & Beta agreed\n\nSecond para"


def test_a_billion_laughs_document_is_refused_quickly_and_in_bounded_memory():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    with pytest.raises(FeedRefused, match="entit"):
        parse_feed(BILLION_LAUGHS)
    assert time.process_time() - started < 1.0  # CPU time, a bound not a benchmark
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB


def test_entities_are_refused_by_the_parser_too_not_only_the_byte_scan(monkeypatch):
    import re

    from articles import feeds

    monkeypatch.setattr(feeds, "_ENTITY_DECL", re.compile(rb"(?!)"))
    for document in (EXTERNAL_ENTITY, BILLION_LAUGHS):
        with pytest.raises(FeedRefused):
            feeds.check_xml(document)


def test_malformed_xml_is_a_parse_error():
    with pytest.raises(FeedParseError) as err:
        parse_feed(MALFORMED)
    assert not isinstance(err.value, FeedRefused)


def test_an_unknown_declared_encoding_is_a_parse_error_that_names_it():
    feed = (
        b'<?xml version="1.0" encoding="utf-9"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>Fabrikam buys Contoso</title><link>https://e.test/a</link></item>"
        b"</channel></rss>"
    )
    with pytest.raises(FeedParseError, match="utf-9"):
        parse_feed(feed)


def test_json_that_is_not_a_json_feed_is_a_parse_error():
    with pytest.raises(FeedParseError):
        parse_json_feed(b'{"items": []}')
    with pytest.raises(FeedParseError):
        parse_json_feed(b"{not json")


@pytest.mark.parametrize(
    ("content", "ctype", "kind"),
    [
        (b'{"version": "https://jsonfeed.org/version/1"}', "", "json"),
        (b"<?xml version='1.0'?><rss/>", "", "rss"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'/>", "text/plain", "rss"),
        (b"<html><body>x</body></html>", "text/html", "page"),
        (b"<p>x</p>", "application/atom+xml", "rss"),
    ],
)
def test_it_sniffs_what_a_document_is(content, ctype, kind):
    assert sniff_kind(content, ctype) == kind


def test_repeated_blocks_on_a_page_are_dropped():
    text = "Story line one.\nAdvert block here, apply now.\nStory line two.\nAdvert block here, apply now."
    assert drop_repeated_blocks(text) == "Story line one.\n\nStory line two."


def test_the_seed_story_as_a_page_keeps_the_story_and_drops_the_job_advert():
    text = seed_text()
    if text is None:
        pytest.skip("../shared/samples/seed-article.txt is not here")
    entry = parse_page(seed_page(text), url="https://news.example.com/alibaba-kroger")
    assert entry.title.startswith("China’s Alibaba, U.S. grocer Kroger in early talks")
    assert (
        "Alibaba Group Holding Ltd and U.S. grocer Kroger Co have had early discussions"
        in entry.body
    )
    assert "Alibaba to invest $200m in India’s online grocer Bigbasket" in entry.body
    for boilerplate in ("Singapore Reporter", "vacancies", "hard-hitting reporters", "tracker"):
        assert boilerplate not in entry.body
    signals = analyse(entry.title, entry.body)
    assert len(signals.deals) == 4


def test_relative_links_resolve_against_the_feed_address():
    relative = [Story("/news/a", "Acme to buy Beta Labs", "Body.")]
    for build in (rss, atom, json_feed):
        entries = parse(build(relative), url="https://wire.example.com/feeds/all.xml")
        assert entries[0].url == "https://wire.example.com/news/a", build.__name__
