"""Deal slots, continued: name boundaries and sides in constructions wire copy uses often.

Every sentence here is invented for the tests.
"""

from __future__ import annotations

from tests.articles.analysis_helpers import first_deal, roles


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
