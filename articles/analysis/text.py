"""Turn a raw story (feed summary, clean text or scraped page) into sentences.

Scraped pages carry more than the story: photo credits, "Also Read:" lists of
related headlines and page furniture such as job adverts. Deal rules must only
ever see story sentences, and each related headline must be judged on its own,
or a headline about another deal would lend its words to the main story.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ahocorasick

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# `_CONTROL` as a byte table: one bytes.translate blanks them in ASCII text, four
# times cheaper than the regex's character-class scan of a whole story.
_CONTROL_TO_SPACE = bytes(32 if _CONTROL.match(chr(c)) else c for c in range(256))
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
# Newswire paragraphs are separated by an indented line rather than a blank one.
_INDENTED_LINE = re.compile(r"\n(?=[ \t]{2,}\S)")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " ", "–": "-"})
# Typographic quotes, dashes and spaces are all outside ASCII: ASCII text needs no translating.
_QUOTES_OUTSIDE_ASCII = all(code > 127 for code in _QUOTES)


def _plain_quotes(text: str) -> str:
    """`text.translate(_QUOTES)`, skipped where it would change nothing."""
    if _QUOTES_OUTSIDE_ASCII and text.isascii():
        return text
    return text.translate(_QUOTES)


_PHOTO_CREDIT = re.compile(
    r"\b(?:photographer|photo(?:graph)?|picture|image|illustration|credit|file photo)s?\s*:",
    re.IGNORECASE,
)
_RELATED_MARKER = re.compile(
    r"^(?:also read|read also|read more|related(?: stories| articles| news)?|see also|"
    r"more from \w+|recommended|you may also like)\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"\b(?:vacanc(?:y|ies)|we are (?:looking|hiring)|can be applied|apply (?:now|here|for)|"
    r"job opening|subscribe|newsletter|all rights reserved|click here|sign up|follow us|"
    r"cookies?|terms of (?:use|service)|privacy policy|advertisement|sponsored content)\b",
    re.IGNORECASE,
)
_PHOTO_STEMS = ("photo", "picture", "image", "illustration", "credit")
# Stems that every match of _BOILERPLATE contains ("subscri" for "subscribe", and so on).
_BOILERPLATE_STEMS = (
    "vacanc",
    "we are",
    "applied",
    "apply",
    "job",
    "subscri",
    "newsletter",
    "rights reserved",
    "click",
    "sign up",
    "follow us",
    "cookie",
    "terms of",
    "privacy",
    "advertis",
    "sponsored",
)
_FURNITURE_STEMS = (
    *_PHOTO_STEMS,
    "read",
    "related",
    "see also",
    "more from",
    "recommended",
    "you may",
    *_BOILERPLATE_STEMS,
    "reuter",
    "afp",
    "bloomberg",
)


def word_automaton(entries: Iterable[tuple[str, object]]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton over (word, value) pairs: one pass finds every stem in a text.

    Cheap stem hints decide which of the expensive regexes a sentence needs at all.
    """
    automaton = ahocorasick.Automaton()
    for word, value in entries:
        automaton.add_word(word, value)
    automaton.make_automaton()
    return automaton


def lower_twin(regex: re.Pattern[str], *, ascii_classes: bool = False) -> re.Pattern[str] | None:
    """The case-sensitive twin of a case-insensitive regex, for lower-cased ASCII text.

    On ASCII text, `twin.search(text.lower(), ...)` matches exactly where
    `regex.search(text, ...)` does, with the same spans and groups, but runs
    about twice as fast: the engine skips a position on its first character
    instead of case-folding every alternative. None (use the regex) when the
    twin could differ: a regex that is not case-insensitive, or one whose parsed
    form (`_folds_like_lower`) holds an upper-case or non-ASCII character, a
    range reaching into A-Z, a part that keeps case ("(?-i:...)") or a group
    reference.

    With `ascii_classes` the twin also reads \\w, \\b, \\d and \\s as re.ASCII does,
    with a table lookup instead of calls into the Unicode database: faster again,
    and the same matches on `plain_ascii` text only.
    """
    flags = twin_flags(regex, ascii_classes=ascii_classes)
    return None if flags is None else re.compile(regex.pattern, flags)


