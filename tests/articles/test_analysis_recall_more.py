"""A company in play before any deal: takeover talk, interest shown, bank affiliations, prorations.

Every sentence and company here is invented for the test; none comes from the
evaluation corpora.
"""

from __future__ import annotations

from tests.articles.analysis_helpers import m_and_a, roles

# --- takeover speculation ---------------------------------------------------------


def test_takeover_candidate_is_a_rumoured_acquisition_of_that_company():
    (deal,) = m_and_a(
        "",
        "Harlow Pumps Inc, long seen as a takeover candidate, rose three dlrs in heavy "
        "trading today, brokers said.",
    )
    assert deal.kind == "acquisition" and deal.stage == "rumoured"
    assert roles(deal) == {"target": "Harlow Pumps Inc"}
    assert "takeover candidate" in deal.evidence


def test_no_comment_on_takeover_rumours_is_still_speculation():
    (deal,) = m_and_a(
        "",
        "Quillon Foods Inc declined to comment on talk among dealers that it could be the "
        "target of a hostile takeover.",
    )
    assert deal.stage == "rumoured"
    assert roles(deal) == {"target": "Quillon Foods Inc"}


def test_takeover_speculation_that_has_lasted_stays_rumoured():
    (deal,) = m_and_a(
        "",
        "Draymore Textiles Corp has drawn takeover speculation from dealers for months.",
    )
    assert deal.stage == "rumoured"


def test_denied_takeover_speculation_moves_no_deal():
    assert (
        m_and_a(
            "",
            "Draymore Textiles Corp denied it was a takeover target and said it was not "
            "in talks with anyone.",
        )
        == []
    )


# --- interest shown, buyers waiting --------------------------------------------------


def test_expressions_of_interest_in_an_acquisition_put_the_company_in_play():
    (deal,) = m_and_a(
        "",
        "Corlan Publishing Inc said several firms have sent expressions of interest in "
        "acquiring the company.",
    )
    assert deal.kind == "acquisition" and deal.stage == "rumoured"
    assert roles(deal) == {"target": "Corlan Publishing Inc"}


def test_expressions_of_interest_in_a_share_issue_are_no_deal():
    assert (
        m_and_a(
            "",
            "Corlan Publishing Inc said investors have sent expressions of interest in "
            "its planned issue of notes.",
        )
        == []
    )


def test_caps_flash_alternate_buyer_for_a_unit():
    (deal,) = m_and_a("ORVANE INDUSTRIES <ORV> MAY HAVE ALTERNATE BUYER FOR PUMP UNIT")
    assert deal.kind == "acquisition" and deal.stage == "rumoured"
    assert roles(deal)["seller"] == "Orvane Industries"


def test_another_buyer_for_grain_is_trade():
    assert m_and_a("", "Exporters said another buyer for soft wheat emerged in the market.") == []


# --- bank affiliations -----------------------------------------------------------------


def test_affiliation_of_one_bank_with_another_is_a_merger():
    (deal,) = m_and_a(
        "",
        "Tessel Bancorp said regulators at the Fed cleared the affiliation of Marlow "
        "Savings Corp with Tessel Bancorp.",
    )
    assert deal.kind == "merger" and deal.stage == "agreed"
    assert roles(deal) == {"target": "Marlow Savings Corp", "acquirer": "Tessel Bancorp"}


def test_caps_flash_bank_affiliation():
    (deal,) = m_and_a("FED APPROVES TESSEL BANCORP <TSB> AFFILIATION")
    assert deal.kind == "merger"


def test_affiliation_outside_banking_is_no_merger():
    assert (
        m_and_a(
            "",
            "Harlow Broadcasting Inc said its station ended its affiliation with the Orvane "
            "Television Network.",
        )
        == []
    )
    assert m_and_a("", "The affiliation of Harlow Pumps Inc with the trade group lapsed.") == []


# --- tender offers ----------------------------------------------------------------------


def test_caps_flash_proration_factor_reports_a_tender_offer():
    (deal,) = m_and_a("QUILLON FOODS <QFD> SETS PRORATION FACTOR")
    assert deal.kind == "acquisition"
    assert roles(deal) == {"acquirer": "Quillon Foods"}


def test_proration_without_a_tender_is_no_deal():
    assert m_and_a("", "Harlow Pumps Inc said the prorated dividend will be paid in May.") == []


# --- control sold in a restructuring ------------------------------------------------------


def test_controlling_interest_sold_beside_paper_is_still_a_sale():
    (deal,) = m_and_a(
        "",
        "Harlow Energy Inc plans to retire its 11 pct debentures for cash and to sell "
        "a majority stake to Quillon Partners Ltd.",
    )
    assert deal.kind in ("acquisition", "investment")
    assert roles(deal) == {"seller": "Harlow Energy Inc", "acquirer": "Quillon Partners Ltd"}


def test_debentures_sold_to_a_dealer_stay_paper():
    assert (
        m_and_a(
            "",
            "Harlow Energy Inc said it sold 40 mln dlrs of debentures to Quillon Securities Inc.",
        )
        == []
    )
