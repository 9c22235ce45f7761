"""Review fixes to cues added for sales to a buyer, going private, share swaps and buyouts.

Every sentence is invented (invented companies); nothing here depends on a corpus.
"""

from __future__ import annotations

import pytest

from articles.analysis.deals import _NAMED_ASSET_AFTER
from tests.articles.analysis_helpers import m_and_a, roles


def _acquisitions(body: str) -> list:
    return [d for d in m_and_a("", body) if d.kind == "acquisition"]


@pytest.mark.parametrize(
    "body",
    [
        "Greyfield Homes Inc said 300 homes were sold to buyers in March.",
        "Kestrel Inc's shares have been sold to the public at $18 each.",
        "Half of the new homes were sold to first-time buyers, Greyfield Homes Inc said.",
        "More than 2 million tickets were sold to fans of Marlo Entertainment Inc last year.",
    ],
)
def test_goods_shares_or_counts_sold_to_buyers_are_no_acquisition(body):
    assert _acquisitions(body) == []


@pytest.mark.parametrize(
    ("body", "target"),
    [
        ("Ardent Foods Inc was sold to Bexley Holdings Corp for 40 mln dlrs.", "Ardent Foods Inc"),
        (
            "Ardent Foods Inc, the biscuit maker, has been sold to Bexley Holdings Corp.",
            "Ardent Foods Inc",
        ),
        ("Ardent Foods Inc is to be sold to Bexley Holdings Corp.", "Ardent Foods Inc"),
    ],
)
def test_a_company_sold_to_a_buyer_is_still_its_target(body, target):
    deal = _acquisitions(body)[0]
    assert roles(deal)["target"] == target
    assert roles(deal)["acquirer"] == "Bexley Holdings Corp"


@pytest.mark.parametrize(
    "body",
    [
        "Tivan Corp agreed to take Kessel Ltd to court over private data.",
        "Tivan Corp will take Kessel Ltd's advice on private placements.",
    ],
)
def test_take_needs_its_object_right_before_private(body):
    assert _acquisitions(body) == []


def test_take_a_company_private_is_still_an_acquisition():
    deal = _acquisitions("Bexley Holdings Corp will take Ardent Foods Inc private this year.")[0]
    assert roles(deal) == {"acquirer": "Bexley Holdings Corp", "target": "Ardent Foods Inc"}


@pytest.mark.parametrize(
    "body",
    [
        "Holders will get one share of Nexo Inc for every 10 shares they own after the reverse split.",
        "Employees get two shares of Mireo Inc for every option they hold.",
        "Nexo Inc holders will get one share of Nexo Inc for every 10 shares after the split.",
    ],
)
def test_share_ratio_needs_a_company_s_holders_and_no_split_or_options(body):
    assert _acquisitions(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "Ardent Foods Inc shareholders will receive one share of Bexley Holdings Corp for each "
        "share they hold.",
        "Under the swap, holders of Ardent Foods Inc get 0.5 share of Bexley Holdings Corp "
        "for every Ardent share they own.",
    ],
)
def test_share_ratio_reads_the_holders_company_as_target(body):
    deal = _acquisitions(body)[0]
    assert roles(deal) == {"target": "Ardent Foods Inc", "acquirer": "Bexley Holdings Corp"}


def test_a_company_whose_unnamed_unit_is_sold_is_the_seller():
    deal = _acquisitions(
        "Ridgeway Industries Inc said its packaging unit was sold to Corvus Partners LLC."
    )[0]
    assert roles(deal) == {"seller": "Ridgeway Industries Inc", "acquirer": "Corvus Partners LLC"}


def test_managers_of_a_company_are_not_part_of_its_name():
    deal = _acquisitions("Managers of Dunmore Press Ltd completed a management buyout.")[0]
    assert roles(deal) == {"target": "Dunmore Press Ltd"}
    assert deal.stage == "completed"


def test_works_is_a_plant_only_after_a_trade_word():
    assert _NAMED_ASSET_AFTER.match("Tellis Robotics works with Ford", 15) is None
    assert _NAMED_ASSET_AFTER.match("Tellis Robotics dye works near Leeds", 15) is not None
    assert _NAMED_ASSET_AFTER.match("Tellis Robotics old iron works near Leeds", 15) is not None