def twin_flags(regex: re.Pattern[str], *, ascii_classes: bool = False) -> int | None:
    """The flags `lower_twin` compiles its pattern with, or None: for a caller that
    builds its own pattern around the twin's and need not compile the twin itself."""
    if not regex.flags & re.IGNORECASE or not _folds_like_lower(regex):
        return None
    flags = regex.flags & ~re.IGNORECASE
    if ascii_classes:
        flags = (flags & ~re.UNICODE) | re.ASCII
    return flags


_ASCII_SETS = {"w": "a-zA-Z0-9_", "d": "0-9", "s": " \\t\\n\\r\\f\\v"}


def ascii_sets(pattern: str) -> str:
    """`pattern` with \\w, \\d and \\s spelled as the ASCII sets re.ASCII reads them as.

    Compiled with re.ASCII it matches exactly as `pattern` does with re.ASCII, but the
    engine tests a set by a bitmap or a range instead of a call per character into its
    category tables. The negated \\W, \\D and \\S are left as they are.
    """
    out: list[str] = []
    in_class = False
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            body = _ASCII_SETS.get(pattern[i + 1])
            if body is None:
                out.append(pattern[i : i + 2])
            else:
                out.append(body if in_class else f"[{body}]")
            i += 2
            continue
        out.append(c)
        i += 1
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            # A "]" first in a class ("[]" or "[^]") is a member, not its end.
            if pattern.startswith("^", i):
                out.append("^")
                i += 1
            if pattern.startswith("]", i):
                out.append("]")
                i += 1
    return "".join(out)


def plain_ascii(text: str) -> bool:
    """ASCII text on which a regex matches the same with and without re.ASCII.

    The one ASCII difference: Unicode \\s also matches the information separators
    \\x1c-\\x1f (never left in cleaned text, but a caller may pass any string).
    """
    return (
        text.isascii()
        and "\x1c" not in text
        and "\x1d" not in text
        and "\x1e" not in text
        and "\x1f" not in text
    )


