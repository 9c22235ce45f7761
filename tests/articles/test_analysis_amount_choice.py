"""Which amount of a story is the deal's value: results, loans and sizes are not prices.

Every sentence here is invented for the tests.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from articles.analysis import find_money
from tests.articles.analysis_helpers import first_deal

DLRS = "mln dlrs"


@pytest.mark.parametrize(
    "sentence",
    [
        # A reporting period between the measure and its figure.
        "Harlow Pumps booked sales in fiscal 1999 of nearly $41m.",
        "Quillon Foods posted turnover during the 2001 first half of roughly $12m.",
        "Quillon's revenue for the 2002 fourth quarter was $88.5m.",
        "At the end of 2003 its assets stood at some $1.3bn.",
        # Hedges a reader skips to reach the measure.
        "Harlow Pumps books yearly sales of approximately $135m.",
        "Together the lenders hold assets in excess of $3bn.",
        # Results, gains and earlier figures.
        "Velden Tool lost $16.4m over two years.",
        "Quillon books a one-off gain of roughly $6m on the disposal.",
        "Harlow earned $4m, up from $3.1m.",
    ],
)
def test_results_and_periods_are_not_deal_values(sentence):
    assert {m.role for m in find_money(sentence)} == {"other"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Marrow Bancorp, a $6bn regional bank holding company, is based in Leeds.",
        "Joining them makes a $1.9bn valve-making concern.",
        "Quillon drew on a $240m five-year term loan.",
        "Harlow signed a $15m standby credit agreement.",
        "Velden booked a $9m plant closure charge.",
        "Velden raised $260m from offerings of bonds.",
        "Harlow Pumps arranged a $500m revolving credit.",
        "Quillon keeps another $150m in undrawn credit.",
        "A jury awarded Velden Tool $4m in damages.",
    ],
)
def test_a_company_size_or_a_loan_named_after_the_amount_is_not_a_deal_value(sentence):
    assert [m.role for m in find_money(sentence)] == ["other"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Brandt Oil will be sold for nearly $265m to a vehicle its founders control.",
        "Selden Corp tabled a $1.4bn offer for the whole group.",
        "Tessaly Ltd took the holding at a cost of roughly $84m.",
        "Kestrel Partners let the mills go for some $79m in cash and notes.",
        "The purchase, valued at $14.8m, closes in May.",
    ],
)
def test_prices_stay_deal_values(sentence):
    assert find_money(sentence)[0].role == "deal"


def test_a_buyer_described_by_its_size_still_reports_the_price():
    deal = first_deal(
        "Marrow Bancorp, a $6bn regional banking company, agreed on Monday to acquire "
        f"Linden Savings Bank for 32 {DLRS}."
    )
    assert deal.amount.value == Decimal(32_000_000)


def test_a_buyer_described_by_its_size_is_no_price_when_none_is_given():
    deal = first_deal(
        "Marrow Bancorp, a $6bn regional banking company, agreed on Monday to acquire "
        "Linden Savings Bank."
    )
    assert deal.amount is None


def test_a_price_a_few_sentences_after_the_deal_is_its_value():
    deal = first_deal(
        "Orrin Timber Corp agreed on Monday to acquire Bexley Sawmill Inc. "
        "Bexley makes hardwood flooring. "
        f"Orrin said the purchase price is 18 {DLRS}."
    )
    assert deal.amount.value == Decimal(18_000_000)


def test_a_figure_deep_after_the_deal_is_background_not_its_price():
    deal = first_deal(
        "Orrin Timber Corp agreed on Monday to acquire Bexley Sawmill Inc. "
        "Bexley makes hardwood flooring in three mills. "
        "It employs 400 people in Oregon. "
        "Orrin has been expanding in the Northwest. "
        "Its chairman is Lyle Tamsin. "
        f"In 1984, Orrin sold its paper division to Calder Mills Inc for 60 {DLRS}."
    )
    assert deal.amount is None
