"""One spelling per story: canonical URLs, normalised titles and content hashes.

The same story reaches the desk under many URLs (tracking parameters, upper-case
hosts, explicit default ports, fragments) and from several outlets under the
same headline. Ingestion dedupes on the canonical URL and the GUID, and links
copies from other outlets through the title key or the content hash.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

_TRACKING_EXACT = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "yclid",
        "_hsenc",
        "_hsmi",
        "ref_src",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
TITLE_KEY_MAX = 300


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low.startswith("utm_") or low in _TRACKING_EXACT


def canonical_url(url: str) -> str:
    """The URL a story is stored under: lower-case scheme and host, no default port,
    no tracking parameters or fragment, the query sorted, the path's escapes tidied.

    Only http(s) URLs are rewritten; anything else comes back stripped of spaces.
    """
    raw = url.strip()
    try:
        parts = urlsplit(raw)
    except ValueError:  # "http://[::1": an unclosed IPv6 literal
        return raw
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return raw
    host = parts.hostname.lower().rstrip(".")
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~%") or "/"
    params = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    query = urlencode(sorted(params), doseq=True)
    return urlunsplit((scheme, netloc, path, query, ""))


def title_key(title: str) -> str:
    """A headline folded for comparison across outlets: case, accents, punctuation gone.

    Empty for headlines too short to identify a story ("Update", "Briefs").
    """
    text = unicodedata.normalize("NFKD", title.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    words = _WORD.findall(text)
    if len(words) < 4:
        return ""
    return " ".join(words)[:TITLE_KEY_MAX]


def content_hash(body: str) -> str:
    """SHA-256 of the body's words, so whitespace and markup leftovers don't matter.

    Empty for bodies too short to identify a story (a one-line summary is not enough).
    """
    words = _WORD.findall(unicodedata.normalize("NFKC", body).casefold())
    if len(words) < 40:
        return ""
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def squash_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
