"""Low-confidence samples: near misses drawn for the review queue, off the board until accepted."""

from __future__ import annotations

import dataclasses

import pytest

from articles.analysis import DealSignal, Party, Signals, analyse, sample_drawn, signals_to_dict
from articles.models import Article, Source
from articles.services import article_analyse
from deals.models import Deal, DealArticle, DealEvent, DealParty, DealUpdate, Role, Stage
from deals.selectors.board import BoardFilters, annotate_cards, board_deals, filter_deals
from deals.services import apply_signals
from deals.services.stages import deal_update_accept, deal_update_reject
from tests.deals import builders

# Invented story: a results piece whose deal sentence is not its lead, which the rules
# score just below their threshold.
NEAR_MISS_TITLE = "Quarrow Foods posts higher quarterly profit"
NEAR_MISS_BODY = (
    "Quarrow Foods Inc said net profit rose 12 pct in the quarter on stronger cereal sales. "
    "Quarrow Foods Inc agreed to buy Lintel Bakeries Inc for 30 mln dlrs."
)


# --- drawing ----------------------------------------------------------------------------


def test_a_draw_is_the_same_on_every_run():
    draws = [sample_drawn(n, f"Sentence {n}.", 0.3) for n in range(500)]
    assert draws == [sample_drawn(n, f"Sentence {n}.", 0.3) for n in range(500)]


def test_the_share_drawn_follows_the_rate():
    for rate in (0.05, 0.2):
        drawn = sum(sample_drawn(n, "Acme agreed to buy Beta.", rate) for n in range(20_000))
        assert abs(drawn / 20_000 - rate) < 0.01


def test_rate_zero_draws_nothing_and_rate_one_everything():
    assert not any(sample_drawn(n, "x", 0.0) for n in range(200))
    assert all(sample_drawn(n, "x", 1.0) for n in range(200))


def test_raising_the_rate_keeps_every_earlier_draw():
    low = {n for n in range(5000) if sample_drawn(n, "s", 0.05)}
    high = {n for n in range(5000) if sample_drawn(n, "s", 0.2)}
    assert low and low < high


def test_the_draw_depends_on_the_sentence_not_only_the_story():
    assert len({sample_drawn(7, f"Sentence {i}.", 0.5) for i in range(50)}) == 2


# --- analysis ---------------------------------------------------------------------------


def test_near_misses_come_only_when_asked_and_leave_the_report_alone():
    plain = analyse(NEAR_MISS_TITLE, NEAR_MISS_BODY, rules_only=True)
    asked = analyse(NEAR_MISS_TITLE, NEAR_MISS_BODY, rules_only=True, near_misses=True)
    assert plain.deals == asked.deals == ()
    assert plain.near_misses == ()
    [missed] = asked.near_misses
    assert missed.kind == "acquisition" and missed.stage == "agreed"
    assert 0.35 <= missed.confidence < 0.45
    assert signals_to_dict(plain) == signals_to_dict(asked)


def test_a_reported_deal_is_never_a_near_miss():
    body = "Brimsby Mills Corp agreed to buy Tamber Cable Co for 40 mln dlrs."
    signals = analyse("", body, rules_only=True, near_misses=True)
    assert len(signals.deals) == 1 and signals.near_misses == ()


# --- ingestion --------------------------------------------------------------------------


def _signal(stage: str, *, confidence: float = 0.4, evidence: str = "") -> DealSignal:
    return DealSignal(
        kind="acquisition",
        stage=stage,
        parties=(Party("Acme", "acme", "acquirer", None), Party("Beta", "beta", "target", None)),
        amount=None,
        stake_pct=None,
        valuation=None,
        evidence=evidence or f"Acme is {stage} with Beta, a trade paper said.",
        confidence=confidence,
        attribution="none",
        attributed_to="",
        headline=False,
    )


def _near(*signals: DealSignal) -> Signals:
    return Signals(companies=(), deals=(), near_misses=signals)


@pytest.fixture
def every_near_miss(settings):
    settings.ANALYSIS_SAMPLE_RATE = 1.0


@pytest.fixture
def wire(db) -> Source:
    # Auto-accepting wire: a sample must still wait for an editor.
    return builders.source("Wire", credibility_tier=1, auto_accept=True)


def _story(src: Source, n: int = 1) -> Article:
    return builders.article(f"Story {n}", src=src)


