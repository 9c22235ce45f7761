"""A deal named as the cause of other news, before that news: background, not a new deal.

Every sentence here is invented for the test; none comes from the evaluation corpora.
"""

from __future__ import annotations

import pytest

from tests.articles.analysis_helpers import m_and_a

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
