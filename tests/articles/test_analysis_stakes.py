"""Stake sales: a stake "it holds" is not yet sold, and "Y agreed to buy its stake" has Y buy."""

from __future__ import annotations

import pytest

from tests.articles.analysis_helpers import m_and_a, roles

# --- 1. "a stake it holds in X will be sold to Y": "holds" describes the stake, not the sale --


@pytest.mark.parametrize(
    "body",
    [
        "Lomax Corp said a 10 pct stake it holds in Brindle Inc will be sold to Quill Corp.",
        "Lomax Corp said the 10 pct stake that it owns in Brindle Inc is to be sold to Quill Corp.",
    ],
)
def test_a_stake_it_holds_to_be_sold_is_agreed_not_completed(body):
    deals = m_and_a("", body)
    assert deals
    for deal in deals:
        got = roles(deal)
        assert deal.stage == "agreed", deal
        assert got.get("seller") == "Lomax Corp", deal
        assert got.get("acquirer") == "Quill Corp", deal
        assert deal.stake_pct == 10
    investments = [d for d in deals if d.kind == "investment"]
    assert investments and roles(investments[0]).get("investee") == "Brindle Inc"


def test_a_stake_it_held_that_was_sold_stays_completed():
    body = "Lomax Corp said a 10 pct stake it held in Brindle Inc was sold to Quill Corp."
    sales = [d for d in m_and_a("", body) if d.kind == "acquisition"]
    assert sales and all(d.stage == "completed" for d in sales)


# --- 2. "X said Y agreed to buy its stake in Z": X sells, Y buys, Z is the investee ----------


@pytest.mark.parametrize(
    "body",
    [
        "Halvorsen Corp said Brindle Inc agreed to buy its stake in Quill Corp.",
        "Halvorsen Corp said Brindle Inc agreed to buy its 25 pct stake in Quill Corp.",
        "Halvorsen Corp said Brindle Inc will acquire its entire holding in Quill Corp.",
    ],
)
def test_the_speakers_stake_bought_by_another_makes_the_speaker_seller(body):
    deals = [d for d in m_and_a("", body) if d.kind == "investment"]
    assert deals
    got = roles(deals[0])
    assert got.get("seller") == "Halvorsen Corp"
    assert got.get("investor") == "Brindle Inc"
    assert got.get("investee") == "Quill Corp"


def test_the_speakers_stake_sold_by_another_is_unchanged():
    # "agreed to sell its stake": no buyer is named, so the buyer-side reading stays off.
    body = "Halvorsen Corp said Brindle Inc agreed to sell its stake in Quill Corp."
    for deal in m_and_a("", body):
        assert roles(deal).get("investor") != "Brindle Inc"
