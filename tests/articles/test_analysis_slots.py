"""Deal slots: where a party's name starts and ends, which side it is on, and assets.

Every sentence here is invented for the tests.
"""

from __future__ import annotations

import pytest

from articles.analysis import analyse
from tests.articles.analysis_helpers import first_deal, roles

# --- an asset a name only qualifies -----------------------------------------------


@pytest.mark.parametrize(
    ("body", "asset", "buyer"),
    [
        (
            "Ardwell Mining Corp has agreed to sell its Tallow Creek, Nev., gravel "
            "plant to Brisco Aggregates Inc.",
            "Tallow Creek, Nev., gravel plant",
            "Brisco Aggregates Inc",
        ),
        (
            "Ardwell Mining Corp said it sold three Baltic Shelf blocks to Kerrin Energy Ltd.",
            "Baltic Shelf blocks",
            "Kerrin Energy Ltd",
        ),
        (
            "Ardwell Mining Corp said it sold its Marlow gravel and sand mill to "
            "Kerrin Energy Ltd.",
            "Marlow gravel and sand mill",
            "Kerrin Energy Ltd",
        ),
    ],
)
def test_a_plant_named_after_a_place_is_the_asset_not_a_company(body, asset, buyer):
    deal = first_deal(body)
    assert deal.asset == asset
    assert "target" not in roles(deal)
    assert roles(deal)["acquirer"] == buyer
    assert roles(deal)["seller"] == "Ardwell Mining Corp"


def test_a_stake_in_a_named_field_keeps_the_field_and_the_seller():
    deal = first_deal(
        "Halvard Resources Inc on Monday closed its purchase of a 30 pct working interest "
        "in the Pelican Bay gas field from Osgood Petroleum Co."
    )
    assert deal.asset == "Pelican Bay gas field"
    assert roles(deal)["seller"] == "Osgood Petroleum Co"


def test_a_plant_a_company_owns_is_the_asset_and_the_owner_sells():
    deal = first_deal("Halvard Corp has agreed to buy Osgood Cement Co's two cement plants.")
    assert deal.asset == "two cement plants"
    assert roles(deal) == {"acquirer": "Halvard Corp", "seller": "Osgood Cement Co"}


def test_a_company_before_a_unit_word_is_still_the_target():
    deal = first_deal("Halvard Resources Inc agreed to buy Tamsin Mills Inc for 40 mln dlrs.")
    assert roles(deal)["target"] == "Tamsin Mills Inc"
    assert deal.asset is None


# --- the seller named beside the target ---------------------------------------------


def test_the_parent_in_the_targets_appositive_is_the_seller():
    deal = first_deal(
        "Corvane Inc has agreed to acquire Peltry Freight Corp, a wholly owned "
        "subsidiary of Drummond Holdings Corp, for about 30 mln dlrs."
    )
    assert roles(deal) == {
        "acquirer": "Corvane Inc",
        "target": "Peltry Freight Corp",
        "seller": "Drummond Holdings Corp",
    }


def test_the_assets_of_a_division_name_the_division_and_its_owner():
    deal = first_deal(
        "Corvane Inc has agreed to take over all the assets and the business of the "
        "Quillon Optics division of Drummond Holdings Corp."
    )
    assert roles(deal)["target"] == "Quillon Optics"
    assert roles(deal)["seller"] == "Drummond Holdings Corp"


# --- where a name starts and ends ----------------------------------------------------


def test_a_person_and_a_firm_saying_they_are_two_parties():
    deal = first_deal(
        "Dorrit Vance and Halberd Capital Inc said they plan to acquire Kestrel "
        "Broadcasting Co for 60 dlrs a share."
    )
    assert roles(deal)["acquirer"] in ("Dorrit Vance", "Halberd Capital Inc")
    assert roles(deal)["target"] == "Kestrel Broadcasting Co"


def test_one_firm_with_and_in_its_name_stays_whole():
    deal = first_deal("Bristow and Lane Inc has agreed to acquire Kestrel Broadcasting Co.")
    assert roles(deal)["acquirer"] == "Bristow and Lane Inc"


