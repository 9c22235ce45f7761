"""The learned part: a logistic regression that corrects the rules with the desk's decisions.

The rules propose deal candidates with a confidence, features (which cue,
which stage words, both sides found, an amount, headline or body) and an
evidence sentence. The desk's accept/reject decisions on flags are labels for
exactly those candidates. The model keeps the rules' judgement as its prior:
the log-odds of the rule confidence, centred on the shipped threshold, is an
offset, and the weights over features and the sentence's words only learn
corrections to it. So with no or few decisions it reproduces the rules, and a
word or cue the desk keeps rejecting pulls its candidates down.

What generalises beyond the decisions it saw (measured on held-out stories):
weights kept near zero by a Gaussian prior whose pull fades as decisions
accumulate, features seen in fewer than `MIN_FEATURE_COUNT` decisions dropped,
weights averaged over epochs, and a decision threshold picked by
cross-validation inside the decisions, stored in the file. The folds keep the
decisions on one story together (its flags share sentences and a verdict, so
splitting them would let the model be tested on what it learned from), and the
F1 reported for the model is nested: each held-out fold is judged at a
threshold picked without it, so it is a fair comparison with the rules.
A flag the model accepts carries a confidence on the rules' scale, never above
the rules' own (`flag_confidence`), since the desk's auto-accept was set there.
Pure Python, a JSON file, no dependency; nothing trained ships with the code.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import os
import random
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

# The same variables newsroom/settings.py reads, so the package (which never
# imports Django) and the management commands agree on one file.
MODEL_ENV = "ANALYSIS_MODEL_PATH"
VAR_ENV = "DEALDESK_VAR_DIR"
_DEFAULT_VAR = Path(__file__).resolve().parents[2] / "var"
_WORD = re.compile(r"[a-z][a-z'-]+")

FORMAT = "dealdesk-analysis-logreg/2"
_OLD_FORMATS = ("dealdesk-analysis-logreg/1",)
# The rules report a candidate at this confidence; the model's prior is centred here.
SHIPPED_THRESHOLD = 0.45
MIN_FEATURE_COUNT = 3
# Cross-validation picks a threshold only with this many decisions of each kind;
# below that the threshold stays at 0.5, where an untrained model agrees with the rules.
MIN_PER_CLASS_FOR_CV = 10
CV_FOLDS = 5
# A threshold for the band below the rules' needs this many held-out band decisions above it.
MIN_BAND_PROMOTED = 5
_THRESHOLDS = tuple(t / 100 for t in range(20, 81, 2))

# (rule features, evidence sentence, rule confidence, accepted?)
Example = tuple[Sequence[str], str, float, bool]
# (held-out probability, accepted?, how many candidates the decision stands for)
Scored = tuple[float, bool, float]


def sentence_features(features: Sequence[str], evidence: str) -> list[str]:
    """Rule features plus the evidence sentence's words and word pairs, each once."""
    words = _WORD.findall(evidence.lower())
    out = list(dict.fromkeys(features))
    out.extend(dict.fromkeys(f"w={w}" for w in words))
    out.extend(dict.fromkeys(f"b={a}_{b}" for a, b in itertools.pairwise(words)))
    return out


def rule_prior(confidence: float) -> float:
    """The rules' judgement as log-odds: >= 0 exactly when the rules report the candidate.

    Rule confidences are sums of adjustments, so 0.45 may arrive as
    0.44999999999999996; the sign follows the rules' own comparison, not the
    rounding of the logarithm.
    """
    p = min(0.99, max(0.01, confidence))
    z = math.log(p / (1 - p)) - math.log(SHIPPED_THRESHOLD / (1 - SHIPPED_THRESHOLD))
    return max(z, 0.0) if confidence >= SHIPPED_THRESHOLD else min(z, -1e-9)


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


