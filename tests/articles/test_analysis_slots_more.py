"""Deal slots, continued: name boundaries and sides in constructions wire copy uses often.

Every sentence here is invented for the tests.
"""

from __future__ import annotations

import pytest

from tests.articles.analysis_helpers import first_deal, m_and_a, roles


def test_the_town_and_state_after_a_bank_are_not_part_of_its_name():
    deal = first_deal(
        "Corvane Bancorp said it agreed to acquire Tilbury Savings Bank of Mill Hollow, "
        "Ky., for stock worth about 12 mln dlrs."
    )
    assert roles(deal)["target"] == "Tilbury Savings Bank"


def test_a_bank_named_after_its_town_keeps_the_town():
    deal = first_deal(
        "Corvane Bancorp said it agreed to acquire Bank of Mill Hollow, Ky., for stock "
        "worth about 12 mln dlrs."
    )
    assert roles(deal)["target"] == "Bank of Mill Hollow"


# --- one deal reported over several sentences ---------------------------------------


def test_a_side_named_in_a_later_report_of_the_same_deal_fills_the_first():
    deal = first_deal(
        "Harlow Pumps Inc said it agreed to acquire Quillon Foods Inc for 30 mln dlrs. "
        "Brantley Holdings Corp said it agreed to sell Quillon Foods Inc, which it has "
        "owned since 1979."
    )
    assert roles(deal) == {
        "acquirer": "Harlow Pumps Inc",
        "target": "Quillon Foods Inc",
        "seller": "Brantley Holdings Corp",
    }


def test_a_past_deal_with_the_same_company_lends_no_side():
    deal = first_deal(
        "Harlow Pumps Inc said it agreed to acquire Quillon Foods Inc for 30 mln dlrs. "
        "Brantley Holdings Corp sold Quillon Foods Inc to its managers in 1979."
    )
    assert "seller" not in roles(deal)


def test_an_everyday_word_before_a_legal_form_is_a_name():
    deal = first_deal(
        "Harlow Pumps Inc expects its merger into Sterling Holdings PLC to close in June."
    )
    assert roles(deal) == {"target": "Harlow Pumps Inc", "acquirer": "Sterling Holdings PLC"}


# --- the parent of a unit that changes hands ----------------------------------------


def test_the_parent_named_in_a_later_sentence_sells_its_unit():
    deal = first_deal(
        "Harlow Pumps Inc said it agreed to acquire Quillon Foods Inc for 30 mln dlrs. "
        "Quillon Foods Inc, a unit of Brantley Holdings Corp, makes frozen pies."
    )
    assert roles(deal)["seller"] == "Brantley Holdings Corp"


def test_the_parent_that_speaks_for_its_unit_sells_a_stake_in_it():
    deal = first_deal(
        "Brantley Holdings Corp said it and its Quillon Foods Inc subsidiary are in talks "
        "with an outside investor. Under the plan, Harlow Pumps Inc would buy a 20 pct "
        "stake in Quillon Foods for 50 mln dlrs."
    )
    assert roles(deal)["investor"] == "Harlow Pumps Inc"
    assert roles(deal)["seller"] == "Brantley Holdings Corp"


def test_a_company_without_a_named_parent_gets_no_seller():
    deal = first_deal(
        "Harlow Pumps Inc said it agreed to acquire Quillon Foods Inc for 30 mln dlrs. "
        "Quillon Foods Inc, a pie maker, had sales of 12 mln dlrs."
    )
    assert "seller" not in roles(deal)


def test_a_merger_takes_its_sides_from_the_takeover_the_story_reports():
    body = (
        "Harlow Pumps Inc and Quillon Foods Inc expect the merger of the two companies to "
        "close by June. Under terms set in May, Harlow Pumps is to be acquired by Quillon "
        "Foods for stock."
    )
    for deal in m_and_a("", body):
        assert roles(deal)["acquirer"] == "Quillon Foods Inc"
        assert roles(deal)["target"] == "Harlow Pumps Inc"


def test_selling_all_its_assets_sells_the_company():
    deal = first_deal(
        "Quillon Foods Inc will sell virtually all of its assets to Harlow Pumps Inc, the "
        "two firms said."
    )
    assert roles(deal) == {"target": "Quillon Foods Inc", "acquirer": "Harlow Pumps Inc"}


def test_selling_all_the_assets_of_a_unit_still_has_a_seller():
    deal = first_deal(
        "Quillon Foods Inc said it agreed to sell all the assets of its bakery division to "
        "Harlow Pumps Inc for about 40 mln dlrs."
    )
    assert roles(deal)["seller"] == "Quillon Foods Inc"


def test_a_company_that_received_offers_is_the_one_sought():
    deal = first_deal(
        "Quillon Foods Ltd has received three takeover bids, its chairman told holders."
    )
    assert roles(deal) == {"target": "Quillon Foods Ltd"}


