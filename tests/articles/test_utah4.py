"""Utah slots: how the eval matches a slot value, and readings found by probing invented shapes.

The issue scores a slot as "a normalised-name match with any alternative";
normalise_name already drops a leading "the". Every name and sentence here is invented.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.articles.analysis_helpers import first_deal, m_and_a, roles

_EVAL = Path(__file__).resolve().parents[2] / "scripts" / "eval_analysis.py"


def _slot_key():
    name = "eval_analysis_for_tests"
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, _EVAL)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
    return module._slot_key


@pytest.mark.parametrize(
    ("predicted", "key"),
    [
        ("shrimp packing plant", "a shrimp packing plant"),
        ("Ortolan Holdings", "An Ortolan Holdings"),
        ("Quarry Hill Corp", "the Quarry Hill Corp"),
    ],
)
def test_the_utah_eval_matches_names_without_a_leading_article(predicted, key):
    slot_key = _slot_key()
    assert slot_key(predicted) == slot_key(key)


def test_the_utah_eval_keeps_an_article_that_is_the_whole_value():
    assert _slot_key()("A") == "a"


def test_the_utah_eval_keeps_a_name_merely_starting_with_the_letters():
    assert _slot_key()("Anvil Mining Ltd") == "anvil mining"


# --- reading ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "first", "second"),
    [
        (
            "Tarvin Group Plc and Westmere Savings and Loan Association said they agreed in "
            "principle to merge.",
            "Tarvin Group Plc",
            "Westmere Savings and Loan Association",
        ),
        (
            "Hollis Brand Co and Marrow Oil and Gas Ltd said they signed a merger agreement.",
            "Hollis Brand Co",
            "Marrow Oil and Gas Ltd",
        ),
    ],
)
def test_two_parties_said_they_keep_the_and_inside_each_name(body, first, second):
    names = {p.name for p in first_deal(body).parties}
    assert names == {first, second}


@pytest.mark.parametrize(
    "body",
    [
        "Dunmore Weaving Inc said it agreed to a takeover by Harlow Vance Corp.",
        "Dunmore Weaving Inc said its board approved a 45 mln dlr buyout by Harlow Vance Corp.",
        "Dunmore Weaving Inc said it agreed to an acquisition by Harlow Vance Corp.",
        "Dunmore Weaving Inc said it has agreed to be taken over by Harlow Vance Corp.",
        "Dunmore Weaving Inc said it has been taken over by Harlow Vance Corp.",
    ],
)
def test_a_takeover_by_a_company_makes_the_subject_the_target(body):
    got = roles(first_deal(body))
    assert got.get("target") == "Dunmore Weaving Inc"
    assert got.get("acquirer") == "Harlow Vance Corp"


@pytest.mark.parametrize(
    "body",
    [
        "Dunmore Weaving Inc said Harlow Vance Corp has agreed to acquire it for 45 mln dlrs.",
        "Dunmore Weaving Inc said Harlow Vance Corp offered to buy it for 20 dlrs a share.",
    ],
)
def test_it_bought_by_another_company_is_the_company_that_speaks(body):
    got = roles(first_deal(body))
    assert got.get("target") == "Dunmore Weaving Inc"
    assert got.get("acquirer") == "Harlow Vance Corp"


@pytest.mark.parametrize(
    "body",
    [
        "Given the prospective takeover by Harlow Vance Corp, dealers may hesitate, he said.",
        "Heavy press operations will be taken over by Harlow Vance Corp next year, he said.",
    ],
)
def test_an_opening_word_is_no_company_taken_over(body):
    for deal in m_and_a("", body):
        assert roles(deal).get("target") not in ("Given", "Heavy")


# --- review fixes ---------------------------------------------------------------------


def test_three_parties_said_they_keep_an_and_between_plain_names_a_cut():
    body = "Tarvin Inc and Corbett and Hale Ltd said they agreed to buy Omega Weaving Corp."
    names = {p.name for deal in m_and_a("", body) for p in deal.parties}
    assert "Corbett and Hale Ltd" not in names


@pytest.mark.parametrize(
    "body",
    [
        "Dunmore Weaving Inc fought off a hostile takeover by Harlow Vance Corp.",
        "Dunmore Weaving Inc said a takeover by Harlow Vance Corp would be unwelcome.",
        "The Justice Department blocked the acquisition by Harlow Vance Corp.",
    ],
)
def test_a_takeover_by_a_company_without_agreement_is_no_deal(body):
    assert not [d for d in m_and_a("", body) if roles(d).get("acquirer") == "Harlow Vance Corp"]


@pytest.mark.parametrize(
    "body",
    [
        "Dunmore Weaving Inc said Harlow Vance Corp sold it a 10 pct stake in Pell Mining Ltd.",
        "Dunmore Weaving Inc said Harlow Vance Corp agreed to buy it a new plant.",
    ],
)
def test_it_as_an_indirect_object_is_no_target(body):
    for deal in m_and_a("", body):
        assert roles(deal).get("target") != "Dunmore Weaving Inc"