def test_a_national_arm_written_with_of_and_a_country_is_one_name():
    deal = first_deal(
        "Corvane Inc agreed to acquire the Frostline division of Tamarack Dairies Corp of "
        "Canada Ltd for 12 mln Canadian dlrs."
    )
    assert roles(deal)["seller"] == "Tamarack Dairies Corp of Canada Ltd"


def test_a_short_form_the_story_defines_in_brackets_names_the_full_company():
    body = (
        "Ostrander Holdings Ltd (OHL) said it will review its investments.\n"
        "OHL said it will pay 5.10 dlrs cash apiece to take over Pembrook Ltd."
    )
    deal = first_deal(body)
    assert roles(deal)["acquirer"] == "Ostrander Holdings Ltd"


def test_a_later_short_form_takes_the_full_name_the_story_gave_first():
    body = (
        "Marrow Valley Industries said it and Pellam Paper Corp have met the waiting "
        "period for Pellam's proposed cash acquisition of Marrow.\n"
        "Marrow has 8 mln shares outstanding."
    )
    deal = first_deal(body)
    assert roles(deal)["target"] == "Marrow Valley Industries"


def test_a_newspaper_keeps_the_town_in_its_title():
    deal = first_deal(
        "Larkspur Media Corp agreed on Friday to buy the Denver Herald from Colter Trust Inc."
    )
    assert roles(deal)["target"] == "Denver Herald"
    assert roles(deal)["seller"] == "Colter Trust Inc"


# --- which side is which ------------------------------------------------------------


def test_the_merger_of_x_with_y_names_both_sides():
    deal = first_deal(
        "Orrin Corp said its stockholders voted for the merger of Orrin with Tessaly Labs Inc, "
        "a privately held company."
    )
    assert roles(deal) == {"acquirer": "Orrin Corp", "target": "Tessaly Labs Inc"}


def test_the_merger_of_x_into_y_makes_y_the_survivor():
    deal = first_deal(
        "The board approved the merger of Orrin Savings Bank into Tessaly Bancorp Inc."
    )
    assert roles(deal) == {"acquirer": "Tessaly Bancorp Inc", "target": "Orrin Savings Bank"}


def test_the_side_whose_holders_are_paid_is_the_one_absorbed():
    body = (
        "Orrin Data Corp has signed a tentative merger pact with Tessaly Labs Inc.\n"
        "Tessaly shareholders would receive 2.10 dlrs a share in cash."
    )
    deal = first_deal(body)
    assert roles(deal) == {"acquirer": "Orrin Data Corp", "target": "Tessaly Labs Inc"}


def test_without_word_of_the_holders_the_merger_keeps_the_wire_order():
    deal = first_deal("Orrin Data Corp has agreed to merge with Tessaly Labs Inc.")
    assert roles(deal) == {"acquirer": "Tessaly Labs Inc", "target": "Orrin Data Corp"}


# --- "the company" ------------------------------------------------------------------


def test_the_company_is_the_one_the_sentence_named_first():
    deal = first_deal(
        "Pellam Labs Inc said Orrin Capital Corp bought a small holding in the company."
    )
    assert roles(deal)["target"] == "Pellam Labs Inc"
    assert roles(deal)["acquirer"] == "Orrin Capital Corp"


def test_the_company_a_bidder_took_control_of_is_the_announcer():
    deal = first_deal(
        "Tamsin Enterprises Inc said Marrow Holdings Corp agreed to buy the company "
        "for 12 mln dlrs."
    )
    assert roles(deal) == {"acquirer": "Marrow Holdings Corp", "target": "Tamsin Enterprises Inc"}


def test_proposals_to_buy_the_company_make_the_speaker_the_target():
    deal = first_deal(
        "Tamsin Enterprises Inc said it now has two rival proposals to buy the company."
    )
    assert roles(deal) == {"target": "Tamsin Enterprises Inc"}