def test_buying_the_business_and_assets_of_a_company_buys_the_company():
    deal = first_deal(
        "Harlow Pumps Inc will buy the business and assets of Quillon Foods from Brantley "
        "Corp, the companies said."
    )
    assert roles(deal) == {
        "acquirer": "Harlow Pumps Inc",
        "target": "Quillon Foods",
        "seller": "Brantley Corp",
    }


def test_a_company_completing_the_merger_of_one_named_firm_absorbs_it():
    deal = first_deal("Harlow Pumps Inc on Friday closed the merger of Quillon Foods Inc.")
    assert roles(deal) == {"acquirer": "Harlow Pumps Inc", "target": "Quillon Foods Inc"}


def test_holders_approving_the_merger_of_another_firms_subsidiary_are_absorbed():
    deal = first_deal(
        "Harlow Pumps Inc holders on Tuesday voted for the merger of a wholly-owned "
        "subsidiary of Quillon Foods Inc."
    )
    assert roles(deal) == {"acquirer": "Quillon Foods Inc", "target": "Harlow Pumps Inc"}


# --- the rest of a company a holder does not own yet ----------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Harlow Pumps Ltd is bidding 3.10 dlrs per share for the 80 pct it does not hold "
        "in snack maker Quillon Foods Ltd.",
        "Harlow Pumps Ltd has offered 12 dlrs per share for the other 30 pct of Quillon Foods Ltd.",
    ],
)
def test_a_bid_for_the_rest_of_a_company_names_the_company(body):
    assert roles(first_deal(body)) == {
        "acquirer": "Harlow Pumps Ltd",
        "target": "Quillon Foods Ltd",
    }


def test_buying_the_interest_not_yet_owned_in_a_property_names_the_property():
    deal = first_deal(
        "Harlow Mining Ltd is buying the 40 pct interest that it does not own in the Tamsin "
        "gold property."
    )
    assert deal.asset == "Tamsin gold property"
    assert roles(deal)["investor"] == "Harlow Mining Ltd"


def test_a_seller_in_one_sentence_bidding_in_another_reports_two_deals():
    deals = m_and_a(
        "",
        "Harlow Mining Ltd will sell its Tamsin copper mines for some 90 mln dlrs. "
        "Separately, Harlow Mining offered 1.15 dlrs per share for the 60 pct of Quillon "
        "Sugar Ltd that it does not own.",
    )
    assert roles(deals[0]) == {"seller": "Harlow Mining Ltd"}
    assert deals[0].asset == "Tamsin copper mines"


# --- whose bid it is ------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Quillon Foods Corp turned down Harlow Pumps Inc's 31 dlr-per-share tender offer, "
        "calling it inadequate.",
        "Quillon Foods Corp said it is still studying Harlow Pumps Inc's tender offer.",
        "Quillon Foods Corp is studying Harlow Pumps Inc's offer of 31 dlrs per share.",
    ],
)
def test_the_company_whose_bid_it_is_bids_and_the_other_is_sought(body):
    assert roles(first_deal(body)) == {
        "target": "Quillon Foods Corp",
        "acquirer": "Harlow Pumps Inc",
    }


def test_an_offer_to_do_something_is_no_bid_even_when_possessed():
    assert not m_and_a("", "Talks go on over the Harlow Shipping Co's offer to escort the barges.")


@pytest.mark.parametrize(
    "body",
    [
        "Harlow Pumps Ltd hired Brantley Securities Inc to seek buyers for Quillon Mills Ltd.",
        "Harlow Pumps Ltd has begun seeking buyers for its Quillon Mills Ltd unit.",
    ],
)
def test_the_company_seeking_a_buyer_for_a_unit_sells_it(body):
    assert roles(first_deal(body)) == {"seller": "Harlow Pumps Ltd", "target": "Quillon Mills Ltd"}


def test_a_holding_named_by_its_stock_is_a_stake():
    deal = first_deal(
        "Harlow Trust Co intends to sell part of its holdings of Quillon Mills Corp common "
        "stock over the year."
    )
    assert roles(deal) == {"seller": "Harlow Trust Co", "investee": "Quillon Mills Corp"}


def test_a_trade_word_inside_a_longer_name_is_part_of_the_name():
    deal = first_deal(
        "Harlow Packing Co will sell its Tallow Creek hog plant to Quillon Dressed Beef, "
        "which plans to reopen it."
    )
    assert roles(deal)["acquirer"] == "Quillon Dressed Beef"


def test_a_commodity_after_a_place_is_still_goods():
    assert not m_and_a("", "Traders said Brantley Mills Inc bought 20,000 tonnes of Soviet Wheat.")
