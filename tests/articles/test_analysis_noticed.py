"""Wrong results an earlier session noticed and left alone, each a newsroom phrase class.

Every sentence here is invented for the test (invented companies); none comes from a corpus.
"""

from __future__ import annotations

import pytest

from tests.articles.analysis_helpers import m_and_a, roles


def _kinds(title: str, body: str, kind: str) -> list:
    return [d for d in m_and_a(title, body) if d.kind == kind]


# --- 1. a caps headline name holding a commodity word is still the company ---------------


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "HALVERSON GRAIN <HGC> TO BE ACQUIRED",
            "Halverson Grain Co said it signed a definitive agreement with Delmont Foods Inc "
            "at 40 dlrs a share.",
            {"target": "Halverson Grain Co"},
        ),
        (
            "DELMONT FOODS TO BUY HALVERSON GRAIN <HGC>",
            "Delmont Foods Inc said it signed a definitive agreement with Halverson Grain Co "
            "at 40 dlrs a share.",
            {"acquirer": "Delmont Foods Inc", "target": "Halverson Grain Co"},
        ),
        (
            "HALVERSON COTTON MILLS TO BE ACQUIRED BY DELMONT",
            "Halverson Cotton Mills Inc said it reached a definitive agreement with Delmont "
            "Foods Inc.",
            {"target": "Halverson Cotton Mills Inc"},
        ),
    ],
)
def test_caps_headline_company_with_a_commodity_word_is_a_party(title, body, expected):
    deal = _kinds(title, body, "acquisition")[0]
    got = roles(deal)
    assert {r: got.get(r) for r in expected} == expected


@pytest.mark.parametrize(
    "title",
    ["DELMONT BUYS HALVERSON GRAIN", "TRADERS BUY WHEAT AND GRAIN FOR EGYPT"],
)
def test_caps_headline_grain_bought_as_goods_is_still_no_deal(title):
    body = "Traders said Delmont Foods Inc bought 200,000 tonnes of grain for shipment in May."
    assert _kinds(title, body, "acquisition") == []


# --- 2. an unnamed investor group is no party, but the deal is one ------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Parnell Steel Corp will be acquired by an investor group for 30 mln dlrs.",
            {"target": "Parnell Steel Corp"},
        ),
        (
            "Parnell Steel Corp said it will be acquired by an investor group led by its "
            "chairman for 30 mln dlrs.",
            {"target": "Parnell Steel Corp"},
        ),
        (
            "Parnell Steel Corp has agreed to be acquired by a group of investors led by "
            "Tolland Partners Inc.",
            {"target": "Parnell Steel Corp", "acquirer": "Tolland Partners Inc"},
        ),
    ],
)
def test_acquired_by_an_unnamed_investor_group_names_the_target(body, expected):
    deal = _kinds("", body, "acquisition")[0]
    assert roles(deal) == expected


def test_acquired_by_a_group_reports_the_amount():
    deal = _kinds(
        "",
        "Parnell Steel Corp will be acquired by an investor group for 30 mln dlrs.",
        "acquisition",
    )[0]
    assert deal.amount is not None and int(deal.amount.value) == 30_000_000


# --- 3. a named unit sold or bought: its parent sells -------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Kestrel Industries Inc said its subsidiary Dorrit Valve Co was sold to Abernethy Corp.",
        "Kestrel Industries Inc said its unit, Dorrit Valve Co, was sold to Abernethy Corp.",
        "Kestrel Industries Inc said its division Dorrit Valve Co has been sold to Abernethy Corp "
        "for 12 mln dlrs.",
    ],
)
def test_named_unit_sold_to_a_buyer_has_its_parent_as_seller(body):
    deal = _kinds("", body, "acquisition")[0]
    assert roles(deal) == {
        "target": "Dorrit Valve Co",
        "acquirer": "Abernethy Corp",
        "seller": "Kestrel Industries Inc",
    }


