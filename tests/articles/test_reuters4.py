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
            "HALVERTON <HLV> BANK LINE REDUCED",
            "Halverton Industries Inc said its lenders trimmed its revolving credit line to "
            "25 mln dlrs from 40 mln dlrs. Halverton said the cut resulted from Halverton's "
            "earlier agreement to sell its Brisket Valve Co unit for about 18 mln dlrs.",
        ),
        (
            "MORWEN BANCORP <MWB> SEES HIGHER 1988 NET",
            "Morwen Bancorp said lower funding costs and the bank's planned merger with "
            "Tarrow Financial Corp <TFC> would help 1988 earnings rise from last year's "
            "levels.",
        ),
        (
            "GLENCASTLE NAMES FOUR CORE BUSINESSES",
            "Glencastle Plc said the recent sale of its Arden Tools companies to their "
            "managers was part of its plan to focus on four core businesses.",
        ),
    ],
)
def test_a_deal_named_before_the_news_it_caused_is_background(title: str, body: str) -> None:
    assert m_and_a(title, body) == []


# --- money flowing into a country is no stake in a company --------------------------


@pytest.mark.parametrize(
    "title",
    [
        "KOREA SEES ITS INVESTMENT IN U.S. DOUBLING",
        "NORWAY SAYS ITS INVESTMENT IN U.K. FELL",
    ],
)
def test_a_countrys_investment_in_another_country_is_no_deal(title: str) -> None:
    assert m_and_a(title, "") == []


# --- a company answering deal rumours: the rumoured deal is the story ---------------


def test_a_stake_the_company_will_not_comment_on_is_a_rumour_it_reports() -> None:
    deals = m_and_a(
        "HARLOW MILLS SEEKS FOREIGN PARTNER",
        "Harlow Mills Inc is looking for a partner abroad to widen its fund management "
        "business, a spokesman said. But he declined to comment on rumours the company would "
        "take a 15 pct stake in <Penrith Securities Ltd>, a unit of Gadsby Corp.",
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
