"""The learned re-scorer: it starts from the rules and only moves where the desk's decisions say so.

Every sentence here is invented (invented companies), and the assertions are
about behaviour, not about figures on any corpus.
"""

from __future__ import annotations

import io
import itertools
import json
import logging

import pytest

from articles.analysis import DealModel, analyse, candidates_for
from articles.analysis.model import (
    FORMAT,
    SHIPPED_THRESHOLD,
    _best_threshold,
    active_model,
    rule_prior,
)

_FIRST = (
    "Harlow",
    "Quillon",
    "Brimsby",
    "Tamber",
    "Ostlund",
    "Marden",
    "Velk",
    "Corrin",
    "Dunmere",
)
_SECOND = ("Pumps", "Foods", "Mills", "Cable", "Freight", "Paper", "Optics", "Brewing")
_SUFFIX = ("Inc", "Ltd", "Corp", "Co")


def _names():
    for suffix, second, first in itertools.product(_SUFFIX, _SECOND, _FIRST):
        yield f"{first} {second} {suffix}"


def _pairs(n: int, skip: int = 0) -> list[tuple[str, str]]:
    names = list(itertools.islice(_names(), skip, skip + 2 * n))
    return list(zip(names[::2], names[1::2], strict=True))


def _company_purchase(buyer: str, target: str, i: int) -> str:
    return f"{buyer} agreed to buy {target} for {10 + i} mln dlrs."


def _store_purchase(buyer: str, seller: str, i: int) -> str:
    return f"{buyer} agreed to buy {3 + i} stores from {seller}."


# Stories the rules judge differently: reported, and proposed but below the threshold.
_STORIES = (
    ("", "Harlow Pumps Inc agreed to buy Quillon Foods Ltd for 40 mln dlrs."),
    ("", "Harlow Pumps Inc is considering a bid for Quillon Foods Ltd."),
    ("", "Brimsby Mills Corp will partner with Tamber Cable Co."),
    ("Harlow Pumps rated AA by agency", "Harlow Pumps Inc agreed to buy Quillon Foods Ltd."),
    (
        "Tamber Mills sees higher sales",
        "Tamber Mills Corp said it may sell its Ostlund Paper Co unit.",
    ),
    (
        "Quillon Foods profit rises",
        "Quillon Foods Ltd said quarterly profit rose 12 pct. "
        "Quillon Foods Ltd bought Marden Cold Storage Inc in 1985.",
    ),
)


def _decisions(texts_and_labels) -> list[tuple[list[str], str, float, bool]]:
    """Decisions on the candidates the rules report, as a desk would make them."""
    out = []
    for text, accepted in texts_and_labels:
        cands, _, _ = candidates_for("", text)
        for c in cands:
            if c.confidence >= SHIPPED_THRESHOLD:
                out.append((c.features, c.evidence, c.confidence, accepted))
    return out


def _reported(title: str, body: str, **kwargs) -> list[tuple[str, str]]:
    return [(d.kind, d.evidence) for d in analyse(title, body, **kwargs).deals]


def _stores_rejected_companies_accepted(n: int) -> list[tuple[list[str], str, float, bool]]:
    accepted = [(_company_purchase(a, b, i), True) for i, (a, b) in enumerate(_pairs(n))]
    rejected = [(_store_purchase(a, b, i), False) for i, (a, b) in enumerate(_pairs(n, 2 * n))]
    return _decisions(itertools.chain.from_iterable(zip(accepted, rejected, strict=True)))


def test_rule_prior_is_non_negative_exactly_when_the_rules_report():
    assert rule_prior(SHIPPED_THRESHOLD) == 0.0
    assert rule_prior(0.44999999999999996) < 0.0
    assert rule_prior(0.9) > rule_prior(0.6) > 0 > rule_prior(0.3) > rule_prior(-0.2)


