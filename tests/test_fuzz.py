"""Property tests and a bounded fuzz of what reads untrusted text: URL canonicalisation, money
parsing and the feed parser. (The analysis entry point has its own in
tests/articles/test_analysis_properties.py.) Examples are capped so CI stays quick.
"""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import parse_qsl, urlsplit

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.analysis import parse_money
from articles.analysis.money import find_money
from articles.canonical import canonical_url
from articles.feeds import Entry, FeedParseError, parse
from tests.feedsamples import Story, atom, json_feed, rss

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ISO = re.compile(r"^[A-Z]{3}$")

# --- URL canonicalisation ---------------------------------------------------------------

TRACKING = ["utm_source", "utm_medium", "UTM_Campaign", "fbclid", "gclid", "mc_cid", "_hsenc"]
SAFE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@st.composite
def http_urls(draw) -> str:
    scheme = draw(st.sampled_from(["http", "https", "HTTP", "HttPs"]))
    host = draw(st.from_regex(r"[a-zA-Z][a-zA-Z0-9-]{0,10}\.(com|sg|example)", fullmatch=True))
    port = draw(st.sampled_from(["", ":80", ":443", ":8080"]))
    path = "/".join(draw(st.lists(SAFE_TEXT, max_size=3)))
    params = draw(
        st.lists(st.tuples(st.one_of(st.sampled_from(TRACKING), SAFE_TEXT), SAFE_TEXT), max_size=4)
    )
    query = "&".join(f"{k}={v}" for k, v in params)
    fragment = draw(st.one_of(st.just(""), SAFE_TEXT.map(lambda f: "#" + f)))
    return f"{scheme}://{host}{port}/{path}" + (f"?{query}" if query else "") + fragment


@FUZZ
@given(st.text(max_size=300))
@example("http://[::1")  # an unclosed IPv6 literal
@example("https://exa mple.com/\x00")
@example("http://:80/")
def test_canonical_url_never_raises_on_arbitrary_text(text):
    assert isinstance(canonical_url(text), str)


@FUZZ
@given(st.one_of(http_urls(), st.text(max_size=200)))
def test_canonical_url_is_idempotent(url):
    once = canonical_url(url)
    assert canonical_url(once) == once


@FUZZ
@given(http_urls())
def test_canonical_url_strips_tracking_parameters_and_fragments(url):
    result = canonical_url(url)
    parts = urlsplit(result)
    assert parts.scheme in ("http", "https")
    assert not parts.fragment
    names = [name.lower() for name, _ in parse_qsl(parts.query, keep_blank_values=True)]
    assert not any(
        n.startswith("utm_") or n in {"fbclid", "gclid", "mc_cid", "_hsenc"} for n in names
    )
    assert parts.hostname == parts.hostname.lower() if parts.hostname else True


# --- money ------------------------------------------------------------------------------

AMOUNTS = st.builds(
    lambda cur, num, scale: f"{cur}{num}{scale}",
    st.sampled_from(["$", "US$", "S$", "€", "£", "Rs ", "RMB ", "HK$", "¥", "A$", "INR ", ""]),
    st.one_of(
        st.integers(min_value=0, max_value=10**15).map(str),
        st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False).map(str),
        st.integers(min_value=0, max_value=10**9).map(lambda n: f"{n:,}"),
    ),
    st.sampled_from(["", "m", "bn", " million", " billion", " crore", " lakh", "k", " trillion"]),
)


@FUZZ
@given(AMOUNTS, st.text(max_size=40))
def test_money_values_are_never_negative_and_currencies_are_iso(amount, noise):
    for text in (amount, f"It agreed to pay {amount} for the unit. {noise}"):
        parsed = parse_money(text)
        if parsed is not None:
            assert parsed.value >= 0
            assert ISO.match(parsed.currency), parsed.currency
            assert parsed.usd is None or parsed.usd >= 0
        for mention in find_money(text):
            assert mention.amount.value >= 0 and ISO.match(mention.amount.currency)


@FUZZ
@given(st.text(max_size=400))
@example("$-5m")
@example("US$ 1e308 billion")
@example("Rs " + "9" * 400 + " crore")
def test_money_parsing_never_raises_on_arbitrary_text(text):
    parsed = parse_money(text)
    assert parsed is None or (parsed.value >= 0 and isinstance(parsed.value, Decimal))
    find_money(text)


# --- the feed parser --------------------------------------------------------------------

STORIES = [
    Story(
        "https://wire.example.com/a",
        "Fabrikam agrees to buy Contoso",
        "Fabrikam agreed to buy Contoso for $5m.",
    ),
    Story("https://wire.example.com/b", "Litware raises $20m", "Litware has raised $20 million."),
]
VALID = [rss(STORIES), atom(STORIES), json_feed(STORIES)]


@st.composite
def mutated_feeds(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(VALID)))
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        at = draw(st.integers(min_value=0, max_value=len(data)))
        action = draw(st.sampled_from(["flip", "cut", "insert", "dup"]))
        if action == "flip" and at < len(data):
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif action == "cut":
            del data[at : at + draw(st.integers(min_value=1, max_value=40))]
        elif action == "insert":
            data[at:at] = draw(
                st.sampled_from(
                    [
                        b"\x00",
                        b"\xff\xfe",
                        b"<!ENTITY x 'y'>",
                        b"]]>",
                        b"<![CDATA[",
                        b"&#0;",
                        b"&x;",
                        b"{",
                        b'"',
                    ]
                )
            )
        else:
            data[at:at] = data[at : at + 60]
    return bytes(data)


def _parse_or_refuse(content: bytes, kind: str) -> None:
    try:
        entries = parse(content, "", url="https://wire.example.com/feed", kind=kind)
    except FeedParseError:
        return
    for entry in entries:
        assert isinstance(entry, Entry)
        assert entry.url and entry.title
        assert "\x00" not in entry.title + entry.body + entry.author


def test_a_broken_link_costs_its_item_not_the_feed():
    broken = [Story("http://[::1", "Broken link story", "Body."), *STORIES]
    for content, kind in ((json_feed(broken), "json"), (rss(broken), "rss")):
        titles = {e.title for e in parse(content, kind=kind, url="https://wire.example.com/feed")}
        assert {"Fabrikam agrees to buy Contoso", "Litware raises $20m"} <= titles


@FUZZ
@given(mutated_feeds(), st.sampled_from(["rss", "json"]))
def test_the_feed_parser_reads_or_refuses_mutated_feeds_with_its_own_error(content, kind):
    _parse_or_refuse(content, kind)


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["rss", "atom", "json"]))
def test_the_feed_parser_reads_or_refuses_arbitrary_bytes_with_its_own_error(content, kind):
    _parse_or_refuse(content, kind)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_sniffing_arbitrary_bytes_then_parsing_raises_only_its_own_error(content):
    """Kind sniffed from the bytes: the article-page path (trafilatura) included."""
    _parse_or_refuse(content, "")
