"""Reuters `acq` classes: stories about something other than a company changing hands.

Every sentence here is invented for the test; none comes from the evaluation corpora.
"""

from __future__ import annotations

import pytest

from tests.articles.analysis_helpers import m_and_a

# --- a headline about the gain or loss a sale brings is an earnings item ------------


@pytest.mark.parametrize(
    "title",
    [
        "QUILLFEATHER <QFP> TO HAVE GAIN FROM SALE OF SIX PCT OF DUNMORE BOARD",
        "ORRINSBY MILLS SEES LOSS ON SALE OF TEXTILE STAKE",
        "BEXLEY FOUNDRY <BXF> TO TAKE CHARGE ON SALE OF DUNMORE UNIT",
        "BEXLEY FOUNDRY SEES WRITEDOWN FROM SALE OF PAPER MILL TO ORRINSBY",
    ],
)
def test_a_gain_from_a_sale_headline_reports_no_deal(title: str) -> None:
    body = (
        "The company said it expects to record the item in its second quarter, "
        "and gave no further details."
    )
    assert m_and_a(title, body) == []


def test_a_sale_headline_without_the_gain_still_reports_the_deal() -> None:
    title = "QUILLFEATHER <QFP> TO SELL SIX PCT OF DUNMORE BOARD"
    body = (
        "The company said it expects to record the item in its second quarter, "
        "and gave no further details."
    )
    assert m_and_a(title, body) != []


# --- a deal named as the cause or frame of other news is background ----------------


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "QUILLFEATHER <QFP> SEEKS DISMISSAL OF SUIT",
            "Quillfeather Paper Co wants a judge to throw out a complaint filed by Dunmore Board "
            "Corp. The complaint relates to Quillfeather's pending offer of 30 dlrs a share in "
            "cash for all Dunmore stock.",
        ),
        (
            "ORRINSBY <ORB> IN CREDIT AGREEMENT",
            "Orrinsby Mills Inc has lined up bank guarantees, as required by the contract for its "
            "planned purchase of Bexley Foundry Inc, the company said.",
        ),
        (
            "LARKSPUR AGREES TO FORGIVE DEBT",
            "Larkspur Capital Corp agreed to forgive 20 mln dlrs of debt as part of Orrinsby "
            "Mills Inc's acquisition of Bexley Foundry Inc, an Orrinsby official said.",
        ),
        (
            "QUILLFEATHER <QFP> SHARES RISE",
            "Quillfeather Paper Co shares rose as analysts said earnings would be boosted by its "
            "planned acquisition of Dunmore Board Corp.",
        ),
    ],
)
def test_a_deal_cited_as_the_cause_of_other_news_is_background(title: str, body: str) -> None:
    assert m_and_a(title, body) == []


def test_news_following_from_a_deal_is_still_deal_news() -> None:
    title = "BEXLEY <BXF> NAMES ORRINSBY OFFICIALS TO BOARD"
    body = (
        "Bexley Foundry Inc said two Orrinsby Mills Inc officers joined its board following "
        "Orrinsby's acquisition of Bexley."
    )
    assert m_and_a(title, body) != []


def test_a_merger_a_rating_agency_cites_as_its_reason_is_background() -> None:
    title = "S/P DOWNGRADES QUILLFEATHER <QFP>, UPGRADES DUNMORE <DBC>"
    body = (
        "The agency lowered its ratings of Quillfeather Paper Co and raised those of Dunmore "
        "Board Corp to reflect the planned merger of Quillfeather and Dunmore. Some 450 mln "
        "dlrs of bonds are affected."
    )
    assert m_and_a(title, body) == []
