"""Cheaper regexes stand in for plainer ones: each is checked against the form it replaced.

The plain forms below are the regexes as they were written before (kept here only as
oracles), run on invented mixed text with separators, non-ASCII letters and spaces,
and with pos/endpos where the analysis searches a window.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from articles.analysis import analyse, companies, cues, deals, pipeline, text
from articles.analysis.text import ascii_sets, plain_ascii, split_sentences

UNIT = deals.UNIT_NOUN
AUX = deals._AUX
# The oracles: the regexes as first written.
NAME_WORD_PLAIN = re.compile(r"(?:[a-z,;(<]\s+|<)[A-Z]")
ITS_UNIT_SOLD_PLAIN = re.compile(
    rf"\b(?:its|their)\s+(?:[\w-]+\s+){{0,3}}?(?:{UNIT}s?|business(?:es)?|operations)\s+{AUX}$",
    re.I,
)
SOLD_UNIT_BEFORE_PLAIN = re.compile(
    rf"(?:\b(?:its|their|the)|'s|’s)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"(?:{UNIT}s?|business(?:es)?|operations?|assets|stake|interest)\s+{AUX}$"
    rf"|\b(?:it|the\s+company|the\s+firm)\s+{AUX}$",
    re.I,
)

# Words and marks, then the white space the regexes must treat alike or apart: ASCII
# spaces, the information separators and a no-break space (Unicode \s matches all).
WORDS = [
    "a",
    "Z",
    "Q",
    "acme",
    ",",
    ";",
    "(",
    "<",
    ">",
    "É",
    "é",
    ".",
    "!",
    "?",
    '"',
    "'",
    ")",
    "]",
    "3",
    "Mr",
    "U.S.",
]
SPACES = [" ", "  ", "\t", "\x1c", "\x1f", "\u00a0"]
MIXED = st.lists(st.sampled_from(WORDS + SPACES), max_size=16).map("".join)
SOLD_WORDS = [
    "its",
    "Their",
    "the",
    "'s",
    "’s",
    "it",
    "company",
    "firm",
    "packaging",
    "unit",
    "units",
    "business",
    "operations",
    "operation",
    "assets",
    "stake",
    "was",
    "will",
    "be",
    "is",
    "to",
    "-",
    "Acme",
    "É",
]
SOLD_TEXT = st.lists(st.sampled_from([*SOLD_WORDS, " ", "  ", "\x1e"]), max_size=14).map("".join)


@given(MIXED)
def test_name_words_count_as_the_plain_alternation_counts(mixed):
    # Only the number of names is read (three make a mixed-case story).
    assert len(pipeline._NAME_WORD.findall(mixed)) == len(NAME_WORD_PLAIN.findall(mixed))


def test_name_words_are_counted_after_words_commas_and_tickers():
    found = pipeline._NAME_WORD.findall
    assert len(found("shares of  Acme, Borel and <Cato> rose")) == 3
    assert len(found("Talks. Results! ENDED")) == 0  # sentence starts are no names
    assert len(found("stake in\x1cAcme")) == 1  # a separator is white space to \s


@given(MIXED)
def test_dot_sentence_ends_are_the_full_ends_where_no_bang_or_question(mixed):
    if "!" in mixed or "?" in mixed:
        mixed = mixed.replace("!", ".").replace("?", ".")
    spans = [m.span() for m in text._SENTENCE_END_DOT.finditer(mixed)]
    assert spans == [m.span() for m in text._SENTENCE_END.finditer(mixed)]


def test_sentences_still_end_at_exclamation_and_question_marks():
    assert split_sentences("Will Acme bid? Borel Corp said no! Talks ended. Mr. Cato left.") == [
        "Will Acme bid?",
        "Borel Corp said no!",
        "Talks ended.",
        "Mr. Cato left.",
    ]


@given(SOLD_TEXT, st.integers(0, 8), st.integers(0, 8))
def test_sold_unit_regexes_match_as_first_written(sold, cut_left, cut_right):
    pos, endpos = min(cut_left, len(sold)), max(0, len(sold) - cut_right)
    for new, plain in (
        (deals._ITS_UNIT_SOLD, ITS_UNIT_SOLD_PLAIN),
        (deals._SOLD_UNIT_BEFORE, SOLD_UNIT_BEFORE_PLAIN),
    ):
        got, want = new.search(sold, pos, endpos), plain.search(sold, pos, endpos)
        assert (got and got.span()) == (want and want.span())


def test_the_object_gated_cues_are_the_sale_going_private_and_share_swap_ones():
    gated = {c.name for c in cues.CUES if c.gated}
    assert gated == {"sold_to", "sold_by", "take_private", "share_ratio"}


def test_a_sold_unit_names_its_parent_as_seller_and_goods_sold_make_no_deal():
    signals = analyse(
        "",
        "Harwell Plastics Inc said its packaging unit was sold to Dunmore Holdings Corp.",
        rules_only=True,
    )
    (deal,) = signals.deals
    assert {(p.name, p.role) for p in deal.parties} >= {
        ("Harwell Plastics Inc", "seller"),
        ("Dunmore Holdings Corp", "acquirer"),
    }
    assert not analyse("", "About 300 homes were sold to buyers last year.", rules_only=True).deals


# Classes at a class's edges, negated, after a literal "]", escaped, and inside lookbehinds.
SET_PATTERNS = [
    r"[]\w-]+\s*\d",
    r"[^]\s]+(?<=\w)",
    r"\\w|\[\d\]|[\w'&./-]*[\w&]\.?",
    r"(?<=\d)(?<!\d\d)\d*+\b[\s,]\W\S\D",
    companies.CAP_RUN_RE.pattern,
]
ASCII_TEXT = st.lists(
    st.sampled_from([*WORDS, " ", "  ", "\t", "\n", "\x0b", "-", "_", "[", "\\", "Acme", "1987"]),
    max_size=16,
).map("".join)


def test_ascii_sets_spell_out_only_the_plain_class_escapes():
    assert ascii_sets(r"[\w.-]\s\d\W\\w") == r"[a-zA-Z0-9_.-][ \t\n\r\f\v][0-9]\W\\w"
    assert ascii_sets(r"[]\d]") == r"[]0-9]"


@given(ASCII_TEXT, st.integers(0, 6), st.integers(0, 6))
def test_ascii_sets_match_as_the_ascii_regex_does(ascii_text, cut_left, cut_right):
    pos, endpos = min(cut_left, len(ascii_text)), max(0, len(ascii_text) - cut_right)
    for pattern in SET_PATTERNS:
        plain, spelled = re.compile(pattern, re.ASCII), re.compile(ascii_sets(pattern), re.ASCII)
        want = [m.span() for m in plain.finditer(ascii_text, pos, endpos)]
        assert [m.span() for m in spelled.finditer(ascii_text, pos, endpos)] == want


@given(st.one_of(MIXED, ASCII_TEXT), st.integers(0, 6))
def test_capitalised_runs_on_ascii_text_are_those_of_the_unicode_regex(mixed, cut):
    runs = companies._CAP_RUN_ASCII if plain_ascii(mixed) else companies.CAP_RUN_RE
    pos = min(cut, len(mixed))
    want = [m.span() for m in companies.CAP_RUN_RE.finditer(mixed, pos)]
    assert [m.span() for m in runs.finditer(mixed, pos)] == want