@dataclass(slots=True)
class DealModel:
    """Corrections to the rules' log-odds: a bias, a scale on the prior, sparse weights.

    The untrained model (all zero, threshold 0.5) accepts exactly what the
    rules accept.
    """

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    prior_scale: float = 0.0
    threshold: float = 0.5
    trained_on: int = 0
    cv_f1: float | None = None
    cv_rules_f1: float | None = None
    # The lowest rule confidence the model judges: the shipped threshold, unless
    # `train_analysis` had enough decisions on low-confidence samples to lower it.
    rule_floor: float = SHIPPED_THRESHOLD
    # The probability a candidate below the shipped threshold needs (None: the model
    # promotes none): set by `fit(..., band=True)`.
    band_threshold: float | None = None

    def threshold_for(self, confidence: float) -> float | None:
        """The probability a candidate with this rule confidence needs to be reported."""
        return self.threshold if confidence >= SHIPPED_THRESHOLD else self.band_threshold

    def log_odds(self, feats: Iterable[str], prior: float) -> float:
        z = self.bias + (1.0 + self.prior_scale) * prior
        weights = self.weights
        for f in feats:
            z += weights.get(f, 0.0)
        return z

    def score(self, features: Sequence[str], evidence: str, confidence: float) -> float:
        """Probability that the desk accepts this candidate."""
        return _sigmoid(
            self.log_odds(sentence_features(features, evidence), rule_prior(confidence))
        )

    def rule_scale(self, probability: float) -> float:
        """`probability` on the rules' confidence scale: the model's threshold lands on theirs.

        A shift of log-odds, so the order is the model's and a probability at
        `threshold` reads `SHIPPED_THRESHOLD`; the untrained model gives back
        the rule confidence itself.
        """
        p = min(1 - 1e-12, max(1e-12, probability))
        t = self.threshold
        return _sigmoid(_logit(p) - _logit(t) + _logit(SHIPPED_THRESHOLD))

    def flag_confidence(self, probability: float, rule_confidence: float) -> float:
        """The confidence a candidate the model accepts is reported at: it never exceeds the rules'.

        The desk's 0.75 auto-accept (deals.services.signals), which puts a flag
        on the board without an editor, was set on the rules' scale. The
        model's probability is the chance an editor accepts a flag the rules
        reported, and on desks that accept most flags it sits near 1 for
        nearly all of them: taken as the confidence it auto-accepted over
        twice the flags at a lower precision (measured on held-out Reuters
        stories), and even moved onto the rules' scale it lifted more than it
        should. So the model may lower a confidence (a pattern the desk
        rejects), and the rules keep the last word on how high it goes.
        """
        return min(rule_confidence, self.rule_scale(probability))

    @classmethod
    def fit(
        cls,
        examples: Sequence[Example],
        *,
        groups: Sequence[Hashable] | None = None,
        weights: Sequence[float] | None = None,
        band: bool = False,
        epochs: int | None = None,
        rate: float = 0.1,
        l2: float = 3.0,
        min_count: int = MIN_FEATURE_COUNT,
        seed: int = 13,
    ) -> DealModel:
        """Fit on the desk's decisions; pick the threshold by cross-validation when there are enough.

        `groups` names each decision's story (an article, or the articles of
        one deal): the decisions of one group are never split between folds.
        Without it every decision is its own group. `l2` is the precision of
        the Gaussian prior on every correction, over the whole set (not per
        example), so its pull fades as decisions accumulate. `weights` say how many
        candidates each decision stands for when the F1s and the threshold are
        measured: a decision on a low-confidence sample drawn at rate r stands for
        1/r candidates of its band (the desk sees every reported one), so the
        threshold is picked for the stream of candidates, not for the queue.

        With `band`, decisions on candidates below the shipped threshold (the
        desk's low-confidence samples) get a threshold of their own,
        `band_threshold`: the lowest at which held-out band decisions were
        accepted at least as often as the flags the rules report (and at least
        `MIN_BAND_PROMOTED` of them passed), so that what the model promotes is
        no worse than what the desk already sees; None when no threshold does
        that. The reported decisions' threshold is then picked on them alone.
        """
        rows = [
            (sentence_features(f, e), rule_prior(c), 1.0 if y else 0.0) for f, e, c, y in examples
        ]
        keys: Sequence[Hashable] = range(len(rows)) if groups is None else groups
        if len(keys) != len(rows):
            raise ValueError(f"{len(keys)} groups for {len(rows)} decisions")
        weight: Sequence[float] = [1.0] * len(rows) if weights is None else weights
        if len(weight) != len(rows):
            raise ValueError(f"{len(weight)} weights for {len(rows)} decisions")
        if epochs is None:
            # SGD needs fewer passes over more decisions: about 20,000 steps, 3 to 10 passes.
            epochs = max(3, min(10, 20_000 // max(1, len(rows))))
        options = {"epochs": epochs, "rate": rate, "l2": l2, "min_count": min_count, "seed": seed}
        model = _fit(rows, **options)
        folds = _cv_folds(rows, keys)
        if folds is None:
            return model
        # Outer folds: every decision is scored by a model that did not see its story, and
        # judged at a threshold picked (by inner folds) without its fold, so the F1 over
        # them is what the threshold-picking procedure achieves on decisions it never saw.
        held_out: list[Scored] = []
        in_band: list[bool] = []
        judged: list[Scored] = []
        for test in folds:
            seen = set(test)
            train = [i for i in range(len(rows)) if i not in seen]
            fold = _fit([rows[i] for i in train], **options)
            inner, inner_band = _cv_threshold(
                [rows[i] for i in train],
                [keys[i] for i in train],
                [weight[i] for i in train],
                options,
                band,
            )
            for i in test:
                feats, z0, y = rows[i]
                p = _sigmoid(fold.log_odds(feats, z0))
                below = band and z0 < 0
                held_out.append((p, y == 1.0, weight[i]))
                in_band.append(below)
                needed = inner_band if below else inner
                passed = needed is not None and p >= needed
                judged.append((1.0 if passed else 0.0, y == 1.0, weight[i]))
        # The stored threshold is the one that did best on all held-out scores; its own
        # F1 there is optimistic (picked on what it is measured on), so it is not reported.
        model.threshold, model.band_threshold = _pick_thresholds(held_out, in_band)
        model.cv_f1 = _f1(judged, 0.5)
        model.cv_rules_f1 = _f1(
            [
                (1.0 if z0 >= 0 else 0.0, y == 1.0, w)
                for (_, z0, y), w in zip(rows, weight, strict=True)
            ],
            0.5,
        )
        return model

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": FORMAT,
            "bias": self.bias,
            "prior_scale": self.prior_scale,
            "threshold": self.threshold,
            "trained_on": self.trained_on,
            "cv_f1": self.cv_f1,
            "cv_rules_f1": self.cv_rules_f1,
            "weights": self.weights,
        }
        if self.rule_floor != SHIPPED_THRESHOLD:
            data["rule_floor"] = self.rule_floor
        if self.band_threshold is not None:
            data["band_threshold"] = self.band_threshold
        # A name of this process's own, so two trainers never write into one file;
        # the rename makes the new model appear whole to the workers reading it.
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps(data, sort_keys=True, allow_nan=False))
            tmp.replace(path)
        finally:
            tmp.unlink(missing_ok=True)

    @classmethod
    def load(cls, path: Path) -> DealModel:
        data = json.loads(path.read_text())
        found = data.get("format") if isinstance(data, dict) else None
        if found in _OLD_FORMATS:
            raise ValueError(
                f"{path} was fitted by an older Dealdesk ({found}), which replaced the rules' "
                "confidence instead of correcting it; run `manage.py train_analysis` again"
            )
        if found != FORMAT:
            raise ValueError(f"{path} is not a Dealdesk analysis model")

        def number(value: float, key: str) -> float:
            # json reads NaN and Infinity: either would veto (or pass) every candidate.
            x = float(value)
            if not math.isfinite(x):
                raise ValueError(f"{path}: {key} is {value}, not a finite number")
            return x

        def optional(key: str) -> float | None:
            value = data.get(key)
            return None if value is None else number(value, key)

        threshold = number(data["threshold"], "threshold")
        if not 0.0 < threshold < 1.0:
            raise ValueError(
                f"{path}: threshold {threshold} is not a probability strictly in (0, 1)"
            )
        rule_floor = number(data.get("rule_floor", SHIPPED_THRESHOLD), "rule_floor")
        if not 0.0 <= rule_floor <= SHIPPED_THRESHOLD:
            raise ValueError(f"{path}: rule_floor {rule_floor} is not in [0, {SHIPPED_THRESHOLD}]")
        return cls(
            weights={str(k): number(v, str(k)) for k, v in data["weights"].items()},
            bias=number(data["bias"], "bias"),
            prior_scale=number(data["prior_scale"], "prior_scale"),
            threshold=threshold,
            trained_on=int(data.get("trained_on", 0)),
            cv_f1=optional("cv_f1"),
            cv_rules_f1=optional("cv_rules_f1"),
            rule_floor=rule_floor,
            band_threshold=optional("band_threshold"),
        )


