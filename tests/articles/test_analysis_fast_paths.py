"""The analysis's fast paths find exactly what the plain regexes they stand for find.

Each speed-up (a case-sensitive twin on lower-cased text, a start finder for
cue windows, a byte-level tokeniser, a capitalised-run regex that opens with a
character class) is checked against the slow, obvious form on generated text.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from articles.analysis import companies, cues, deals, money, pipeline
from articles.analysis.names import TOKEN_RE
from articles.analysis.text import Caseless, lower_twin

WORDS = st.sampled_from(
    [
        "Acme",
        "ACME",
        "Widget",
        "Corp",
        "Inc",
        "co",
        "plc",
        "agreed",
        "Agreed",
        "to",
        "acquire",
        "ACQUIRE",
        "acquired",
        "by",
        "was",
        "merge",
        "with",
        "merger",
        "offer",
        "Offer",
        "bid",
        "for",
        "tender",
        "stake",
        "in",
        "of",
        "pct",
        "%",
        "15",
        "3Com",
        "10mln",
        "1,500",
        "dlrs",
        "a",
        "share",
        "talks",
        "not",
        "denied",
        "no",
        "plans",
        "sold",
        "sell",
        "terminated",
        "completed",
        "sales",
        "revenues",
        "of",
        "the",
        "The",
        "13D",
        "filing",
        "sources",
        "familiar",
        "said",
        "Reuters",
        "reported",
        "&",
        "AT&T",
        "<ACM>",
        ",",
        ";",
        ".",
        "(",
        ")",
        "-",
        "_",
        "Société",
        "İstanbul",
    ]
)
SENTENCES = st.lists(WORDS, max_size=40).map(" ".join)
ASCII_TEXT = st.text(st.characters(max_codepoint=127), max_size=200)


def _spans(matches) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in matches]


# Under IGNORECASE each of these matches some ASCII text that its case-sensitive
# twin would not match once lower-cased: an upper-case letter, a letter written
# as an escape, a part that keeps case, "ſ" (matches "s"), dotless "ı" (matches
# "i"), the Kelvin sign (matches "k"), a range reaching into A-Z ("[0-a]" matches
# "b" through "B"), a negated class of capitals, a back-reference.
_NO_TWIN = (
    r"IPO",
    r"\x41",
    r"(?-i:[a-z]+) shares",
    "\u017f",
    "\u0131",
    "\u212a",
    r"[0-a]",
    r"[^A-Z]",
    r"(a)\1",
)


def test_lower_twin_refuses_patterns_whose_twin_could_differ():
    for pattern in _NO_TWIN:
        assert lower_twin(re.compile(pattern, re.I)) is None, pattern
    assert lower_twin(re.compile(r"\b(?P<stage>agreed|talks)\s+\w+", re.I)) is not None
    assert lower_twin(re.compile(r"(?P<Big>x)[\w'&./-]", re.I)) is not None


def test_a_case_sensitive_regex_has_no_twin():
    # Lower-casing the text would let "acme" match "ACME".
    assert lower_twin(re.compile(r"acme")) is None


@given(ASCII_TEXT)
def test_accepted_twins_match_like_their_regex_on_any_ascii_text(text):
    for pattern in (r"[^a-z]+", r"[\w'&./-]+k", r"(?P<Big>s)\W", r"[!-/:-@]", r"i(?i:x)"):
        regex = re.compile(pattern, re.I)
        twin = lower_twin(regex)
        assert twin is not None, pattern
        assert _spans(twin.finditer(text.lower())) == _spans(regex.finditer(text))


@settings(max_examples=300)
@given(SENTENCES)
def test_twins_match_where_their_case_insensitive_regexes_match(sentence):
    regexes = [
        pipeline._FILING,
        pipeline._ANONYMOUS,
        pipeline._STATEMENT,
        pipeline._CAPS_BREAK,
        money._OTHER_BEFORE,
        cues.STAGE_BEFORE,
        cues.STRONG_DENIAL,
        *cues._CUE_RES.values(),
    ]
    if not sentence.isascii():
        return
    for regex in regexes:
        twin = lower_twin(regex)
        if twin is not None:
            assert _spans(twin.finditer(sentence.lower())) == _spans(regex.finditer(sentence))


def _plain_cue_matches(sentence: str, low: str) -> list[tuple[str, tuple[int, int]]]:
    """The cue windows searched with each cue's own regex, position by position."""
    found: dict[tuple[str, int], re.Match[str]] = {}
    for end, (length, names) in cues._TRIGGERS.iter(low):
        lo = max(0, end + 1 - length - 40)
        hi = min(len(sentence), end + 120)
        for name in names:
            m = cues._CUE_RES[name].search(sentence, lo, hi)
            while m is not None and m.start() <= end:
                found[(name, m.start())] = m
                m = cues._CUE_RES[name].search(sentence, m.end(), hi) if m.end() < hi else None
    ordered = sorted(found.items(), key=lambda kv: (kv[1].start(), cues._CUE_ORDER[kv[0][0]]))
    result, taken = [], 0
    for (name, _), m in ordered:
        if m.start() >= taken:
            result.append((name, m.span()))
            taken = m.end()
    return result