def test_the_companys_unit_is_not_the_company():
    deal = first_deal("Marrow Holdings Corp agreed to buy the company's Ohio unit, Delling Co.")
    assert roles(deal)["target"] == "Delling Co"


def test_a_clipped_and_stays_inside_the_name():
    deal = first_deal(
        "Dip 'N Dunk Bakeries Inc said it now has two rival proposals to buy the company."
    )
    assert roles(deal) == {"target": "Dip 'N Dunk Bakeries Inc"}


def test_two_boards_approving_the_merger_of_the_two_companies_name_both_sides():
    deal = first_deal(
        "Orrin Data Corp said its shareholders and those of Tessaly Labs Inc voted for the "
        "planned merger of the two concerns."
    )
    assert roles(deal) == {"acquirer": "Orrin Data Corp", "target": "Tessaly Labs Inc"}


def test_an_adviser_hired_to_help_sell_is_not_the_seller():
    deal = first_deal(
        "Corvane Inc has hired Ashby Brothers Inc to help it sell Peltry Freight Corp."
    )
    assert roles(deal) == {"seller": "Corvane Inc", "target": "Peltry Freight Corp"}


def test_an_unnamed_buyer_for_the_speakers_plant_makes_the_speaker_the_seller():
    deal = first_deal(
        "Ardwell Mining Corp said that some private investors have proposed to buy its Marlow gravel mill "
        "for eight mln dlrs."
    )
    assert roles(deal) == {"seller": "Ardwell Mining Corp"}
    assert deal.asset == "Marlow gravel mill"


# --- towns are not parties ----------------------------------------------------------


def test_a_town_and_state_before_based_is_not_the_target():
    deal = first_deal(
        "Harrow Bancorp Inc on Monday closed its acquisition of Yakima, Wash.-based "
        "Cascade Savings Bank for 30 mln dlrs."
    )
    assert roles(deal) == {"acquirer": "Harrow Bancorp Inc", "target": "Cascade Savings Bank"}


def test_the_town_a_company_is_based_in_takes_no_role():
    deal = first_deal(
        "Orrin Data Corp and Tessaly Labs Inc, based in Dayton, Ohio, said they agreed to merge."
    )
    assert {p.name for p in deal.parties} == {"Orrin Data Corp", "Tessaly Labs Inc"}


def test_a_utility_keeps_the_state_in_its_name():
    deal = first_deal(
        "Harrow Energy Inc on Monday closed its acquisition of North Dakota Power from "
        "Tessaly Resources Corp."
    )
    assert roles(deal)["target"] == "North Dakota Power"


def test_a_cable_system_named_after_its_town_is_the_asset():
    deal = first_deal(
        "Harrow Media Co on Monday closed its sale of the Galesburg, Ill., cable television "
        "system to Tessaly Cable Inc."
    )
    assert deal.asset == "Galesburg, Ill., cable television system"
    assert roles(deal) == {"seller": "Harrow Media Co", "acquirer": "Tessaly Cable Inc"}


def test_the_side_talks_were_held_with_is_not_the_buyer():
    deal = first_deal(
        "Harrow Group Inc ended its talks with Tessaly Industries Corp about a purchase of "
        "Tessaly's Quillon Rail Co subsidiary."
    )
    assert roles(deal)["acquirer"] == "Harrow Group Inc"
    assert roles(deal)["seller"] == "Tessaly Industries Corp"


def test_the_assets_of_its_division_name_the_division():
    deal = first_deal(
        "Harrow Group Inc on Monday closed its sale of assets of its home furnishings "
        "division to Tessaly Stores Inc."
    )
    assert deal.asset == "home furnishings division"
    assert roles(deal) == {"seller": "Harrow Group Inc", "acquirer": "Tessaly Stores Inc"}


def test_a_long_appositive_after_the_lead_does_not_hide_the_buyer():
    deal = first_deal(
        "Harrow Bank Corp, the newly formed holding company of Harrow Savings Bank in "
        "Elmwood Park, Ill., and Bankers Guaranty Life Insurance Co, reported it has struck an "
        "agreement to buy Tessaly Trust Co."
    )
    assert roles(deal)["acquirer"] == "Harrow Bank Corp"


