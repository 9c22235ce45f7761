"""Stories that use deal words without reporting a deal between companies.

Agencies buying goods, wage offers, share issues, ratings, market chatter: each
test pairs the look-alike with the real deal it must not swallow. Every sentence
and company here is invented for the test; none comes from the evaluation corpora.
"""

from __future__ import annotations

from tests.articles.analysis_helpers import m_and_a

# --- ratings ----------------------------------------------------------------------


def test_rating_headline_citing_a_purchase_is_not_a_deal():
    assert not m_and_a(
        "MOODY'S MAY DOWNGRADE ORTON MOTORS DEBT DUE TO PLANNED KESTREL PURCHASE",
        "The agency could cut Orton Motors Corp's grades, citing the borrowing Orton "
        "would pile up once it owns Kestrel Trucks Inc.",
    )


def test_deal_headline_without_rating_words_still_counts():
    assert m_and_a(
        "ORTON MOTORS <ORT> TO BUY KESTREL TRUCKS",
        "Orton Motors Corp will buy Kestrel Trucks Inc for 90 mln dlrs under terms "
        "both boards settled on Friday.",
    )


# --- labour, share issues and lawsuits ------------------------------------------------


def test_pay_raise_offer_accepted_by_strikers_is_not_a_bid():
    assert not m_and_a(
        "DOCKERS END STRIKE AT TWO PORTS",
        "A union spokesman in Puerto Ordaz said the dockers had accepted a 30 pct pay raise "
        "offer from the companies, Marlow and Tarnline, which employ fewer than 300 people each.",
    )


def test_rejected_contract_proposal_is_not_a_bid():
    assert not m_and_a(
        "WORKERS WALK OUT AT GLASS PLANT",
        "The union membership rejected in March a contract proposal by Fenwick Glass, "
        "a unit of Holloway Industries Inc, a spokesman said.",
    )


def test_public_offer_of_new_shares_is_an_issue_not_a_bid():
    assert not m_and_a(
        "VELDA SHARE ISSUE HEAVILY OVERSUBSCRIBED",
        "The public offer by Velda SA, a Belgian cable maker, of 500,000 shares was "
        "more than 40 times oversubscribed, the managing banks said.",
    )


def test_settlement_offer_in_a_lawsuit_is_not_a_bid():
    assert not m_and_a(
        "GARRICK SAYS OPEN TO SETTLING SUIT",
        '"We have yet to receive any serious settlement offer from Dunmore Inc," '
        "Garrick Corp's chairman said in the annual report.",
    )


def test_offer_from_a_bidder_still_counts():
    assert m_and_a(
        "FENWICK GLASS GETS OFFER",
        "Fenwick Glass Inc said it received a takeover offer from Holloway Industries Inc "
        "of 20 dlrs a share.",
    )


# --- denials ----------------------------------------------------------------------------


def test_not_aware_of_any_suitor_is_a_denial():
    assert not m_and_a(
        "BRANDT FOODS ADOPTS RIGHTS PLAN",
        "Brandt Foods Inc put a poison pill in place on Tuesday.\n"
        "Brandt's chairman stated the firm is unaware of any suitor keen on acquiring "
        "the company.",
    )


# --- goods, money and people in a caps headline ------------------------------------------


def test_agency_buying_processed_goods_is_not_a_deal():
    assert not m_and_a("FARM AGENCY BUYS PROCESSED PRODUCTS FOR SCHOOL MEALS")


def test_mortgage_agency_buying_funds_is_not_a_deal():
    assert not m_and_a("HOUSING FINANCE AGENCY BUYS FUNDS FROM LENDER")


def test_urging_a_country_to_buy_goods_is_not_a_deal():
    assert not m_and_a("MINISTER URGES KOREANS TO BUY CANADIAN GOODS")


def test_cash_offered_to_workers_is_not_a_bid():
    assert not m_and_a("SMELTER OFFERS CASH FOR WORKERS TO RETIRE EARLY")


