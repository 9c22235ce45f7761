"""Slot rules found on the Utah development stories: who bids, who is bid for, what is sold."""

from __future__ import annotations

from tests.articles.analysis_helpers import first_deal, roles


def test_bids_the_subject_received_make_it_the_one_bid_for():
    deal = first_deal(
        "Brackwater Mills Inc will put the takeover offers which it received last month "
        "to a shareholder vote, a spokesman said."
    )
    assert roles(deal).get("target") == "Brackwater Mills Inc"
    assert "acquirer" not in roles(deal)

