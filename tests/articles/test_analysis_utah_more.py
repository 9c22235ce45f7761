"""Slot rules found on the Utah development stories: who bids, who is bid for, what is sold."""

from __future__ import annotations

from articles.analysis.companies import find_candidates
from articles.analysis.deals import Candidate, Party
from articles.analysis.pipeline import _fill_sides
from tests.articles.analysis_helpers import first_deal, m_and_a, roles


def test_bids_the_subject_received_make_it_the_one_bid_for():
    deal = first_deal(
        "Brackwater Mills Inc will put the takeover offers which it received last month "
        "to a shareholder vote, a spokesman said."
    )
    assert roles(deal).get("target") == "Brackwater Mills Inc"
    assert "acquirer" not in roles(deal)


def test_a_town_followed_by_its_state_is_no_party():
    deal = first_deal(
        "Quenby Tools Inc agreed to acquire the Fairview, Ore., maker of saw blades "
        "for 12 mln dlrs in cash."
    )
    assert roles(deal) == {"acquirer": "Quenby Tools Inc"}


def test_a_town_naming_the_asset_sold_still_names_it():
    deal = first_deal(
        "Orland Timber Co said it sold its Fairview, Ore., lumber mill to Pellow Lumber Corp."
    )
    assert roles(deal) == {"seller": "Orland Timber Co", "acquirer": "Pellow Lumber Corp"}
    assert deal.asset is not None and "Fairview" in deal.asset


def _candidate(parties: list[tuple[str, str]]) -> Candidate:
    return Candidate(
        kind="acquisition",
        stage="agreed",
        parties=[Party(name, name.lower(), role, None) for name, role in parties],
        amount=None,
        stake_pct=None,
        valuation=None,
        evidence="",
        confidence=0.8,
        headline=False,
        story=0,
        sentence_index=0,
    )


def test_a_deal_is_not_filled_from_another_that_shares_only_a_sideless_party():
    # The same adviser on two deals makes them no one deal: a role outside the buyer,
    # bought and seller sides matches nothing, nor does a company the first deal lacks.
    first = _candidate([("Corvel Inc", "acquirer"), ("Lusk Partners", "adviser")])
    other = _candidate(
        [("Lusk Partners", "adviser"), ("Danforth Corp", "acquirer"), ("Ebbe Ltd", "target")]
    )
    _fill_sides([first, other])
    assert [p.name for p in first.parties] == ["Corvel Inc", "Lusk Partners"]


def test_a_deal_is_filled_from_a_later_report_naming_the_same_buyer():
    first = _candidate([("Corvel Inc", "acquirer")])
    later = _candidate([("Corvel Inc", "acquirer"), ("Ebbe Ltd", "target")])
    _fill_sides([first, later])
    assert roles_of(first) == {"acquirer": "Corvel Inc", "target": "Ebbe Ltd"}


def roles_of(cand: Candidate) -> dict[str, str]:
    return {p.role: p.name for p in cand.parties}


def test_a_government_body_named_with_a_stop_word_at_its_end_is_no_party():
    # The name finder trims "Commission" off the run; "Maritime" alone must not sell.
    deal = first_deal(
        "The Federal Maritime Commission cleared the sale of Calder Shipping Corp to "
        "Beltane Freight Inc, a spokesman for the commission said."
    )
    assert roles(deal) == {"target": "Calder Shipping Corp", "acquirer": "Beltane Freight Inc"}


def test_a_short_form_cut_at_and_is_the_company_the_story_named_in_full():
    deal = first_deal(
        "Tessaly and Marr Foods Inc makes frozen pies. "
        "Tessaly and Marr agreed to buy Pellow Mills Inc for 20 mln dlrs."
    )
    assert roles(deal) == {"acquirer": "Tessaly and Marr Foods Inc", "target": "Pellow Mills Inc"}


_LATE_SALE = (
    "Quillan Dyes Inc named a new finance chief on Monday. The new chief, Ann Roe, joins "
    "from a bank in Leeds. She replaces Tom Hale, who retired. Roe, 48, trained as an "
    "engineer. Quillan also agreed to sell its textile printing plant to Teague Colour Ltd."
)


def test_a_story_without_headline_reports_its_first_deal_however_far_in():
    deal = first_deal(_LATE_SALE)
    assert roles(deal) == {"seller": "Quillan Dyes Inc", "acquirer": "Teague Colour Ltd"}
    assert deal.asset == "textile printing plant"


def test_under_a_headline_a_deal_far_into_the_story_stays_background():
    assert not m_and_a("QUILLAN DYES NAMES FINANCE CHIEF", _LATE_SALE)


def test_a_plural_verb_splits_an_and_run_only_where_the_run_is_its_subject():
    # "A and B Inc are ..." names two companies; after "with", "are" is the talks' verb.
    object_run = find_candidates(
        "Overbrook Corp said its talks with Tessaly and Marr Foods Inc are going well."
    )
    assert [c.surface for c in object_run] == ["Overbrook Corp", "Tessaly and Marr Foods Inc"]
    subject_run = find_candidates("Tessaly and Marr Foods Inc are going to merge.")
    assert [c.surface for c in subject_run] == ["Tessaly", "Marr Foods Inc"]


def test_a_name_in_the_appositive_after_two_leading_names_is_not_the_subject():
    deal = first_deal(
        "Corvel Holdings Inc and Danforth Inc, a unit of Pellow Group Ltd, told reporters "
        "they had agreed on the sale of Ebbe Freight Inc to Danforth for 9 mln dlrs."
    )
    assert roles(deal) == {
        "seller": "Corvel Holdings Inc",
        "target": "Ebbe Freight Inc",
        "acquirer": "Danforth Inc",
    }


def test_and_said_it_refers_to_the_lead_not_to_the_name_in_the_first_verbs_object():
    deal = first_deal(
        "Overbrook Corp requested a list of Calder Shipping Corp holders on Monday and "
        "said it may propose a merger of the two companies."
    )
    assert roles(deal).get("acquirer") == "Overbrook Corp"
