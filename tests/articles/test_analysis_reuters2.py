"""General Reuters-style defects: caps deal forms, bought debt paper, sentence-opening adverbs.

Every sentence here is invented for the test; none comes from the evaluation corpora.
"""

from __future__ import annotations

import pytest

from articles.analysis import analyse
from tests.articles.analysis_helpers import first_deal, m_and_a, roles

# --- a sentence-opening adverb and its comma are no part of a name -----------------


@pytest.mark.parametrize("adverb", ["Instead", "Nevertheless", "Moreover", "Consequently"])
def test_an_opening_adverb_is_not_the_buyers_name(adverb: str) -> None:
    body = (
        "Quillfeather Paper Co said it would not bid. "
        f"{adverb}, Orrinsby Mills Inc bought Dunmore Board Corp for 14 mln dlrs."
    )
    deal = first_deal(body)
    assert roles(deal)["acquirer"] == "Orrinsby Mills Inc"


# --- buying a company's debt buys no part of the company ---------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Larkspur Capital Corp said it bought 25 mln dlrs of Bexley Foundry Inc's 10.5 pct "
        "senior subordinated notes due 1996.",
        "Larkspur Capital Corp said it acquired 8 mln dlrs of Bexley Foundry Inc 12 pct "
        "convertible debentures.",
        "Larkspur Capital Corp said it purchased 40 mln dlrs of 9 pct bonds of Bexley Foundry Inc.",
    ],
)
def test_buying_a_companys_notes_is_no_takeover(body: str) -> None:
    assert m_and_a("", body) == []


def test_a_coupon_paid_in_a_takeover_is_no_stake() -> None:
    body = (
        "Larkspur Capital Corp said it bought Bexley Foundry Inc for 30 mln dlrs in cash and "
        "11 pct notes."
    )
    deal = first_deal(body)
    assert roles(deal) == {"acquirer": "Larkspur Capital Corp", "target": "Bexley Foundry Inc"}
    assert deal.stake_pct is None


def test_a_stake_beside_an_interest_rate_is_still_read() -> None:
    body = (
        "Larkspur Capital Corp said it acquired a 22 pct interest in Bexley Foundry Inc, paying "
        "with notes that bear interest at 9 pct."
    )
    assert first_deal(body).stake_pct == 22