@pytest.mark.django_db
def test_a_sampled_new_deal_waits_off_the_board(every_near_miss, wire):
    story = _story(wire)
    applied = apply_signals(article=story, signals=_near(_signal(Stage.AGREED, confidence=0.95)))
    [update] = DealUpdate.objects.all()
    assert update.is_sample and update.sample_rate == 1.0
    assert update.status == DealUpdate.Status.PENDING  # never auto-accepted
    assert update.type == DealUpdate.Type.NEW_DEAL and update.reviewer is None
    assert applied.sample_ids == [update.pk] and applied.update_ids == []
    assert applied.auto_accepted_ids == [] and applied.deal_ids == []
    deal = update.deal
    assert deal.dismissed and not deal.confirmed
    assert not board_deals().filter(pk=deal.pk).exists()


@pytest.mark.django_db
def test_accepting_a_sampled_new_deal_puts_it_on_the_board(every_near_miss, wire, editor):
    apply_signals(article=_story(wire), signals=_near(_signal(Stage.IN_TALKS)))
    update = DealUpdate.objects.get()
    drawn_at = Deal.objects.get(pk=update.deal_id).last_activity_at
    assert deal_update_accept(update=update, actor=editor)
    deal = Deal.objects.get(pk=update.deal_id)
    assert deal.confirmed and not deal.dismissed and deal.stage == Stage.IN_TALKS
    assert deal.last_activity_at > drawn_at  # it arrives on the board now
    assert board_deals().filter(pk=deal.pk).exists()


@pytest.mark.django_db
def test_a_rejected_sample_leaves_no_deal_on_the_board(every_near_miss, wire, editor):
    apply_signals(article=_story(wire), signals=_near(_signal(Stage.AGREED)))
    update = DealUpdate.objects.get()
    assert deal_update_reject(update=update, actor=editor)
    assert not board_deals().exists()
    update.refresh_from_db()
    assert update.status == DealUpdate.Status.REJECTED and update.reviewer == editor  # the label


@pytest.mark.django_db
def test_a_sample_on_a_board_deal_changes_nothing_until_accepted(every_near_miss, wire, editor):
    acme, beta = builders.company("Acme"), builders.company("Beta")
    deal = builders.deal(
        "Acme to acquire Beta",
        stage=Stage.IN_TALKS,
        parties=[(acme, Role.ACQUIRER), (beta, Role.TARGET)],
    )
    before = deal.last_activity_at
    story = _story(wire)
    apply_signals(article=story, signals=_near(_signal(Stage.AGREED, confidence=0.95)))
    update = DealUpdate.objects.get()
    assert update.is_sample and update.deal_id == deal.pk and update.type == DealUpdate.Type.STAGE
    deal.refresh_from_db()
    assert deal.stage == Stage.IN_TALKS and deal.last_activity_at == before
    assert not DealArticle.objects.filter(deal=deal).exists()
    [card] = annotate_cards([deal])
    assert card.n_pending == 0  # the card shows no pending flag for a sample
    assert not filter_deals(board_deals(), BoardFilters(pending=True)).exists()

    assert deal_update_accept(update=update, actor=editor)
    deal.refresh_from_db()
    assert deal.stage == Stage.AGREED
    assert DealArticle.objects.filter(deal=deal, article=story).exists()  # now coverage


@pytest.mark.django_db
def test_sampling_again_raises_nothing_twice(every_near_miss, wire):
    story = _story(wire)
    signals = _near(_signal(Stage.AGREED))
    apply_signals(article=story, signals=signals)
    apply_signals(article=story, signals=signals)
    assert DealUpdate.objects.count() == 1 and Deal.objects.count() == 1


@pytest.mark.django_db
def test_rate_zero_raises_no_sample(settings, wire):
    settings.ANALYSIS_SAMPLE_RATE = 0.0
    apply_signals(article=_story(wire), signals=_near(_signal(Stage.AGREED)))
    assert not DealUpdate.objects.exists() and not Deal.objects.exists()


@pytest.mark.django_db
def test_a_sample_never_holds_back_a_reported_flag(every_near_miss, wire):
    acme, beta = builders.company("Acme"), builders.company("Beta")
    deal = builders.deal(
        "Acme to acquire Beta",
        stage=Stage.IN_TALKS,
        parties=[(acme, Role.ACQUIRER), (beta, Role.TARGET)],
    )
    apply_signals(article=_story(wire, 1), signals=_near(_signal(Stage.AGREED)))
    reported = Signals(companies=(), deals=(_signal(Stage.AGREED, confidence=0.6),))
    apply_signals(article=_story(builders.source("Paper"), 2), signals=reported)
    flags = DealUpdate.objects.filter(deal=deal, proposed_stage=Stage.AGREED)
    assert sorted(flags.values_list("is_sample", flat=True)) == [False, True]


