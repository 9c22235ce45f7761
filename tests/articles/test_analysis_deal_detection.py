"""Whether a story carries a deal: how deal news is worded, and what only looks like it.

Every sentence and company here is invented for the test; none comes from the
evaluation corpora.
"""

from __future__ import annotations

import pytest

from tests.articles.analysis_helpers import m_and_a, roles

# --- mergers whose sides are named apart ---------------------------------------


def test_merger_keeps_both_boards_named_apart():
    (deal,) = m_and_a(
        "",
        "Korvath Holdings said its board and the board of Melbrook Corp both voted "
        "on Tuesday to merge the two groups.",
    )
    assert deal.kind == "merger"
    assert {p.name for p in deal.parties} == {"Korvath Holdings", "Melbrook Corp"}
    assert roles(deal)["acquirer"] == "Korvath Holdings"


def test_merger_pair_survives_ticker_brackets():
    (deal,) = m_and_a(
        "", "<Alder Mining Ltd> and Birchfield Quarries Corp have agreed to merge, they said."
    )
    assert {p.name for p in deal.parties} == {"Alder Mining Ltd", "Birchfield Quarries Corp"}


def test_said_it_and_names_the_other_merger_side():
    (deal,) = m_and_a(
        "",
        "Ardent Systems Inc said it and Bexford Labs Inc now expect their planned "
        "merger to close in the autumn rather than in July.",
    )
    assert deal.kind == "merger"
    assert {p.name for p in deal.parties} == {"Ardent Systems Inc", "Bexford Labs Inc"}


def test_merger_into_names_the_surviving_company():
    (deal,) = m_and_a(
        "", "Pellham Corp said shareholders will vote in May on its merger into Galloway Inc."
    )
    assert roles(deal) == {"target": "Pellham Corp", "acquirer": "Galloway Inc"}


# --- takeover bids ----------------------------------------------------------------


def test_offer_with_a_price_before_for_is_a_bid():
    (deal,) = m_and_a(
        "", "Castellan Foods Inc said it will offer 22 dlrs a share for Denholm Dairies Inc."
    )
    assert deal.kind == "acquisition" and deal.stage == "in_talks"
    assert roles(deal) == {"acquirer": "Castellan Foods Inc", "target": "Denholm Dairies Inc"}


def test_offers_to_acquire_reads_the_target_after_acquire():
    (deal,) = m_and_a("CASTELLAN FOODS OFFERS TO ACQUIRE DENHOLM DAIRIES INC FOR 9.25 DLRS A SHARE")
    assert roles(deal)["target"] == "Denholm Dairies Inc"


def test_bid_amount_with_a_decimal_point_still_reaches_the_target():
    (deal,) = m_and_a("HOLLIS GROUP BIDS 310.5 MLN STG FOR KESTREL")
    assert deal.kind == "acquisition"
    assert roles(deal)["target"] == "Kestrel"


def test_rejecting_a_per_share_offer_makes_the_subject_the_target():
    (deal,) = m_and_a(
        "", "Harlan Publishing Inc said its board rejected a 41 dlrs a share offer as inadequate."
    )
    assert deal.kind == "acquisition"
    assert roles(deal) == {"target": "Harlan Publishing Inc"}


def test_tender_offer_for_its_own_shares_makes_the_subject_the_target():
    (deal,) = m_and_a(
        "",
        "Brenford Inc said its advisers will take a week to weigh the hostile tender offer "
        "for all its common shares from Tamsin Partners LP.",
    )
    assert roles(deal) == {"target": "Brenford Inc", "acquirer": "Tamsin Partners LP"}


def test_wire_headline_names_a_bid_by_the_company_before_it():
    (deal,) = m_and_a("OSTRANDER BOARD REJECTS VELLMAN HOLDINGS TENDER")
    assert deal.kind == "acquisition"


