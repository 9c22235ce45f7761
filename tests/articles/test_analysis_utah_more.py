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


def test_a_town_followed_by_its_state_is_no_party():
    deal = first_deal(
        "Quenby Tools Inc agreed to acquire the Fairview, Ore., maker of saw blades "
        "for 12 mln dlrs in cash."
    )
    assert roles(deal) == {"acquirer": "Quenby Tools Inc"}


def test_a_town_naming_the_asset_sold_still_names_it():
    deal = first_deal(
        "Orland Timber Co said it sold its Fairview, Ore., lumber mill to Pellow Lumber Corp."
    )
    assert roles(deal) == {"seller": "Orland Timber Co", "acquirer": "Pellow Lumber Corp"}
    assert deal.asset is not None and "Fairview" in deal.asset