@pytest.mark.django_db
def test_a_story_that_reports_the_deal_raises_no_sample_about_it(every_near_miss, wire):
    signals = Signals(
        companies=(),
        deals=(_signal(Stage.IN_TALKS, confidence=0.6),),
        near_misses=(_signal(Stage.AGREED, evidence="Acme may agree terms with Beta."),),
    )
    apply_signals(article=_story(wire), signals=signals)
    assert DealUpdate.objects.filter(is_sample=True).count() == 0
    assert DealUpdate.objects.filter(is_sample=False).count() == 1


@pytest.mark.django_db
def test_ingestion_samples_a_real_near_miss(every_near_miss):
    story = builders.article(NEAR_MISS_TITLE, body=NEAR_MISS_BODY, src=builders.source("Paper"))
    outcome = article_analyse(article_id=story.pk)
    assert outcome.state == "done"
    [update] = DealUpdate.objects.all()
    assert update.is_sample and update.type == DealUpdate.Type.NEW_DEAL
    assert "Lintel Bakeries" in update.evidence
    assert not board_deals().exists()
    story.refresh_from_db()
    assert story.analysis["deals"] == []  # the stored analysis is the report, samples aside
    names = set(DealParty.objects.values_list("company__name", flat=True))
    assert any("Lintel" in n for n in names) and any("Quarrow" in n for n in names)


@pytest.mark.django_db
def test_ingestion_without_sampling_is_unchanged(settings):
    settings.ANALYSIS_SAMPLE_RATE = 0.0
    story = builders.article(NEAR_MISS_TITLE, body=NEAR_MISS_BODY, src=builders.source("Paper"))
    assert article_analyse(article_id=story.pk).state == "done"
    assert not DealUpdate.objects.exists() and not Deal.objects.exists()


@pytest.mark.django_db
def test_a_pending_sample_is_no_report_in_the_sources_track_record():
    from articles.selectors import source_track_record

    def flagged_by(sample: bool) -> int:
        paper = builders.source()
        deal = builders.deal(
            stage=Stage.RUMOURED,
            parties=[(builders.company(), Role.ACQUIRER), (builders.company(), Role.TARGET)],
        )
        story = builders.article("Story", src=paper)
        builders.flag(deal, to=Stage.IN_TALKS, article_=story, is_sample=sample)
        return source_track_record(paper).reported

    assert flagged_by(sample=False) == 1
    assert flagged_by(sample=True) == 0


# --- one deal per pair: a sample-born deal is found again -------------------------------


def _reported(stage: str = Stage.AGREED, evidence: str = "Acme agreed to buy Beta.") -> Signals:
    return Signals(
        companies=(),
        deals=(_signal(stage, confidence=0.7, evidence=evidence),),
    )


@pytest.fixture
def desk(db) -> Source:
    return builders.source("Desk wire", credibility_tier=1, auto_accept=False)


@pytest.mark.django_db
def test_a_story_reporting_a_sampled_deal_makes_it_the_one_new_deal(every_near_miss, desk, editor):
    apply_signals(article=_story(desk, 1), signals=_near(_signal(Stage.IN_TALKS)))
    applied = apply_signals(article=_story(desk, 2), signals=_reported())
    [deal] = Deal.objects.all()
    assert applied.new_deal_ids == [deal.pk]
    assert not deal.dismissed and not deal.confirmed and deal.stage == Stage.AGREED
    assert board_deals().filter(pk=deal.pk).exists()  # an ordinary unconfirmed new deal
    # The reported flag supersedes the undecided sample's: one decision for the desk.
    [flag] = DealUpdate.objects.all()
    assert flag.type == DealUpdate.Type.NEW_DEAL and not flag.is_sample
    assert flag.status == DealUpdate.Status.PENDING and applied.update_ids == [flag.pk]
    assert deal_update_accept(update=flag, actor=editor)
    assert list(board_deals().values_list("title", flat=True)) == ["Acme to acquire Beta"]


@pytest.mark.django_db
def test_a_second_sample_finds_the_sample_born_deal(every_near_miss, desk):
    apply_signals(article=_story(desk, 1), signals=_near(_signal(Stage.AGREED)))
    applied = apply_signals(
        article=_story(desk, 2), signals=_near(_signal(Stage.AGREED, evidence="Acme nears Beta."))
    )
    assert Deal.objects.count() == 1 and DealUpdate.objects.count() == 1
    assert applied.sample_ids == []


