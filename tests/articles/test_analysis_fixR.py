"""False positives a review found in the rules merged from 'noticed' and 'utah3'.

Every sentence here is invented for the test (invented companies); none comes from a corpus.
"""

from __future__ import annotations

import pytest

from tests.articles.analysis_helpers import m_and_a, roles


def _kinds(title: str, body: str, kind: str) -> list:
    return [d for d in m_and_a(title, body) if d.kind == kind]


def _targets(title: str, body: str) -> set[str]:
    return {p.name for d in m_and_a(title, body) for p in d.parties if p.role == "target"}


# --- 1. "acquired by an investor group" is said of the company, not its shares or a building


@pytest.mark.parametrize(
    "body",
    [
        "Halvorsen Corp said 10 pct of its common shares were acquired by several investors.",
        "Halvorsen Corp said its 10 pct senior notes were acquired by an investor group.",
    ],
)
def test_securities_bought_by_an_investor_group_are_no_takeover(body):
    assert m_and_a("", body) == []


def test_a_headquarters_building_bought_by_an_investor_group_is_no_takeover():
    body = (
        "Halvorsen Corp's headquarters building will be acquired by an investor group led by "
        "Quill Realty Inc."
    )
    assert "Halvorsen Corp" not in _targets("", body)


def test_an_office_building_bought_by_an_investor_group_is_no_company_target():
    body = "The Halvorsen Tower office building was acquired by a private investor group."
    assert _targets("", body) == set()


def test_the_company_itself_bought_by_an_investor_group_is_still_the_target():
    body = "Halvorsen Corp, a Denver steel maker, said it has agreed to be acquired by an investor group."
    assert roles(_kinds("", body, "acquisition")[0]) == {"target": "Halvorsen Corp"}


# --- 2. a caps headline name holding a goods word, where the body buys the goods ----------


def test_caps_headline_goods_bought_from_a_company_named_for_them_is_no_takeover():
    body = "Moxley Corp said it bought 5,000 tonnes of grain from Halverson Grain Co."
    assert _kinds("MOXLEY BUYS HALVERSON GRAIN", body, "acquisition") == []


def test_caps_headline_company_named_for_goods_bought_in_the_body_is_still_the_target():
    body = (
        "Moxley Corp said it agreed to acquire Halverson Grain Co, a Kansas grain merchant, "
        "for 40 mln dlrs."
    )
    got = roles(_kinds("MOXLEY BUYS HALVERSON GRAIN", body, "acquisition")[0])
    assert (got.get("acquirer"), got.get("target")) == ("Moxley Corp", "Halverson Grain Co")


# --- 3. a stake "sold to it by Y": the subject buys it, and Y sells ------------------------


def test_stake_sold_to_it_by_a_holder_keeps_the_buyer_and_names_the_seller():
    body = (
        "Halvorsen Corp said it acquired a 10 pct stake in Brindle Inc that was sold to it "
        "by Moxley Corp."
    )
    got = roles(_kinds("", body, "investment")[0])
    assert got == {"investor": "Halvorsen Corp", "investee": "Brindle Inc", "seller": "Moxley Corp"}


def test_stake_sold_on_to_a_named_buyer_is_still_the_holders_sale():
    body = "Halvorsen Corp said its 10 pct stake in Brindle Inc will be sold to Moxley Corp."
    got = roles(_kinds("", body, "investment")[0])
    assert got.get("seller") == "Halvorsen Corp" and got.get("investee") == "Brindle Inc"


# --- 4. "X said Y agreed to buy its ...": X sells only a part of its own -------------------


@pytest.mark.parametrize(
    "body",
    [
        "Halvorsen Corp said Brindle Inc would buy its products for five years.",
        "Halvorsen Corp said Brindle Inc agreed to buy its natural gas.",
        "Halvorsen Corp said Brindle Inc agreed to buy its shares at 20 dlrs each.",
    ],
)
def test_the_speakers_goods_or_shares_bought_make_no_seller(body):
    assert all("seller" not in roles(d) for d in m_and_a("", body))
    assert _kinds("", body, "acquisition") == []


def test_a_rival_an_agency_names_is_bought_and_the_agency_sells_nothing():
    body = (
        "Moody's Investors Service said Brindle Inc agreed to buy its largest competitor, "
        "Quill Corp."
    )
    assert roles(_kinds("", body, "acquisition")[0]) == {
        "acquirer": "Brindle Inc",
        "target": "Quill Corp",
    }


@pytest.mark.parametrize(
    "part", ["Quill Corp unit", "Quill Corp subsidiary", "trucking division, Quill Corp"]
)
def test_the_speakers_named_unit_bought_still_makes_it_the_seller(part):
    body = f"Halvorsen Corp said Brindle Inc agreed to buy its {part}."
    assert roles(_kinds("", body, "acquisition")[0]) == {
        "seller": "Halvorsen Corp",
        "acquirer": "Brindle Inc",
        "target": "Quill Corp",
    }


# --- 5. "by paying ... to Y": fees and premiums paid buy nothing from Y ---------------------


@pytest.mark.parametrize(
    "body",
    [
        "Halvorsen Corp acquired Quill Corp by paying 9 mln dlrs in advisory fees to Brindle "
        "Securities Inc.",
        "Halvorsen Corp acquired Quill Corp by paying 2 mln dlrs in fees to Brindle Securities "
        "Inc, its adviser.",
        "Halvorsen Corp acquired Quill Corp by paying a premium to Brindle Inc shareholders.",
    ],
)
def test_fees_or_a_premium_paid_make_no_seller(body):
    assert roles(_kinds("", body, "acquisition")[0]) == {
        "acquirer": "Halvorsen Corp",
        "target": "Quill Corp",
    }


def test_the_price_paid_to_the_owner_still_makes_it_the_seller():
    body = "Halvorsen Corp completed its takeover of Quill Corp on Monday by paying 12 mln dlrs to Brindle Inc."
    assert roles(_kinds("", body, "acquisition")[0]).get("seller") == "Brindle Inc"


@pytest.mark.parametrize(
    "body",
    [
        "Halvorsen Corp said some private investors agreed to buy its products.",
        "Halvorsen Corp said some private investors have proposed to buy its shares.",
    ],
)
def test_unnamed_buyers_of_the_speakers_goods_or_shares_make_no_seller(body):
    assert _kinds("", body, "acquisition") == []
