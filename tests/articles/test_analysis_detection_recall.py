"""Deal news the analysis used to miss: wire flashes, stake blocks, tenders, thrift names.

Every sentence and company here is invented for the test; none comes from the
evaluation corpora.
"""

from __future__ import annotations

from articles.analysis import analyse
from tests.articles.analysis_helpers import m_and_a, roles

# --- caps flashes ----------------------------------------------------------------


def test_caps_flash_buying_a_share_block_is_a_stake():
    (deal,) = m_and_a("QUILLON CORP BUYS 750,000 COMMON SHARES OF DRAYMORE INC")
    assert deal.kind == "investment"
    assert roles(deal) == {"investor": "Quillon Corp", "investee": "Draymore Inc"}


def test_caps_flash_share_block_with_a_ticker_before_shares():
    (deal,) = m_and_a("QUILLON <QLN> BUYS 750,000 DRAYMORE <DRY> SHARES")
    assert deal.kind == "investment"
    assert roles(deal)["investee"] == "Draymore"


def test_caps_flash_price_offered_for_a_companys_stock():
    (deal,) = m_and_a("HARLAND AND VOSS ARE OFFERING 31.25 DLRS PER SHARE FOR TEMPLAR STOCK")
    assert deal.kind == "acquisition" and deal.stage == "in_talks"
    assert roles(deal)["target"] == "Templar"


def test_caps_flash_unit_completes_purchase():
    (deal,) = m_and_a("ORVANE FINANCIAL <ORV> UNIT COMPLETES PURCHASE")
    assert deal.kind == "acquisition" and deal.stage == "completed"


def test_completes_alone_is_not_a_deal():
    assert m_and_a("ORVANE FINANCIAL <ORV> COMPLETES REFINANCING") == []


# --- tenders -----------------------------------------------------------------------


def test_shares_tendered_are_a_running_bid_not_a_holding():
    (deal,) = m_and_a("", "Brightwell Inc said 58 pct of Corlan Corp's shares have been tendered.")
    assert deal.kind == "acquisition" and deal.stage == "in_talks"
    assert roles(deal) == {"acquirer": "Brightwell Inc", "target": "Corlan Corp"}


def test_caps_flash_pct_tendered():
    (deal,) = m_and_a("71 PCT OF CORLAN TENDERED")
    assert deal.kind == "acquisition" and deal.stage == "in_talks"
    assert roles(deal)["target"] == "Corlan"


# --- what changes hands --------------------------------------------------------------


def test_purchase_of_bank_branches_is_an_acquisition():
    (deal,) = m_and_a(
        "",
        "Westmere Savings Bank has now closed its purchase of 12 branches from "
        "Harrow Federal Corp.",
    )
    assert deal.stage == "completed"
    assert roles(deal) == {"acquirer": "Westmere Savings Bank", "seller": "Harrow Federal Corp"}


def test_completed_purchase_of_a_department_is_an_acquisition():
    (deal,) = m_and_a(
        "ORVANE <ORV> COMPLETES BUY",
        "Orvane Corp has now closed its purchase of the coatings department of "
        "Ostrander Chemical Corp.",
    )
    assert deal.kind == "acquisition" and deal.stage == "completed"
    assert roles(deal)["acquirer"] == "Orvane Corp"


def test_selling_foreign_affiliates_is_a_sale():
    (deal,) = m_and_a(
        "", "Marwick Holdings NV said it sold its affiliates in Chile to a local trust."
    )
    assert deal.kind == "acquisition" and roles(deal)["seller"] == "Marwick Holdings NV"


# --- names that look like deal words ------------------------------------------------------


def test_savings_and_loan_is_a_name_not_a_loan():
    signals = analyse(
        "",
        "Elmwood Savings and Loan Association and Crestview Savings and Loan "
        "Association <CVSL> settled the terms of their merger on Monday.",
        rules_only=True,
    )
    assert [d.kind for d in signals.deals] == ["merger"]
    assert {p.name for p in signals.deals[0].parties} == {
        "Elmwood Savings and Loan Association",
        "Crestview Savings and Loan Association",
    }


def test_a_ticker_after_a_name_is_not_a_second_company():
    (deal,) = m_and_a("", "Tovar Corp said it and Lindell Inc <LDL> reached a merger agreement.")
    assert {p.name for p in deal.parties} == {"Tovar Corp", "Lindell Inc"}


# --- stakes changing hands -------------------------------------------------------------


def test_share_block_sold_to_a_named_buyer_is_a_stake_sale():
    (deal,) = m_and_a(
        "",
        "Kestrel Mining Corp has sold 4.2 mln new common shares, about 18.5 pct of its "
        "equity, to <Ardley Capital Inc>.",
    )
    assert deal.kind == "investment"
    assert roles(deal) == {"seller": "Kestrel Mining Corp", "acquirer": "Ardley Capital Inc"}


