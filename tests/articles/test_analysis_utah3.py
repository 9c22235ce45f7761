"""Utah slots, amount first then seller: which deal and which figure a story's first signal carries.

Every sentence here is invented for the tests.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.articles.analysis_helpers import first_deal, roles


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