@pytest.mark.parametrize("title,body", _STORIES)
def test_with_no_decisions_the_model_reports_what_the_rules_report(title, body):
    untrained = DealModel.fit([])
    assert untrained.threshold == 0.5 and not untrained.weights
    assert _reported(title, body, model=untrained) == _reported(title, body, rules_only=True)


@pytest.mark.parametrize("title,body", _STORIES)
def test_with_a_handful_of_decisions_the_model_still_follows_the_rules(title, body):
    few = _decisions(
        [(_company_purchase(a, b, i), True) for i, (a, b) in enumerate(_pairs(4))]
        + [(_store_purchase(a, b, i), False) for i, (a, b) in enumerate(_pairs(2, 20))]
    )
    model = DealModel.fit(few)
    assert model.threshold == 0.5 and model.cv_f1 is None
    assert _reported(title, body, model=model) == _reported(title, body, rules_only=True)


def test_decisions_that_keep_rejecting_a_pattern_teach_it_to_reject_that_pattern():
    model = DealModel.fit(_stores_rejected_companies_accepted(40))
    stores = "Corrin Brewing Ltd agreed to buy 17 stores from Dunmere Optics Co."
    company = "Corrin Brewing Ltd agreed to buy Dunmere Optics Co for 75 mln dlrs."
    assert [k for k, _ in _reported("", stores, rules_only=True)] == ["acquisition"]
    assert _reported("", stores, model=model) == []
    assert [k for k, _ in _reported("", company, model=model)] == ["acquisition"]


def test_a_candidate_the_rules_do_not_report_is_never_promoted():
    # Every decision accepted: the model leans towards accepting, yet it only
    # judges what the rules report, since no decision was ever made on the rest.
    model = DealModel.fit(
        _decisions([(_company_purchase(a, b, i), True) for i, (a, b) in enumerate(_pairs(30))])
    )
    for title, body in _STORIES:
        reported_by_rules = _reported(title, body, rules_only=True)
        assert set(_reported(title, body, model=model)) <= set(reported_by_rules)


def test_the_threshold_comes_from_cross_validation_and_travels_in_the_file(tmp_path):
    model = DealModel.fit(_stores_rejected_companies_accepted(40))
    assert model.cv_f1 is not None and model.cv_rules_f1 is not None
    assert model.cv_f1 >= model.cv_rules_f1
    path = tmp_path / "model.json"
    model.threshold = 0.61
    model.save(path)
    loaded = DealModel.load(path)
    assert json.loads(path.read_text())["format"] == FORMAT
    assert loaded.threshold == 0.61 and loaded.weights == model.weights
    assert loaded.cv_f1 == model.cv_f1


def test_the_threshold_is_the_one_that_separates_held_out_decisions_best():
    # Rejections scored up to 0.66, acceptances from 0.74: any cut in between is perfect,
    # and of those the one nearest 0.5 is taken; a cut at 0.5 would accept every rejection.
    scored = [(0.3, False), (0.6, False), (0.66, False), (0.74, True), (0.9, True)]
    threshold, f1 = _best_threshold(scored)
    assert threshold == 0.68 and f1 == 1.0
    # Overlapping scores: the best cut still beats accepting everything.
    mixed = [(0.55, False), (0.58, True), (0.62, False), (0.7, True), (0.8, True)]
    threshold, f1 = _best_threshold(mixed)
    assert 0.56 <= threshold <= 0.58 and f1 > 2 * 3 / (2 * 3 + 2)


def test_analyse_applies_the_models_threshold():
    text = "Harlow Pumps Inc agreed to buy Quillon Foods Ltd for 40 mln dlrs."
    strict, lenient = DealModel(threshold=0.999), DealModel(threshold=0.01)
    assert _reported("", text, model=strict) == []
    assert _reported("", text, model=lenient) == _reported("", text, rules_only=True)