# --- 4. a stake in X sold to Y: X is the target, the holder sells -------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Lomax Holdings Ltd said its 10 pct stake in Wyndale Corp will be sold to Farris Inc.",
        "Lomax Holdings Ltd said a 10 pct stake it holds in Wyndale Corp will be sold to Farris Inc.",
    ],
)
def test_a_holder_s_stake_sold_to_a_buyer_makes_the_holder_seller(body):
    for deal in m_and_a("", body):
        got = roles(deal)
        assert got.get("seller") == "Lomax Holdings Ltd", deal
        assert got.get("acquirer") == "Farris Inc", deal
        assert "investor" not in got, deal
        assert deal.stake_pct == 10


def test_a_stake_sold_to_a_buyer_with_no_holder_named_has_no_investor():
    body = "A 10 pct stake in Wyndale Corp will be sold to Farris Inc."
    deals = m_and_a("", body)
    assert deals
    for deal in deals:
        got = roles(deal)
        assert got.get("acquirer") == "Farris Inc"
        assert "investor" not in got and "seller" not in got
        assert deal.stake_pct == 10


def test_caps_pct_of_x_sold_to_y_is_a_ten_pct_stake():
    deals = m_and_a("10 PCT OF WYNDALE CORP TO BE SOLD TO FARRIS INC", "")
    assert deals
    for deal in deals:
        assert deal.stake_pct == 10
        assert roles(deal).get("acquirer") == "Farris Inc"


# --- 5. a partnership named by its partners' surnames -------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Baxter, Moody and Quill said it acquired Trenton Mills Inc for 5 mln dlrs.",
        "Baxter, Moody and Quill said it agreed to buy Trenton Mills Inc.",
    ],
)
def test_a_surname_partnership_buying_is_the_whole_name(body):
    deal = _kinds("", body, "acquisition")[0]
    assert roles(deal) == {"acquirer": "Baxter, Moody and Quill", "target": "Trenton Mills Inc"}


def test_three_companies_saying_they_buy_are_not_one_partnership():
    body = "Exxor, Movil and Chevra said they agreed to buy Trenton Mills Inc."
    for deal in m_and_a("", body):
        assert roles(deal).get("acquirer") != "Exxor, Movil and Chevra"


# --- 6. lenders to a buyout are no deal --------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Lenders to Corvane Corp's leveraged buyout agreed to extend the loan terms.",
        "Banks in Corvane Corp's 1986 leveraged buyout said they would restructure the debt.",
        "Creditors of Corvane Corp's leveraged buyout met on Tuesday.",
    ],
)
def test_lenders_to_a_buyout_report_no_acquisition(body):
    assert _kinds("", body, "acquisition") == []


def test_a_leveraged_buyout_itself_is_still_an_acquisition():
    body = "Corvane Corp's leveraged buyout by Tolland Partners Inc was completed."
    deal = _kinds("", body, "acquisition")[0]
    assert roles(deal)["target"] == "Corvane Corp"


# --- 7. an unnamed unit merged into another company --------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Pellham Corp said it merged an unnamed unit into Drayton Industries Inc.",
        "Pellham Corp said it merged one of its units into Drayton Industries Inc.",
        "Pellham Corp merged its tool unit into Drayton Industries Inc.",
    ],
)
def test_an_unnamed_unit_merged_into_a_company_is_a_deal(body):
    deals = _kinds("", body, "merger")
    assert deals
    got = roles(deals[0])
    assert got.get("acquirer") == "Drayton Industries Inc"
    assert got.get("seller") == "Pellham Corp"


@pytest.mark.parametrize(
    "body",
    [
        "Pellham Corp merged its two units into one.",
        "Pellham Corp merged its tool unit into its Corbin Tool division.",
        "Pellham Corp merged its tool unit into a new company.",
    ],
)
def test_units_merged_into_the_company_s_own_are_no_deal(body):
    assert _kinds("", body, "merger") == []
