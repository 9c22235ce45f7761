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