def test_holder_selling_its_block_to_a_group_names_the_buyer():
    (deal,) = m_and_a(
        "",
        "<Barrow Holdings Corp> sold its 31 pct block of Dunmore Foods Inc stock last week to a "
        "group led by <Fenwick Partners Inc>.",
    )
    assert roles(deal)["seller"] == "Barrow Holdings Corp"
    assert roles(deal)["acquirer"] == "Fenwick Partners Inc"


def test_notes_sold_to_a_holder_are_not_a_stake():
    assert (
        m_and_a(
            "",
            "Ravel Telecom Inc said it sold five mln dlrs of 9 pct subordinated notes to "
            "its principal shareholder <Castor Associates Inc>.",
        )
        == []
    )


# --- a sale seen from the seller's side ------------------------------------------------


def test_receiving_a_price_for_a_unit_from_a_buyer_is_a_sale():
    (deal,) = m_and_a("MARLOW TO RECEIVE 120 MLN DLRS FOR PELHAM INSTRUMENTS FROM RIDGEWAY CORP")
    assert deal.kind == "acquisition"
    assert roles(deal) == {
        "seller": "Marlow",
        "target": "Pelham Instruments",
        "acquirer": "Ridgeway Corp",
    }
    assert deal.amount is not None and deal.amount.value == 120_000_000


def test_receiving_money_for_goods_or_work_is_not_a_sale():
    assert (
        m_and_a("", "Tamsin Engineering Inc will receive 7 mln dlrs for supplying turbines.") == []
    )
    assert m_and_a("", "The ministry will receive 40 mln dlrs for a fertiliser plant.") == []


# --- wire phrasings of takeovers ---------------------------------------------------------


def test_misspelt_deal_words_still_count():
    (deal,) = m_and_a("TARNOW TO AQUIRE GLENVILLE MINING")
    assert roles(deal) == {"acquirer": "Tarnow", "target": "Glenville Mining"}
    (deal,) = m_and_a("", "Orvane Corp said its units completed the acquisiton of Brask Labs Inc.")
    assert deal.stage == "completed" and roles(deal)["target"] == "Brask Labs Inc"


def test_acquisition_of_the_rest_of_a_company_is_a_deal():
    (deal,) = m_and_a(
        "",
        "Brenton Oil Plc said it will discuss its proposed acquisition of the 40 pct of "
        "Calder Petroleum Co <CPC> that is still in public hands.",
    )
    assert {p.name for p in deal.parties} == {"Brenton Oil Plc", "Calder Petroleum Co"}


def test_becoming_a_subsidiary_is_a_takeover():
    (deal,) = m_and_a(
        "",
        "Corvel Drilling Inc said it agreed on a plan under which it would become a "
        "wholly-owned subsidiary of Marsh Energy Inc.",
    )
    assert deal.kind == "acquisition"
    assert roles(deal) == {"target": "Corvel Drilling Inc", "acquirer": "Marsh Energy Inc"}


def test_offer_made_earlier_by_names_the_bidder():
    (deal,) = m_and_a(
        "",
        "Halvern Inc directors will meet Friday to weigh the cash bid made earlier by "
        "Prescott Industries Inc.",
    )
    assert roles(deal) == {"target": "Halvern Inc", "acquirer": "Prescott Industries Inc"}


def test_acquisition_by_x_of_y_reads_both_sides_after_the_noun():
    (deal,) = m_and_a(
        "",
        "The regulator cleared the proposed acquisition by <Tolland Plc> of "
        "<The Brisk Investment Trust Plc>.",
    )
    assert roles(deal) == {"acquirer": "Tolland Plc", "target": "Brisk Investment Trust Plc"}


# --- caps flashes naming one side ----------------------------------------------------------


def test_bracketed_names_in_a_caps_flash_are_companies():
    (deal,) = m_and_a("TALMER <TLM> TO ACQUIRE <QUINCE DATA SYSTEMS CORP>")
    assert roles(deal) == {"acquirer": "Talmer", "target": "Quince Data Systems Corp"}


def test_a_ticker_in_brackets_is_not_a_company():
    (deal,) = m_and_a("TALMER <TLM> TO ACQUIRE BROOKS <BRK>")
    assert {p.name for p in deal.parties} == {"Talmer", "Brooks"}


def test_caps_flash_completing_a_sale_names_the_seller():
    (deal,) = m_and_a("BANKSTAR <BST> COMPLETES MORTGAGE UNIT SALE")
    assert deal.kind == "acquisition" and deal.stage == "completed"
    assert roles(deal) == {"seller": "Bankstar"}


def test_caps_flash_about_a_gain_or_paper_sale_is_not_a_deal():
    assert m_and_a("BANKSTAR <BST> BOOKS PLANT SALE GAIN") == []
    assert m_and_a("BANKSTAR <BST> SETS DEBENTURE SALE") == []


def test_caps_flash_merger_with_one_side_named():
    (deal,) = m_and_a("<HALLORAN INDUSTRIES INC> IN MERGER AGREEMENT")
    assert deal.kind == "merger"
    assert [p.name for p in deal.parties] == ["Halloran Industries Inc"]