def test_bankers_may_begin_a_company_name():
    deal = first_deal("Bankers Guaranty Life Insurance Co has agreed to buy Tessaly Trust Co.")
    assert roles(deal)["acquirer"] == "Bankers Guaranty Life Insurance Co"


def test_the_town_a_branch_stands_in_is_not_the_target():
    deal = first_deal(
        "Harrow Bank Corp has agreed to buy a branch in Elmwood Park from Tessaly Savings Bank."
    )
    assert roles(deal) == {"acquirer": "Harrow Bank Corp", "seller": "Tessaly Savings Bank"}


# --- parties named in a later sentence ----------------------------------------------


def test_a_later_sentence_names_the_buyer_of_the_sale():
    body = (
        "Harrow Industries Inc has agreed to sell its valve business, Quillon Flow Co, "
        "for a small premium over book value.\n"
        "It expects the sale to an affiliate of Tessaly Engineering PLC to close "
        "this month."
    )
    deal = first_deal(body)
    assert roles(deal) == {
        "seller": "Harrow Industries Inc",
        "target": "Quillon Flow Co",
        "acquirer": "Tessaly Engineering PLC",
    }


def test_a_later_sale_to_a_parents_unit_names_the_unit():
    body = (
        "Harrow Industries Inc has agreed to sell its valve business, Quillon Flow Co.\n"
        "It will sell it to Tessaly Corp unit Marrow Valves Inc for 20 mln dlrs."
    )
    assert roles(first_deal(body))["acquirer"] == "Marrow Valves Inc"


def test_a_later_sentence_names_the_seller_of_a_stake():
    body = (
        "Harrow Energy Inc on Monday closed its purchase of a 40 pct interest in Quillon "
        "Power Partners for about 10 mln dlrs.\n"
        "It said the interest was sold by Tessaly Funding Corp, a unit of Marrow Inc."
    )
    assert roles(first_deal(body))["seller"] == "Tessaly Funding Corp"


def test_a_later_sentence_without_a_sale_adds_no_seller():
    body = (
        "Harrow Energy Inc on Monday closed its purchase of a 40 pct interest in Quillon "
        "Power Partners for about 10 mln dlrs.\n"
        "It said revenues from Tessaly Funding Corp rose."
    )
    assert "seller" not in roles(first_deal(body))


@pytest.mark.parametrize(
    "body",
    [
        "Harrow Industries Inc said it sold its valve unit to a Denver investment firm, "
        "Tessaly Partners Inc, for 20 mln dlrs.",
        "Harrow Industries Inc said it sold Quillon Valve Co to a Denver investment firm, "
        "Tessaly Partners Inc, for 20 mln dlrs.",
    ],
)
def test_a_buyer_named_after_its_description_is_the_acquirer(body):
    assert roles(first_deal(body))["acquirer"] == "Tessaly Partners Inc"


@pytest.mark.parametrize(
    "body",
    [
        "Harrow Industries Inc has agreed to acquire privately held oil and gas producer "
        "Tessaly Petroleum Co for 20 mln dlrs.",
        "Harrow Industries Inc agreed to buy the Denver-based specialty chemicals maker "
        "Tessaly Petroleum Co.",
    ],
)
def test_a_long_description_before_the_name_still_leads_to_the_target(body):
    assert roles(first_deal(body))["target"] == "Tessaly Petroleum Co"


def test_a_description_behind_a_preposition_is_not_the_object():
    signals = analyse(
        "",
        "Harrow Industries Inc said it will buy drilling equipment for the oil and gas "
        "producer Tessaly Petroleum Co.",
        rules_only=True,
    )
    assert not any(p.role == "target" for d in signals.deals for p in d.parties)


def test_a_holder_selling_its_stake_to_a_buyer_names_the_buyer():
    deal = first_deal(
        "Harrow Corp sold off its 50 pct holding in Quillon Optics Inc to Tessaly Inc."
    )
    assert roles(deal)["seller"] == "Harrow Corp"
    assert roles(deal)["acquirer"] == "Tessaly Inc"