def _fit(
    rows: Sequence[tuple[list[str], float, float]],
    *,
    epochs: int,
    rate: float,
    l2: float,
    min_count: int,
    seed: int,
) -> DealModel:
    """Averaged SGD on the log-loss of (features, rule log-odds, label) with the log-odds as offset."""
    model = DealModel(trained_on=len(rows))
    if not rows:
        return model
    counts = Counter(f for feats, _, _ in rows for f in feats)
    names = [f for f, n in counts.items() if n >= min_count]
    index = {f: i for i, f in enumerate(names)}
    encoded = [([index[f] for f in feats if f in index], z0, y) for feats, z0, y in rows]
    n = len(encoded)
    reg = l2 / n
    # Every step shrinks every weight (the prior's gradient), not only the weights of
    # the features present: the weights are kept as `shrink * v`, so that costs one
    # multiplication a step instead of one a feature.
    v = [0.0] * len(names)
    shrink = 1.0
    bias = scale = 0.0
    sum_w = [0.0] * len(names)
    sum_bias = sum_scale = 0.0
    order = list(range(n))
    rng = random.Random(seed)
    step = 0
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            feats, z0, y = encoded[i]
            s = 0.0
            for j in feats:
                s += v[j]
            error = y - _sigmoid(bias + (1.0 + scale) * z0 + shrink * s)
            eta = rate / (1.0 + step / n)
            step += 1
            bias += eta * (error - reg * bias)
            scale += eta * (error * z0 - reg * scale)
            shrink *= max(1.0 - eta * reg, 1e-3)
            if shrink < 1e-6:
                v = [x * shrink for x in v]
                shrink = 1.0
            delta = eta * error / shrink
            for j in feats:
                v[j] += delta
        sum_bias += bias
        sum_scale += scale
        for j, x in enumerate(v):
            sum_w[j] += shrink * x
    model.bias = sum_bias / epochs
    model.prior_scale = sum_scale / epochs
    model.weights = {
        f: round(v / epochs, 6) for f, v in zip(names, sum_w, strict=True) if abs(v) > 1e-4 * epochs
    }
    return model