def test_buying_a_products_division_is_still_a_deal():
    assert m_and_a("HALSTEAD <HAL> BUYS MERIDEN PRODUCTS DIVISION")


def test_central_bank_repo_tender_is_not_a_bid():
    assert not m_and_a(
        "CENTRAL BANK OPENS REPO TENDER FOR BANKS",
        "The central bank said it opened a repurchase tender for banks to add liquidity "
        "to the money market.",
    )


def test_tender_offer_for_a_company_still_counts():
    assert m_and_a(
        "HOLLOWAY <HOL> STARTS TENDER FOR FENWICK GLASS",
        "Holloway Industries Inc launched a cash tender offer for Fenwick Glass Inc "
        "stock on Monday, pricing it at 20 dlrs a share.",
    )


# --- results and loans ------------------------------------------------------------------


def test_investment_held_in_a_results_sentence_is_history():
    assert not m_and_a(
        "TALVERN ENERGY SEES BETTER SECOND HALF",
        "Talvern Energy said half-year results slipped because its 40 pct investment "
        "in Corrado Oil Corp brought in a loss.",
    )


def test_agreed_investment_still_counts_beside_results():
    assert m_and_a(
        "TALVERN ENERGY TO INVEST IN CORRADO OIL",
        "Talvern Energy Ltd said it agreed to invest 30 mln dlrs in Corrado Oil Corp.",
    )


def test_injecting_gas_into_a_field_is_not_an_investment():
    assert not m_and_a(
        "ANDEAN REPUBLIC GETS 90 MLN DLR DEVELOPMENT BANK LOAN",
        "A regional development lender cleared 90 mln dlrs of credit for the Andean "
        "republic.\n"
        "The money goes to lifting output by injecting gas in the tired Cordillera "
        "fields and to drilling six test wells, the lender said.",
    )


def test_injecting_capital_into_a_company_is_an_investment():
    (deal,) = m_and_a(
        "",
        "Halvorsen Bank AS said it will inject 200 mln crowns of new capital into "
        "Nordic Leasing AS.",
    )
    assert deal.kind == "investment"


# --- parties that are no company -------------------------------------------------------------


def test_a_state_buying_missiles_is_not_an_acquisition():
    assert not m_and_a(
        "SHIPPING FEARS GROW IN STRAIT",
        "Naval officers in the Gulf fear that Iran has acquired long-range missiles able to "
        "reach tankers.",
    )


def test_newly_acquired_as_an_adjective_is_background():
    assert not m_and_a(
        "NAVY TESTS RADAR OFF COAST",
        "Vandor Marine Corp has tested its newly acquired Halcyon sonar array off the "
        "coast and set up two shore stations, a spokesman said.",
    )


def test_sentence_starting_any_is_no_buyer():
    assert not m_and_a(
        "CENTRAL BANK STAYS OUT OF CURRENCY MARKET",
        "Any dollar purchases by the central bank today were for routine needs, dealers said.",
    )


def test_approve_in_a_caps_headline_is_a_verb_not_a_target():
    assert not m_and_a("WESTLAKE SOFTWARE <WSW> NOTE HOLDERS OK BUY")


def test_company_acquired_by_a_company_still_counts():
    assert m_and_a(
        "",
        "Vandor Marine Corp said it acquired Halcyon Sonar Inc, a maker of naval "
        "detection gear, for 12 mln dlrs.",
    )


# --- background under a results headline -----------------------------------------------------


def test_old_bid_recalled_under_a_loss_headline_is_background():
    assert not m_and_a(
        "HARWELL <HWL> WIDENS 1986 LOSS",
        "Harwell Instruments Corp restated its loss for 1986 upward to 18.2 mln dlrs, "
        "against 15.1 mln dlrs first reported.\n"
        "The new figure carries what Harwell paid to end its quarrel with Pryor Holdings Inc.\n"
        "That quarrel grew out of a takeover bid for Harwell by Pryor Holdings, which had "
        "offered to buy the Harwell stock it lacked.",
    )