def test_bid_by_names_the_bidder():
    (deal,) = m_and_a(
        "", "Rospin Corp said it will respond to the acquisition bid by Delcor Systems Inc."
    )
    assert roles(deal)["acquirer"] == "Delcor Systems Inc"


@pytest.mark.parametrize(
    "title",
    [
        "CENTRAL BANK HOLDS MONEY MARKET TENDER",
        "FISHERIES ENVOYS BID TO RESCUE QUOTA PACT",
        "TRELAWNY <TRL> FILES 200 MLN DLR SHELF OFFER",
    ],
)
def test_offers_of_money_paper_or_the_verb_bid_are_not_takeovers(title):
    assert m_and_a(title) == []


def test_buyout_by_the_chairman_makes_the_subject_the_target():
    (deal,) = m_and_a(
        "",
        "Sorrel Industries Inc said its planned buyout by chairman John Weller "
        "has been called off.",
    )
    assert roles(deal) == {"target": "Sorrel Industries Inc", "acquirer": "John Weller"}
    assert deal.stage == "called_off"


def test_bracketed_company_after_share_capital_is_the_target():
    (deal,) = m_and_a(
        "",
        "<Quillon Group Plc> will buy the whole share capital of <Tarrant Engineering Co>, "
        "a pump maker, paying 12 mln stg in cash.",
    )
    assert roles(deal) == {"acquirer": "Quillon Group Plc", "target": "Tarrant Engineering Co"}


# --- what only looks like a deal ---------------------------------------------------


@pytest.mark.parametrize(
    "title, body",
    [
        ("EGYPT BUYS FRENCH DURUM AND FEED BARLEY", ""),
        ("DEALERS SAY KENYA BIDS FOR 30,000 TONNES OF MAIZE", ""),
        ("", "Trade house Melcorp Ltd said it shipped and sold three lots of raw cocoa to Ghana."),
        ("", "The monetary authority said it purchased 90 mln stg of treasury bills on Tuesday."),
    ],
)
def test_commodity_and_money_market_trade_is_not_a_deal(title, body):
    assert m_and_a(title, body) == []


def test_a_company_bought_with_commodity_words_around_it_is_still_a_deal():
    (deal,) = m_and_a(
        "", "Norfield Corp said it sold its peanut milling business to Vexa Foods Inc."
    )
    assert roles(deal)["acquirer"] == "Vexa Foods Inc"


def test_buy_back_is_not_a_purchase():
    assert m_and_a("WESTMARK <WMK> WILL BUY BACK SOME OF ITS OWN DEBENTURES") == []


def test_a_combination_of_factors_is_not_a_merger():
    assert m_and_a("", "Gilts rose on a combination of Firm Sterling and lower inflation.") == []
    (deal,) = m_and_a(
        "", "The planned combination of Arden Ltd and Bexley Plc won shareholder support."
    )
    assert deal.kind == "merger"


RATED_BODY = (
    "Moody's Investors Service said it could cut Keldan Corp's rating over its planned "
    "acquisition of Morrow Tools Inc for 300 mln dlrs."
)


def test_a_rating_action_citing_a_deal_is_not_deal_news():
    assert m_and_a("S/P MAY DOWNGRADE KELDAN <KLD> DEBT", RATED_BODY) == []
    assert m_and_a("KELDAN CORP SETS ANNUAL MEETING", RATED_BODY) != []


def test_a_deal_dated_years_back_is_less_certain_than_the_same_deal_undated():
    story = "Corvane Inc said sales rose. It also makes valves. Its parent, Galloway Inc, "
    dated = m_and_a("CORVANE OPENS VALVE PLANT", story + "acquired Pellham Corp in 1984.")
    undated = m_and_a("CORVANE OPENS VALVE PLANT", story + "acquired Pellham Corp.")
    assert undated and (not dated or dated[0].confidence < undated[0].confidence)


# --- stakes ---------------------------------------------------------------------------