def test_caps_flash_plural_acquisitions():
    (deal,) = m_and_a("PERTWEE <PTW> COMPLETES ACQUISITIONS")
    assert deal.stage == "completed" and roles(deal) == {"acquirer": "Pertwee"}


def test_acquisitions_in_a_company_name_is_not_a_deal():
    assert m_and_a("WESTLAKE ACQUISITIONS LTD <WAL> 2ND QTR NET") == []


def test_caps_flash_stake_in_an_unnamed_firm():
    (deal,) = m_and_a("ROSSITER <RST> TO TAKE STAKE IN DUTCH FIRM")
    assert deal.kind == "investment" and roles(deal) == {"investor": "Rossiter"}


def test_caps_flash_interest_in_goods_is_not_a_stake():
    assert m_and_a("PORTUGAL SHOWS INTEREST IN FRENCH FEED BARLEY") == []


def test_caps_flash_suitor_names_bidder_and_target():
    (deal,) = m_and_a("HALVERSON SAID LIKELY GRANBY FOODS SUITOR")
    assert deal.kind == "acquisition" and deal.stage == "in_talks"
    assert roles(deal) == {"acquirer": "Halverson", "target": "Granby Foods"}


def test_suitor_for_a_company_in_running_text():
    (deal,) = m_and_a("", "Harlow Inc said it is a possible suitor for Vance Corp.")
    assert roles(deal) == {"acquirer": "Harlow Inc", "target": "Vance Corp"}


def test_highest_bidder_for_a_licence_is_not_a_takeover():
    assert m_and_a("", "The ministry said the highest bidder for the licence will be named.") == []


def test_caps_flash_unit_sets_purchase():
    (deal,) = m_and_a("MERCER TOOL <MTL> UNIT SETS PURCHASE")
    assert deal.kind == "acquisition" and roles(deal) == {"acquirer": "Mercer Tool"}


def test_caps_flash_gets_a_share_of_a_company():
    (deal,) = m_and_a("BRACKEN GETS 35 PCT OF OSWALD <OSW>")
    assert roles(deal) == {"investor": "Bracken", "investee": "Oswald"}


def test_raising_a_stake_with_proceeds_is_still_a_deal():
    (deal,) = m_and_a(
        "",
        "Harcastle Ltd plans to spend the proceeds on repaying banks and to lift its 31 pct "
        "stake in <Melrose Glass Inc>.",
    )
    assert roles(deal) == {"investor": "Harcastle Ltd", "investee": "Melrose Glass Inc"}


# --- takeover defences -----------------------------------------------------------------------


def test_rights_plan_is_a_takeover_defence_of_the_adopting_company():
    (deal,) = m_and_a(
        "HALDANE <HLD> ADOPTS SHAREHOLDER RIGHTS PLAN",
        "Haldane Inc directors adopted a stockholder rights plan meant to shield owners "
        "from any coercive bid.",
    )
    assert deal.kind == "acquisition" and deal.stage == "rumoured"
    assert roles(deal) == {"target": "Haldane Inc"}


def test_seeking_a_companys_holder_list_is_a_takeover_step():
    (deal,) = m_and_a("GROUP SEEKS LANTERN MEDICAL <LMED> HOLDER LIST")
    assert deal.kind == "acquisition" and deal.stage == "rumoured"
    assert roles(deal) == {"target": "Lantern Medical"}


def test_caps_flash_merger_as_a_job_title_is_not_a_deal():
    assert m_and_a("LYNWOOD BANK <LYN> SUSPENDS U.S. MERGER CHIEF") == []


def test_standstill_pact_with_an_investor_is_a_stake_deal():
    (deal,) = m_and_a("HARTWELL FOODS SAYS IT AND HOLDER KRANTZ SIGN STANDSTILL AGREEMENT")
    assert deal.kind == "investment" and deal.stage == "agreed"
    deals = m_and_a(
        "",
        "Brenton Tools Inc said investor Paul Krantz signed a standstill agreement that "
        "caps his holding in the company at nine pct for five years.",
    )
    assert [d.kind for d in deals] == ["investment"]


def test_debt_standstill_is_not_a_stake_deal():
    assert not m_and_a(
        "",
        "Ruritania said its creditor banks agreed to extend the standstill arrangement "
        "on its foreign debt to next year.",
    )


def test_interest_in_a_companys_stock_is_a_rumoured_stake():
    (deal,) = m_and_a('ORLAND <ORL> SAYS KRANTZ WAS INTERESTED IN ORLAND STOCK "AS A HOLDING"')
    assert deal.kind == "investment" and deal.stage == "rumoured"


def test_interest_in_buying_a_company_stays_an_acquisition():
    deals = m_and_a("", "Tessaro Foods Inc said it is interested in buying Graneco Mills Inc.")
    assert [d.kind for d in deals] == ["acquisition"]


def test_interest_in_a_market_is_no_stake():
    assert not m_and_a(
        "", "Tessaro Foods Inc said it is interested in Asian markets and export growth."
    )
