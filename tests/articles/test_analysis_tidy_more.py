"""Behaviour pinned by the second analysis tidy-up: rules that read the same words alike.

Every sentence here is invented for the test; none comes from the evaluation corpora.
"""

from __future__ import annotations

import pytest

from articles.analysis import find_money
from articles.analysis.companies import find_candidates
from tests.articles.analysis_helpers import m_and_a, roles


def test_the_unit_of_a_parent_names_the_seller_like_a_unit_of():
    # "Y, the cement unit of X" reads as "Y, a cement unit of X": X sells Y, even when X
    # is named without a legal form (the story's own parent list needs a strong name).
    for article in ("a", "the"):
        (deal,) = m_and_a(
            "",
            f"Corvale Group Inc agreed to buy Pellam, {article} building materials unit of "
            "Hartwick, for 80 mln dlrs.",
        )
        assert roles(deal) == {
            "acquirer": "Corvale Group Inc",
            "target": "Pellam",
            "seller": "Hartwick",
        }


def test_a_merger_into_a_division_or_arm_of_a_parent_makes_the_parent_absorb():
    # "the merger of a subsidiary of Y": Y's unit absorbs the company; a division or an
    # arm of Y is the same kind of owned unit.
    for unit in ("subsidiary", "division", "arm"):
        (deal,) = m_and_a(
            "",
            f"Brantley Mills Inc holders approved the merger of a {unit} of Osgood Textile Corp.",
        )
        assert roles(deal) == {"acquirer": "Osgood Textile Corp", "target": "Brantley Mills Inc"}


def _money_roles(sentence: str) -> list[str]:
    return [m.role for m in find_money(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Kelso Inc will buy Darrow Co's plants and assets separately at 30 mln dlrs.",
        "Kelso Inc will buy the Darrow Co mill with its assets marked at 30 mln dlrs.",
    ],
)
def test_a_word_that_only_begins_like_a_month_is_no_reporting_period(sentence):
    # "separately" and "marked" begin like "Sep" and "Mar": the price still pays for the assets.
    assert _money_roles(sentence) == ["deal"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Darrow Co sales in November of 12 mln dlrs were a record.",
        "Darrow Co's earnings in the year ended Sept. 30 of 5 mln dlrs rose.",
        "Darrow Co revenues declined to 40 mln dlrs.",
        "Darrow Co's net income decreased by 4 mln dlrs.",
    ],
)
def test_months_and_a_falling_measure_still_mark_a_figure_as_no_price(sentence):
    assert _money_roles(sentence) == ["other"]


@pytest.mark.parametrize(
    "verb", ["retained", "retains", "will retain", "plans to retain", "is retaining"]
)
def test_an_adviser_retained_in_any_tense_is_not_the_seller(verb):
    # The bank is hired to find a buyer; the company that hires it sells its unit.
    (deal,) = m_and_a(
        "",
        f"Darrow Co said it {verb} Fenwick Partners Inc to seek a buyer for its Marlow unit.",
    )
    assert roles(deal) == {"seller": "Darrow Co", "target": "Marlow"}


def test_the_verb_fed_is_no_bank_word_but_the_fed_is():
    # "Affiliation" is a merger only among banks; "fed up" says nothing about banks.
    assert not m_and_a(
        "",
        "Viewers fed up with reruns cheered the affiliation of Harlan Broadcasting Inc "
        "with Verity Networks Inc.",
    )
    (deal,) = m_and_a(
        "",
        "On Tuesday the Fed cleared the affiliation of Harlan Holdings Inc with Verity Trust Corp.",
    )
    assert deal.kind == "merger"
    assert roles(deal) == {"target": "Harlan Holdings Inc", "acquirer": "Verity Trust Corp"}


@pytest.mark.parametrize("people", ["Directors", "The Board of Directors", "Stockholders"])
def test_people_of_a_company_are_no_part_of_its_name(people):
    (deal,) = m_and_a(
        "", f"{people} of Halvern Corp agreed to sell its Brisco unit to Tamsin Industries Inc."
    )
    assert roles(deal) == {
        "seller": "Halvern Corp",
        "target": "Brisco",
        "acquirer": "Tamsin Industries Inc",
    }


def test_a_name_with_of_after_a_company_word_stays_whole():
    assert [c.surface for c in find_candidates("Bank of Boston Corp said it agreed.")] == [
        "Bank of Boston Corp"
    ]


def test_becoming_an_arm_of_a_company_is_being_taken_over():
    (deal,) = m_and_a("", "Darrow Co said it will become an arm of Kelso Inc under the agreement.")
    assert roles(deal) == {"target": "Darrow Co", "acquirer": "Kelso Inc"}


@pytest.mark.parametrize(
    ("later", "buyer"),
    [
        (
            "The sale to a division of Tamsin Industries Inc should close in May.",
            "Tamsin Industries Inc",
        ),
        (
            "It will sell it to Tamsin Industries Inc division Tamsin Valves Inc by May.",
            "Tamsin Valves Inc",
        ),
    ],
)
def test_a_buyer_named_later_through_a_division_is_read_like_one_through_a_unit(later, buyer):
    # "the sale to a division of Y": Y buys; "to Y division Z": Y's division Z buys.
    (deal,) = m_and_a("", f"Halvern Corp said it agreed to sell its Brisco Pumps unit. {later}")
    assert roles(deal)["acquirer"] == buyer
