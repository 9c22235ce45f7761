"""Behaviour pinned by the analysis tidy-up: one reading of a tender, whatever its case."""

from __future__ import annotations

from tests.articles.analysis_helpers import m_and_a, roles


def test_shares_deposited_in_a_capitalised_tender_offer_are_a_running_bid():
    # Releases capitalise the defined term ("the Tender Offer"); the shares handed in are
    # still a bid under way, not a stake the bidder already holds.
    (deal,) = m_and_a(
        "",
        "Harlow Pumps Inc said 64 pct of Quillon Foods Inc's stock was deposited in the Tender Offer.",
    )
    assert deal.kind == "acquisition" and deal.stage == "in_talks"
    assert roles(deal) == {"acquirer": "Harlow Pumps Inc", "target": "Quillon Foods Inc"}
