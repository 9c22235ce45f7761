"""Review fixes to the learned re-scorer: its prior, its file, and train_analysis's refusal.

Every sentence is invented (invented companies); nothing here depends on a corpus.
"""

from __future__ import annotations

import io
import json
import logging
import os

import pytest

from articles.analysis import DealModel, analyse
from articles.analysis.model import FORMAT, active_model
from tests.articles.analysis_helpers import first_deal, m_and_a, roles

_BODY = "Harlow Pumps Inc agreed to buy Quillon Foods Ltd for 40 mln dlrs."


def _file(**changes) -> dict:
    data = {
        "format": FORMAT,
        "bias": 0.0,
        "prior_scale": 0.0,
        "threshold": 0.5,
        "trained_on": 40,
        "cv_f1": None,
        "cv_rules_f1": None,
        "weights": {"w=pumps": 0.1},
    }
    data.update(changes)
    return data


def _kinds(body: str) -> list[str]:
    return [d.kind for d in analyse("", body).deals]


@pytest.mark.parametrize(
    "changes",
    [
        {"bias": float("nan")},
        {"prior_scale": float("inf")},
        {"weights": {"w=pumps": float("-inf")}},
        {"threshold": float("nan")},
        {"threshold": 1.5},
        {"threshold": 0.0},
        {"threshold": -0.2},
    ],
)
def test_a_model_file_that_would_veto_or_pass_everything_is_refused(
    tmp_path, monkeypatch, caplog, changes
):
    # json reads NaN and Infinity; such a file used to load and then silently
    # reject every candidate (NaN compares false) or accept every one.
    path = tmp_path / "model.json"
    path.write_text(json.dumps(_file(**changes)))
    with pytest.raises(ValueError):
        DealModel.load(path)
    monkeypatch.setenv("ANALYSIS_MODEL_PATH", str(path))
    with caplog.at_level(logging.WARNING, logger="articles.analysis.model"):
        assert active_model() is None
    assert "shipped rules apply" in caplog.text
    assert _kinds(_BODY) == [d.kind for d in m_and_a("", _BODY)] == ["acquisition"]


def test_saving_a_model_with_a_non_finite_weight_fails_and_keeps_the_old_file(tmp_path):
    path = tmp_path / "model.json"
    DealModel(threshold=0.6).save(path)
    before = path.read_text()
    with pytest.raises(ValueError):
        DealModel(weights={"w=pumps": float("nan")}).save(path)
    assert path.read_text() == before
    assert DealModel.load(path).threshold == 0.6
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.json"]  # no temporary left


def test_a_replacement_with_the_same_modification_time_is_picked_up(tmp_path, monkeypatch):
    # A clock tick coarser than two saves, or a copy that keeps the time, used to
    # leave workers on the old model.
    path = tmp_path / "model.json"
    monkeypatch.setenv("ANALYSIS_MODEL_PATH", str(path))
    DealModel(threshold=0.01).save(path)
    stamp = path.stat().st_mtime_ns
    first = active_model()
    assert first is not None and first.threshold == 0.01
    DealModel(threshold=0.999).save(path)
    os.utime(path, ns=(stamp, stamp))
    assert path.stat().st_mtime_ns == stamp
    second = active_model()
    assert second is not None and second.threshold == 0.999
    assert _kinds(_BODY) == []


def _rare_word_weight(l2: float | None) -> float:
    """The weight of a word met in 3 of 200 decisions, every one of them rejected."""
    confidence = 0.7
    common = ["cue=acq_verb", "stage=agreed"]
    rows = []
    for i in range(200):
        rare = i % 67 == 0  # i = 0, 67, 134
        evidence = "Tamber Mills Corp agreed to buy Brimsby Cable Co" + (" zorbic" if rare else "")
        rows.append((common, evidence, confidence, not rare and i % 2 == 0))
    options = {} if l2 is None else {"l2": l2}
    model = DealModel.fit(rows, rate=0.5, epochs=30, **options)
    return model.weights.get("w=zorbic", 0.0)