class Caseless:
    """A case-insensitive regex that searches ASCII text through its lower-case twin.

    The one place that chooses between the twin and the regex: matches found by
    the twin are on the lower-cased text, so their spans and group names are the
    regex's but their text is lower-cased. The twin reads character classes as
    re.ASCII does, so it serves `plain_ascii` text only.
    """

    __slots__ = ("regex", "twin")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.twin = lower_twin(regex, ascii_classes=True)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self.twin is not None and plain_ascii(text):
            return self.twin.search(text.lower(), pos, endpos)
        return self.regex.search(text, pos, endpos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.twin is not None and plain_ascii(text):
            return self.twin.finditer(text.lower())
        return self.regex.finditer(text)


def _folds_like_lower(regex: re.Pattern[str]) -> bool:
    """Whether every character the regex names matches, ignoring case, only what its
    lower-cased ASCII self matches.

    Read off the parsed pattern rather than its text, so that escapes, classes and
    ranges are seen as the engine sees them. Under IGNORECASE "ſ" and "ı" match
    "s" and "i", the Kelvin sign matches "k", and "[0-a]" matches "b" (because of
    "B"): none of these has a twin. Should the private parser change, no regex
    gets a twin and the analysis only runs slower.
    """
    try:
        from re import _constants as sre
        from re import _parser as parser

        parsed = parser.parse(regex.pattern, regex.flags)
        op_type = sre._NamedIntConstant
    except (ImportError, AttributeError, re.error):
        return False
    upper = range(ord("A"), ord("Z") + 1)

    def ok(node: object) -> bool:
        if isinstance(node, parser.SubPattern):
            return all(ok(item) for item in node.data)
        if isinstance(node, (list, tuple)):
            if node and isinstance(node[0], op_type):
                op, av = node
                if op in (sre.LITERAL, sre.NOT_LITERAL):
                    return av < 128 and av not in upper
                if op == sre.RANGE:
                    low, high = av
                    return high < 128 and (high < upper.start or low >= upper.stop)
                if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
                    return False
                if op == sre.SUBPATTERN and av[2] & re.IGNORECASE:
                    return False
                return ok(av)
            return all(ok(item) for item in node)
        return True

    return ok(parsed)


_FURNITURE = word_automaton((stem, stem) for stem in _FURNITURE_STEMS)


# Cheap pre-checks: _BOILERPLATE and _PHOTO_CREDIT run only when one of their stems occurs.
_BOILERPLATE_HINT = word_automaton((stem, stem) for stem in _BOILERPLATE_STEMS)
_PHOTO_HINT = word_automaton((stem, stem) for stem in _PHOTO_STEMS)


def _hinted(paragraph: str, hint: ahocorasick.Automaton) -> bool:
    """Whether a case-insensitive regex whose matches all hold one of `hint`'s stems may match.

    Outside ASCII, case folding can match letters that lower-casing keeps apart
    ("ſ" and "s"), so the regex always runs there.
    """
    return not paragraph.isascii() or next(hint.iter(paragraph.lower()), None) is not None


def _boilerplate(paragraph: str) -> bool:
    return _hinted(paragraph, _BOILERPLATE_HINT) and _BOILERPLATE.search(paragraph) is not None


def _maybe_furniture(paragraph: str) -> bool:
    """One Aho-Corasick pass that every furniture check below needs to pass first."""
    if len(paragraph) < 12:
        return True  # "AP", "Reuters" sign-offs and stray headings get the full checks
    return next(_FURNITURE.iter(paragraph.lower()), None) is not None


_SIGN_OFF = re.compile(r"^(?:reuters?|reuter|afp|ap|bloomberg)\W*$", re.IGNORECASE)
_BULLET = re.compile(r"^[•·\-*▪●]\s*")


def _unbulleted(paragraph: str) -> str:
    """`_BULLET.sub("", paragraph)`, tried at the start only (sub scans every position)."""
    bullet = _BULLET.match(paragraph)
    return paragraph[bullet.end() :] if bullet else paragraph


# A sentence ends at . ! ? (plus closing quotes/brackets) before a capital or digit.
_END_TAIL = r"[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])"
_SENTENCE_END = re.compile(rf"[.!?]{_END_TAIL}")
# The same where a paragraph holds no "!" or "?" (nearly all): a literal first character
# is found by a tight scan, a character class by a call per position (half the cost).
_SENTENCE_END_DOT = re.compile(rf"\.{_END_TAIL}")
_ABBREVIATIONS_BASE = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "no",
        "nos",
        "vs",
        "v",
        "etc",
        "e.g",
        "i.e",
        "cf",
        "approx",
        "dept",
        "est",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "u.s.a",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "rep",
        "sen",
        "rev",
        "messrs",
        "bros",
        "fig",
        # Given names shortened inside company names: "Chas. Schwab", "Wm. Wrigley".
        "chas",
        "wm",
        "thos",
        "jas",
        "geo",
    ]
)
_RELATED_MAX_CHARS = 220
# "J.P.", "N.V.", "L.P.": letters joined by dots never end a sentence.
_INITIALS = re.compile(r"^(?:[a-z]\.)+[a-z]$")
_US_STATES = (
    "pa calif fla mass conn ill tex wash mich minn wis ore ariz colo ga va md ky tenn ala mo "
    "okla kan neb nev ind ia"
)
_ABBREVIATIONS = _ABBREVIATIONS_BASE | frozenset(_US_STATES.split())


@dataclass(frozen=True, slots=True)
class CleanedStory:
    """The story's own sentences, and each related headline as its own mini-story."""

    title: str
    sentences: tuple[str, ...]
    related: tuple[str, ...]


def _without_controls(text: str) -> str:
    """`_CONTROL.sub(" ", text)`, through the byte table where the text is ASCII."""
    if text.isascii():
        return text.encode().translate(_CONTROL_TO_SPACE).decode()
    return _CONTROL.sub(" ", text)


def _paragraphs(raw: str) -> list[str]:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text and ";" in text:
        text = html.unescape(text)
    text = _plain_quotes(_without_controls(text))
    blocks = _BLANK_LINE.split(text)
    paragraphs: list[str] = []
    for block in blocks:
        for part in _INDENTED_LINE.split(block):
            para = " ".join(part.split())  # as _SPACE.sub(" ", part).strip(), faster
            if para:
                paragraphs.append(para)
    return paragraphs