# --- a partnership written "Surname, Surname ... Corp" ----------------------------


@pytest.mark.parametrize(
    ("body", "buyer"),
    [
        (
            "Hollis, Wembury Capital Corp launched a cash tender offer on Monday for Quillon "
            "Optics Inc stock.",
            "Hollis, Wembury Capital Corp",
        ),
        (
            "Tarrant, Bell and Co has agreed to buy Quillon Optics Inc for 12 mln dlrs.",
            "Tarrant, Bell and Co",
        ),
    ],
)
def test_a_surname_before_a_comma_opens_a_partnership_name(body, buyer):
    assert roles(first_deal(body))["acquirer"] == buyer


def test_a_list_of_companies_stays_apart():
    from articles.analysis.companies import find_candidates

    names = [
        c.surface
        for c in find_candidates("It holds shares in Harrow, Quillon Inc, and Tessaly Corp.")
    ]
    assert "Quillon Inc" in names
    assert not any(n.startswith("Harrow,") for n in names)
    names = [
        c.surface for c in find_candidates("In Verona, Quillon Inc said it would buy Tessaly Corp.")
    ]
    assert "Quillon Inc" in names


def test_a_nationality_and_a_suffixed_name_are_one_company():
    deal = first_deal(
        "Harrow Airways Corp will buy one fifth of Fenwick Air Ltd, a subsidiary "
        "of Nordic and Overseas Trading Plc, for three mln stg."
    )
    assert roles(deal)["seller"] == "Nordic and Overseas Trading Plc"


def test_a_place_and_a_company_stay_apart():
    from articles.analysis.companies import find_candidates

    names = [c.surface for c in find_candidates("Its offices in Texas and Quillon Corp agreed.")]
    assert "Quillon Corp" in names


@pytest.mark.parametrize(
    "body",
    [
        "Harrow Corp said it had been approached by an investor group keen on purchasing its "
        "catering unit, Tessaly Foods Corp.",
        "Harrow Corp said it was approached by several companies interested in buying its "
        "Tessaly Foods Corp unit.",
    ],
)
def test_a_company_approached_by_unnamed_buyers_sells_its_unit(body):
    deal = first_deal(body)
    assert roles(deal)["seller"] == "Harrow Corp"
    assert "acquirer" not in roles(deal)


def test_a_two_word_owner_before_a_suffixed_unit_is_cut_off():
    from articles.analysis.companies import find_candidates

    names = [c.surface for c in find_candidates("It bought Hale Valley's Tessaly Pipeline Co.")]
    assert names[-1] == "Tessaly Pipeline Co"
    # One word with a possessive may open the name itself.
    names = [c.surface for c in find_candidates("Bell's Fine Candies Inc said it was sold.")]
    assert names == ["Bell's Fine Candies Inc"]


def test_the_unit_of_a_two_word_owner_is_the_target():
    deal = first_deal(
        "Harrow Corp agreed to buy Hale Valley's Tessaly Pipeline Co for 80 mln dlrs."
    )
    assert roles(deal)["target"] == "Tessaly Pipeline Co"


def test_the_holder_paid_in_shares_is_not_the_buyer():
    deal = first_deal(
        "Harrow Holdings Ltd has now handed 12.5 mln new shares to Tessaly AG to complete "
        "the agreed purchase of 20 pct of Quillon Metals AG from Tessaly."
    )
    assert roles(deal)["investor"] == "Harrow Holdings Ltd"
    assert roles(deal)["seller"] == "Tessaly AG"


def test_a_unit_that_differs_from_its_seller_only_by_legal_form_is_the_target():
    deal = first_deal(
        "Harrow Corp will sell its last Australian business, Harrow Pty Ltd, "
        "to Tessaly Corp for undisclosed terms."
    )
    assert roles(deal) == {
        "seller": "Harrow Corp",
        "target": "Harrow Pty Ltd",
        "acquirer": "Tessaly Corp",
    }