def _cv_folds(
    rows: Sequence[tuple[list[str], float, float]], keys: Sequence[Hashable]
) -> list[list[int]] | None:
    """Up to `CV_FOLDS` folds of row indices, whole groups each; None when too few to validate.

    Cross-validation needs `MIN_PER_CLASS_FOR_CV` decisions of each kind and
    at least two groups. Groups go, largest first, to the fold with the fewest
    rows so far, so the folds stay even when one story carries many flags.
    """
    accepted = sum(1 for *_, y in rows if y)
    if min(accepted, len(rows) - accepted) < MIN_PER_CLASS_FOR_CV:
        return None
    members: dict[Hashable, list[int]] = {}
    for i, key in enumerate(keys):
        members.setdefault(key, []).append(i)
    if len(members) < 2:
        return None
    folds: list[list[int]] = [[] for _ in range(min(CV_FOLDS, len(members)))]
    for group in sorted(members.values(), key=len, reverse=True):
        min(folds, key=len).extend(group)
    return [sorted(fold) for fold in folds]


def _cv_threshold(
    rows: Sequence[tuple[list[str], float, float]],
    keys: Sequence[Hashable],
    weight: Sequence[float],
    options: dict,
    band: bool = False,
) -> tuple[float, float | None]:
    """The thresholds grouped cross-validation picks on `rows` alone ((0.5, None) when it cannot)."""
    folds = _cv_folds(rows, keys)
    if folds is None:
        return 0.5, None
    held_out: list[Scored] = []
    in_band: list[bool] = []
    for test in folds:
        seen = set(test)
        fold = _fit([r for i, r in enumerate(rows) if i not in seen], **options)
        for i in test:
            feats, z0, y = rows[i]
            held_out.append((_sigmoid(fold.log_odds(feats, z0)), y == 1.0, weight[i]))
            in_band.append(band and z0 < 0)
    return _pick_thresholds(held_out, in_band)


