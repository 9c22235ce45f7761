"""train_analysis and the desk's decisions on low-confidence samples."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from articles.analysis import SAMPLE_FLOOR, DealModel, analyse, candidates_for, in_sample_band
from articles.analysis.model import SHIPPED_THRESHOLD
from deals.models import DealUpdate
from tests.deals import builders

pytestmark = pytest.mark.django_db

NAMES = (
    "Harlow", "Quillon", "Brimsby", "Tamber", "Ostlund", "Marden", "Velk", "Corrin",
    "Pellam", "Dunmore", "Askew", "Fenwright", "Garrow", "Hollin", "Ivesby", "Jessop",
)  # fmt: skip

# Invented wording. A results story whose deal sentence comes second: the rules score
# "agreed to buy ... for" there at 0.35 and "has acquired ... for" at 0.40, both below
# their threshold. The desk (in these tests) accepts the first and rejects the second.
_BAND = (
    "{a} Foods Inc said net profit rose 12 pct in the quarter on stronger sales. "
    "{a} Foods Inc {verb} {b} Bakeries Inc for {n} mln dlrs."
)
_REPORTED = "{a} Mills Corp agreed to buy {b} Cable Co for {n} mln dlrs."
_REPORTED_REJECTED = "{a} Freight Ltd agreed to buy {n} stores from {b} Paper Co."


def _decide(editor, title: str, body: str, *, accepted: bool, sample: bool) -> float:
    story = builders.article(title, body=body)
    [cand] = candidates_for(title, body)[0]
    builders.flag(
        builders.deal(f"{title} deal"),
        article_=story,
        evidence=cand.evidence,
        proposed_kind=cand.kind,
        to=cand.stage,
        status="accepted" if accepted else "rejected",
        reviewer=editor,
        is_sample=sample,
        sample_rate=0.05 if sample else None,
    )
    return cand.confidence


def _reported_decisions(editor, n: int = 24) -> None:
    for i in range(n):
        a, b = NAMES[i % 16], NAMES[(i + 5) % 16]
        rejected = i % 4 == 3
        body = (_REPORTED_REJECTED if rejected else _REPORTED).format(a=a, b=b, n=10 + i)
        conf = _decide(editor, f"Deal story {i}", body, accepted=not rejected, sample=False)
        assert conf >= SHIPPED_THRESHOLD


def _sample_decisions(editor, per_class: int) -> None:
    for i in range(2 * per_class):
        a, b = NAMES[(i + 2) % 16], NAMES[(i + 9) % 16]
        accepted = i % 2 == 0
        verb = "agreed to buy" if accepted else "has acquired"
        body = _BAND.format(a=a, b=b, verb=verb, n=20 + i)
        title = f"{a} Foods posts higher profit {i}"
        conf = _decide(editor, title, body, accepted=accepted, sample=True)
        assert in_sample_band(conf)


def _train(settings, tmp_path, name: str) -> tuple[str, DealModel | None]:
    path = tmp_path / name
    out, err = io.StringIO(), io.StringIO()
    call_command("train_analysis", output=str(path), stdout=out, stderr=err)
    model = DealModel.load(path) if path.exists() else None
    return out.getvalue() + err.getvalue(), model


def test_enough_sample_decisions_let_the_model_judge_the_band(settings, tmp_path, editor):
    _reported_decisions(editor)
    _sample_decisions(editor, per_class=12)
    said, model = _train(settings, tmp_path, "model.json")
    assert "24 decisions on low-confidence samples" in said
    assert f"it promotes a candidate from {SAMPLE_FLOOR}" in said
    assert model is not None and model.rule_floor == SAMPLE_FLOOR
    # What the desk accepted in the band is now reported; what it rejected is not.
    accepted = _BAND.format(a="Kellan", b="Lorrimer", verb="agreed to buy", n=55)
    rejected = _BAND.format(a="Kellan", b="Lorrimer", verb="has acquired", n=55)
    title = "Kellan Foods posts higher profit"
    assert analyse(title, accepted, rules_only=True).deals == ()
    [promoted] = analyse(title, accepted, model=model).deals
    assert promoted.confidence < SHIPPED_THRESHOLD  # never above the rules' own confidence
    assert analyse(title, rejected, model=model).deals == ()
    # A sample's decision stood for the 1/rate near misses it was drawn from.
    assert json.loads((tmp_path / "model.json").read_text())["rule_floor"] == SAMPLE_FLOOR


def test_too_few_sample_decisions_leave_the_model_as_it_was(settings, tmp_path, editor):
    _reported_decisions(editor)
    said_without, without = _train(settings, tmp_path, "without.json")
    _sample_decisions(editor, per_class=4)
    said, model = _train(settings, tmp_path, "with.json")
    assert "too few (needs 10 of each)" in said and "left out" in said
    assert without is not None and model is not None
    assert model.rule_floor == without.rule_floor == SHIPPED_THRESHOLD
    assert (tmp_path / "with.json").read_text() == (tmp_path / "without.json").read_text()
    assert "samples" not in said_without


def test_samples_the_rules_now_report_count_as_ordinary_decisions(settings, tmp_path, editor):
    """A sample whose sentence the rules now score above the threshold is a plain label."""
    _reported_decisions(editor, n=20)
    body = _REPORTED.format(a="Pellam", b="Dunmore", n=70)
    _decide(editor, "Reported story", body, accepted=True, sample=True)
    assert DealUpdate.objects.filter(is_sample=True).count() == 1
    said, _ = _train(settings, tmp_path, "model.json")
    assert "1 decisions on low-confidence samples, 0 accepted and 0 rejected" in said
    assert "fitted on 21 decisions (16 accepted, 5 rejected)" in said


def test_a_model_promotes_below_the_threshold_only_with_a_band_threshold(tmp_path):
    title = "Kellan Foods posts higher profit"
    body = _BAND.format(a="Kellan", b="Lorrimer", verb="agreed to buy", n=55)
    eager = DealModel(bias=5.0, rule_floor=SAMPLE_FLOOR)  # accepts anything it judges
    assert analyse(title, body, model=eager).deals == ()  # no band threshold: judges none
    eager.band_threshold = 0.6
    [promoted] = analyse(title, body, model=eager).deals
    assert promoted.confidence == analyse(title, body, near_misses=True).near_misses[0].confidence
    path = tmp_path / "model.json"
    eager.save(path)
    loaded = DealModel.load(path)
    assert (loaded.rule_floor, loaded.band_threshold) == (SAMPLE_FLOOR, 0.6)
    # A model fitted before sampling existed reads as one that promotes nothing.
    DealModel(bias=5.0).save(path)
    assert "rule_floor" not in path.read_text() and "band_threshold" not in path.read_text()
    assert analyse(title, body, model=DealModel.load(path)).deals == ()


def test_a_model_file_with_a_floor_above_the_threshold_is_refused(tmp_path):
    path = tmp_path / "model.json"
    DealModel(rule_floor=SAMPLE_FLOOR).save(path)
    path.write_text(path.read_text().replace('"rule_floor": 0.35', '"rule_floor": 0.6'))
    with pytest.raises(ValueError, match="rule_floor"):
        DealModel.load(path)
