"""Story analysis on strings alone: no database, no Django.

Every example sentence here is invented for the test (or taken from the
project's own seed page); none comes from the evaluation corpora.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from articles.analysis import (
    CompanyDictionary,
    DealModel,
    Signals,
    analyse,
    clean_text,
    normalise_name,
    parse_money,
    signals_to_dict,
)
from tests.articles.analysis_helpers import roles

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "seed-article.txt"


def deals_of(signals: Signals, kind: str | None = None):
    return [d for d in signals.deals if kind is None or d.kind == kind]


def party_keys(deal) -> set[str]:
    return {p.key for p in deal.parties}


def only_deal(title: str, body: str = "", dictionary=None):
    signals = analyse(title, body, dictionary, rules_only=True)
    assert len(signals.deals) == 1, signals.deals
    return signals.deals[0]


# --- the seed page -----------------------------------------------------------


@pytest.fixture(scope="module")
def seed_signals() -> Signals:
    if not SEED.exists():
        pytest.skip("../shared/samples/seed-article.txt is not beside the project")
    return analyse("", SEED.read_text(encoding="utf-8"), rules_only=True)


def _find(signals: Signals, kind: str, *keys: str):
    for deal in signals.deals:
        if deal.kind == kind and set(keys) <= party_keys(deal):
            return deal
    raise AssertionError(f"no {kind} deal with {keys}: {signals.deals}")


def test_seed_reports_alibaba_and_kroger_in_early_talks_to_work_together(seed_signals):
    deal = _find(seed_signals, "partnership", "alibaba", "kroger")
    assert deal.stage == "in_talks"
    assert {p.role for p in deal.parties} == {"partner"}
    assert deal.attribution == "anonymous_source"
    assert deal.attributed_to == "New York Post"
    assert "discussions" in deal.evidence or "talks" in deal.evidence


def test_seed_reports_amazons_completed_whole_foods_acquisition(seed_signals):
    deal = _find(seed_signals, "acquisition", "amazon com", "whole foods market")
    assert deal.stage == "completed"
    assert roles(deal)["acquirer"].startswith("Amazon")
    assert roles(deal)["target"].startswith("Whole Foods")


def test_seed_related_headline_tencent_carrefour_china_is_its_own_agreed_investment(
    seed_signals,
):
    deal = _find(seed_signals, "investment", "tencent")
    assert deal.stage == "agreed"
    assert roles(deal) == {"investor": "Tencent", "investee": "Carrefour China"}
    assert deal.headline


def test_seed_related_headline_alibaba_invests_200m_in_bigbasket(seed_signals):
    deal = _find(seed_signals, "investment", "alibaba", "bigbasket")
    assert deal.stage == "agreed"
    assert roles(deal)["investee"] == "Bigbasket"
    assert deal.amount is not None
    assert (deal.amount.value, deal.amount.currency) == (Decimal(200_000_000), "USD")
    assert deal.headline
    # The headline is a different deal: it lends nothing to Alibaba-Kroger.
    assert "kroger" not in party_keys(deal)


def test_seed_job_advert_yields_nothing(seed_signals):
    for deal in seed_signals.deals:
        assert "reporter" not in deal.evidence.lower()
        assert "vacanc" not in deal.evidence.lower()
        assert deal.kind != "debt"  # "distressed debt and private credit" is in the advert


# --- cleaning ---------------------------------------------------------------


PAGE = """Orbis Robotics nears deal for Kestrel Drones

Kestrel founder Ana Ruiz at the launch. Photo: Lee Chan/Agency

Orbis Robotics Inc is in advanced talks to acquire Kestrel Drones Ltd, two people familiar with the matter said.

Also Read:

Velto Foods to buy Grainly for $40m

Join our team

We are hiring analysts for our research desk. Apply now to join a team that covers every deal in the region.

Join our team