@pytest.mark.django_db
def test_sample_then_report_in_one_batch_is_one_deal(every_near_miss, desk):
    from deals.services.signals import apply_signals_many

    first, second = _story(desk, 1), _story(desk, 2)
    results = apply_signals_many([(first, _near(_signal(Stage.IN_TALKS))), (second, _reported())])
    [deal] = Deal.objects.all()
    [flag] = DealUpdate.objects.all()
    assert not deal.dismissed and deal.stage == Stage.AGREED and not flag.is_sample
    assert results[0].sample_ids == [] and results[1].update_ids == [flag.pk]


@pytest.mark.django_db
def test_a_sample_leaves_no_coverage_or_history_until_accepted(every_near_miss, desk, editor):
    story = _story(desk)
    apply_signals(article=story, signals=_near(_signal(Stage.AGREED)))
    assert not DealArticle.objects.exists() and not DealEvent.objects.exists()
    update = DealUpdate.objects.get()
    assert deal_update_accept(update=update, actor=editor)
    assert DealArticle.objects.filter(deal=update.deal, article=story).exists()
    assert DealEvent.objects.filter(deal=update.deal, type=DealEvent.Type.CREATED).exists()


@pytest.mark.django_db
def test_a_rejected_sample_leaves_no_coverage_or_history(every_near_miss, desk, editor):
    apply_signals(article=_story(desk), signals=_near(_signal(Stage.AGREED)))
    assert deal_update_reject(update=DealUpdate.objects.get(), actor=editor)
    assert not DealArticle.objects.exists() and not DealEvent.objects.exists()


@pytest.mark.django_db
def test_another_story_reporting_a_rejected_samples_deal_brings_it_back(
    every_near_miss, desk, editor
):
    apply_signals(article=_story(desk, 1), signals=_near(_signal(Stage.AGREED)))
    sample = DealUpdate.objects.get()
    deal_update_reject(update=sample, actor=editor)
    apply_signals(article=_story(desk, 2), signals=_reported())
    [deal] = board_deals()
    assert deal.pk == sample.deal_id and not deal.confirmed
    sample.refresh_from_db()
    assert sample.status == DealUpdate.Status.REJECTED  # the label stays
    assert DealUpdate.objects.filter(
        deal=deal, is_sample=False, status=DealUpdate.Status.PENDING
    ).exists()


@pytest.mark.django_db
def test_rules_reporting_a_rejected_samples_own_story_surface_the_deal(
    every_near_miss, desk, editor
):
    story = _story(desk)
    apply_signals(article=story, signals=_near(_signal(Stage.AGREED)))
    sample = DealUpdate.objects.get()
    deal_update_reject(update=sample, actor=editor)
    # Re-analysed with better rules, the same story now reports the deal.
    applied = apply_signals(article=story, signals=_reported())
    [deal] = board_deals()
    assert applied.new_deal_ids == [deal.pk]
    [flag] = DealUpdate.objects.filter(deal=deal, status=DealUpdate.Status.PENDING)
    assert not flag.is_sample
    sample.refresh_from_db()
    assert sample.status == DealUpdate.Status.REJECTED


@pytest.mark.django_db
def test_rules_reporting_a_pending_samples_own_story_supersede_it(every_near_miss, desk):
    story = _story(desk)
    apply_signals(article=story, signals=_near(_signal(Stage.AGREED)))
    applied = apply_signals(article=story, signals=_reported())
    [deal] = board_deals()
    [flag] = DealUpdate.objects.all()
    assert flag.deal_id == deal.pk and not flag.is_sample and applied.update_ids == [flag.pk]
    assert DealArticle.objects.filter(deal=deal, article=story).exists()


@pytest.mark.django_db
def test_an_adopted_deal_takes_the_parties_the_report_adds(every_near_miss, desk):
    apply_signals(article=_story(desk, 1), signals=_near(_signal(Stage.IN_TALKS)))
    adviser = Party("Corvell Partners", "corvell partners", "adviser", None)
    reported = _signal(Stage.AGREED, confidence=0.7, evidence="Acme agreed to buy Beta.")
    reported = dataclasses.replace(reported, parties=(*reported.parties, adviser))
    apply_signals(article=_story(desk, 2), signals=Signals(companies=(), deals=(reported,)))
    [deal] = Deal.objects.all()
    names = sorted(deal.parties.values_list("company__name", "role"))
    assert names == [("Acme", "acquirer"), ("Beta", "target"), ("Corvell Partners", "adviser")]
