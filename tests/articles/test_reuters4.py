"""A deal named as the cause of other news, before that news: background, not a new deal.

Every sentence here is invented for the test; none comes from the evaluation corpora.
"""

from __future__ import annotations

import pytest

from tests.articles.analysis_helpers import m_and_a, roles

# --- under a headline with other news, the deal that caused it is background -------


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "MORWEN BANCORP <MWB> EXPECTS HIGHER PROFIT",
            "Morwen Bancorp said its planned merger with Tarrow Financial Corp should "
            "improve profits next year, along with cheaper deposits.",
        ),
        (
            "GLENCASTLE TO CONCENTRATE ON FOUR ACTIVITIES",
            "Glencastle Plc said this year's sale of its Arden Tools division to management "
            "was part of a drive to concentrate on four main activities.",
        ),
    ],
)
def test_a_deal_named_before_the_news_it_caused_is_background(title: str, body: str) -> None:
    assert m_and_a(title, body) == []


# --- money flowing into a country is no stake in a company --------------------------


@pytest.mark.parametrize(
    "title",
    [
        "SWEDEN SAYS ITS INVESTMENT IN U.K. ROSE",
        "NORWAY SAYS ITS INVESTMENT IN U.S. FELL",
    ],
)
def test_a_countrys_investment_in_another_country_is_no_deal(title: str) -> None:
    assert m_and_a(title, "") == []


# --- a company answering deal rumours: the rumoured deal is the story ---------------


def test_a_stake_the_company_will_not_comment_on_is_a_rumour_it_reports() -> None:
    deals = m_and_a(
        "HARLOW MILLS SEEKS FOREIGN PARTNER",
        "Harlow Mills Inc wants a foreign partner for its asset management arm, its "
        "chairman told reporters. A spokeswoman would not comment on speculation that the "
        "firm planned to take a 15 pct stake in <Penrith Securities Ltd>, which Gadsby Corp owns.",
    )
    assert [(d.kind, d.stage) for d in deals] == [("investment", "rumoured")]


def test_a_bid_the_company_has_no_comment_on_is_rumoured_not_agreed() -> None:
    deals = m_and_a(
        "TRELAWNEY FOODS SHARES ACTIVE",
        "Shares of Trelawney Foods Plc rose 12 pence in busy trading. The company had no "
        "comment on press reports that it would buy Ashcombe Dairies Ltd for 40 mln stg.",
    )
    assert [(d.kind, d.stage) for d in deals] == [("acquisition", "rumoured")]


# --- regressions: a company named after a place, news beside a deal ----------------


@pytest.mark.parametrize(
    ("body", "investee"),
    [
        (
            "The teachers' pension fund said its investment in China Mobile Ltd rose to 40 "
            "mln dlrs last year.",
            "China Mobile Ltd",
        ),
        (
            "The fund lifted its investment in Texas Instruments Inc to 5 pct of its assets.",
            "Texas Instruments Inc",
        ),
        (
            "Its investment in British Airways Plc was worth 20 mln stg, the trust said.",
            "British Airways Plc",
        ),
    ],
)
def test_an_investment_in_a_company_named_after_a_place_is_still_a_stake(
    body: str, investee: str
) -> None:
    deals = m_and_a("", body)
    assert [(d.kind, roles(d).get("investee")) for d in deals] == [("investment", investee)]


def test_declining_to_comment_on_other_reports_leaves_an_agreed_deal_agreed() -> None:
    deals = m_and_a(
        "CORVELL FOODS PROFIT UP",
        "Corvell Foods Corp, which agreed last week to buy Denham Plastics Inc for 30 mln "
        "dlrs, declined to comment on reports it would cut jobs.",
    )
    assert [(d.kind, d.stage) for d in deals] == [("acquisition", "agreed")]


def test_revenue_after_a_completed_deal_is_no_deal_named_as_a_cause() -> None:
    deals = m_and_a(
        "CORVELL FOODS SEES HIGHER 1988 NET",
        "Corvell Foods Corp completed the acquisition of Denham Plastics Inc, and sales in "
        "Europe helped profit.",
    )
    assert [(d.kind, d.stage) for d in deals] == [("acquisition", "completed")]
