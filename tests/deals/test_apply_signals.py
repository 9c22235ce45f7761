"""apply_signals: a story's analysis becomes mentions, coverage, flags and new deals — once."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from articles.analysis import Amount, CompanyHit, DealSignal, Party, Signals
from articles.models import Article, Mention, Source
from deals.models import (
    Company,
    CompanyAlias,
    Deal,
    DealArticle,
    DealEvent,
    DealParty,
    DealUpdate,
)
from deals.services import apply_signals
from deals.services.signals import flag_confidence
from deals.services.stages import deal_update_accept

pytestmark = pytest.mark.django_db


def _source(**fields) -> Source:
    fields.setdefault("name", f"Wire {Source.objects.count() + 1}")
    return Source.objects.create(url="https://wire.example.com/feed", **fields)


def _article(source: Source, n: int = 1, **fields) -> Article:
    return Article.objects.create(
        source=source, url=f"https://wire.example.com/{n}", title=f"Story {n}", **fields
    )


def _hit(name: str, key: str | None = None, company_id: int | None = None) -> CompanyHit:
    key = key or name.lower()
    return CompanyHit(name, key, name, 1, company_id is not None, company_id)


def _signal(
    stage: str,
    parties: list[tuple[str, str]],
    *,
    kind: str = "acquisition",
    confidence: float = 0.8,
    amount: Amount | None = None,
    ids: dict[str, int] | None = None,
) -> DealSignal:
    ids = ids or {}
    return DealSignal(
        kind=kind,
        stage=stage,
        parties=tuple(Party(n, n.lower(), role, ids.get(n)) for n, role in parties),
        amount=amount,
        stake_pct=None,
        valuation=None,
        evidence=f"{parties[0][0]} is {stage} with {parties[-1][0]}.",
        confidence=confidence,
        attribution="company_statement",
        attributed_to="",
        headline=False,
    )


def _signals(*deals: DealSignal) -> Signals:
    names = []
    for deal in deals:
        names.extend(p.name for p in deal.parties if p.name not in names)
    return Signals(companies=tuple(_hit(n) for n in names), deals=deals)


ACME_BUYS_BETA = [("Acme", "acquirer"), ("Beta", "target")]


def test_no_match_makes_an_unconfirmed_deal_with_a_new_deal_flag_and_unverified_companies():
    article = _article(_source())
    amount = Amount(Decimal("200000000"), "USD", Decimal("200000000"))
    result = apply_signals(
        article=article, signals=_signals(_signal("in_talks", ACME_BUYS_BETA, amount=amount))
    )
    deal = Deal.objects.get()
    assert (deal.stage, deal.kind, deal.confirmed, deal.value) == (
        "in_talks",
        "acquisition",
        False,
        Decimal("200000000.00"),
    )
    assert deal.title == "Acme to acquire Beta"
    assert set(DealParty.objects.values_list("company__name", "role")) == {
        ("Acme", "acquirer"),
        ("Beta", "target"),
    }
    update = DealUpdate.objects.get()
    assert (update.type, update.proposed_stage, update.status) == (
        "new_deal",
        "in_talks",
        "pending",
    )
    assert update.evidence == "Acme is in_talks with Beta."
    assert set(Company.objects.values_list("name", "verified")) == {
        ("Acme", False),
        ("Beta", False),
    }
    assert set(CompanyAlias.objects.values_list("normalised", flat=True)) == {"acme", "beta"}
    assert Mention.objects.filter(article=article).count() == 2
    assert DealArticle.objects.filter(deal=deal, article=article).exists()
    assert DealEvent.objects.filter(deal=deal, type="created").count() == 1
    assert result.new_deal_ids == [deal.pk] and result.update_ids == [update.pk]


def test_running_it_twice_creates_nothing_twice():
    article = _article(_source())
    signals = _signals(_signal("in_talks", ACME_BUYS_BETA))
    apply_signals(article=article, signals=signals)
    counts = [
        m.objects.count() for m in (Deal, DealUpdate, Company, CompanyAlias, Mention, DealArticle)
    ]
    apply_signals(article=article, signals=signals)
    assert [
        m.objects.count() for m in (Deal, DealUpdate, Company, CompanyAlias, Mention, DealArticle)
    ] == counts


def test_a_rerun_after_the_new_deal_was_rejected_does_not_make_it_again(editor):
    from deals.services.stages import deal_update_reject

    article = _article(_source())
    signals = _signals(_signal("rumoured", ACME_BUYS_BETA))
    apply_signals(article=article, signals=signals)
    deal_update_reject(update=DealUpdate.objects.get(), actor=editor)
    apply_signals(article=article, signals=signals)
    assert Deal.objects.count() == 1 and DealUpdate.objects.count() == 1


def test_a_stage_move_on_a_matching_deal_is_a_pending_flag():
    source = _source()
    apply_signals(
        article=_article(source, 1), signals=_signals(_signal("in_talks", ACME_BUYS_BETA))
    )
    deal = Deal.objects.get()
    later = _article(source, 2)
    apply_signals(article=later, signals=_signals(_signal("agreed", ACME_BUYS_BETA)))
    flag = DealUpdate.objects.get(article=later)
    assert (flag.type, flag.current_stage, flag.proposed_stage) == ("stage", "in_talks", "agreed")
    deal.refresh_from_db()
    assert deal.stage == "in_talks"  # nothing applied until an editor accepts
    assert Deal.objects.count() == 1


def test_the_same_stage_only_adds_coverage_and_revives_a_stale_deal():
    source = _source()
    apply_signals(
        article=_article(source, 1), signals=_signals(_signal("in_talks", ACME_BUYS_BETA))
    )
    old = timezone.now() - timedelta(days=100)
    Deal.objects.update(is_stale=True, last_activity_at=old)
    later = _article(source, 2)
    apply_signals(article=later, signals=_signals(_signal("in_talks", ACME_BUYS_BETA)))
    deal = Deal.objects.get()
    assert not DealUpdate.objects.filter(article=later).exists()
    assert DealArticle.objects.filter(deal=deal).count() == 2
    assert not deal.is_stale and deal.last_activity_at > old


def test_symmetric_roles_match_in_either_order():
    source = _source()
    partners = [("Acme", "partner"), ("Beta", "partner")]
    apply_signals(
        article=_article(source, 1),
        signals=_signals(_signal("in_talks", partners, kind="partnership")),
    )
    apply_signals(
        article=_article(source, 2),
        signals=_signals(_signal("agreed", partners[::-1], kind="partnership")),
    )
    assert Deal.objects.count() == 1
    assert DealUpdate.objects.filter(type="stage", proposed_stage="agreed").count() == 1


def test_roles_on_opposite_sides_are_another_deal():
    source = _source()
    apply_signals(
        article=_article(source, 1), signals=_signals(_signal("in_talks", ACME_BUYS_BETA))
    )
    reverse = [("Beta", "acquirer"), ("Acme", "target")]
    apply_signals(article=_article(source, 2), signals=_signals(_signal("in_talks", reverse)))
    assert Deal.objects.count() == 2


def test_a_deal_outside_the_window_is_not_matched(settings):
    settings.DEAL_MATCH_WINDOW_DAYS = 30
    source = _source()
    apply_signals(
        article=_article(source, 1), signals=_signals(_signal("in_talks", ACME_BUYS_BETA))
    )
    Deal.objects.update(last_activity_at=timezone.now() - timedelta(days=60))
    apply_signals(article=_article(source, 2), signals=_signals(_signal("agreed", ACME_BUYS_BETA)))
    assert Deal.objects.count() == 2


def test_news_of_a_called_off_deal_in_talks_again_is_a_revival():
    source = _source()
    apply_signals(
        article=_article(source, 1), signals=_signals(_signal("in_talks", ACME_BUYS_BETA))
    )
    Deal.objects.update(stage="called_off")
    later = _article(source, 2)
    apply_signals(article=later, signals=_signals(_signal("in_talks", ACME_BUYS_BETA)))
    flag = DealUpdate.objects.get(article=later)
    assert (flag.type, flag.current_stage, flag.proposed_stage) == (
        "revival",
        "called_off",
        "in_talks",
    )


def test_a_backward_move_is_a_revival_never_auto_accepted():
    source = _source(credibility_tier=1, auto_accept=True)
    apply_signals(
        article=_article(source, 1),
        signals=_signals(_signal("agreed", ACME_BUYS_BETA, confidence=1)),
    )
    later = _article(source, 2)
    apply_signals(
        article=later, signals=_signals(_signal("rumoured", ACME_BUYS_BETA, confidence=1))
    )
    flag = DealUpdate.objects.get(article=later)
    assert (flag.type, flag.status) == ("revival", "pending")
    assert Deal.objects.get().stage == "agreed"


def test_a_trusted_source_with_auto_accept_moves_the_deal_as_the_system():
    source = _source(credibility_tier=1, auto_accept=True)
    apply_signals(
        article=_article(source, 1),
        signals=_signals(_signal("in_talks", ACME_BUYS_BETA, confidence=1)),
    )
    deal = Deal.objects.get()
    assert deal.confirmed  # the new-deal flag was accepted too
    later = _article(source, 2)
    result = apply_signals(
        article=later, signals=_signals(_signal("agreed", ACME_BUYS_BETA, confidence=1))
    )
    flag = DealUpdate.objects.get(article=later)
    assert flag.status == "accepted" and flag.reviewer is None
    assert result.auto_accepted_ids == [flag.pk]
    deal.refresh_from_db()
    assert deal.stage == "agreed"
    event = DealEvent.objects.get(deal=deal, type="stage", to_stage="agreed")
    assert event.actor is None and event.evidence == flag.evidence and event.article == later


@pytest.mark.parametrize(
    ("tier", "auto_accept", "confidence"), [(2, True, 1.0), (1, False, 1.0), (1, True, 0.5)]
)
def test_other_sources_and_weak_signals_wait_for_review(tier, auto_accept, confidence):
    source = _source(credibility_tier=tier, auto_accept=auto_accept)
    apply_signals(
        article=_article(source, 1),
        signals=_signals(_signal("in_talks", ACME_BUYS_BETA, confidence=confidence)),
    )
    assert DealUpdate.objects.get().status == "pending"
    assert not Deal.objects.get().confirmed


def test_flag_confidence_weighs_the_source():
    wire, blog = _source(credibility_tier=1), _source(credibility_tier=3)
    assert flag_confidence(0.9, wire) > flag_confidence(0.9, blog)
    assert 0 < flag_confidence(0.9, blog) < 0.9


def test_known_companies_are_used_by_id_and_by_alias_and_merges_are_followed():
    acme = Company.objects.create(name="Acme Corp", slug="acme-corp", verified=True)
    old_beta = Company.objects.create(name="Beta Old", slug="beta-old")
    beta = Company.objects.create(name="Beta Labs", slug="beta-labs", verified=True)
    CompanyAlias.objects.create(company=old_beta, alias="Beta")
    Company.objects.filter(pk=old_beta.pk).update(merged_into=beta)
    article = _article(_source())
    apply_signals(
        article=article,
        signals=_signals(_signal("agreed", ACME_BUYS_BETA, ids={"Acme": acme.pk})),
    )
    assert set(DealParty.objects.values_list("company_id", flat=True)) == {acme.pk, beta.pk}
    assert Company.objects.count() == 3
    assert set(Mention.objects.values_list("company_id", flat=True)) == {acme.pk, beta.pk}


def test_an_accepted_chain_of_flags_walks_the_deal_forward(editor):
    source = _source()
    for n, stage in enumerate(["rumoured", "in_talks", "agreed", "completed"], start=1):
        article = _article(source, n)
        apply_signals(article=article, signals=_signals(_signal(stage, ACME_BUYS_BETA)))
        for flag in DealUpdate.objects.filter(article=article, status="pending"):
            assert deal_update_accept(update=flag, actor=editor)
    deal = Deal.objects.get()
    assert deal.stage == "completed" and deal.confirmed
    assert DealUpdate.objects.filter(type="stage").count() == 3


def test_a_second_story_with_the_same_move_adds_coverage_not_another_flag():
    source = _source()
    apply_signals(
        article=_article(source, 1), signals=_signals(_signal("in_talks", ACME_BUYS_BETA))
    )
    for n in (2, 3):
        apply_signals(
            article=_article(source, n), signals=_signals(_signal("agreed", ACME_BUYS_BETA))
        )
    assert DealUpdate.objects.filter(proposed_stage="agreed").count() == 1
    assert DealArticle.objects.count() == 3


def test_signals_without_parties_we_can_name_change_nothing():
    article = _article(_source())
    signal = _signal("agreed", [("Acme", "adviser")])
    apply_signals(article=article, signals=Signals(companies=(), deals=(signal,)))
    assert Deal.objects.count() == 0 and DealUpdate.objects.count() == 0


def test_a_stale_dictionary_id_now_used_by_another_company_is_not_trusted():
    other = Company.objects.create(name="Contoso Robotics", slug="contoso-robotics")
    article = _article(_source())
    stale = _signal("agreed", ACME_BUYS_BETA, ids={"Acme": other.pk})
    apply_signals(article=article, signals=_signals(stale))
    acquirer = DealParty.objects.get(role="acquirer").company
    assert acquirer != other and acquirer.name == "Acme"
