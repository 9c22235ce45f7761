"""Deal values among several amounts, and parties in reversed or indirect wording.

Every sentence here is invented for the tests.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from articles.analysis import analyse, find_money
from tests.articles.analysis_helpers import m_and_a, roles

DLRS = "mln dlrs"


def only_deal(body: str, title: str = ""):
    deals = m_and_a(title, body)
    assert len(deals) == 1, deals
    return deals[0]


# --- money ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Ardent Mills Corp started a tender offer for all Velo Inc shares at 26 dlrs each.",
        "Holders will receive 18 dlrs cash per share.",
        "The offer of $42.50 was rejected.",
        "It raised its bid to 110 dlrs cash per share.",
    ],
)
def test_a_sum_without_scale_is_a_price_not_a_deal_value(sentence):
    assert [m.role for m in find_money(sentence)] == ["per_share"]


@pytest.mark.parametrize(
    "sentence",
    [
        f"Its book value was about 1.9 {DLRS}.",
        f"Two banks agreed a loan of 100 {DLRS} to fund the purchase.",
        f"The notes include 140 {DLRS} of subordinated debentures.",
        "Velo shares closed at 1,130 dlrs on Friday.",
    ],
)
def test_book_values_loans_and_paper_are_not_deal_values(sentence):
    assert [m.role for m in find_money(sentence)] == ["other"]


def test_deal_value_is_the_amount_worded_as_a_price():
    deal = only_deal(
        f"Halden Foods Inc, which has 12 {DLRS} in cash, agreed to acquire Mirabel Dairy Co "
        f"for 45 {DLRS}."
    )
    assert deal.amount.value == Decimal(45_000_000)


def test_deal_value_found_a_few_sentences_after_the_deal():
    deal = only_deal(
        "Halden Foods Inc said it agreed to acquire Mirabel Dairy Co. "
        "Mirabel makes cheese in three plants. "
        "It employs 400 people. "
        f"Mirabel had sales of 30 {DLRS} last year. "
        f"A total of 9.5 {DLRS} is payable on completion."
    )
    assert deal.amount.value == Decimal(9_500_000)


def test_pay_for_reports_the_acquisition_and_its_price():
    deal = only_deal("Orrin Timber Corp has agreed to pay 3,250,000 dlrs for Bexley Sawmill Inc.")
    assert deal.kind == "acquisition"
    assert roles(deal) == {"acquirer": "Orrin Timber Corp", "target": "Bexley Sawmill Inc"}
    assert deal.amount.value == Decimal(3_250_000)


# --- roles ---------------------------------------------------------------------


def test_unnamed_unit_sold_to_a_named_buyer():
    deal = only_deal(
        f"Dravo Tools Inc said it agreed to sell its garden equipment division to Kestrel "
        f"Partners Inc for about 80 {DLRS}."
    )
    assert roles(deal) == {"seller": "Dravo Tools Inc", "acquirer": "Kestrel Partners Inc"}
    assert deal.amount.value == Decimal(80_000_000)


def test_unnamed_business_bought_from_its_owner():
    deal = only_deal(
        f"Lyle Foods Corp will pay 60 {DLRS} for the frozen pizza business of Tamsin Brands Inc."
    )
    assert roles(deal) == {"acquirer": "Lyle Foods Corp", "seller": "Tamsin Brands Inc"}


def test_whole_share_capital_of_names_the_target():
    deal = only_deal(
        "Corvin Engineering Plc said it agreed to acquire the whole share capital of "
        f"Halberd Pumps Co for 12 {DLRS}."
    )
    assert roles(deal)["target"] == "Halberd Pumps Co"


def test_merging_with_makes_the_other_company_the_survivor():
    deal = only_deal("Tessaly Oil Ltd said it agreed to merge with Brandt Resources Ltd.")
    assert deal.kind == "merger"
    assert roles(deal) == {"target": "Tessaly Oil Ltd", "acquirer": "Brandt Resources Ltd"}


def test_acquisition_of_the_company_by_a_buyer_makes_the_subject_the_target():
    deal = only_deal(
        "Quillon Corp said it reached an agreement covering the acquisition of the company "
        "by Marrow Financial Corp."
    )
    assert roles(deal) == {"target": "Quillon Corp", "acquirer": "Marrow Financial Corp"}


@pytest.mark.parametrize(
    "body",
    [
        "Fenwick Capital Inc said it reduced its stake in Orla Mining Ltd to 4.1 pct.",
        "Fenwick Capital Inc said it sold its 23 pct stake in Orla Mining Ltd.",
    ],
)
def test_cutting_a_stake_makes_the_holder_a_seller(body):
    deal = only_deal(body)
    assert roles(deal)["seller"] == "Fenwick Capital Inc"
    assert "investor" not in roles(deal)


def test_buying_a_named_unit_of_another_company_makes_the_owner_the_seller():
    deal = only_deal(
        "Pellan Tools Inc said it acquired Corvel Group Corp's wholly owned Dutch subsidiary, "
        "Anselm Nederland BV, for cash."
    )
    assert roles(deal) == {
        "acquirer": "Pellan Tools Inc",
        "seller": "Corvel Group Corp",
        "target": "Anselm Nederland BV",
    }


def test_its_proposed_acquisition_belongs_to_the_sentence_subject():
    deal = only_deal(
        "Harlow Financial Corp won clearance from state regulators on Monday for its proposed "
        "acquisition of Linden Bancorp."
    )
    assert roles(deal) == {"acquirer": "Harlow Financial Corp", "target": "Linden Bancorp"}


def test_a_company_named_like_goods_is_still_a_company_when_suffixed():
    deal = only_deal("Torvald Group Inc said it completed the purchase of Amber Securities Inc.")
    assert roles(deal) == {"acquirer": "Torvald Group Inc", "target": "Amber Securities Inc"}


def test_a_place_before_and_does_not_join_two_names():
    signals = analyse(
        "",
        "Torvald Group Inc said it bought Amber Guard Inc of Ohio and Keel Patrol Inc of Texas.",
        rules_only=True,
    )
    assert "Keel Patrol Inc" in [c.name for c in signals.companies]


def test_of_america_stays_in_the_name():
    deal = only_deal("Tallis Corp of America said it agreed to acquire Brenn Valve Co.")
    assert roles(deal)["acquirer"] == "Tallis Corp of America"


@pytest.mark.parametrize(
    "body",
    [
        "Selden Corp said it agreed to buy two mln shares, or 16 pct, of Ardley Textile Co Ltd.",
        "Selden Corp agreed to buy all the outstanding stock of Ardley Textile Co Ltd.",
        "Selden Corp agreed to buy all of the capital stock of Ardley Textile Co Ltd.",
    ],
)
def test_share_purchases_name_the_company_whose_shares_are_bought(body):
    deal = only_deal(body)
    assert "Ardley Textile Co Ltd" in roles(deal).values()
    assert "Selden Corp" in roles(deal).values()


@pytest.mark.parametrize(
    "title",
    [
        "ORVAL CORP <ORV> SELLS NOTES AT SEVEN PCT",
        "NORLAND SELLS BONDS IN TWO TRANCHES",
        "KESTREL <KST> SELLS 20 MLN COMMON SHARES",
        "ARDEN TRADERS BUY WHITE SUGAR FROM LONDON DEALERS",
    ],
)
def test_headline_trading_paper_or_goods_is_no_acquisition(title):
    signals = analyse(title, "The sale was made through dealers.", rules_only=True)
    assert not [d for d in signals.deals if d.kind == "acquisition"]


def test_headline_sale_of_shares_of_a_company_still_counts():
    signals = analyse("BRANDT SOLD FOUR MLN SHARES OF VELLORA", "", rules_only=True)
    assert [d for d in signals.deals if d.kind in ("acquisition", "investment")]


def test_amount_in_words_is_read_in_the_deal_sentence():
    deal = only_deal(
        "Corran Tire Co said it expects to sell its Delmar Energy Corp subsidiary for about "
        "two billion dlrs."
    )
    assert deal.amount.value == Decimal(2_000_000_000)


def test_bare_total_takes_the_currency_of_the_amount_before_it():
    mentions = find_money(
        "The bidder will pay 64 dlrs a share in cash, a total of 6.1 billion for the group."
    )
    assert [(m.amount.value, m.amount.currency, m.role) for m in mentions] == [
        (Decimal(64), "USD", "per_share"),
        (Decimal(6_100_000_000), "USD", "deal"),
    ]


def test_bare_number_before_a_noun_is_not_money():
    mentions = find_money("It paid 5 mln stg and 2.04 mln shares go to the founders.")
    assert [m.amount.value for m in mentions] == [Decimal(5_000_000)]


def test_offer_that_values_the_target_gives_the_deal_value():
    deal = only_deal(
        "Harcastle Ltd said it raised its takeover offer for Pemberton Mills Ltd to five dlrs a "
        f"share. The new offer values Pemberton's 40 mln shares at 200 {DLRS}."
    )
    assert deal.amount.value == Decimal(200_000_000)


def test_paid_a_consideration_for_a_stake_reports_the_price():
    deal = only_deal(
        f"Brisco Oil Plc paid a cash consideration of around 3.2 {DLRS}, funded from its "
        "reserves, for about 6.5 pct of Tarrant Energy Corp."
    )
    assert deal.amount.value == Decimal(3_200_000)
    assert "Tarrant Energy Corp" in roles(deal).values()


def test_a_parenthesised_word_inside_a_name_belongs_to_it():
    deal = only_deal("Harrow Equity (Pacific) Ltd said it agreed to acquire Brenn Valve Co.")
    assert roles(deal)["acquirer"] == "Harrow Equity (Pacific) Ltd"


def test_a_parenthesised_ticker_after_a_name_stays_out_of_it():
    signals = analyse(
        "", "Brenn Valve Co (BVC) said it was acquired by Harrow Ltd.", rules_only=True
    )
    assert "Brenn Valve Co" in [c.name for c in signals.companies]


def test_a_state_abbreviation_in_an_appositive_is_not_the_buyer():
    deal = only_deal(
        "Corbin Life Insurance Co, a Dayton, Ohio, insurance firm, said it has "
        "acquired Tamber Electric Inc."
    )
    assert roles(deal) == {"acquirer": "Corbin Life Insurance Co", "target": "Tamber Electric Inc"}


def test_a_bare_total_that_is_a_digit_run_is_not_money():
    mentions = find_money(f"It paid 5 {DLRS}, for a total of " + "9" * 400 + " billion.")
    assert [m.amount.value for m in mentions] == [Decimal(5_000_000)]
