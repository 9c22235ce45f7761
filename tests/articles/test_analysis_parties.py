"""Who is who in deal stories: name boundaries, appositives, units and short forms.

Every sentence here is invented for the tests.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from articles.analysis import analyse, find_money, normalise_name
from tests.articles.analysis_helpers import first_deal, roles

DLRS = "mln dlrs"


# --- names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("joined", "bare"),
    [
        ("Tallis and Co", "Tallis"),
        ("Brede Mueller GmbH and Co KG", "Brede Mueller"),
        ("Hoekstra Beheer N.V.", "Hoekstra Beheer NV"),
        ("Pinecrest Partners L.P.", "Pinecrest Partners LP"),
        ("Marlow & Co Inc", "Marlow"),
    ],
)
def test_dotted_and_joined_legal_forms_fold_away(joined, bare):
    assert normalise_name(joined) == normalise_name(bare)


def test_and_inside_a_name_stays():
    assert normalise_name("Pardoe and Vance Inc") == "pardoe and vance"


def test_a_place_word_starts_a_name_that_ends_in_a_trade_noun():
    deal = first_deal("Texas Steel Mills said it agreed to acquire Barrow Forge Inc.")
    assert roles(deal)["acquirer"] == "Texas Steel Mills"


def test_a_slash_stays_inside_a_name():
    deal = first_deal("Halvorsen Corp said it agreed to acquire Tor/Vik Inc for 12 mln dlrs.")
    assert roles(deal)["target"] == "Tor/Vik Inc"


def test_a_later_longer_name_is_another_company_not_the_full_form():
    deal = first_deal(
        "Quarry Foods Inc said it agreed to acquire Sable Bakeries Inc. "
        "The purchase will be made by Quarry Foods Acquisition Corp, a new unit."
    )
    assert roles(deal)["acquirer"] == "Quarry Foods Inc"


def test_a_short_form_stands_only_for_a_name_written_before_it():
    deal = first_deal(
        "Ostrander International announced the acquisition of Pell Timepieces Inc. "
        "The combined business will be named Ostrander International Trading Ltd."
    )
    assert roles(deal)["acquirer"] == "Ostrander International"


def test_an_acronym_resolves_to_the_name_the_story_spelt_out():
    deal = first_deal(
        "Northern Coast Airlines Inc said it filed suit against Skyway Group Inc. "
        "NCA also said its takeover offer for Skyway would go ahead."
    )
    assert roles(deal)["acquirer"] == "Northern Coast Airlines Inc"


# --- roles ----------------------------------------------------------------------


def test_the_named_unit_after_a_description_is_the_target():
    deal = first_deal(
        "Vantor AG said it is selling its Bremen packaging subsidiary Kessel Verpackung GmbH "
        "to Lindqvist AB."
    )
    assert roles(deal) == {
        "seller": "Vantor AG",
        "target": "Kessel Verpackung GmbH",
        "acquirer": "Lindqvist AB",
    }


def test_one_of_its_subsidiaries_then_a_bracketed_short_form():
    deal = first_deal(
        "In a deal valued at 40 billion lire, Corvo Group is selling one of its Italian "
        "subsidiaries, Tessile Bruni e Figli Srl (TBF), to Fratelli Orsi SpA."
    )
    assert roles(deal)["target"] == "Tessile Bruni e Figli Srl"
    assert roles(deal)["acquirer"] == "Fratelli Orsi SpA"


def test_a_unit_named_after_its_parent_is_the_buyer():
    deal = first_deal(
        "Merrow Ltd said it agreed to sell its Delta Mine Ltd subsidiary to Halcyon Corp unit "
        "Halcyon Minerals Inc for 90 mln dlrs."
    )
    assert roles(deal)["acquirer"] == "Halcyon Minerals Inc"


def test_a_lead_appositive_does_not_take_the_subject():
    deal = first_deal(
        "Kestrel Acquisition Co, a unit of Brandt Hotels Corp, said it started a tender offer "
        "for Lumen Resorts Inc."
    )
    assert roles(deal)["acquirer"] == "Kestrel Acquisition Co"


def test_agreement_with_the_seller_to_buy_a_company():
    deal = first_deal(
        "Pallister Group Plc said it reached agreement with Norland Industries Inc to acquire "
        "Ferris Valve Co for 14 mln dlrs."
    )
    assert roles(deal) == {
        "acquirer": "Pallister Group Plc",
        "seller": "Norland Industries Inc",
        "target": "Ferris Valve Co",
    }


def test_said_it_and_another_company_agreed_to_merge():
    deal = first_deal("Ormond Inc said it and Castile Corp signed an agreement to merge.")
    assert deal.kind == "merger"
    assert roles(deal) == {"acquirer": "Ormond Inc", "target": "Castile Corp"}


def test_its_board_and_the_board_of_another_company_approved_a_merger():
    deal = first_deal(
        "Westmark Bancorp said its board and the board of Lyle Financial Corp approved an "
        "agreement to merge the two companies."
    )
    assert {p.name for p in deal.parties} == {"Westmark Bancorp", "Lyle Financial Corp"}


def test_a_merger_into_another_company_makes_it_the_buyer():
    deal = first_deal(
        "Alder Controls Inc said shareholders approved a merger into Stroud Holdings PLC."
    )
    assert roles(deal) == {"target": "Alder Controls Inc", "acquirer": "Stroud Holdings PLC"}


def test_buying_all_the_assets_of_a_company_buys_the_company():
    deal = first_deal(
        "Corliss Software Corp said it agreed to acquire substantially all of the assets of "
        "Redfern Data Inc."
    )
    assert roles(deal) == {"acquirer": "Corliss Software Corp", "target": "Redfern Data Inc"}


def test_a_company_named_before_a_stake_is_the_target_not_a_stake_purchase():
    deal = first_deal(
        "Delacroix Health Inc said it acquired Penmore Labs Inc, an 80 pct owner of a clinic chain."
    )
    assert roles(deal)["target"] == "Penmore Labs Inc"


def test_shares_tendered_under_an_offer_report_the_purchase():
    deal = first_deal(
        "Garnet Industries Inc said 9.1 mln shares of Orrin Corp were tendered under its offer."
    )
    buyer = next(p.name for p in deal.parties if p.role in ("acquirer", "investor"))
    bought = next(p.name for p in deal.parties if p.role in ("target", "investee"))
    assert (buyer, bought) == ("Garnet Industries Inc", "Orrin Corp")


def test_a_price_per_share_does_not_make_a_results_story():
    deal = first_deal(
        "Brisco Inc is buying 400,000 treasury shares of Fennel Corp at 6.25 dlrs per share, "
        "both companies announced."
    )
    assert {p.name for p in deal.parties} >= {"Brisco Inc", "Fennel Corp"}


# --- amounts --------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        f"It was released from liability on about three {DLRS} of subsidiary indebtedness.",
        f"Talbot bid 12.8 {DLRS} more than the rival offer.",
        f"The board agreed to pay it 2.1 {DLRS} as a reimbursement of costs.",
        "The combination would form a 9 billion dlr asset lender.",
        f"It drew 40 {DLRS} under a credit line from its banks.",
        f"The debentures carry an offering price of 100 {DLRS}.",
    ],
)
def test_debts_differences_fees_and_sizes_are_not_deal_values(sentence):
    assert [m.role for m in find_money(sentence)] == ["other"]


def test_cash_and_notes_paid_for_a_business_are_the_deal_value():
    (mention,) = find_money(f"It agreed to sell its assets for about 79 {DLRS} in cash and notes.")
    assert mention.role == "deal"


def test_an_offer_valuing_shares_at_a_total_gives_the_deal_value():
    deal = first_deal(
        "Hollin Ltd said it will raise its takeover offer for Marsh Pumps Ltd to five dlrs a "
        "share. The new offer values the pump maker's 27.5 mln ordinary shares and 13.1 mln "
        "preference shares at 202.5 mln dlrs."
    )
    assert deal.amount is not None and deal.amount.value == Decimal("202500000")


def test_selling_a_stake_in_the_story_s_main_company():
    deal = first_deal(
        "A group of Boston investors told regulators it sold its entire stake in Ludlow Mining "
        "Corp."
    )
    sold = next(p.name for p in deal.parties if p.role in ("target", "investee"))
    assert sold == "Ludlow Mining Corp"


def test_the_buyer_after_an_unnamed_division_of_the_seller():
    deal = first_deal(
        "Brixham Stores Inc said it will sell the stores and inventory of its Fresno "
        "Valley division to Teller Markets Inc."
    )
    assert roles(deal)["seller"] == "Brixham Stores Inc"
    assert roles(deal)["acquirer"] == "Teller Markets Inc"


def test_the_buyer_after_a_place_named_branch():
    deal = first_deal(
        "Coastline Savings Bank said it agreed to sell its Naples, Fla., branch to Gulfway "
        "Financial Corp."
    )
    assert roles(deal)["acquirer"] == "Gulfway Financial Corp"


def test_a_seller_written_with_the():
    deal = first_deal("Marden Corp said it agreed to buy Spectra Monthly from the Ashby Group.")
    assert roles(deal)["seller"] == "Ashby Group"


def test_buying_an_interest_in_a_company_from_its_holder():
    deal = first_deal(
        "Tolland Energy Inc said it completed the purchase of a 40 pct interest in Mercer "
        "Pipeline Co from Dale Oil Co for 22 mln dlrs."
    )
    assert next(p.name for p in deal.parties if p.role in ("target", "investee")) == (
        "Mercer Pipeline Co"
    )
    assert roles(deal)["seller"] == "Dale Oil Co"


def test_a_lead_appositive_saying_who_controls_the_subject():
    deal = first_deal(
        "Ridley Partners, controlled by Amberly Corp and Sorrel Inc, said it agreed to buy "
        "Wexford Tool Co."
    )
    assert roles(deal)["acquirer"] == "Ridley Partners"


def test_a_lower_case_plc_ends_the_name():
    deal = first_deal("Lough Neagh Oil and Gas plc said it agreed to acquire Carrow Drilling Inc.")
    assert roles(deal)["acquirer"] == "Lough Neagh Oil and Gas plc"


def test_a_title_after_a_company_name_starts_a_person():
    deal = first_deal(
        "Brandon Tool Co Chairman R.J. Hale said it agreed to acquire Fenwick Drills Inc."
    )
    assert roles(deal)["acquirer"] == "Brandon Tool Co"


def test_a_quoted_contraction_is_not_a_company():
    signals = analyse(
        "",
        "Ardmore Air Inc is in talks with Selkirk Air Inc. \"We're taking a minority stake in "
        'Selkirk Air," a spokesman said.',
        rules_only=True,
    )
    assert "We're" not in {p.name for d in signals.deals for p in d.parties}


def test_a_legal_form_alone_is_not_a_company():
    signals = analyse(
        "",
        "Talsma Anno 1890 N.V. said it will own 20 pct of the shares of Orlo Verzekering N.V.",
        rules_only=True,
    )
    assert "N.V" not in {p.name for d in signals.deals for p in d.parties}


def test_a_letter_of_intent_with_the_seller():
    deal = first_deal(
        "Banco Oriente, a Madrid lender, holds a letter of intent with Granite Bank Corp to "
        "purchase its Vienna affiliate Lindenbank AG for cash."
    )
    assert roles(deal) == {
        "acquirer": "Banco Oriente",
        "seller": "Granite Bank Corp",
        "target": "Lindenbank AG",
    }


def test_shareholders_of_both_companies_approving_a_merger():
    deal = first_deal(
        "At separate meetings, the shareholders of Corran Holdings Inc and those of Pellow "
        "Group Inc voted for the planned merger of the two companies."
    )
    assert {p.name for p in deal.parties} == {"Corran Holdings Inc", "Pellow Group Inc"}


def test_the_buyer_named_after_by_is_the_acquirer_not_the_announcer():
    deal = first_deal(
        "Lakemont Agency Inc announced the acquisition of Lakeview Savings Bank by "
        "Harbor Trust Bank."
    )
    assert [p.name for p in deal.parties if p.role == "acquirer"] == ["Harbor Trust Bank"]


def test_an_unnamed_business_sold_is_reported_as_the_asset():
    deal = first_deal(
        "Dunmore Media Inc said it agreed to sell its regional radio broadcasting business to "
        "Calder Broadcasting Corp."
    )
    assert deal.asset == "regional radio broadcasting business"
    assert roles(deal) == {"seller": "Dunmore Media Inc", "acquirer": "Calder Broadcasting Corp"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Fenlow Corp said it agreed to sell certain assets to Oberon Inc.",
        "Fenlow Corp said it agreed to sell its 40 pct interest to Oberon Inc.",
    ],
)
def test_a_vague_asset_is_not_named(sentence):
    assert first_deal(sentence).asset is None


def test_a_named_target_leaves_no_asset():
    deal = first_deal("Quarry Foods Inc said it agreed to acquire Sable Bakeries Inc.")
    assert deal.asset is None


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("1.5 billion Belgian francs", "BEF"),
        ("40 mln Swiss francs", "CHF"),
        ("12 mln Hong Kong dlrs", "HKD"),
        ("8 mln New Zealand dollars", "NZD"),
        ("3 mln pounds sterling", "GBP"),
    ],
)
def test_currencies_whose_names_have_two_words(text, currency):
    (mention,) = find_money(f"It agreed to pay {text} for the stake.")
    assert mention.amount.currency == currency


def test_a_shortened_given_name_does_not_end_the_sentence():
    deal = first_deal(
        "Harlan Group Inc said its Wm. T. Ashby Co subsidiary agreed to acquire Pellham "
        "Printing Ltd for about 3.2 mln dlrs."
    )
    assert roles(deal)["acquirer"] == "Wm. T. Ashby Co"


@pytest.mark.parametrize(
    ("sentence", "acquirer"),
    [
        (
            "Federal Minerals Corp said it agreed to acquire Tolman Drilling Inc.",
            "Federal Minerals Corp",
        ),
        (
            "May Garden Stores Co said it agreed to acquire Tolman Drilling Inc.",
            "May Garden Stores Co",
        ),
        ("Bank of Boston said it agreed to acquire Tolman Savings Inc.", "Bank of Boston"),
        ("Financier Walter Brandt said he agreed to acquire Tolman Drilling Inc.", "Walter Brandt"),
    ],
)
def test_words_that_begin_names_stay_with_them(sentence, acquirer):
    assert roles(first_deal(sentence))["acquirer"] == acquirer


def test_in_may_before_a_name_is_a_date():
    deal = first_deal("In May Corlan Steel Corp agreed to acquire Tolman Drilling Inc.")
    assert roles(deal)["acquirer"] == "Corlan Steel Corp"


def test_a_dotted_legal_form_owns_the_unit_after_it():
    deal = first_deal(
        "Varenne S.A.'s Varenne Foods Ltd subsidiary said it agreed to acquire Kimble Dairies Inc."
    )
    assert roles(deal)["acquirer"] == "Varenne Foods Ltd"


# --- a share of an unnamed asset or of the seller's unit ---------------------------


@pytest.mark.parametrize(
    ("sentence", "role", "party", "asset"),
    [
        (
            "Harwick Energy Ltd said it agreed to sell 70 pct of its coastal gas properties to "
            "Ostrander Petroleum Inc.",
            "seller",
            "Harwick Energy Ltd",
            "coastal gas properties",
        ),
        (
            "Pellman Corp said it agreed to buy a 75 pct interest in a privately held "
            "packaging machinery company.",
            "acquirer",
            "Pellman Corp",
            "privately held packaging machinery company",
        ),
    ],
)
def test_a_share_of_an_unnamed_asset_is_a_deal(sentence, role, party, asset):
    deal = first_deal(sentence)
    assert deal.kind == "acquisition"
    assert roles(deal)[role] == party
    assert deal.asset == asset


def test_a_share_of_a_named_company_stays_a_stake():
    deal = first_deal("Pellman Corp said it agreed to buy 30 pct of Ostrander Petroleum Inc.")
    assert roles(deal) == {"investor": "Pellman Corp", "investee": "Ostrander Petroleum Inc"}
    assert deal.asset is None


def test_the_sale_of_a_share_of_the_sellers_unit_names_the_unit():
    deal = first_deal(
        "Tamsin Holdings Inc said it completed the sale of the 60 pct of its Corvel Group "
        "subsidiary to Brightwater Partners Inc."
    )
    assert roles(deal) == {
        "seller": "Tamsin Holdings Inc",
        "target": "Corvel Group",
        "acquirer": "Brightwater Partners Inc",
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Larkfield Inc said it completed the disposition of its marine coatings division to "
        "Brenner Chemicals Corp.",
        "Larkfield Inc said its board approved the sale, for about 45 mln dlrs, of its marine "
        "coatings division to Brenner Chemicals Corp.",
    ],
)
def test_sale_nouns_with_the_asset_after_of(sentence):
    deal = first_deal(sentence)
    assert roles(deal)["seller"] == "Larkfield Inc"
    assert deal.asset == "marine coatings division"


@pytest.mark.parametrize(
    "sentence",
    [
        "In a stock deal, Morrow Ltd exchanged newly issued shares worth about 9 mln dlrs for "
        "25 pct of privately held Quillon Devices Corp.",
        "Morrow Ltd said it swapped cash and two of its radio stations for Quillon Devices Corp.",
    ],
)
def test_exchanging_something_for_a_company_buys_it(sentence):
    deal = first_deal(sentence)
    assert roles(deal) == {"acquirer": "Morrow Ltd", "target": "Quillon Devices Corp"}


def test_exchanging_paper_for_paper_is_no_deal():
    signals = analyse(
        "", "Morrow Ltd said it exchanged its debentures for common stock.", rules_only=True
    )
    assert not [d for d in signals.deals if d.kind == "acquisition"]


def test_a_long_list_of_sold_assets_still_names_the_buyer():
    deal = first_deal(
        "Tessaly Mining Corp said it sold three haulage contracts and substantially all assets "
        "at its two quarries in Nevada to Ardent Aggregates Co for an undisclosed price."
    )
    assert roles(deal) == {"seller": "Tessaly Mining Corp", "acquirer": "Ardent Aggregates Co"}


def test_a_sale_of_goods_to_a_company_is_no_deal():
    signals = analyse(
        "",
        "Tessaly Mining Corp said it sold 20,000 tonnes of copper to Ardent Co.",
        rules_only=True,
    )
    assert not [d for d in signals.deals if d.kind == "acquisition"]
