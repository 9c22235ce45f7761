"""Property tests: the analysis never raises, whatever the text, and scales linearly.

Speed is measured by `make bench`; here a 1 MB story only has to complete
(hypothesis deadlines are off for the large inputs rather than asserted).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.analysis import CompanyDictionary, analyse, clean_text, parse_money, signals_to_dict

DICTIONARY = CompanyDictionary.build(
    [(1, "Grab Holdings", ["Grab"]), (2, "Alibaba Group Holding Ltd", ["Alibaba"]), (3, "AT&T", [])]
)
WORDS = st.sampled_from(
    [
        "Alibaba",
        "Grab",
        "AT&T",
        "agreed",
        "to",
        "acquire",
        "in",
        "talks",
        "with",
        "$200m",
        "Rs",
        "1,500",
        "crore",
        "not",
        "denied",
        "stake",
        "pct",
        "of",
        "Inc",
        "Ltd",
        ".",
        ",",
        "Also Read:",
        "\n\n",
        "Photo:",
        "merger",
        "terminated",
        "invest",
        "round",
        "led",
        "by",
        "'s",
        "<",
        ">",
        "IPO",
        "€",
        "40m",
        "sold",
        "unit",
        "VALUATION",
        "the",
        "Zentrix Labs",
    ]
)
WORDY_TEXT = st.lists(WORDS, max_size=200).map(" ".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=300), body=st.text(max_size=3000))
def test_analyse_never_raises_on_arbitrary_text(title, body):
    signals = analyse(title, body, DICTIONARY, rules_only=True)
    for deal in signals.deals:
        assert 0.0 <= deal.confidence <= 1.0
        assert deal.evidence
    signals_to_dict(signals)


@settings(max_examples=300)
@given(title=WORDY_TEXT, body=WORDY_TEXT)
def test_analyse_never_raises_on_deal_like_word_salad(title, body):
    signals = analyse(title, body, DICTIONARY, rules_only=True)
    for deal in signals.deals:
        assert deal.parties
        assert deal.kind in {"acquisition", "merger", "investment", "partnership", "ipo", "debt"}
        assert deal.stage in {"rumoured", "in_talks", "agreed", "completed", "called_off"}


@settings(max_examples=200)
@given(st.text(max_size=500))
def test_parse_money_and_clean_text_never_raise(text):
    parse_money(text)
    clean_text(text)


@settings(max_examples=2, deadline=None)
@given(seed_words=st.lists(WORDS, min_size=20, max_size=60))
def test_a_one_megabyte_story_completes(seed_words):
    sentence = " ".join(seed_words) + ". "
    body = sentence * (1_000_000 // len(sentence) + 1)
    assert len(body) >= 1_000_000
    signals = analyse("Big story", body, DICTIONARY, rules_only=True)
    assert isinstance(signals.deals, tuple)


def test_a_one_megabyte_story_without_sentence_breaks_completes():
    body = ("Alibaba agreed to acquire Zentrix Labs for $200m and " * 20_000)[:1_000_000]
    signals = analyse("", body, DICTIONARY, rules_only=True)
    assert signals.companies
