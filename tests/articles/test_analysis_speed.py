"""Speed-ups of the analysis leave its answers as they were.

Amounts found only when read, ASCII character classes for the lower-case twins,
and a byte table for control characters: each is checked against the plain
form it stands for, on invented text.
"""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from articles.analysis import analyse, companies, cues, pipeline
from articles.analysis.deals import Entity, Span
from articles.analysis.text import (
    _BULLET,
    _CONTROL,
    Caseless,
    _unbulleted,
    _without_controls,
    plain_ascii,
)

# ASCII words, with the information separators that Unicode \s matches and re.ASCII's does not.
PIECES = st.sampled_from(
    ["called", "OFF", "off", "talks", "Ended", " ", "\x1c", "\x1f", "\t", ",", "no", "Longer"]
)
TEXT = st.lists(PIECES, max_size=12).map("".join)
CUE_TEXT = st.lists(
    st.sampled_from(["Acme", "agreed", "to", "merge", "with", "Talks", "stake", "in", " ", "\x1e"]),
    max_size=14,
).map("".join)


def test_it_reads_a_price_the_next_sentence_states():
    signals = analyse(
        "",
        "Harbourline Tools Inc said it agreed to acquire Westmere Castings Ltd. "
        "The price is 40 mln dlrs in cash.",
        rules_only=True,
    )
    (deal,) = signals.deals
    assert deal.amount is not None and deal.amount.value == 40_000_000


def test_a_story_without_a_deal_still_lists_its_companies():
    signals = analyse(
        "Orvana Mills posts higher quarterly net",
        "Orvana Mills Corp said quarterly net income rose to 12 mln dlrs from 9 mln dlrs.",
        rules_only=True,
    )
    assert not signals.deals
    assert [c.name for c in signals.companies] == ["Orvana Mills Corp"]


def test_separators_keep_text_off_the_ascii_twin():
    assert plain_ascii("talks called off")
    assert not plain_ascii("talks called\x1doff")
    assert not plain_ascii("talks called off in Zürich")


@given(TEXT, st.integers(0, 30), st.integers(0, 30))
@example("It was called\x1coff", 0, 30)
def test_caseless_matches_its_regex_on_text_with_separators(text, pos, endpos):
    for regex in (cues.STAGE_BEFORE, pipeline._CAPS_BREAK):
        fast = Caseless(regex)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in regex.finditer(text)]
        found, plain = fast.search(text, pos, endpos), regex.search(text, pos, endpos)
        assert (found and found.span()) == (plain and plain.span())


def _searched_cue_windows(sentence: str, low: str) -> list[tuple[str, tuple[int, int]]]:
    """Each cue window searched with the cue's own regex, the slow way."""
    found: dict[tuple[str, int], re.Match[str]] = {}
    for end, (length, names) in cues._TRIGGERS.iter(low):
        lo, hi = max(0, end + 1 - length - 40), min(len(sentence), end + 120)
        for name in names:
            m = cues._CUE_RES[name].search(sentence, lo, hi)
            while m is not None and m.start() <= end:
                found[(name, m.start())] = m
                m = cues._CUE_RES[name].search(sentence, m.end(), hi) if m.end() < hi else None
    spans, taken = [], 0
    for (name, _), m in sorted(
        found.items(), key=lambda kv: (kv[1].start(), cues._CUE_ORDER[kv[0][0]])
    ):
        if m.start() >= taken:
            spans.append((name, m.span()))
            taken = m.end()
    return spans


@given(CUE_TEXT)
@example("Acme agreed to merge\x1ewith Talks")
def test_cue_windows_read_separators_as_the_cue_regexes_do(text):
    low = text.lower()
    found = [(cue.name, m.span()) for cue, m in cues.cue_matches(text, low)]
    assert found == _searched_cue_windows(text, low)


@given(st.text(max_size=60))
def test_control_characters_become_spaces_as_the_regex_makes_them(text):
    assert _without_controls(text) == _CONTROL.sub(" ", text)
    ascii_text = text.encode("ascii", "ignore").decode()
    assert _without_controls(ascii_text) == _CONTROL.sub(" ", ascii_text)


@given(
    st.lists(st.sampled_from(["Acme", "of", "Widget", "Co", "3Com", " ", "\x1c", ","]), max_size=10)
)
@example(["Acme", "\x1c", "Widget", " ", "Co"])
def test_capitalised_runs_on_plain_ascii_text_are_the_unicode_regex_runs(pieces):
    text = "".join(pieces)
    runs = companies._CAP_RUN_ASCII if plain_ascii(text) else companies.CAP_RUN_RE
    assert [m.span() for m in runs.finditer(text)] == [
        m.span() for m in companies.CAP_RUN_RE.finditer(text)
    ]


@given(st.lists(st.sampled_from(["•", "-", "*", " ", "\t", "Acme", "- x"]), max_size=6))
def test_a_bullet_is_stripped_from_the_start_as_the_regex_strips_it(pieces):
    paragraph = "".join(pieces)
    assert _unbulleted(paragraph) == _BULLET.sub("", paragraph)


NAME_WORDS = ["ACME", "FOODS", "INC", "HARBOUR", "BANKS", "DELTA", "TOOLS", "WIDGET", "CORP"]
CAPS_WORDS = st.sampled_from([*NAME_WORDS, "'S", "TO", " ", " ", ",", "<", ">", "-", "1987"])


def _caps_story() -> pipeline._Story:
    story = pipeline._Story()
    story.prose = ["Acme Foods Inc said it will buy widgets from Harbour Banks."]
    for name, key in (("Acme Foods Inc", "acme foods"), ("Harbour Banks", "harbour banks")):
        story.register(Entity(name, key, False, None, True), name)
    # Weak names have no short forms: only the whole key finds them.
    story.register(Entity("Widget Corp", "widget", False, None, False), "Widget Corp")
    story.register(Entity("Delta Tools", "delta tools", False, None, False), "Delta Tools")
    story.first.update({"acme foods": 0, "harbour banks": 1, "widget": 2, "delta tools": 3})
    return story


def _counted(spans: list[Span], story: pipeline._Story) -> list[tuple[int, int, str]]:
    return [
        (sp.start, sp.end, sp.entity.key)
        for sp in spans
        if sp.entity.strong or story.lookup(sp.entity.key)
    ]


@given(st.lists(CAPS_WORDS, max_size=12).map("".join))
@example("DELTA'S TOOLS TO BUY WIDGET")
@example("<ACME FOODS INC> HARBOUR BANKS")
def test_a_caps_headline_counts_the_same_names_without_looking_for_new_ones(headline):
    headline = headline.upper()
    story = _caps_story()
    low = headline.lower()
    found = pipeline._spans_in_caps(headline, low, story)
    counted = pipeline._spans_in_caps(headline, low, story, discover=False)
    assert _counted(counted, story) == _counted(found, story)
