"""Which deal a story reports first, and who its parties are, in wire bodies without headlines.

Every sentence here is invented for the tests.
"""

from __future__ import annotations

import pytest

from articles.analysis import analyse
from tests.articles.analysis_helpers import first_deal, roles

# --- "the company" as the object ------------------------------------------------


def test_a_stake_in_the_company_is_a_stake_in_the_story_subject():
    deal = first_deal(
        "Larkspur Optics Inc said Fenwick Capital Corp acquired an equity stake in the company."
    )
    assert roles(deal)["investor"] == "Fenwick Capital Corp"
    assert roles(deal)["investee"] == "Larkspur Optics Inc"


def test_a_share_of_the_company_stock_names_the_story_subject():
    deal = first_deal(
        "Orrin Mills Inc said Bexley Holdings Corp plans to buy 31 pct of the company's voting shares."
    )
    assert roles(deal)["investor"] == "Bexley Holdings Corp"
    assert roles(deal)["investee"] == "Orrin Mills Inc"


def test_the_company_in_a_stake_raise_is_the_other_named_company_not_the_buyer():
    # "it lifted its holding in the company": the company is someone else, not the subject.
    deal = first_deal(
        "Quarry Partners Ltd, which wants control of Tamsin Tools Corp, says it lifted its "
        "holding in the company to 14 pct."
    )
    found = roles(deal)
    buyer = found.get("acquirer") or found.get("investor")
    held = found.get("target") or found.get("investee")
    assert (buyer, held) == ("Quarry Partners Ltd", "Tamsin Tools Corp")


# --- "its" after "X said that Y ..." ---------------------------------------------


def test_its_stake_in_the_first_company_belongs_to_the_seller_named_after_said():
    deal = first_deal(
        "Corvina Foods Inc said that Marlow Trading SA has agreed to sell its 18 pct stake "
        "in Corvina."
    )
    assert roles(deal)["seller"] == "Marlow Trading SA"
    assert deal.parties[-1].name == "Corvina Foods Inc"
    assert "Corvina Foods Inc" not in {p.name for p in deal.parties if p.role == "seller"}


# --- relative clauses before the verb ------------------------------------------


def test_names_in_a_relative_clause_are_not_the_buyer():
    body = (
        "Pellham Group Ltd, which is acting with Brisk Stores Plc in its bid for Dunmore "
        "Plc, has bought 250,000 Dunmore shares at 210p per share."
    )
    deal = next(d for d in analyse("", body, rules_only=True).deals if d.kind == "investment")
    assert roles(deal)["investor"] == "Pellham Group Ltd"
    assert roles(deal)["investee"] == "Dunmore Plc"


def test_a_buyer_who_controls_another_firm_is_still_the_buyer():
    deal = first_deal(
        "Vantor Corp said Hale Industries Inc, which controls Brant Leasing Co, agreed to "
        "acquire Ostry Metals Inc."
    )
    assert roles(deal)["acquirer"] == "Hale Industries Inc"
    assert roles(deal)["target"] == "Ostry Metals Inc"


# --- investments named by their investor after "by" ------------------------------


def test_an_investment_in_a_company_by_another_names_the_investor_after_by():
    deal = first_deal(
        "Dorset Bancorp said talks go on over a possible equity investment in its Kellan "
        "Securities Inc unit by Miyoshi Life Insurance Co."
    )
    assert roles(deal)["investor"] == "Miyoshi Life Insurance Co"


# --- a seller's share of another company -----------------------------------------


def test_the_sale_of_its_share_in_a_company_names_that_company_as_target():
    deal = first_deal(
        "Halvard Steel Inc has closed the sale of its 35.5 pct interest in Tarn Forge Co "
        "to Ostby Metals Corp."
    )
    assert roles(deal) == {
        "seller": "Halvard Steel Inc",
        "target": "Tarn Forge Co",
        "acquirer": "Ostby Metals Corp",
    }


# --- a body without a headline ----------------------------------------------------

RESULTS_LEAD = (
    "Norvale Mining Ltd, reporting higher 1986 net profit, said talks continue on the planned "
    "sale of its 40 pct interest in Kestrel Gold Ltd."
)


def test_a_results_lead_without_headline_still_reports_the_pending_sale():
    deal = first_deal(RESULTS_LEAD)
    assert roles(deal)["seller"] == "Norvale Mining Ltd"
    assert roles(deal)["target"] == "Kestrel Gold Ltd"


def test_under_a_results_headline_the_same_sentence_is_history():
    assert analyse("NORVALE MINING 1986 PROFIT UP", RESULTS_LEAD, rules_only=True).deals == ()


# --- talks with the other side about a deal named by its noun ----------------------


def test_talks_with_a_company_about_a_purchase_make_the_speaker_the_buyer():
    deal = first_deal(
        "Brixton Tools Inc has ended its talks with Halloway Corp about the possible purchase "
        "of the Crane Valve Co unit of Halloway."
    )
    assert roles(deal) == {
        "acquirer": "Brixton Tools Inc",
        "seller": "Halloway Corp",
        "target": "Crane Valve Co",
    }


def test_talks_with_a_company_about_a_sale_make_that_company_the_buyer():
    deal = first_deal(
        "Brixton Tools Inc reported higher profits. It has been in discussions with Marden "
        "Group Plc regarding the sale of its Kestle Fabrics Inc unit."
    )
    assert roles(deal) == {
        "seller": "Brixton Tools Inc",
        "acquirer": "Marden Group Plc",
        "target": "Kestle Fabrics Inc",
    }


# --- holdings named by what they are -----------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Corran Partners LP said it raised its holdings in Velder Chemical Corp to 9.1 pct.",
        "Corran Partners LP said it increased its preferred stock in Velder Chemical Corp.",
        "Corran Partners LP said it acquired an equity position in Velder Chemical Corp.",
    ],
)
def test_a_holding_in_a_company_is_an_investment_in_it(body):
    deal = first_deal(body)
    assert deal.kind == "investment"
    assert roles(deal) == {"investor": "Corran Partners LP", "investee": "Velder Chemical Corp"}


# --- whose bid "its" bid is ----------------------------------------------------------


def test_its_tender_offer_is_the_story_subjects_bid():
    deal = first_deal(
        "Dalby Holdings Inc called Fenmore Corp's response to its tender offer a stalling tactic."
    )
    assert roles(deal) == {"target": "Fenmore Corp", "acquirer": "Dalby Holdings Inc"}


def test_a_bid_the_subject_rejects_gets_no_bidder_from_the_subject():
    deal = first_deal("Fenmore Corp said its board rejected the tender offer.")
    assert roles(deal) == {"target": "Fenmore Corp"}