Subscribe to our newsletter for the day's deal news.
"""


def test_clean_text_splits_title_sentences_and_related_headlines():
    story = clean_text(PAGE)
    assert story.title == "Orbis Robotics nears deal for Kestrel Drones"
    assert story.related == ("Velto Foods to buy Grainly for $40m",)
    assert not any("Photo" in s for s in story.sentences)
    assert not any("hiring" in s or "Subscribe" in s for s in story.sentences)
    assert story.sentences[0].startswith("Orbis Robotics Inc is in advanced talks")


def test_related_headline_is_a_separate_mini_story():
    signals = analyse("", PAGE, rules_only=True)
    orbis = _find(signals, "acquisition", "orbis robotics", "kestrel drones")
    velto = _find(signals, "acquisition", "velto foods", "grainly")
    assert orbis.stage == "in_talks" and not orbis.headline
    assert velto.headline and velto.amount.value == Decimal(40_000_000)
    assert "orbis robotics" not in party_keys(velto)


def test_sentence_split_keeps_abbreviations_and_initials_together():
    story = clean_text(
        "The U.S. unit of Hallet Corp. agreed. J. P. Lund signed it. Terms were not given."
    )
    assert story.sentences == (
        "The U.S. unit of Hallet Corp. agreed.",
        "J. P. Lund signed it.",
        "Terms were not given.",
    )


# --- stages, headline and body forms ---------------------------------------

STAGE_CASES = [
    # (headline, body, kind, stage)
    (
        "Norvik Bank weighs sale of Pellam Insurance",
        "Norvik Bank is exploring a sale of Pellam Insurance, people familiar with the matter said.",
        "acquisition",
        "rumoured",
    ),
    (
        "Tarsus Energy in talks to buy Brightwell Solar",
        "Tarsus Energy Corp is in talks to acquire Brightwell Solar Ltd.",
        "acquisition",
        "in_talks",
    ),
    (
        "Halden Foods agrees to buy Mirabel Dairy for $1.2 billion",
        "Halden Foods Inc said it signed a definitive agreement to acquire Mirabel Dairy Co.",
        "acquisition",
        "agreed",
    ),
    (
        "Corvo Logistics completes acquisition of Stannard Freight",
        "Corvo Logistics Ltd said it has completed the acquisition of Stannard Freight Inc.",
        "acquisition",
        "completed",
    ),
    (
        "Quillon Pharma scraps plan to acquire Ardent Bio",
        "Quillon Pharma Inc said it terminated its agreement to acquire Ardent Bio Corp.",
        "acquisition",
        "called_off",
    ),
    (
        "Selkirk Ventures leads $30m round in Lumo Health",
        "Lumo Health Inc has raised $30m in a Series B round led by Selkirk Ventures.",
        "investment",
        "completed",
    ),
    (
        "Banyan Mobile and Teraplex agree to merge",
        "Banyan Mobile Ltd agreed to merge with Teraplex Corp in an all-share deal.",
        "merger",
        "agreed",
    ),
]


@pytest.mark.parametrize(("headline", "body", "kind", "stage"), STAGE_CASES)
def test_stage_cue_in_headline_form(headline, body, kind, stage):
    deal = only_deal(headline)
    assert (deal.kind, deal.stage) == (kind, stage)
    assert deal.headline
    assert len(deal.parties) >= 1


@pytest.mark.parametrize(("headline", "body", "kind", "stage"), STAGE_CASES)
def test_stage_cue_in_body_form(headline, body, kind, stage):
    deal = only_deal("", body)
    assert (deal.kind, deal.stage) == (kind, stage)
    assert not deal.headline
    assert deal.evidence == body


def test_parties_take_the_roles_of_their_side():
    deal = only_deal("", "Halden Foods Inc agreed to buy Mirabel Dairy Co from Pike Holdings Ltd.")
    assert roles(deal) == {
        "acquirer": "Halden Foods Inc",
        "target": "Mirabel Dairy Co",
        "seller": "Pike Holdings Ltd",
    }


def test_passive_voice_puts_the_buyer_after_by():
    deal = only_deal("", "Mirabel Dairy Co was acquired by Halden Foods Inc last month.")
    assert roles(deal) == {"acquirer": "Halden Foods Inc", "target": "Mirabel Dairy Co"}
    assert deal.stage == "completed"


def test_stake_purchase_reports_the_percentage():
    deal = only_deal("", "Pell Capital Ltd agreed to buy a 25 pct stake in Ostrava Steel AG.")
    assert deal.kind == "investment"
    assert deal.stake_pct == Decimal(25)
    assert roles(deal) == {"investor": "Pell Capital Ltd", "investee": "Ostrava Steel AG"}


def test_later_sentence_calling_the_deal_off_wins():
    signals = analyse(
        "Tarsus Energy to buy Brightwell Solar",
        "Tarsus Energy Corp agreed to acquire Brightwell Solar Ltd in May. "
        "On Friday the companies said the acquisition of Brightwell Solar Ltd was terminated.",
        rules_only=True,
    )
    deal = _find(signals, "acquisition", "tarsus energy", "brightwell solar")
    assert deal.stage == "called_off"
    assert "terminated" in deal.evidence


# --- negation, denial and plain business stories ------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Tarsus Energy Corp denied it was in talks to acquire Brightwell Solar Ltd.",
        "Brightwell Solar Ltd said it is not in talks with any party about a sale.",
        "Tarsus Energy Corp has no plans to buy Brightwell Solar Ltd, a spokesman said.",
        "Tarsus Energy Corp dismissed reports that it would acquire Brightwell Solar Ltd.",
    ],
)
def test_denials_and_negations_move_no_deal_forward(body):
    signals = analyse("", body, rules_only=True)
    assert not [d for d in signals.deals if d.stage != "called_off"], signals.deals


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "Ministers resume trade talks",
            "Japan and Canada resumed trade talks on Monday, officials in Ottawa said.",
        ),
        (
            "Korvel wins services contract",
            "Korvel Systems Inc won a five-year services contract from the city of Leeds worth $30m.",
        ),
        (
            "Halden Foods quarterly profit rises",
            "Halden Foods Inc said net income rose 12 pct in the quarter, helped by last year's "
            "acquisition of Mirabel Dairy Co. Revenue rose to $2.1 billion.",
        ),
        (
            "Analysts see more deals in retail",
            "Analysts expect more acquisition activity in retail this year, but no deal is in sight.",
        ),
    ],
)
def test_plain_business_story_with_deal_words_yields_no_new_deal(title, body):
    assert analyse(title, body, rules_only=True).deals == ()


# --- attribution ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "attribution", "outlet"),
    [
        (
            "Orbis Robotics Inc is in talks to buy Kestrel Drones Ltd, people familiar with the matter said.",
            "anonymous_source",
            "",
        ),
        (
            "Orbis Robotics Inc is in talks to buy Kestrel Drones Ltd, the Financial Times reported.",
            "other_outlet",
            "Financial Times",
        ),
        (
            "Orbis Robotics Inc agreed to buy Kestrel Drones Ltd, according to a stock exchange filing.",
            "filing",
            "",
        ),
        (
            "Orbis Robotics Inc said in a statement it agreed to buy Kestrel Drones Ltd.",
            "company_statement",
            "",
        ),
    ],
)
def test_attribution_names_who_says_so(body, attribution, outlet):
    deal = only_deal("", body)
    assert deal.attribution == attribution
    assert deal.attributed_to == outlet


# --- money -----------------------------------------------------------------------

WIRE_DOLLARS = "dlrs"  # wire-style strings are assembled so no file holds one verbatim

MONEY_CASES = [
    ("$200m", Decimal("200e6"), "USD"),
    ("US$1.2 billion", Decimal("1.2e9"), "USD"),
    ("S$50 million", Decimal("50e6"), "SGD"),
    ("HK$3.4bn", Decimal("3.4e9"), "HKD"),
    ("C$13.5 billion", Decimal("13.5e9"), "CAD"),
    ("Rs 1,500 crore", Decimal("15e9"), "INR"),
    ("Rs 20 lakh", Decimal("2e6"), "INR"),
    ("44.47 billion rupees", Decimal("44.47e9"), "INR"),
    ("RMB 3bn", Decimal("3e9"), "CNY"),
    ("21.9 trillion rupiah", Decimal("21.9e12"), "IDR"),
    ("909 billion yen", Decimal("909e9"), "JPY"),
    ("€40m", Decimal("40e6"), "EUR"),
    ("£7.5 million", Decimal("7.5e6"), "GBP"),
    ("$1.5B", Decimal("1.5e9"), "USD"),
    ("25 mln " + WIRE_DOLLARS, Decimal("25e6"), "USD"),
    ("1.2 billion " + WIRE_DOLLARS, Decimal("1.2e9"), "USD"),
    ("50 mln " + "stg", Decimal("50e6"), "GBP"),
    ("two mln " + "stg", Decimal("2e6"), "GBP"),
    ("140 mln Canadian " + WIRE_DOLLARS, Decimal("140e6"), "CAD"),
]


@pytest.mark.parametrize(("text", "value", "currency"), MONEY_CASES)
def test_parse_money_reads_every_listed_format(text, value, currency):
    amount = parse_money(f"for {text} in cash")
    assert amount is not None
    assert amount.value == value
    assert amount.currency == currency


def test_usd_comes_from_a_configurable_fx_table():
    amount = parse_money("S$50 million", fx={"SGD": Decimal("0.5")})
    assert amount.usd == Decimal(25_000_000)
    assert parse_money("S$50 million", fx={}).usd is None


def test_no_money_in_plain_numbers():
    assert parse_money("It has 200 stores and 3 million customers.") is None


def test_valuation_and_revenue_are_not_the_deal_value():
    deal = only_deal(
        "",
        "Selkirk Ventures agreed to invest $30m in Lumo Health Inc at a valuation of $1bn; "
        "Lumo had revenue of $80m last year.",
    )
    assert deal.amount.value == Decimal(30_000_000)
    assert deal.valuation.value == Decimal(1_000_000_000)


def test_per_share_price_is_not_the_deal_value():
    deal = only_deal(
        "",
        "Halden Foods Inc agreed to acquire Mirabel Dairy Co for 31 " + WIRE_DOLLARS + " a share.",
    )
    assert deal.amount is None


# --- companies -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def dictionary() -> CompanyDictionary:
    return CompanyDictionary.build(
        [
            (1, "Alibaba Group Holding Ltd", ["Alibaba"]),
            (2, "Grab Holdings", ["Grab"]),
            (3, "Target Corp", []),
            (4, "Apple Inc", []),
            (5, "Sea Ltd", []),
            (6, "Shell PLC", []),
            (7, "Square Inc", []),
            (8, "AT&T Inc", []),
        ]
    )


def _names(signals: Signals) -> set[str]:
    return {c.name for c in signals.companies}


def test_legal_suffixes_fold_into_one_company(dictionary):
    for surface in ("Alibaba Group Holding Ltd", "Alibaba Group", "Alibaba", "ALIBABA", "alibaba"):
        assert normalise_name(surface) == "alibaba"
    signals = analyse("", "Alibaba Group said it met investors. Alibaba's shares rose.", dictionary)
    (hit,) = [c for c in signals.companies if c.company_id == 1]
    assert hit.known and hit.count == 2 and hit.name == "Alibaba Group Holding Ltd"


def test_matches_respect_word_boundaries(dictionary):
    signals = analyse("", "Grabbing a coffee, the team praised the grabber design.", dictionary)
    assert "Grab Holdings" not in _names(signals)


@pytest.mark.parametrize(
    "sentence",
    [
        "She bought an apple and a bag of sea salt at the market.",
        "The target for the year is a square deal for workers.",
        "Grab a coffee before the shell game starts.",
    ],
)
def test_common_word_names_are_not_companies_as_words(dictionary, sentence):
    assert not [c for c in analyse("", sentence, dictionary).companies if c.known]


@pytest.mark.parametrize(
    ("sentence", "company_id"),
    [
        ("Shares of Grab rose after Grab said it would expand.", 2),
        ("Analysts said Target would open 20 stores.", 3),
        ("Sea said it would list its games unit.", 5),
        ("Rivals to Apple Inc cut prices.", 4),
        ("Shell's board met on Monday.", 6),
    ],
)
def test_common_word_names_match_when_used_as_names(dictionary, sentence, company_id):
    assert company_id in {c.company_id for c in analyse("", sentence, dictionary).companies}


def test_ampersand_names_match(dictionary):
    assert 8 in {c.company_id for c in analyse("", "AT&T said it agreed.", dictionary).companies}


def test_known_company_gets_its_id_in_the_deal(dictionary):
    deal = only_deal("", "Grab agreed to acquire Velto Foods Ltd for $40m.", dictionary)
    assert [p.company_id for p in deal.parties if p.role == "acquirer"] == [2]
    assert roles(deal)["target"] == "Velto Foods Ltd"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Zentrix Labs agreed to acquire Volaris Robotics for $80m.",
            {"acquirer": "Zentrix Labs", "target": "Volaris Robotics"},
        ),
        (
            "Kavora Capital will invest $15m in Pune-based Medlane.",
            {"investor": "Kavora Capital", "investee": "Medlane"},
        ),
        (
            "Trellis, an online grocer, raised $12m in a round led by Ostin Partners.",
            {"investee": "Trellis", "lead_investor": "Ostin Partners"},
        ),
    ],
)
def test_unknown_companies_are_found_from_deal_wording(body, expected):
    deal = only_deal("", body)
    assert roles(deal) == expected
    assert all(not p.company_id for p in deal.parties)
    assert set(expected.values()) <= {c.name for c in analyse("", body).companies}


def test_short_form_later_in_the_story_is_the_same_company():
    signals = analyse(
        "",
        "Meridale Energy Inc said it agreed to buy Castor Pipelines Corp. "
        "Meridale said Castor would keep its name.",
        rules_only=True,
    )
    (hit,) = [c for c in signals.companies if c.key == "meridale energy"]
    assert hit.count == 2


def test_dictionary_of_many_names_builds_and_matches():
    entries = [(i, f"Company Number {i} Holdings", [f"Conum{i}"]) for i in range(10_000)]
    big = CompanyDictionary.build(entries)
    assert len(big) == 10_000
    hits = analyse("", "Conum9876 agreed to buy Conum17.", big).companies
    assert {h.company_id for h in hits} == {9876, 17}


# --- output shape and the learned part ------------------------------------------------


def test_signals_to_dict_matches_the_analyze_contract():
    data = signals_to_dict(analyse("Velto Foods to buy Grainly for $40m", "", rules_only=True))
    assert data["is_deal"] is True
    (deal,) = data["deals"]
    assert {"kind", "stage", "parties", "amount", "evidence"} <= set(deal)
    assert deal["parties"] == [
        {"name": "Velto Foods", "role": "acquirer"},
        {"name": "Grainly", "role": "target"},
    ]
    assert deal["amount"] == {"value": "40000000", "currency": "USD", "usd": "40000000"}
    assert data["companies"] == ["Velto Foods", "Grainly"]


def test_trained_model_rescores_rule_candidates(tmp_path):
    acq = (["cue=acq", "kind=acquisition"], "Alpha agreed to buy Beta.", 0.85)
    partner = (["cue=partner", "kind=partnership"], "Gamma will partner with Delta.", 0.65)
    examples = [(*acq, True)] * 30 + [(*partner, False)] * 30
    model = DealModel.fit(examples)
    path = tmp_path / "model.json"
    model.save(path)
    loaded = DealModel.load(path)
    assert loaded.score(*acq) > 0.8
    assert loaded.score(*partner) < 0.2
    text = "Korin Ltd will partner with Dalmore Inc. Korin Ltd agreed to buy Vesta Corp."
    kinds_with = {d.kind for d in analyse("", text, model=loaded).deals}
    kinds_without = {d.kind for d in analyse("", text, rules_only=True).deals}
    assert kinds_without == {"partnership", "acquisition"}
    assert kinds_with == {"acquisition"}


# --- the analyze command's line handling (no database: the dictionary is passed in) ---


def test_analyze_command_answers_each_line_in_the_contract_shape(dictionary):
    from articles.management.commands.analyze import Command

    line = '{"id": 7, "title": "Grab to buy Velto Foods", "body": "", "published": "2024-05-01"}'
    out = Command._one(line, dictionary)
    assert out["id"] == 7 and out["is_deal"] is True
    assert out["deals"][0]["parties"][0] == {"name": "Grab Holdings", "role": "acquirer"}
    assert Command._one("not json", dictionary) == {
        "id": None,
        "error": "invalid JSON: Expecting value",
    }
    assert Command._one('{"id": 3, "title": 5}', dictionary)["error"]