@settings(max_examples=300)
@given(SENTENCES)
def test_cue_matches_finds_what_a_plain_search_of_each_window_finds(sentence):
    low = sentence.lower()
    fast = [(cue.name, m.span()) for cue, m in cues.cue_matches(sentence, low)]
    assert fast == _plain_cue_matches(sentence, low)


@given(st.one_of(SENTENCES, ASCII_TEXT, st.text(max_size=80)))
def test_token_text_is_the_tokens_joined_by_single_spaces(text):
    low = text.lower()
    tokens = TOKEN_RE.findall(low)
    assert companies._token_text(low) == (f" {' '.join(tokens)} " if tokens else "")


_PLAIN_CAP_WORD = (
    r"(?:[A-Z][\w'&./-]*[\w&]\.?|[A-Z]\.?|\d+(?!(?:m|bn|b|k|mn|mln|bln|pct|st|nd|rd|th)\b)"
    r"[A-Za-z][\w-]*)"
)
_PLAIN_CAP_RUN = re.compile(
    rf"{_PLAIN_CAP_WORD}(?:\s(?:{companies._CONNECTOR}\s)?(?:{_PLAIN_CAP_WORD}|"
    rf"{companies._CAP_PAREN})|\s{companies._LOWER_SUFFIX})*"
)


@given(st.one_of(SENTENCES, ASCII_TEXT))
def test_capitalised_runs_are_those_of_the_plain_alternation(text):
    assert [m.span() for m in companies.CAP_RUN_RE.finditer(text)] == [
        m.span() for m in _PLAIN_CAP_RUN.finditer(text)
    ]


def test_attribution_and_outlet_read_the_same_through_the_fast_paths():
    said = "Acme Corp said on Tuesday it filed a 13D with regulators."
    assert pipeline._attribution(said) == "filing"
    assert (
        pipeline._outlet_in("The Wall Street Journal reported the talks.") == "Wall Street Journal"
    )
    assert pipeline._outlet_in("Acme said it was in talks.") == ""
    ended = "Acme has terminated its plan to buy Widget Co"
    cue = ended.index("buy")
    assert deals._stage_from_context(ended, cue, cue + 3, 0)[0] == "called_off"
    assert deals._negated("Acme denied it was in talks to buy Widget Co", 29, 0)


@given(SENTENCES.map(lambda s: s.replace(" of ", " but ").replace(" by ", " while ")))
def test_clause_start_is_the_end_of_the_last_break_before_the_cue(sentence):
    for pos in range(0, len(sentence) + 1, 7):
        lo = max(0, pos - 160)
        ends = [m.end() for m in deals._CLAUSE_BREAK.finditer(sentence, lo, pos)]
        assert deals._clause_start(sentence, pos) == (ends[-1] if ends else lo)


@given(st.one_of(SENTENCES, st.text(max_size=80)))
def test_caseless_search_finds_the_spans_of_its_regex_on_any_text(text):
    for regex in (pipeline._FILING, cues.STAGE_BEFORE, cues.STRONG_DENIAL, money._OTHER_BEFORE):
        fast = Caseless(regex)
        assert _spans(fast.finditer(text)) == _spans(regex.finditer(text))
        found = fast.search(text)
        assert (found and found.span()) == ((m := regex.search(text)) and m.span())