def test_shares_bought_by_count_and_name_are_a_stake_purchase():
    (deal,) = m_and_a("", "Orlin Capital Ltd said it bought 1.2 mln Vantor Corp shares last week.")
    assert deal.kind == "investment"
    assert roles(deal) == {"investor": "Orlin Capital Ltd", "investee": "Vantor Corp"}


def test_ownership_of_a_percentage_is_a_holding():
    (deal,) = m_and_a("", "Orlin Capital Ltd confirmed its ownership of 15 pct of Vantor Corp.")
    assert deal.kind == "investment"
    assert roles(deal)["investee"] == "Vantor Corp"


def test_completing_a_sale_is_news_even_when_it_brings_a_gain():
    (deal,) = m_and_a(
        "",
        "Tolland Bank Corp said it completed the sale of Tolland Finance Ltd to "
        "Ashby Bank Plc for an expected pretax gain of 20 mln dlrs.",
    )
    assert deal.stage == "completed"
    assert roles(deal)["target"] == "Tolland Finance Ltd"


def test_trading_notes_is_not_a_deal_but_paying_in_notes_is():
    assert (
        m_and_a(
            "",
            "Ashby Securities Corp said it will sell 85 mln dlrs of floating rate notes "
            "it had bought from Carrow Bank NA.",
        )
        == []
    )
    (deal,) = m_and_a(
        "",
        "Wexley Corp said it completed the sale of its Arlo Shirt unit to Brede Holdings Corp "
        "for 20 mln dlrs, paid partly in cash and partly in promissory notes.",
    )
    assert roles(deal)["acquirer"] == "Brede Holdings Corp"


# --- all-caps flashes about shares changing hands in a bid ------------------------


def test_share_count_in_a_caps_headline_is_not_part_of_a_name():
    (deal,) = m_and_a("TOLVERA GROUP PLC BUYS 1,250,000 KESTRANE SHARES, NOW OWNS 61 PCT")
    assert roles(deal)["investee"] == "Kestrane"
    assert roles(deal)["investor"].startswith("Tolvera")


@pytest.mark.parametrize(
    "title",
    [
        "ABOUT 72 PCT OF KESTRANE <KSTR> TENDERED",
        "TOLVERA SAID IT ACCEPTS 48 PCT OF KESTRANE SHARES IN TENDER",
    ],
)
def test_shares_handed_in_to_a_tender_report_the_bid(title):
    (deal,) = m_and_a(title)
    assert "kestrane" in {p.name.lower() for p in deal.parties}


def test_a_percentage_of_a_company_without_a_holding_or_tender_is_no_deal():
    assert m_and_a("TOLVERA SAYS 48 PCT OF KESTRANE VOTERS BACK PLAN") == []


# --- a board that waits on a bid does not deny it ----------------------------------


def test_no_action_on_a_tender_offer_still_reports_the_bid_and_its_sides():
    (deal,) = m_and_a(
        "",
        "Bravel Corp urged holders to wait and take no action on the 41 dlrs a share tender "
        "offer for all its shares made late last week by Ostrand Industries Inc.",
    )
    assert deal.kind == "acquisition"
    assert roles(deal) == {"target": "Bravel Corp", "acquirer": "Ostrand Industries Inc"}


def test_no_offer_is_still_a_denial():
    assert m_and_a("", "Bravel Corp said it has received no offer for its shares.") == []


def test_offer_for_the_banks_own_shares_makes_the_bank_the_target():
    (deal,) = m_and_a(
        "",
        "Harlow Savings Bank said an outside investor's tender offer for the bank's "
        "minority shares lapsed at midnight with few takers.",
    )
    assert deal.kind == "acquisition"
    assert roles(deal) == {"target": "Harlow Savings Bank"}


def test_a_caps_company_name_before_shares_is_not_swallowed_by_the_share_count():
    (deal,) = m_and_a("TOLVERA GETS APPROVAL TO BUY 2,400,000 KESTRANE SHARES IN TENDER")
    assert roles(deal) == {"investor": "Tolvera", "investee": "Kestrane"}
