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
        f"Harlow Pumps had sales last year of about 41 {DLRS}.",
        f"Quillon Foods had revenues for 1986 of around 12 {DLRS}.",
        f"Its sales for the year ended Sept 30, 1986 were 88.5 {DLRS}.",
        f"Revenues for the year ended February 28 totaled about 9 {DLRS}.",
        f"Its total assets at the end of 1986 were about 1.2 {DLRS}.",
        # Hedges a reader skips to reach the measure.
        f"The unit has annual revenues of approximately 135 {DLRS}.",
        "The combined bank would have assets in excess of 3 billion dlrs.",
        # Results, gains and earlier figures.
        f"Velden Tool lost 16.4 {DLRS} in 1986.",
        f"It expects an after-tax gain of about 6 {DLRS} on the sale.",
        f"Operating profit was 4 {DLRS}, up from 3.1 {DLRS}.",
    ],
)
def test_results_and_periods_are_not_deal_values(sentence):
    assert {m.role for m in find_money(sentence)} == {"other"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Marrow Bancorp, a 5.1 billion dlr bank holding company, is based in Ohio.",
        "The merger would create a 1.2 billion dlr oilfield services concern.",
        "Lender banks agreed a 240 mln dlr two-year term loan.",
        "It signed a 15 mln dlr bank credit agreement.",
        "It took a 9 mln dlr restructuring charge.",
        "It received 260 mln dlrs from offerings of notes.",
        "Harlow Pumps seeks a 500 mln dlr revolving credit.",
        "It has another 150 mln dlrs in available credit.",
        "Velden Tool was found liable for 4 mln dlrs in damages.",
    ],
)
def test_a_company_size_or_a_loan_named_after_the_amount_is_not_a_deal_value(sentence):
    assert [m.role for m in find_money(sentence)] == ["other"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Brandt Oil agreed to be acquired for about 265 mln dlrs by a company formed by its managers.",
        "Selden Corp raised its bid to a 1.4 billion dlr offer for the company.",
        "Tessaly Ltd bought the stake at a cost of about 84 mln dlrs.",
        "Kestrel Partners sold the assets for about 79 mln dlrs in cash and notes.",
        "The purchase valued at 14.8 mln dlrs closes in May.",
    ],
)
def test_prices_stay_deal_values(sentence):
    assert find_money(sentence)[0].role == "deal"


def test_a_buyer_described_by_its_size_still_reports_the_price():
    deal = first_deal(
        "Marrow Bancorp, a 5.1 billion dlr bank holding company, said it agreed to acquire "
        f"Linden Savings Bank for 32 {DLRS}."
    )
    assert deal.amount.value == Decimal(32_000_000)


def test_a_buyer_described_by_its_size_is_no_price_when_none_is_given():
    deal = first_deal(
        "Marrow Bancorp, a 5.1 billion dlr bank holding company, said it agreed to acquire "
        "Linden Savings Bank."
    )
    assert deal.amount is None


def test_a_price_a_few_sentences_after_the_deal_is_its_value():
    deal = first_deal(
        "Orrin Timber Corp said it agreed to acquire Bexley Sawmill Inc. "
        "Bexley makes hardwood flooring. "
        f"Orrin said the purchase price is 18 {DLRS}."
    )
    assert deal.amount.value == Decimal(18_000_000)


def test_a_figure_deep_after_the_deal_is_background_not_its_price():
    deal = first_deal(
        "Orrin Timber Corp said it agreed to acquire Bexley Sawmill Inc. "
        "Bexley makes hardwood flooring in three mills. "
        "It employs 400 people in Oregon. "
        "Orrin has been expanding in the Northwest. "
        "Its chairman is Lyle Tamsin. "
        f"In 1984, Orrin sold its paper division to Calder Mills Inc for 60 {DLRS}."
    )
    assert deal.amount is None