# Longer "sentences" (tables, run-on scrapes) are cut so per-sentence work stays
# bounded and a huge page costs time linear in its length.
MAX_SENTENCE_CHARS = 1000
_SOFT_BREAK = re.compile(r"[;,]\s|\s")


def _bounded(sentence: str) -> list[str]:
    pieces: list[str] = []
    at = 0  # where the rest starts: cutting the rest off each time would copy it each time
    while len(sentence) - at > MAX_SENTENCE_CHARS:
        cut = at + MAX_SENTENCE_CHARS
        for m in _SOFT_BREAK.finditer(sentence, at + MAX_SENTENCE_CHARS // 2, cut):
            cut = m.end()
        pieces.append(sentence[at:cut].strip())
        at = cut
    rest = sentence[at:].strip()
    if rest:
        pieces.append(rest)
    return pieces


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, not at abbreviations or initials."""
    if len(paragraph) > MAX_SENTENCE_CHARS:
        return [piece for s in _split_sentences(paragraph) for piece in _bounded(s)]
    return _split_sentences(paragraph)


def _split_sentences(paragraph: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    after_space = 0  # past the previous break's spaces: the last word starts no earlier
    ends = _SENTENCE_END if "!" in paragraph or "?" in paragraph else _SENTENCE_END_DOT
    for m in ends.finditer(paragraph):
        # Read from there rather than from `start`: a paragraph of abbreviations
        # ("Mr. A and Dr. B ...") would be reread from its start at each of them.
        before = paragraph[max(start, after_space - 1) : m.start() + 1]
        after_space = m.end()
        # Its last word: the trailing run of non-space characters.
        word = before.rsplit(None, 1)[-1] if before and not before[-1].isspace() else ""
        word = word.lower().rstrip(".")
        word = word.lstrip("(\"'")
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or _INITIALS.match(word):
            continue
        sentence = paragraph[start : m.end()].strip()
        if sentence:
            sentences.append(sentence)
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _looks_like_title(paragraph: str) -> bool:
    return len(paragraph) <= 200 and paragraph[-1] not in ".!?:"


def clean_text(raw: str, *, title: str = "") -> CleanedStory:
    """Sentences of the story, related headlines apart, page furniture dropped.

    Paragraphs that occur more than once on the page are furniture (a job
    advert or a newsletter box repeated in the sidebar), so every copy goes.
    When no title is given, a short first line without final punctuation is
    taken as the title, as on a scraped page.
    """
    paragraphs = _paragraphs(raw)
    keys = [_unbulleted(para).lower() for para in paragraphs]
    seen: dict[str, int] = {}
    for key in keys:
        seen[key] = seen.get(key, 0) + 1

    if not title and paragraphs and len(paragraphs) > 1 and _looks_like_title(paragraphs[0]):
        title = paragraphs.pop(0)
        keys.pop(0)

    sentences: list[str] = []
    related: list[str] = []
    in_related = False
    in_boilerplate = False
    for para, key in zip(paragraphs, keys, strict=True):
        if seen[key] > 1 and len(key) >= 12:
            in_related = False
            continue
        if not in_related and not in_boilerplate and not _maybe_furniture(para):
            sentences.extend(split_sentences(para))
            continue
        marker = _RELATED_MARKER.match(para)
        if marker:
            in_related = True
            rest = marker.group("rest").strip()
            if rest:
                # Cut like a sentence: a marker heading a whole page of lines joined by
                # single newlines would otherwise be one unbounded "headline".
                related.extend(_bounded(rest))
            continue
        if in_related:
            if len(para) <= _RELATED_MAX_CHARS and not _boilerplate(para):
                related.append(_unbulleted(para))
                continue
            in_related = False
        if _boilerplate(para):
            in_boilerplate = True
            continue
        if in_boilerplate and _BULLET.match(para):
            continue
        in_boilerplate = False
        if len(para) < 200 and _hinted(para, _PHOTO_HINT) and _PHOTO_CREDIT.search(para):
            continue
        if _SIGN_OFF.match(para):
            continue
        sentences.extend(split_sentences(para))
    title = _SPACE.sub(" ", _plain_quotes(title)).strip()
    return CleanedStory(
        title=title[:MAX_SENTENCE_CHARS],
        sentences=tuple(sentences),
        related=tuple(related),
    )
