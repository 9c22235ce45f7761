"""The learned re-scorer reports what it would do on stories it never saw, and never outbids the rules.

Every sentence and company here is invented; the assertions are about
behaviour (which decisions stay together, what is claimed, what is
auto-accepted), not about figures on any corpus.
"""

from __future__ import annotations

import io
import random
import string

import pytest

from articles.analysis import DealModel, analyse, candidates_for
from articles.analysis.model import SHIPPED_THRESHOLD, _cv_folds, _sigmoid, rule_prior
from articles.management.commands.train_analysis import Decision, story_groups


def _word(i: int) -> str:
    """An invented word per number, so each story can carry its own vocabulary."""
    letters = ""
    for _ in range(3):
        letters += string.ascii_lowercase[i % 26]
        i //= 26
    return "zq" + letters


def _stories_with_their_own_words(seed: int, stories: int = 60, per_story: int = 4):
    """Several flags per story, all decided alike, sharing a word no other story uses.

    The verdict is a coin toss per story: nothing carries over to a new story,
    but a flag's siblings give its verdict away.
    """
    rng = random.Random(seed)
    examples, groups = [], []
    for s in range(stories):
        accepted = rng.random() < 0.5
        for k in range(per_story):
            evidence = (
                f"The {_word(s)} group agreed to buy a {_word(1000 + s * per_story + k)} unit."
            )
            examples.append((["cue=acq", "stage=agreed"], evidence, 0.8, accepted))
            groups.append(s)
    return examples, groups


_PLACES = [
    "amber",
    "birch",
    "cedar",
    "delta",
    "ember",
    "fjord",
    "grove",
    "heath",
    "inlet",
    "juniper",
    "kestrel",
    "larch",
    "moor",
    "nettle",
    "osier",
    "pine",
]


def _decisions_without_signal(seed: int, n: int = 120):
    """Words and rule confidences that say nothing about the verdict, drawn at random."""
    rng = random.Random(seed)
    return [
        (
            ["cue=acq"],
            f"Harlow {' '.join(rng.sample(_PLACES, 3))} agreed to buy Quillon.",
            rng.choice((0.6, 0.7, 0.8, 0.9)),
            rng.random() < 0.6,
        )
        for _ in range(n)
    ]


# --- cross-validation by story ---------------------------------------------------------