def test_bid_in_the_lead_under_a_plain_headline_still_counts():
    assert m_and_a(
        "HARWELL <HWL> BOARD MEETS",
        "Harwell Instruments Corp has a takeover bid from Pryor Holdings Inc "
        "worth 14 dlrs for each Harwell share, Harwell disclosed.",
    )


def test_acquisition_dated_by_month_and_year_in_a_buyback_story_is_history():
    assert not m_and_a(
        "ORLIN PHARMA <ORP> TO BUY BACK SHARES",
        "Orlin Pharma Inc directors cleared repurchasing as many as 1.5 mln Orlin shares, "
        "offsetting dilution from debentures tied to the acquisition of Vestry Labs Inc "
        "in March 1984.",
    )


def test_acquisition_due_next_month_is_not_history():
    assert m_and_a(
        "",
        "Orlin Pharma Inc expects its acquisition of Vestry Labs Inc to close in March, "
        "at 40 mln dlrs.",
    )


# --- share issues --------------------------------------------------------------------------------


def test_new_shares_described_as_a_pct_of_equity_are_an_issue():
    assert not m_and_a(
        "MARCHWOOD <MWD> ISSUES PREFERENCE STOCK",
        "The preference issue, once converted, would amount to 20 pct of the equity of "
        "Marchwood on a fully diluted basis.",
    )


def test_named_buyer_of_a_pct_interest_still_counts():
    assert m_and_a(
        "",
        "Kestrel Partners Inc said it bought a 7.5 pct interest in Marchwood Holdings PLC "
        "from a group of Swiss investors.",
    )


def test_state_buying_agency_is_a_noun_not_a_purchase():
    assert not m_and_a(
        "GRAIN AGENCY RULING STANDS",
        "A court ban on the state buying agency Graneco Ltd taking part in feed grain "
        "auctions will remain in force, officials said.",
    )


def test_buying_a_company_named_after_the_verb_still_counts():
    assert m_and_a("", "Tessaro Foods Inc said it is buying Graneco Mills Inc for 30 mln dlrs.")


def test_volume_purchase_agreement_is_a_supply_contract():
    assert not m_and_a(
        "NORVIK <NVK> IN PACT WITH HALLAM BANK",
        "Under a three-year volume purchase agreement, Hallam Savings Bank PLC will take up to "
        "5.2 mln dlrs of terminals from Norvik Data Corp.",
    )


def test_purchase_agreement_for_a_unit_still_counts():
    assert m_and_a(
        "BRANDT <BRD> SIGNS PURCHASE AGREEMENT WITH KELSO",
        "Brandt Industries Inc has a purchase agreement with Kelso Holdings Inc "
        "under which Brandt takes over Kelso's tool unit for 12 mln dlrs.",
    )


def test_a_holding_that_stands_is_no_new_stake():
    assert not m_and_a(
        "MARLOWE <MRW> PLANS NOTE OFFERING",
        "Marlowe Instruments Inc will put 40 mln dlrs of new notes on the market. "
        "Its filing shows Marlowe still owns 2.1 mln shares of Brightwater Optics Inc as well.",
    )
    assert not m_and_a(
        "KESTREL <KST> TO ISSUE PREFERRED",
        "Kestrel Labs Inc said it will also sell preferred stock to Ondo Chemical Co, "
        "which currently owns about 22 pct of Kestrel's common stock.",
    )


def test_a_holding_raised_still_counts():
    assert m_and_a(
        "",
        "Ondo Chemical Co said it bought 2.1 mln shares of Kestrel Labs Inc and now "
        "owns about 22 pct of Kestrel's common stock.",
    )


def test_government_or_foreign_investment_is_policy_not_a_stake():
    assert not m_and_a(
        "",
        "Miners at Korvana Metals said they want more government investment in Korvana "
        "before they return to work.",
    )
    assert not m_and_a(
        "",
        "Officials said foreign investment in Ruritania rose sharply in the second quarter.",
    )


def test_a_company_investing_in_another_still_counts():
    assert m_and_a(
        "", "Tessaro Foods Inc plans to invest 20 mln dlrs in Graneco Mills Inc over two years."
    )