def test_a_model_file_of_the_old_format_is_refused_and_the_rules_apply(
    tmp_path, monkeypatch, caplog
):
    path = tmp_path / "old.json"
    old = {"format": "dealdesk-analysis-logreg/1", "bias": 5.0, "threshold": 0.5, "weights": {}}
    path.write_text(json.dumps(old))
    with pytest.raises(ValueError, match="train_analysis"):
        DealModel.load(path)
    monkeypatch.setenv("ANALYSIS_MODEL_PATH", str(path))
    with caplog.at_level(logging.WARNING, logger="articles.analysis.model"):
        assert active_model() is None
    assert "train_analysis" in caplog.text
    body = "Tamber Mills Corp said it may sell its Ostlund Paper Co unit."
    assert _reported("", body) == _reported("", body, rules_only=True)


# --- manage.py train_analysis on the database ------------------------------------------


def _decided_flags(pairs, make_text, status: str, reviewer) -> None:
    from tests.deals import builders

    for i, (a, b) in enumerate(pairs):
        text = make_text(a, b, i)
        (cand,) = [c for c in candidates_for("", text)[0] if c.confidence >= SHIPPED_THRESHOLD]
        story = builders.article(f"Story {a}", body=text)
        builders.flag(
            builders.deal(f"{a} / {b}"),
            article_=story,
            evidence=cand.evidence,
            proposed_kind=cand.kind,
            to=cand.stage,
            status=status,
            reviewer=reviewer,
        )


@pytest.mark.django_db
def test_train_analysis_writes_a_model_that_analyse_then_uses(
    tmp_path, monkeypatch, settings, editor
):
    from django.core.management import call_command

    path = tmp_path / "analysis-model.json"
    settings.ANALYSIS_MODEL_PATH = path
    monkeypatch.setenv("ANALYSIS_MODEL_PATH", str(path))
    _decided_flags(_pairs(30), _company_purchase, "accepted", editor)
    _decided_flags(_pairs(30, 60), _store_purchase, "rejected", editor)
    _decided_flags(_pairs(10, 120), _store_purchase, "accepted", None)  # auto-accepted
    out = io.StringIO()
    call_command("train_analysis", stdout=out)
    said = out.getvalue()
    assert "60 decisions (30 accepted, 30 rejected)" in said
    assert "threshold" in said and "cross-validated" in said
    assert path.exists() and DealModel.load(path).trained_on == 60

    stores = "Corrin Brewing Ltd agreed to buy 17 stores from Dunmere Optics Co."
    company = "Corrin Brewing Ltd agreed to buy Dunmere Optics Co for 75 mln dlrs."
    assert _reported("", stores) == []  # the file is picked up without being passed
    assert [k for k, _ in _reported("", company)] == ["acquisition"]

    call_command("train_analysis", "--remove", stdout=io.StringIO())
    assert [k for k, _ in _reported("", stores)] == ["acquisition"]


@pytest.mark.django_db
def test_train_analysis_refuses_too_few_decisions_and_keeps_the_rules(tmp_path, settings, editor):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = tmp_path / "analysis-model.json"
    settings.ANALYSIS_MODEL_PATH = path
    _decided_flags(_pairs(5), _company_purchase, "accepted", editor)
    _decided_flags(_pairs(2, 20), _store_purchase, "rejected", editor)
    with pytest.raises(CommandError, match="7 usable decisions"):
        call_command("train_analysis", stdout=io.StringIO())
    assert not path.exists()


@pytest.mark.django_db
def test_train_analysis_warns_when_rejections_are_too_few_to_cross_validate(
    tmp_path, settings, editor
):
    from django.core.management import call_command

    path = tmp_path / "analysis-model.json"
    settings.ANALYSIS_MODEL_PATH = path
    _decided_flags(_pairs(25), _company_purchase, "accepted", editor)
    _decided_flags(_pairs(4, 50), _store_purchase, "rejected", editor)
    out, err = io.StringIO(), io.StringIO()
    call_command("train_analysis", stdout=out, stderr=err)
    assert "too few to cross-validate" in err.getvalue()
    assert "threshold 0.50" in out.getvalue()
    assert DealModel.load(path).threshold == 0.5