def test_folds_never_split_the_decisions_of_one_story():
    rows = [([], 0.0, float(i % 2)) for i in range(40)]
    keys = [i // 4 if i < 24 else 100 + i for i in range(40)]  # six stories of four, then singles
    folds = _cv_folds(rows, keys)
    assert folds is not None and len(folds) == 5
    assert sorted(i for fold in folds for i in fold) == list(range(40))
    for story in range(6):
        holding = [k for k, fold in enumerate(folds) if any(keys[i] == story for i in fold)]
        assert len(holding) == 1
    assert max(map(len, folds)) - min(map(len, folds)) <= 4  # no fold much larger than another


def test_decisions_on_a_single_story_are_not_cross_validated():
    rows = [([], 0.0, float(i % 2)) for i in range(40)]
    assert _cv_folds(rows, ["one story"] * 40) is None
    with pytest.raises(ValueError, match="groups"):
        DealModel.fit([(["cue=acq"], "Harlow agreed to buy Quillon.", 0.8, True)], groups=[1, 2])


@pytest.mark.parametrize("seed", range(3))
def test_a_story_seen_in_training_does_not_count_as_a_success_on_unseen_stories(seed):
    examples, groups = _stories_with_their_own_words(seed)
    # Split by flag, the siblings in the training folds give every held-out verdict away.
    leaky = DealModel.fit(examples)
    assert leaky.cv_f1 > leaky.cv_rules_f1 + 0.2
    # Split by story, nothing carries over, and the model is not claimed to beat the rules.
    honest = DealModel.fit(examples, groups=groups)
    assert honest.cv_f1 is not None and honest.cv_f1 <= honest.cv_rules_f1


def test_a_model_with_nothing_to_learn_is_not_reported_better_than_the_rules():
    # Picking the threshold on the held-out scores it is then measured on finds a cut
    # that happens to beat accepting everything; judged at thresholds picked without
    # them, held-out decisions show no such gain on average.
    gains = []
    for seed in range(10):
        model = DealModel.fit(_decisions_without_signal(seed))
        gains.append(model.cv_f1 - model.cv_rules_f1)
    assert sum(gains) < 0


def test_a_deal_flagged_from_several_articles_joins_them_into_one_story():
    def decision(article_id: int, deal_id: int) -> Decision:
        return Decision(([], "", 0.8, True), article_id, deal_id)

    groups = story_groups(
        [decision(1, 10), decision(1, 11), decision(2, 11), decision(3, 12), decision(4, 13)]
    )
    assert groups[0] == groups[1] == groups[2]  # article 1's flags, and article 2 via deal 11
    assert len({groups[0], groups[3], groups[4]}) == 3


_TWO_DEALS = (
    "{a} Pumps Inc agreed to buy {b} Foods Ltd for {n} mln dlrs. "
    "Separately, {b} Mills Corp agreed to buy {n} stores from {a} Cable Co."
)


@pytest.mark.django_db
def test_train_analysis_keeps_the_flags_of_one_article_in_one_fold(
    tmp_path, monkeypatch, settings, editor
):
    from django.core.management import call_command

    from tests.deals import builders

    settings.ANALYSIS_MODEL_PATH = tmp_path / "analysis-model.json"
    names = ("Harlow", "Quillon", "Brimsby", "Tamber", "Ostlund", "Marden", "Velk", "Corrin")
    article_of_flag = []
    for i in range(12):
        a, b = names[i % 8], names[(i + 3) % 8]
        text = _TWO_DEALS.format(a=a, b=b, n=10 + i)
        story = builders.article(f"Story {i}", body=text)
        for cand in candidates_for("", text)[0]:
            builders.flag(
                builders.deal(f"{cand.evidence[:30]} {i}"),
                article_=story,
                evidence=cand.evidence,
                proposed_kind=cand.kind,
                to=cand.stage,
                status="accepted" if "stores" not in cand.evidence else "rejected",
                reviewer=editor,
            )
            article_of_flag.append(story.pk)
    seen = {}
    real = DealModel.fit.__func__

    def fit(cls, examples, **kwargs):
        seen.update(kwargs)
        return real(cls, examples, **kwargs)

    monkeypatch.setattr(DealModel, "fit", classmethod(fit))
    call_command("train_analysis", stdout=io.StringIO(), stderr=io.StringIO())
    groups = seen["groups"]
    assert len(groups) == len(article_of_flag) == 24
    # Decisions come in article order: the two flags of an article share a group, no more.
    for i in range(0, 24, 2):
        assert article_of_flag[i] == article_of_flag[i + 1] and groups[i] == groups[i + 1]
    assert len(set(groups)) == 12


# --- the confidence a flag carries with a model ----------------------------------------

_MAY_BUY = "Harlow Pumps Inc said it may acquire Quillon Foods Ltd."
_AGREED = "Brimsby Mills Corp agreed to buy Tamber Cable Co for 40 mln dlrs."
_STORES = "Velk Freight Ltd agreed to buy 17 stores from Corrin Paper Co."


def _confidences(body: str, **kwargs) -> list[float]:
    return [d.confidence for d in analyse("", body, **kwargs).deals]


def test_an_untrained_model_reports_the_rules_confidence():
    for body in (_MAY_BUY, _AGREED, _STORES):
        assert _confidences(body, model=DealModel()) == _confidences(body, rules_only=True)
    model = DealModel(threshold=0.62)
    assert model.rule_scale(0.62) == pytest.approx(SHIPPED_THRESHOLD)
    assert model.rule_scale(0.7) > SHIPPED_THRESHOLD > model.rule_scale(0.5)
    for c in (0.5, 0.7, 0.9):
        assert DealModel().rule_scale(_sigmoid(rule_prior(c))) == pytest.approx(c)


def test_a_model_that_accepts_everything_never_raises_a_flags_confidence():
    eager = DealModel(bias=6.0)  # an editor who accepted every flag: probability near 1
    assert eager.score([], _MAY_BUY, 0.8) > 0.99
    for body in (_MAY_BUY, _AGREED, _STORES):
        assert _confidences(body, model=eager) == _confidences(body, rules_only=True)


def test_a_pattern_the_desk_rejects_loses_confidence_before_it_is_vetoed():
    doubtful = DealModel(weights={"w=stores": -1.5})
    (rules,) = _confidences(_STORES, rules_only=True)
    (lowered,) = _confidences(_STORES, model=doubtful)
    assert SHIPPED_THRESHOLD <= lowered < rules
    assert _confidences(_AGREED, model=doubtful) == _confidences(_AGREED, rules_only=True)


@pytest.mark.django_db
@pytest.mark.parametrize(("body", "auto_accepted"), [(_MAY_BUY, False), (_AGREED, True)])
def test_a_model_does_not_widen_what_a_wire_source_auto_accepts(body, auto_accepted):
    from deals.models import DealUpdate
    from deals.services import apply_signals
    from tests.deals import builders

    wire = builders.source(credibility_tier=1, auto_accept=True)
    story = builders.article("Wire story", src=wire, body=body)
    rules = analyse("", body, rules_only=True)
    with_model = analyse("", body, model=DealModel(bias=6.0))
    assert [d.confidence for d in with_model.deals] == [d.confidence for d in rules.deals]
    result = apply_signals(article=story, signals=with_model)
    (flag,) = DealUpdate.objects.filter(article=story)
    assert (flag.status == "accepted") is auto_accepted
    assert bool(result.auto_accepted_ids) is auto_accepted