def test_the_prior_holds_back_a_rare_word_as_much_as_a_common_one():
    # The prior's pull used to act only on the steps where a feature occurs, so a
    # word met 3 times in 200 decisions barely felt it (its weight with the default
    # prior was within a few per cent of its weight with none).
    loose, tight = _rare_word_weight(0.0), _rare_word_weight(None)
    assert loose < -0.5
    assert abs(tight) < 0.5 * abs(loose)


# --- train_analysis: the model it refuses to write -----------------------------------


def _decided(editor) -> None:
    from tests.deals import builders

    names = ("Harlow", "Quillon", "Brimsby", "Tamber", "Ostlund", "Marden", "Velk", "Corrin")
    for i in range(24):
        a, b = names[i % 8], names[(i + 3) % 8]
        text = f"{a} Pumps Inc agreed to buy {b} Foods Ltd for {10 + i} mln dlrs."
        (deal,) = analyse("", text, rules_only=True).deals
        builders.flag(
            builders.deal(f"{a} / {b} {i}"),
            article_=builders.article(f"Story {i}", body=text),
            evidence=deal.evidence,
            proposed_kind=deal.kind,
            to=deal.stage,
            status="accepted" if i % 2 else "rejected",
            reviewer=editor,
        )


def _fit_scoring(cv_f1: float, cv_rules_f1: float):
    real = DealModel.fit.__func__

    def fit(cls, examples, **kwargs):
        model = real(cls, examples, **kwargs)
        model.cv_f1, model.cv_rules_f1 = cv_f1, cv_rules_f1
        return model

    return classmethod(fit)


@pytest.mark.django_db
@pytest.mark.parametrize("earlier_model", [False, True])
def test_train_analysis_does_not_write_a_model_worse_than_the_rules(
    tmp_path, monkeypatch, settings, editor, earlier_model
):
    from django.core.management import call_command

    path = tmp_path / "analysis-model.json"
    settings.ANALYSIS_MODEL_PATH = path
    if earlier_model:
        DealModel(threshold=0.6).save(path)
    before = path.read_bytes() if earlier_model else None
    _decided(editor)
    monkeypatch.setattr(DealModel, "fit", _fit_scoring(0.70, 0.80))
    out, err = io.StringIO(), io.StringIO()
    call_command("train_analysis", stdout=out, stderr=err)
    assert "does worse than the rules" in err.getvalue()
    assert "0.700" in err.getvalue() and "0.800" in err.getvalue()
    assert "not written" in err.getvalue() and out.getvalue() == ""
    if earlier_model:
        # The refusal says which model the analysis goes on using, and leaves it as it was.
        assert f"the model already at {path} stays in use" in err.getvalue()
        assert path.read_bytes() == before
    else:
        assert "the shipped rules stay in use" in err.getvalue()
        assert not path.exists()


@pytest.mark.django_db
def test_train_analysis_writes_a_model_as_good_as_the_rules(
    tmp_path, monkeypatch, settings, editor
):
    from django.core.management import call_command

    path = tmp_path / "analysis-model.json"
    settings.ANALYSIS_MODEL_PATH = path
    _decided(editor)
    monkeypatch.setattr(DealModel, "fit", _fit_scoring(0.80, 0.80))
    out = io.StringIO()
    call_command("train_analysis", stdout=out, stderr=io.StringIO())
    assert "saved" in out.getvalue()
    assert DealModel.load(path).cv_f1 == 0.80


# --- rule-diff review: case and ticker slips ------------------------------------------


def test_a_bidder_with_a_ticker_before_its_possessive_still_bids():
    deal = first_deal(
        "Quillon Foods Corp turned down Harlow Pumps Inc <HPI>'s 31 dlr-per-share tender "
        "offer, calling it inadequate."
    )
    assert roles(deal) == {"acquirer": "Harlow Pumps Inc", "target": "Quillon Foods Corp"}


def test_a_caps_flash_seeking_a_buyer_names_what_is_for_sale():
    (deal,) = analyse("TARVEN MILLS <TVM> SEEKS BUYER FOR DORSET YARNS UNIT", "").deals
    assert deal.stage == "rumoured"
    assert roles(deal) == {"seller": "Tarven Mills", "target": "Dorset Yarns"}
