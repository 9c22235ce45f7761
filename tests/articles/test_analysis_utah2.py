"""Name boundaries found on the Utah development stories: partnerships, board titles, units."""

from __future__ import annotations

from articles.analysis.companies import find_candidates
from tests.articles.analysis_helpers import first_deal, m_and_a, roles


def _surfaces(sentence: str) -> list[str]:
    return [c.surface for c in find_candidates(sentence)]


def test_surnames_after_firm_of_are_one_partnership():
    deal = first_deal(
        "The law firm of Baxter, Moody and Quill said it acquired a 6 pct stake in Tolvane Corp."
    )
    assert roles(deal).get("investor") == "Baxter, Moody and Quill"
    assert roles(deal).get("investee") == "Tolvane Corp"


def test_surnames_without_a_firm_before_them_stay_a_list():
    assert _surfaces("Baxter, Moody and Quill said they bought stakes in Tolvane Corp.") == [
        "Baxter",
        "Moody",
        "Quill",
        "Tolvane Corp",
    ]


def test_a_firm_before_a_list_of_suffixed_names_keeps_them_apart():
    assert _surfaces("The firm Orvel Corp, Pinnack Inc and Dastro Co agreed to merge.") == [
        "Orvel Corp",
        "Pinnack Inc",
        "Dastro Co",
    ]


def test_the_chairman_of_the_board_is_a_person_not_a_company():
    deal = first_deal(
        "Ardent Corp Chairman of the Board Tom Lee said the company agreed to acquire Farrow Co."
    )
    assert roles(deal) == {"acquirer": "Ardent Corp", "target": "Farrow Co"}


def test_the_company_after_the_chairman_of_the_board_is_still_named():
    assert _surfaces("The Chairman of the Board Tom Lee of Ardent Corp said so.") == ["Ardent Corp"]


def test_a_works_is_a_plant_and_its_town_no_target():
    deal = first_deal("Pelham Holding Co said it sold its Fairview dye works to Tolvane Corp.")
    assert roles(deal) == {"seller": "Pelham Holding Co", "acquirer": "Tolvane Corp"}
    assert deal.asset == "Fairview dye works"


def test_a_shipyard_is_a_plant_and_its_town_no_target():
    deal = first_deal(
        "Tolvane Corp said it agreed to buy the Fairview shipyard from Pelham Holding Co."
    )
    assert roles(deal) == {"acquirer": "Tolvane Corp", "seller": "Pelham Holding Co"}
    assert deal.asset == "Fairview shipyard"


def test_clearance_to_hold_an_amount_of_stock_is_a_stake():
    deal = first_deal(
        "Pending a review, Tolvane Corp wants permission to own up to 15 mln dlrs "
        "of Pelham Inc voting shares."
    )
    assert roles(deal) == {"investor": "Tolvane Corp", "investee": "Pelham Inc"}


def test_planning_to_hold_a_meeting_is_no_stake():
    assert (
        m_and_a("", "Tolvane Corp said it plans to hold its annual meeting with Pelham Inc.") == []
    )


def test_an_exchange_ratio_names_the_bidder_and_the_one_bid_for():
    deal = first_deal(
        "Under the plan, Pelham investors get 0.8 share of Tolvane for every Pelham share."
    )
    assert roles(deal) == {"target": "Pelham", "acquirer": "Tolvane"}


def test_an_exchange_ratio_with_holders_written_after_the_name():
    deal = first_deal(
        "Pelham Inc said its holders would receive one share of Tolvane Corp common "
        "for every two Pelham shares."
    )
    assert roles(deal) == {"target": "Pelham Inc", "acquirer": "Tolvane Corp"}


def test_shares_received_without_a_ratio_are_no_takeover():
    assert m_and_a("", "Pelham Inc said it received 300 shares of Tolvane Corp as a gift.") == []


def test_a_unit_merged_into_another_company_is_its_target():
    deal = first_deal(
        "Last week Pelham Group merged its subsidiary Varden Travel Inc into Tolvane Inc, "
        "the listed tour operator."
    )
    assert roles(deal) == {
        "seller": "Pelham Group",
        "target": "Varden Travel Inc",
        "acquirer": "Tolvane Inc",
    }


def test_a_unit_merged_into_its_own_division_is_no_deal():
    assert (
        m_and_a("", "Pelham Group said it merged its Varden unit into its Tolvane division.") == []
    )
