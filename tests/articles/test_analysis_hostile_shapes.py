"""Hostile input shapes: the analysis does work linear in the story's length.

Speed is measured by `make bench` (`analysis.hostile_worst_seconds_per_mb`);
here the work is counted instead of timed: the lines of analysis code run for
a story, and for the same shape twice as long. A step that rescans the whole
story for each deal, name or word it finds makes the count grow with the square
of the length and the ratio climb well past two. Counts are deterministic, so
the bound can be tight.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import articles.analysis as analysis_package
from articles.analysis import analyse, clean_text, cues, deals, pipeline
from articles.analysis.companies import find_candidates
from articles.analysis.text import MAX_SENTENCE_CHARS, split_sentences

ANALYSIS_DIR = str(Path(analysis_package.__file__).resolve().parent)
# Doubling the story may cost a little more than double (a dictionary or a sort
# growing with the story) but nowhere near the fourfold of a quadratic step.
MAX_RATIO = 2.3


def _fill(make: Callable[[int], str], size: int) -> str:
    """Distinct pieces (repeated paragraphs are dropped as page furniture) up to `size`."""
    pieces: list[str] = []
    total = 0
    i = 0
    while total < size:
        piece = make(i)
        pieces.append(piece)
        total += len(piece)
        i += 1
    return "".join(pieces)


def _letters(i: int) -> str:
    """A distinct capitalised made-up word per number: Bova, Bovb, ..."""
    tail = ""
    while True:
        i, r = divmod(i, 26)
        tail += "abcdefghijklmnopqrstuvwxyz"[r]
        if i == 0:
            return "Bov" + tail


def _acronym(i: int) -> str:
    a, b = divmod(i, 26)
    return "Q" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[a % 26] + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[b]


SHAPES: dict[str, Callable[[int], str]] = {
    # A related-links box whose lines are joined by single newlines: one long paragraph.
    "related_links_on_one_paragraph": lambda n: _fill(
        lambda i: f"Also Read: Tarnwick Mills to acquire {_letters(i)} Textiles Ltd\n", n
    ),
    "related_headline_per_paragraph": lambda n: _fill(
        lambda i: f"Also Read: {_letters(i)} Pumps Inc to acquire Ostrel Ltd\n\n", n
    ),
    "one_buyer_many_targets": lambda n: _fill(
        lambda i: f"Pellam Group agreed to buy {_letters(i)} Robotics Inc for 5 mln dlrs. ", n
    ),
    "mergers_with_paid_holders": lambda n: _fill(
        lambda i: (
            f"{_letters(i)} Corp and Wennick{_letters(i).lower()} Inc agreed to merge. "
            f"{_letters(i)} shareholders will receive one Wennick{_letters(i).lower()} share. "
        ),
        n,
    ),
    "acronym_buyers": lambda n: _fill(
        lambda i: f"{_acronym(i)} to acquire {_letters(i)} Cables Inc. ", n
    ),
    "caps_headlines_between_prose": lambda n: (
        "Harlow Forge Ltd said Umber Vale Co met it.\n\n"
        + _fill(
            lambda i: (
                f"DUNMORE{i} STARTS BID FOR {_letters(i).upper()} PRESSES\n\n"
                f"Output at Fenwold {_letters(i)} rose, said Corvin Bank.\n\n"
            ),
            n,
        )
    ),
    "one_sentence_without_full_stops": lambda n: _fill(
        lambda i: f"Pellam Group agreed to acquire {_letters(i)} Robotics for $20m and ", n
    ),
    "all_caps_text": lambda n: _fill(
        lambda i: f"LARKSPUR {_letters(i).upper()} <LKS> AGREES TO BUY TOLLAND WORKS. ", n
    ),
}


def _clear_caches() -> None:
    for module in (pipeline, deals, cues):
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()


def lines_run(title: str, body: str) -> int:
    """Lines of `articles/analysis` code executed by one analysis, from cold caches."""
    _clear_caches()
    count = 0

    def local(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame, event, arg):
        if frame.f_code.co_filename.startswith(ANALYSIS_DIR):
            return local
        return None

    sys.settrace(tracer)
    try:
        analyse(title, body, rules_only=True)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_grows_linearly_with_the_story(shape):
    make = SHAPES[shape]
    small = lines_run("Market report", make(15_000))
    large = lines_run("Market report", make(30_000))
    assert large <= MAX_RATIO * small, f"{shape}: {small} -> {large} lines"


def test_a_related_links_paragraph_is_cut_into_bounded_headlines():
    body = "Opening line of a story about Harlow Forge.\n\n" + SHAPES[
        "related_links_on_one_paragraph"
    ](20_000)
    related = clean_text(body).related
    assert len(related) > 10
    assert all(len(headline) <= MAX_SENTENCE_CHARS for headline in related)
    assert related[0].startswith("Tarnwick Mills to acquire")


def test_a_short_related_headline_is_kept_whole():
    body = "Opening line.\n\nAlso Read: Tarnwick Mills to acquire Bova Textiles Ltd"
    assert clean_text(body).related == ("Tarnwick Mills to acquire Bova Textiles Ltd",)


def test_a_long_paragraph_of_abbreviations_splits_only_at_sentence_ends():
    unit = "Mr. Tarn met Dr. Bova at St. Ives with J. Ostrel and left. "
    sentences = split_sentences(unit * 3_000)
    assert sentences == [unit.strip()] * 3_000


def test_numbers_glued_to_words_are_still_names_and_long_numbers_are_not():
    assert [c.surface for c in find_candidates("Shares of 3Com Corp rose.")] == ["3Com Corp"]
    assert find_candidates("the serial " + "1234567890" * 100 + " was read.") == []
    glued = find_candidates("bought by 12345678Vexa Inc")
    assert [c.surface for c in glued] == ["12345678Vexa Inc"]


def test_deals_of_a_long_story_still_merge_and_fill_their_sides():
    """The indexes behind merging and side filling find what a full scan found."""
    body = (
        "Pellam Group agreed to buy Bova Robotics Inc. "
        "Pellam Group will buy Bova Robotics Inc from Ostrel Holdings Ltd. "
        + _fill(lambda i: f"Pellam Group agreed to buy {_letters(i + 1)} Robotics Inc. ", 5_000)
    )
    found = analyse("", body, rules_only=True).deals
    first = found[0]
    assert {p.role: p.name for p in first.parties} == {
        "acquirer": "Pellam Group",
        "target": "Bova Robotics Inc",
        "seller": "Ostrel Holdings Ltd",
    }
    targets = [p.name for d in found for p in d.parties if p.role == "target"]
    assert len(targets) == len(set(targets))


def test_caps_words_read_through_the_prose_index_as_through_a_search():
    """Past the first caps words the prose is indexed; the verdicts stay the same."""
    story = pipeline._Story()
    story.prose = [
        "Harlow Forge Ltd said Umber Vale Co started a bid.",
        "Shares of Fenwold rose 2 pct, said Corvin Bank, and Dunmore Starts Ltd held.",
    ]
    words = [f"zz{i}" for i in range(20)] + ["started", "starts", "rose", "fenwold", "held"]
    scanned = {w: pipeline._plain_word_uncached(w, story) for w in words}
    for w in words:  # fill the cache past the threshold, then ask again through the index
        pipeline._plain_word(w, story)
    assert story.prose_words(pipeline._prose(story)) is not None
    indexed = {w: pipeline._plain_word_uncached(w, story) for w in words}
    assert indexed == scanned
    assert scanned["rose"] and not scanned["starts"] and not scanned["fenwold"]
