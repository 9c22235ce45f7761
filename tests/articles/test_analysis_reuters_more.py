"""How sure the rules are that a Reuters-style story reports a deal: general calibration.

Every sentence here is invented for the test; none comes from the evaluation corpora.
"""

from __future__ import annotations

from articles.analysis import MODEL_RULE_FLOOR, analyse, candidates_for
from tests.articles.analysis_helpers import m_and_a

_APPOINTMENT = (
    "Bramble Tools Inc said it named Ellen Carver as chief executive, succeeding Tom Ashby, "
    "who retires in June."
)
_PENDING_PURCHASE = (
    "It said the new chief will oversee its pending purchase of Fenwick Valves Corp."
)
_NEWS_TITLE = "BRAMBLE TOOLS <BRT> NAMES NEW CHIEF"


# --- where in the story the deal is said -----------------------------------------


def test_it_reads_a_deal_in_the_first_sentence_under_another_headline() -> None:
    assert m_and_a(_NEWS_TITLE, f"{_PENDING_PURCHASE} {_APPOINTMENT}")


def test_it_reads_a_deal_in_the_second_sentence_under_another_headline_as_background() -> None:
    assert m_and_a(_NEWS_TITLE, f"{_APPOINTMENT} {_PENDING_PURCHASE}") == []


def test_without_a_headline_the_second_sentence_is_still_the_lead() -> None:
    assert m_and_a("", f"{_APPOINTMENT} {_PENDING_PURCHASE}")


# --- what the headline reports ---------------------------------------------------


def test_a_credit_line_headline_makes_a_purchase_in_the_body_its_background() -> None:
    body = (
        "Bramble Tools Inc has arranged a 40 mln dlr revolving credit line with two banks. "
        "The line will fund its planned acquisition of Fenwick Valves Corp."
    )
    signals = analyse("BRAMBLE TOOLS <BRT> GETS NEW CREDIT LINE", body, rules_only=True)
    assert [d.kind for d in signals.deals] == ["debt"]


def test_a_stake_the_body_mentions_under_another_headline_is_a_holding() -> None:
    body = (
        "Bramble Tools Inc said it named Ellen Carver as chief executive. Its 20 pct stake in "
        "Fenwick Valves Corp will be managed by Carver, the company said."
    )
    assert m_and_a(_NEWS_TITLE, body) == []


def test_a_stake_purchase_the_headline_reports_still_counts() -> None:
    body = (
        "Bramble Tools Inc said it bought a 20 pct stake in Fenwick Valves Corp from its founders."
    )
    assert [d.kind for d in m_and_a("BRAMBLE TOOLS <BRT> BUYS STAKE IN FENWICK VALVES", body)] == [
        "investment"
    ]


def test_a_deal_named_as_the_cause_of_results_scores_lower_than_a_deal_reported() -> None:
    def confidence(clause: str) -> float:
        body = f"{_APPOINTMENT} Its planned merger with Fenwick Valves Corp {clause}, it said."
        (deal,) = m_and_a(_NEWS_TITLE, body) or [None]
        return deal.confidence if deal else 0.0

    assert confidence("would lift revenues next year") < confidence("is set to close in June")


# --- the threshold -----------------------------------------------------------------


def test_a_deal_scored_exactly_at_the_threshold_is_reported() -> None:
    # The steps here sum to 0.44999... in floating point; the desk is shown 0.45.
    title, body = (
        "BRAMBLE TOOLS <BRT> 1ST QTR NET",
        "Bramble may seek to buy Fenwick Valves Corp, it said.",
    )
    candidates, _, _ = candidates_for(title, body)
    assert all(c.confidence == round(c.confidence, 3) for c in candidates)
    assert [d.confidence for d in m_and_a(title, body)] == [MODEL_RULE_FLOOR]