def _pick_thresholds(held_out: list[Scored], in_band: list[bool]) -> tuple[float, float | None]:
    """(threshold for reported candidates, threshold for the band or None) from held-out scores.

    Without band decisions: the best-F1 threshold over all of them, as always.
    """
    if not any(in_band):
        return _best_threshold(held_out)[0], None
    reported = [s for s, b in zip(held_out, in_band, strict=True) if not b]
    below = [s for s, b in zip(held_out, in_band, strict=True) if b]
    threshold = _best_threshold(reported)[0]
    total = sum(w for _, _, w in reported)
    target = sum(w for _, y, w in reported if y) / total if total else 1.0
    for t in _THRESHOLDS:
        passed = [y for p, y, _ in below if p >= t]
        if len(passed) >= MIN_BAND_PROMOTED and sum(passed) / len(passed) >= target:
            return threshold, t
    return threshold, None


def _f1(scored: Sequence[Scored | tuple[float, bool]], threshold: float) -> float:
    """F1 of 'accepted', each decision counted its weight's times (once when it has none)."""
    tp = fp = fn = 0.0
    for p, y, *weight in scored:
        w = weight[0] if weight else 1.0
        if p >= threshold:
            if y:
                tp += w
            else:
                fp += w
        elif y:
            fn += w
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _best_threshold(scored: Sequence[Scored | tuple[float, bool]]) -> tuple[float, float]:
    """The threshold with the best F1 of 'accepted' on held-out decisions, nearest 0.5 on ties."""
    best = max(_THRESHOLDS, key=lambda t: (round(_f1(scored, t), 9), -abs(t - 0.5)))
    return best, _f1(scored, best)


def model_path() -> Path:
    """Where `train_analysis` saves the model and `analyse` looks for it."""
    configured = os.environ.get(MODEL_ENV, "").strip()
    if configured:
        return Path(configured)
    return Path(os.environ.get(VAR_ENV, "").strip() or _DEFAULT_VAR) / "analysis-model.json"


# Keyed by the file's identity as well as its time: `save` renames a new file into
# place, and a time alone misses a replacement within the file system's clock tick
# (or a copy that kept the old file's time).
_cache: dict[str, tuple[tuple[int, int, int], DealModel | None]] = {}


def active_model() -> DealModel | None:
    """The trained model when its file exists, reloaded when the file changes.

    A file that cannot be used is reported once (per change) and the shipped
    rules apply.
    """
    path = model_path()
    try:
        st = path.stat()
    except OSError:
        return None
    stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
    cached = _cache.get(str(path))
    if cached and cached[0] == stamp:
        return cached[1]
    try:
        model: DealModel | None = DealModel.load(path)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, json.JSONDecodeError) as exc:
        log.warning("analysis model not used, shipped rules apply: %s", exc)
        model = None
    _cache[str(path)] = (stamp, model)
    return model
