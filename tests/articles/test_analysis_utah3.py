"""Utah slots, amount first then seller: which deal and which figure a story's first signal carries.

Every sentence here is invented for the tests.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from articles.analysis.money import find_money, parse_money
from tests.articles.analysis_helpers import first_deal, m_and_a, roles


@pytest.mark.parametrize(
    ("sentence", "buyer", "amount"),
    [
        (
            "Corvex Industries said it agreed to sell, in separate transactions, its Riverton "
            "plant to Lone Pine Industries Inc for 50.2 mln dlrs.",
            "Lone Pine Industries Inc",
            Decimal("50200000"),
        ),
        (
            "Corvex Industries said it has sold, subject to court approval, its Riverton plant "
            "to Lone Pine Industries Inc for 12 mln dlrs.",
            "Lone Pine Industries Inc",
            Decimal("12000000"),
        ),
        (
            "Corvex Industries said it agreed to sell, for 9 mln dlrs, its Riverton plant to "
            "Lone Pine Industries Inc.",
            "Lone Pine Industries Inc",
            Decimal("9000000"),
        ),
    ],
)
def test_an_aside_after_the_verb_does_not_hide_the_sale(sentence, buyer, amount):
    deal = first_deal(sentence)
    assert roles(deal).get("seller") == "Corvex Industries"
    assert roles(deal).get("acquirer") == buyer
    assert deal.amount is not None and deal.amount.value == amount


def test_an_aside_after_the_verb_does_not_hide_the_bought_company():
    deal = first_deal(
        "Corvex Industries said it acquired, through its Dutch unit, Harlow Instruments BV "
        "for 20 mln dlrs."
    )
    assert roles(deal) == {"acquirer": "Corvex Industries", "target": "Harlow Instruments BV"}


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("8-1/2 mln dlrs", Decimal("8500000"), "USD"),
        ("2 1/4 billion dlrs", Decimal("2250000000"), "USD"),
        ("4-3/4 mln stg", Decimal("4750000"), "GBP"),
        ("$1-1/2 billion", Decimal("1500000000"), "USD"),
        ("half a billion dlrs", Decimal("500000000"), "USD"),
    ],
)
def test_wire_fractions_are_read_whole(text, value, currency):
    amount = parse_money(text)
    assert amount is not None and (amount.value, amount.currency) == (value, currency)


def test_a_fractional_deal_value_is_the_deal_amount():
    deal = first_deal("Pardee Mills Inc agreed to buy Osgood Looms Corp for 6-1/2 mln dlrs.")
    assert deal.amount is not None and deal.amount.value == Decimal("6500000")


@pytest.mark.parametrize(
    "sentence",
    [
        "Osgood Looms had 1986 cash flow of 8 mln dlrs.",
        "Osgood's cash flow was 8 mln dlrs last year.",
        "Osgood generated 8 mln dlrs in cash flow.",
    ],
)
def test_cash_flow_is_a_result_not_a_price(sentence):
    assert {m.role for m in find_money(sentence)} == {"other"}


def test_a_later_cash_flow_figure_is_not_the_deal_amount():
    deal = first_deal(
        "Pardee Mills Inc agreed to buy Osgood Looms Corp. Osgood's cash flow was 8 mln dlrs."
    )
    assert deal.amount is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Pardee Mills Inc agreed to buy Osgood Looms Corp's textile machinery division.",
        "Pardee Mills Inc agreed to buy Osgood Looms Corp's insurance operations.",
        "Pardee Mills Inc said it will take over the Chilean unit of Osgood Looms Corp.",
        "Pardee Mills Inc has put in a bid for the Asian business of Osgood Looms Corp.",
    ],
)
def test_buying_a_part_of_a_company_names_the_company_as_seller(sentence):
    deal = first_deal(sentence)
    assert roles(deal).get("acquirer") == "Pardee Mills Inc"
    assert roles(deal).get("seller") == "Osgood Looms Corp"
    assert "target" not in roles(deal)
    assert deal.asset is not None


@pytest.mark.parametrize(
    ("sentence", "stage"),
    [
        ("Fenwick Weaving Co was sold by Osgood Looms Corp to Pardee Mills Inc.", "completed"),
        (
            "Fenwick Weaving Co is to be sold by Osgood Looms Corp to Pardee Mills Inc for "
            "20 mln dlrs.",
            "agreed",
        ),
    ],
)
def test_a_passive_sale_names_its_seller_and_buyer(sentence, stage):
    deal = first_deal(sentence)
    assert roles(deal) == {
        "target": "Fenwick Weaving Co",
        "seller": "Osgood Looms Corp",
        "acquirer": "Pardee Mills Inc",
    }
    assert deal.stage == stage


def test_the_speaker_whose_unit_another_buys_is_the_seller():
    deal = first_deal(
        "Osgood Looms Corp said on Friday that Pardee Mills Inc had agreed to buy its Fenwick "
        "Weaving Co unit for cash."
    )
    assert roles(deal) == {
        "seller": "Osgood Looms Corp",
        "acquirer": "Pardee Mills Inc",
        "target": "Fenwick Weaving Co",
    }


def test_a_stake_said_to_be_sold_by_a_company_makes_no_company_the_target():
    deals = m_and_a(
        "",
        "A Utilo Corp subsidiary paid 10 mln dlrs for 38 pct of Fenwick Partners, Utilo said. "
        "It said the 38 pct stake was sold by Osgood Funding Corp.",
    )
    assert roles(deals[0]).get("seller") == "Osgood Funding Corp"
    assert all(roles(d).get("target") != "Utilo Corp" for d in deals)


@pytest.mark.parametrize(
    "sentence",
    [
        "Pardee Mills Inc said it agreed to buy Fenwick Weaving Co from its parent, Osgood Looms "
        "Corp.",
        "Pardee Mills Inc said it would acquire Fenwick Weaving Co, now owned by Osgood Looms Corp.",
        "Pardee Mills Inc agreed to buy the Fenwick gold mine, paying 9.5 mln dlrs to Osgood Looms "
        "Corp.",
        "Pardee Mills Inc agreed to take over the half of the Fenwick gold property it lacks by "
        "paying nine mln dlrs to Osgood Looms Corp.",
    ],
)
def test_the_owner_or_the_one_paid_is_the_seller(sentence):
    assert roles(first_deal(sentence)).get("seller") == "Osgood Looms Corp"


@pytest.mark.parametrize(
    "sentence",
    [
        "Pardee Mills Inc bought Osgood Looms Corp's 40 pct stake in Fenwick Weaving Co.",
        "Pardee Mills Inc agreed to acquire Osgood Looms Corp's entire stake in Fenwick Weaving Co "
        "for 12 mln dlrs.",
        "Pardee Mills Inc completed the purchase of Osgood Looms Corp's 25 pct interest in Fenwick "
        "Weaving Co.",
    ],
)
def test_buying_a_holders_stake_names_the_holder_as_seller(sentence):
    assert roles(first_deal(sentence)) == {
        "investor": "Pardee Mills Inc",
        "seller": "Osgood Looms Corp",
        "investee": "Fenwick Weaving Co",
    }


def test_money_put_into_a_unit_is_no_sale_by_its_parent():
    deal = first_deal(
        "Pardee Mills Inc agreed to invest 5 mln dlrs in Osgood Looms Corp's textile unit."
    )
    assert "seller" not in roles(deal)
