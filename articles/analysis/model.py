"""The learned part: a small logistic regression that re-scores the rules' candidates.

The rules propose deal candidates with features (which cue, which stage words,
both sides found, an amount, headline or body) and an evidence sentence. The
desk's accept/reject decisions on flags are labels for exactly those
candidates, so a sparse logistic regression over the features and the
sentence's words learns which proposals this desk cares about. Pure Python, a
JSON file, no dependency; nothing trained ships with the code.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# The same variables newsroom/settings.py reads, so the package (which never
# imports Django) and the management commands agree on one file.
MODEL_ENV = "ANALYSIS_MODEL_PATH"
VAR_ENV = "DEALDESK_VAR_DIR"
_DEFAULT_VAR = Path(__file__).resolve().parents[2] / "var"
_WORD = re.compile(r"[a-z][a-z'-]+")


def sentence_features(features: Sequence[str], evidence: str) -> list[str]:
    """Rule features plus the evidence sentence's words and word pairs."""
    words = _WORD.findall(evidence.lower())
    out = list(features)
    out.extend(f"w={w}" for w in words)
    out.extend(f"b={a}_{b}" for a, b in itertools.pairwise(words))
    return out


@dataclass(slots=True)
class DealModel:
    """Weights of a logistic regression over sparse string features."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.5
    trained_on: int = 0

    def probability(self, feats: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def score(self, features: Sequence[str], evidence: str) -> float:
        return self.probability(sentence_features(features, evidence))

    @classmethod
    def fit(
        cls,
        examples: Sequence[tuple[Sequence[str], str, bool]],
        *,
        epochs: int = 8,
        rate: float = 0.2,
        l2: float = 1e-4,
        seed: int = 13,
    ) -> DealModel:
        """Fit on (rule features, evidence sentence, accepted?) with plain SGD."""
        model = cls(trained_on=len(examples))
        rows = [(sentence_features(f, e), 1.0 if y else 0.0) for f, e, y in examples]
        if not rows:
            return model
        positives = sum(y for _, y in rows)
        model.bias = math.log((positives + 1) / (len(rows) - positives + 1))
        order = list(range(len(rows)))
        rng = random.Random(seed)
        weights = model.weights
        for epoch in range(epochs):
            rng.shuffle(order)
            step = rate / (1 + epoch)
            for i in order:
                feats, y = rows[i]
                error = y - model.probability(feats)
                model.bias += step * error
                for f in feats:
                    w = weights.get(f, 0.0)
                    weights[f] = w + step * (error - l2 * w)
        model.weights = {f: w for f, w in weights.items() if abs(w) > 1e-4}
        return model

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": "dealdesk-analysis-logreg/1",
            "bias": self.bias,
            "threshold": self.threshold,
            "trained_on": self.trained_on,
            "weights": self.weights,
        }
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(json.dumps(data, sort_keys=True))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> DealModel:
        data = json.loads(path.read_text())
        if data.get("format") != "dealdesk-analysis-logreg/1":
            raise ValueError(f"{path} is not a Dealdesk analysis model")
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            threshold=float(data.get("threshold", 0.5)),
            trained_on=int(data.get("trained_on", 0)),
        )


def model_path() -> Path:
    """Where `train_analysis` saves the model and `analyse` looks for it."""
    configured = os.environ.get(MODEL_ENV, "").strip()
    if configured:
        return Path(configured)
    return Path(os.environ.get(VAR_ENV, "").strip() or _DEFAULT_VAR) / "analysis-model.json"


_cache: dict[str, tuple[float, DealModel | None]] = {}


def active_model() -> DealModel | None:
    """The trained model when its file exists, reloaded when the file changes."""
    path = model_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    cached = _cache.get(str(path))
    if cached and cached[0] == mtime:
        return cached[1]
    try:
        model: DealModel | None = DealModel.load(path)
    except (OSError, ValueError, KeyError, json.JSONDecodeError):
        model = None
    _cache[str(path)] = (mtime, model)
    return model
