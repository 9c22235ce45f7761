"""One spelling per story: canonical URLs, headline keys, body hashes."""

from __future__ import annotations

import pytest

from articles.canonical import canonical_url, content_hash, title_key


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "HTTPS://Example.COM:443/News/Story?b=2&a=1#top",
            "https://example.com/News/Story?a=1&b=2",
        ),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        (
            "https://example.com/s?utm_source=tw&utm_medium=social&id=7&fbclid=abc&gclid=def",
            "https://example.com/s?id=7",
        ),
        ("https://example.com/s?UTM_Campaign=x", "https://example.com/s"),
        ("https://example.com/caf%C3%A9", "https://example.com/caf%C3%A9"),
        ("  https://example.com/a b  ", "https://example.com/a%20b"),
    ],
)
def test_it_canonicalises_urls(raw, expected):
    assert canonical_url(raw) == expected


def test_tracking_variants_of_one_story_meet():
    a = canonical_url("https://news.example.com/deal?utm_source=rss&utm_medium=feed")
    b = canonical_url("https://NEWS.example.com/deal?fbclid=IwAR0#comments")
    assert a == b == "https://news.example.com/deal"


def test_non_http_urls_are_left_alone():
    assert canonical_url("manual:abc") == "manual:abc"


def test_headlines_fold_case_accents_and_punctuation():
    assert title_key("Alibaba, Kroger in early talks — report") == title_key(
        "ALIBABA KROGER IN EARLY TALKS: REPORT"
    )
    assert (
        title_key("Société Générale sells unit to Amundi")
        == "societe generale sells unit to amundi"
    )


def test_short_headlines_identify_nothing():
    assert title_key("Market update") == ""


def test_body_hash_ignores_whitespace_and_case_but_not_words():
    body = " ".join(f"word{i}" for i in range(60))
    assert content_hash(body) == content_hash("  " + body.upper().replace(" ", "\n "))
    assert content_hash(body) != content_hash(body + " extra")
    assert content_hash("too short to tell") == ""
