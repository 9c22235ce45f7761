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
