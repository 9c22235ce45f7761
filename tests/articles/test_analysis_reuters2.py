"""General Reuters-style defects: caps deal forms, bought debt paper, sentence-opening adverbs.

Every sentence here is invented for the test; none comes from the evaluation corpora.
"""

from __future__ import annotations

import pytest

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


# --- wire forms of a deal told from the target's side -------------------------------


def test_agreeing_to_be_acquired_names_the_target_without_a_buyer() -> None:
    body = "Pimbrook Valve Co said it agreed to be acquired for 21 dlrs a share in cash."
    deal = first_deal(body, "PIMBROOK VALVE <PVC> AGREES TO BE ACQUIRED")
    assert (deal.kind, deal.stage) == ("acquisition", "agreed")
    assert roles(deal) == {"target": "Pimbrook Valve Co"}


def test_a_caps_flash_to_be_acquired_is_a_deal_for_its_company() -> None:
    deal = first_deal(
        "Pimbrook Valve Co said the price was not disclosed.", "PIMBROOK <PVC> TO BE ACQUIRED"
    )
    assert (deal.kind, deal.stage) == ("acquisition", "agreed")
    assert roles(deal)["target"] == "Pimbrook Valve Co"


def test_shares_to_be_bought_back_are_no_takeover() -> None:
    body = "Pimbrook Valve Co said two mln of its shares will be bought back over a year."
    assert m_and_a("", body) == []


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("PIMBROOK <PVC> TO GO PRIVATE", "Pimbrook Valve Co said the price was not disclosed."),
        ("", "Pimbrook Valve Co said it will go private in a deal worth 60 mln dlrs."),
        (
            "",
            "Pimbrook Valve Co said its founders agreed to take the company private at 21 dlrs "
            "a share.",
        ),
    ],
)
def test_going_private_is_an_acquisition_of_the_company(title: str, body: str) -> None:
    deal = first_deal(body, title)
    assert (deal.kind, deal.stage) == ("acquisition", "agreed")
    assert roles(deal) == {"target": "Pimbrook Valve Co"}


def test_taking_a_named_company_private_names_the_buyer() -> None:
    body = "Granger Ash Partners said it agreed to take Pimbrook Valve Co private for 60 mln dlrs."
    deal = first_deal(body)
    assert roles(deal) == {"acquirer": "Granger Ash Partners", "target": "Pimbrook Valve Co"}


@pytest.mark.parametrize(
    ("title", "body", "stage"),
    [
        (
            "PIMBROOK <PVC> LBO COMPLETED",
            "Pimbrook Valve Co said holders approved it.",
            "completed",
        ),
        ("", "Pimbrook Valve Co said it completed its leveraged buyout.", "completed"),
        (
            "",
            "Pimbrook Valve Co said it agreed to a management buyout at 21 dlrs a share.",
            "agreed",
        ),
    ],
)
def test_a_buyout_named_alone_is_the_companys_own(title: str, body: str, stage: str) -> None:
    deal = first_deal(body, title)
    assert (deal.kind, deal.stage) == ("acquisition", stage)
    assert roles(deal)["target"] == "Pimbrook Valve Co"


def test_a_buyout_proposal_is_no_buyout_of_the_person_who_makes_it() -> None:
    body = "Pimbrook Valve Co chairman Alan Shire said he will bring a management buyout proposal."
    assert all(roles(d).get("target") != "Alan Shire" for d in m_and_a("", body))


def test_a_unit_sold_to_a_buyer_in_a_caps_flash() -> None:
    body = "Pimbrook Valve Co and Vantry Corp did not give the price."
    deal = first_deal(body, "PIMBROOK VALVE <PVC> UNIT SOLD TO VANTRY")
    assert (deal.kind, deal.stage, deal.headline) == ("acquisition", "completed", True)
    assert roles(deal) == {"seller": "Pimbrook Valve Co", "acquirer": "Vantry Corp"}


def test_a_unit_that_was_sold_to_a_buyer_in_prose() -> None:
    body = "Pimbrook Valve Co said its Ostler Gauge unit was sold to Vantry Corp for 9 mln dlrs."
    deal = first_deal(body)
    assert (deal.kind, deal.stage) == ("acquisition", "completed")
    assert roles(deal) == {
        "seller": "Pimbrook Valve Co",
        "target": "Ostler Gauge",
        "acquirer": "Vantry Corp",
    }


def test_goods_sold_to_a_market_are_no_deal() -> None:
    assert m_and_a("SURPLUS BARLEY SOLD TO DOMESTIC MILLERS", "") == []


def test_a_unit_to_be_sold_to_a_buyer_is_agreed() -> None:
    body = "Pimbrook Valve Co said its Ostler Gauge unit is to be sold to Vantry Corp."
    deal = first_deal(body)
    assert (deal.kind, deal.stage) == ("acquisition", "agreed")
    assert roles(deal)["acquirer"] == "Vantry Corp"
