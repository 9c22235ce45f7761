"""Reviewer defects: stakes lost to the coupon filter, "%" stakes, "confirm" read as "firm",
untitled stories whose only deal is history.

Every sentence here is invented for the test; none comes from the evaluation corpora.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from articles.analysis import analyse
from tests.articles.analysis_helpers import first_deal, m_and_a

# --- a bare "interest" or "a year" near a percentage is no coupon ---------------------


@pytest.mark.parametrize(
    ("body", "pct"),
    [
        ("Vance Corp bought an interest of 20 pct in Tivan Corp.", 20),
        ("Vance Corp raised its stake in Tivan Corp to 30 pct a year after buying it.", 30),
    ],
)
def test_a_stake_near_interest_or_a_year_is_still_read(body: str, pct: int) -> None:
    assert first_deal(body).stake_pct == pct


def test_a_rate_of_interest_is_still_no_stake() -> None:
    body = (
        "Vance Corp said it bought Tivan Corp for 40 mln dlrs in cash and notes paying "
        "an interest rate of 8 pct a year."
    )
    assert first_deal(body).stake_pct is None


# --- "%" stakes, as modern news writes them ----------------------------------------


@pytest.mark.parametrize(
    ("body", "pct"),
    [
        ("Halden Capital took a 9.8% stake in Orrin Foods plc, the grocer said.", Decimal("9.8")),
        ("Halden Capital bought 15% of Orrin Foods plc for $40 million.", Decimal(15)),
        ("Halden Capital raised its holding in Orrin Foods plc to 12.5%.", Decimal("12.5")),
    ],
)
def test_a_percent_sign_stake_is_read(body: str, pct: Decimal) -> None:
    assert first_deal(body).stake_pct == pct


# --- "confirm" is not "firm" ---------------------------------------------------------


def test_confirm_does_not_join_a_list_into_one_partnership() -> None:
    body = "Vance Corp could not confirm Tivan, Morrow and Pell had bid for its Ostrand unit."
    names = {c.name for c in analyse("", body, rules_only=True).companies}
    assert "Tivan, Morrow and Pell" not in names


def test_a_law_firm_of_partners_is_still_one_name() -> None:
    body = (
        "Vance Corp hired the law firm of Baxter, Moody and Quill to advise on its bid for "
        "Tivan Corp."
    )
    names = {c.name for c in analyse("", body, rules_only=True).companies}
    assert "Baxter, Moody and Quill" in names


# --- an untitled story's only deal told as history is not its news ------------------


def test_an_untitled_story_ending_on_a_past_purchase_reports_no_deal() -> None:
    body = (
        "Tivan Corp said its third quarter profit rose 12 pct to 31 mln dlrs on higher sales "
        "of packaging. Revenue climbed to 410 mln dlrs from 380 mln. The company said orders "
        "were strong in Europe and it expected a better fourth quarter. Margins widened as "
        "raw material costs fell. "
        "Tivan Corp acquired Pell Systems Inc last year for $200 million."
    )
    assert m_and_a("", body) == []
