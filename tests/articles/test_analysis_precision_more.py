"""Deal words used for something else, and verbs in caps flashes taken for company names.

Every sentence here is invented for the test; none comes from the evaluation corpora.
"""

from __future__ import annotations

from articles.analysis import analyse
from tests.articles.analysis_helpers import m_and_a, roles


def party_names(title: str, body: str = "") -> set[str]:
    return {p.name for d in analyse(title, body, rules_only=True).deals for p in d.parties}


# --- deal words used for something else ----------------------------------------


def test_it_reads_production_and_sale_of_goods_as_trade() -> None:
    body = (
        "Quillon Foods Inc said Harlow Pumps Inc will handle the production and sale of "
        "the Brightwater sauces under a licence running to 1992."
    )
    assert m_and_a("QUILLON FOODS SIGNS LICENCE WITH HARLOW", body) == []


def test_it_still_reads_the_sale_of_a_unit() -> None:
    body = "Quillon Foods Inc said it agreed to the sale of its Brightwater Sauces Ltd unit."
    deal = m_and_a("", body)[0]
    assert roles(deal)["seller"] == "Quillon Foods Inc"


def test_it_ignores_a_selling_shareholder_in_an_offering() -> None:
    body = (
        "Among the shares on offer are 150,000 common shares to be sold by Marlow Trust Co, "
        "a selling shareholder of Harlow Pumps Inc, the company said."
    )
    assert m_and_a("", body) == []


def test_it_reads_spinning_off_into_a_group_as_a_reorganisation() -> None:
    assert m_and_a("QUILLON FOODS UNIT SPINS OFF INTO CONSUMER GROUP") == []


def test_it_still_reads_a_spin_off_of_a_unit() -> None:
    assert m_and_a("QUILLON FOODS <QFI> TO SPIN OFF BRIGHTWATER SAUCES")


def test_it_ignores_income_on_a_holding() -> None:
    body = (
        "Harlow Pumps Inc booked rental income of 200,000 dlrs last year on its 30 pct "
        "interest in the Larkspur Tower office project in Denver."
    )
    assert m_and_a("", body) == []


def test_it_ignores_a_holding_left_out_of_a_sale() -> None:
    body = (
        "Quillon Foods Inc said the new company will hold its sauce interests, excluding its "
        "stake in Brightwater Sauces Ltd."
    )
    assert not any(d.kind == "investment" for d in m_and_a("", body))


def test_it_ignores_a_credit_proposal() -> None:
    body = (
        "Harlow Pumps Inc has an approach from Marlow Trust Co under which Marlow "
        "would extend loans of 40 mln dlrs to refinance its plant."
    )
    assert m_and_a("", body) == []


def test_it_still_reads_a_takeover_proposal() -> None:
    body = (
        "Harlow Pumps Inc has an approach from Marlow Trust Co to acquire "
        "every Harlow share for 40 dlrs each."
    )
    assert m_and_a("", body)


def test_it_reads_a_stake_in_a_new_company_as_a_venture() -> None:
    body = (
        "Harlow Pumps Inc set up Harlow Overseas Ltd, which will hold a 40 pct stake in the "
        "planned venture Larkspur Valve Co alongside local partners."
    )
    assert not any(d.kind == "investment" for d in m_and_a("", body))


def test_it_counts_a_mere_option_to_buy_for_less() -> None:
    body = (
        "Harlow Pumps Inc said it expects sales to grow this year. "
        "The company added that Marlow Trust Co has a two-year option to purchase 20 pct "
        "of Larkspur Valve Co at a price to be set later."
    )
    assert m_and_a("HARLOW PUMPS SEES HIGHER SALES", body) == []


def test_it_still_reads_an_option_being_exercised() -> None:
    body = (
        "Harlow Pumps Inc said Marlow Trust Co exercised its right and option to buy "
        "Larkspur Valve Co for 12 mln dlrs."
    )
    assert m_and_a("", body)


# --- verbs in caps flashes -------------------------------------------------------

_BODY = (
    "Quillon Foods Inc began its cash bid for Brightwater Sauces Ltd on Monday, "
    "and has been making progress; it started talks with holders too."
)


def test_it_drops_a_verb_after_the_subject_of_a_flash() -> None:
    names = party_names("QUILLON FOODS <QFI> STARTS BRIGHTWATER <BSL> BID", _BODY)
    assert "Starts" not in names
    assert "Quillon Foods Inc" in names


def test_it_drops_a_participle_standing_alone_in_a_flash() -> None:
    names = party_names("QUILLON SAYS IT MAKING BRIGHTWATER TENDER OFFER", _BODY)
    assert "Making" not in names


def test_it_trims_common_words_off_a_flash_subject() -> None:
    body = (
        "Shares of Quillon Foods Inc soared today as traders talked of a takeover bid "
        "for the sauce maker."
    )
    names = party_names("QUILLON FOODS SOARS ON TAKEOVER BID TALK", body)
    assert not any("Soars" in name for name in names)


def test_it_keeps_a_common_word_the_story_writes_as_a_name() -> None:
    body = (
        "Harlow Pumps Inc agreed on Friday to buy Harbour Banks Group from its founders, "
        "and that the deal makes Harlow one of the larger banks in the county."
    )
    names = party_names("HARLOW PUMPS TO BUY HARBOUR BANKS", body)
    assert any(name.startswith("Harbour Banks") for name in names)


def test_it_leaves_a_headline_alone_without_a_body() -> None:
    assert m_and_a("HARLOW PUMPS TO BUY LARKSPUR VALVE")
