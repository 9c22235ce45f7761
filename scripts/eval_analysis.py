"""Measure the story analysis on real newswire (run by `make eval`).

Reads the corpora from ../shared/corpora (or $DEALDESK_CORPORA) at run time;
nothing from them is copied into the repository. Prints tables:

* Reuters-21578 ModApte, topic `acq`: precision/recall/F1 of "the analysis
  reports an acquisition, merger or investment" on the training and test
  splits, for the shipped rules and for a learned variant re-scored by a
  model fitted on the training split only (a stand-in for a desk's decisions),
  then a learning curve: the model fitted on the first N of those decisions,
  scored on the part it did not see.
* Utah corporate acquisitions: per-slot precision/recall/F1 for acquirer,
  target, seller and amount on development/ and testset1/.

Tuning happens on the Reuters training split and Utah development/ only;
`--errors N` lists misses to study and refuses to do so for the test parts.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.analysis import (  # noqa: E402
    M_AND_A_KINDS,
    MODEL_RULE_FLOOR,
    SAMPLE_FLOOR,
    DealModel,
    analyse,
    candidates_for,
    in_sample_band,
    model_judges,
    normalise_name,
    parse_money,
    sample_drawn,
)
from articles.analysis.model import MIN_PER_CLASS_FOR_CV  # noqa: E402

_DOC = re.compile(r"<REUTERS(?P<attrs>[^>]*)>(?P<body>.*?)</REUTERS>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TOPICS = re.compile(r"<TOPICS>(.*?)</TOPICS>", re.S)
_D = re.compile(r"<D>(.*?)</D>")
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)


@dataclass(frozen=True, slots=True)
class Story:
    newid: str
    split: str
    topics_flag: str
    topics: tuple[str, ...]
    title: str
    body: str


def corpora_dir() -> Path:
    configured = os.environ.get("DEALDESK_CORPORA")
    return Path(configured) if configured else ROOT.parent / "shared" / "corpora"


def reuters_stories(folder: Path) -> Iterator[Story]:
    """Every story of the Reuters-21578 SGML files, in file order."""
    for path in sorted(folder.glob("reut2-*.sgm")):
        raw = path.read_text(encoding="latin-1")
        for m in _DOC.finditer(raw):
            attrs = dict(_ATTR.findall(m.group("attrs")))
            inner = m.group("body")
            topics = _TOPICS.search(inner)
            title = _TITLE.search(inner)
            body = _BODY.search(inner)
            yield Story(
                newid=attrs.get("NEWID", ""),
                split=attrs.get("LEWISSPLIT", ""),
                topics_flag=attrs.get("TOPICS", ""),
                topics=tuple(_D.findall(topics.group(1))) if topics else (),
                title=html.unescape(title.group(1)) if title else "",
                body=html.unescape(body.group(1)) if body else "",
            )


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: bool, gold: bool) -> None:
        if predicted and gold:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1

    def row(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def _table(title: str, header: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    print(f"\n{title}")
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths, strict=True)))


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def _is_m_and_a(kinds: set[str]) -> bool:
    return bool(kinds & M_AND_A_KINDS)


def _check_half(index: int) -> bool:
    """With --holdout, every other story of a tunable part is kept for checking."""
    return index % 2 == 1


def evaluate_reuters(folder: Path, errors: int, tune: bool, holdout: bool = False) -> None:
    stories = [s for s in reuters_stories(folder) if s.topics_flag == "YES"]
    splits = {"train": "TRAIN"} if tune else {"train": "TRAIN", "test": "TEST"}
    if holdout:
        splits = {"train-tune": "TRAIN", "train-check": "TRAIN"}
    shipped: dict[str, Counts] = {k: Counts() for k in splits}
    cands_by_split: dict[str, list[tuple[Story, list]]] = {k: [] for k in splits}
    missed: list[tuple[str, Story, str]] = []
    started = time.perf_counter()
    for story in stories:
        split = next((k for k, v in splits.items() if v == story.split), None)
        if split is None:
            continue
        if holdout:
            split = "train-check" if _check_half(int(story.newid)) else "train-tune"
        gold = "acq" in story.topics
        signals = analyse(story.title, story.body, rules_only=True)
        predicted = _is_m_and_a({d.kind for d in signals.deals})
        shipped[split].add(predicted, gold)
        if split in ("train", "train-tune") and predicted != gold and len(missed) < 10 * errors:
            why = "; ".join(f"{d.kind}/{d.stage}: {d.evidence[:100]}" for d in signals.deals)
            missed.append(("FP" if predicted else "FN", story, why))
        cands, _, _ = candidates_for(story.title, story.body)
        cands_by_split[split].append((story, cands))
    elapsed = time.perf_counter() - started

    # Learned variant: fitted on the training split's candidates only.
    # Labels stand in for a desk's accept/reject: a candidate is "accepted" when
    # its story carries the acq topic. Only candidates the rules report become
    # flags, so only those are decisions.
    # One row per reported candidate, so a story with several shares its label
    # among them: the story is the group cross-validation keeps in one fold.
    fit_on = "train-tune" if holdout else "train"
    decided = [
        ((c.features, c.evidence, c.confidence, "acq" in story.topics), story.newid)
        for story, cands in cands_by_split[fit_on]
        for c in cands
        if c.kind in M_AND_A_KINDS and c.confidence >= MODEL_RULE_FLOOR
    ]
    examples = [example for example, _ in decided]
    groups = [group for _, group in decided]
    fit_started = time.perf_counter()
    model = DealModel.fit(examples, groups=groups)
    fit_seconds = time.perf_counter() - fit_started
    learned: dict[str, Counts] = {k: Counts() for k in splits}
    for split, rows in cands_by_split.items():
        for story, _ in rows:
            signals = analyse(story.title, story.body, model=model)
            learned[split].add(_is_m_and_a({d.kind for d in signals.deals}), "acq" in story.topics)

    rows = []
    for name, counts in (("shipped rules", shipped), (f"learned (fit on {fit_on})", learned)):
        for split in splits:
            c = counts[split]
            p, r, f = c.row()
            rows.append((name, split, c.tp + c.fn, c.tp, c.fp, c.fn, _fmt(p), _fmt(r), _fmt(f)))
    _table(
        "Reuters-21578 ModApte, topic acq (story is M&A when a signal is acquisition/merger/investment)",
        ("variant", "split", "acq", "tp", "fp", "fn", "precision", "recall", "F1"),
        rows,
    )
    print(
        f"({len(stories)} TOPICS=YES stories analysed twice in {elapsed:.1f}s; goal: test F1 >= 0.96)"
    )
    unseen = next((k for k in splits if k != fit_on), None)
    if unseen is not None:
        _learning_curve(examples, groups, cands_by_split[unseen], unseen, fit_on, fit_seconds)
        _sampling(examples, groups, cands_by_split[fit_on], cands_by_split[unseen], unseen, fit_on)
    if errors:
        print(f"\nTraining-split errors (first {errors} of each):")
        for label in ("FP", "FN"):
            for kind, story, why in [m for m in missed if m[0] == label][:errors]:
                print(f"  {kind} {story.newid} {story.title[:70]!r} -> {why[:160]}")


def _learned_says_m_and_a(cands: list, model: DealModel) -> bool:
    """What analyse(..., model=model) reports, from candidates already found."""
    return any(
        c.kind in M_AND_A_KINDS
        and model_judges(model, c.confidence)
        and model.score(c.features, c.evidence, c.confidence)
        >= (model.threshold_for(c.confidence) or 1.0)
        for c in cands
    )


def _learning_curve(
    examples: list,
    groups: list[str],
    unseen: list[tuple[Story, list]],
    split: str,
    fit_on: str,
    seconds: float,
) -> None:
    """What a desk gets after its first N decisions (N = 0 is the shipped rules)."""
    rows = []
    for n in (0, 50, 200, 1000, len(examples)):
        if n > len(examples) or (n == len(examples) and rows and rows[-1][0] == n):
            continue
        model = DealModel.fit(examples[:n], groups=groups[:n])
        counts = Counts()
        for story, cands in unseen:
            counts.add(_learned_says_m_and_a(cands, model), "acq" in story.topics)
        cv = "-" if model.cv_f1 is None else f"{_fmt(model.cv_f1)} ({_fmt(model.cv_rules_f1 or 0)})"
        _, _, f = counts.row()
        rows.append((n, f"{model.threshold:.2f}", cv, counts.tp, counts.fp, counts.fn, _fmt(f)))
    _table(
        f"Learning curve: fitted on the first N {fit_on} decisions, scored on {split}",
        ("N", "threshold", "cv F1 (rules)", "tp", "fp", "fn", "F1"),
        rows,
    )
    print(f"(fitting on all {len(examples)} decisions, with cross-validation, took {seconds:.1f}s)")


def _sampling(
    examples: list,
    groups: list[str],
    seen: list[tuple[Story, list]],
    unseen: list[tuple[Story, list]],
    split: str,
    fit_on: str,
) -> None:
    """What low-confidence samples add: the desk also decides a share of the near misses.

    As train_analysis does it: a deterministic share of the candidates in
    [SAMPLE_FLOOR, threshold) becomes decisions (labelled by the story's topic, as
    the others are), each weighted 1/rate; with MIN_PER_CLASS_FOR_CV of each kind
    the model judges from SAMPLE_FLOOR, unless cross-validation finds it worse than
    the rules (then the desk keeps the model without samples).
    """
    rows = []
    for rate in (0.0, 0.05, 0.2, 1.0):
        band = [
            ((c.features, c.evidence, c.confidence, "acq" in story.topics), story.newid)
            for story, cands in seen
            for c in cands
            if c.kind in M_AND_A_KINDS
            and in_sample_band(c.confidence)
            and sample_drawn(story.newid, c.evidence, rate)
        ]
        accepted = sum(1 for (*_, y), _ in band if y)
        rejected = len(band) - accepted
        promote = min(accepted, rejected) >= MIN_PER_CLASS_FOR_CV
        note = "too few"
        if promote:
            model = DealModel.fit(
                examples + [e for e, _ in band],
                groups=groups + [g for _, g in band],
                weights=[1.0] * len(examples) + [1.0 / rate] * len(band),
                band=True,
            )
            model.rule_floor = SAMPLE_FLOOR
            note = f"from {model.band_threshold}" if model.band_threshold else "none passes"
            if model.cv_f1 is None or model.cv_f1 < (model.cv_rules_f1 or 0.0):
                model, note = DealModel.fit(examples, groups=groups), "not saved (cv worse)"
        else:
            model = DealModel.fit(examples, groups=groups)
        counts = Counts()
        for story, cands in unseen:
            counts.add(_learned_says_m_and_a(cands, model), "acq" in story.topics)
        cv = "-" if model.cv_f1 is None else f"{_fmt(model.cv_f1)} ({_fmt(model.cv_rules_f1 or 0)})"
        p, r, f = counts.row()
        decided = f"{accepted}/{rejected}"
        scored = (counts.tp, counts.fp, counts.fn, _fmt(p), _fmt(r), _fmt(f))
        rows.append((rate, decided, note, f"{model.threshold:.2f}", cv, *scored))
    _table(
        f"Low-confidence samples: {fit_on} decisions plus a share of its near misses "
        f"[{SAMPLE_FLOOR}, {MODEL_RULE_FLOOR}), scored on {split}",
        (
            *("rate", "band acc/rej", "band promoted", "threshold", "cv F1 (rules)"),
            *("tp", "fp", "fn", "precision", "recall", "F1"),
        ),
        rows,
    )


_SLOT = re.compile(r"^(\w+):\s*(.*)$")
_QUOTED = re.compile(r'"([^"]*)"')


def _utah_key(path: Path) -> dict[str, list[str]]:
    slots: dict[str, list[str]] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        m = _SLOT.match(line.strip())
        if m:
            slots.setdefault(m.group(1), []).extend(_QUOTED.findall(m.group(2)))
    return slots


def _amount_key(text: str) -> tuple[Decimal, str] | None:
    amount = parse_money(text)
    return (amount.value, amount.currency) if amount else None


def _slot_key(name: str) -> str:
    """A slot value's normalised name, without a leading indefinite article.

    normalise_name already drops a leading "the"; "a"/"an" open no name either
    ("a shrimp packing plant" names the plant), so both sides lose them alike.
    """
    key = normalise_name(name)
    head, _, rest = key.partition(" ")
    return rest if head in ("a", "an") and rest else key


def evaluate_utah(folder: Path, errors: int, tune: bool, holdout: bool = False) -> None:
    rows = []
    parts = (("development", True),) if tune else (("development", True), ("testset1", False))
    if holdout:
        parts = (("dev-tune", True), ("dev-check", False))
    for part, tunable in parts:
        folder_part = "development" if holdout else part
        docs = folder / folder_part / "docs"
        keys = folder / folder_part / "anskeys"
        if not docs.is_dir():
            print(f"(utah {part}/ missing)")
            continue
        counts = {slot: Counts() for slot in ("acquirer", "target", "seller", "amount")}
        shown = 0
        for index, doc in enumerate(sorted(docs.iterdir())):
            if holdout and _check_half(index) != (part == "dev-check"):
                continue
            key_path = keys / f"{doc.name}.key"
            if not key_path.exists():
                continue
            gold = _utah_key(key_path)
            signals = analyse("", doc.read_text(encoding="latin-1"), rules_only=True)
            deal = next((d for d in signals.deals if d.kind in M_AND_A_KINDS), None)
            predicted: dict[str, str | None] = {"acquirer": None, "target": None, "seller": None}
            amount = None
            if deal is not None:
                for slot, roles in (
                    ("acquirer", ("acquirer", "investor", "lead_investor")),
                    ("target", ("target", "investee")),
                    ("seller", ("seller",)),
                ):
                    predicted[slot] = next((p.name for p in deal.parties if p.role in roles), None)
                # The keys' ACQUIRED slot also holds unnamed assets ("its cable business").
                predicted["target"] = predicted["target"] or deal.asset
                amount = (deal.amount.value, deal.amount.currency) if deal.amount else None
            wrong = []
            for slot, gold_slot in (
                ("acquirer", "PURCHASER"),
                ("target", "ACQUIRED"),
                ("seller", "SELLER"),
            ):
                alts = {_slot_key(a) for a in gold.get(gold_slot, []) if a.strip()}
                pred = predicted[slot]
                ok = pred is not None and _slot_key(pred) in alts
                counts[slot].tp += ok
                counts[slot].fp += pred is not None and not ok
                counts[slot].fn += bool(alts) and not ok
                if not ok and (pred or alts):
                    wrong.append(f"{slot}: {pred!r} vs {sorted(alts)}")
            gold_amounts = {a for a in map(_amount_key, gold.get("DLRAMT", [])) if a}
            ok = amount is not None and amount in gold_amounts
            counts["amount"].tp += ok
            counts["amount"].fp += amount is not None and not ok
            counts["amount"].fn += bool(gold_amounts) and not ok
            if not ok and (amount or gold_amounts):
                wrong.append(f"amount: {amount} vs {gold_amounts}")
            if tunable and errors and wrong and shown < errors:
                shown += 1
                print(f"  dev {doc.name}: " + " | ".join(wrong))
        for slot, c in counts.items():
            p, r, f = c.row()
            rows.append((part, slot, c.tp, c.fp, c.fn, _fmt(p), _fmt(r), _fmt(f)))
    _table(
        "Utah corporate acquisitions: slots of the story's first acquisition/merger/investment signal",
        ("part", "slot", "tp", "fp", "fn", "precision", "recall", "F1"),
        rows,
    )
    print(
        "(goal: acquirer and target F1 >= 0.85, amount F1 >= 0.9; testset1 is reported, never tuned on)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="list N training/dev errors")
    parser.add_argument("--only", choices=("reuters", "utah"), default=None)
    parser.add_argument(
        "--tune", action="store_true", help="training split and development/ only (while tuning)"
    )
    parser.add_argument(
        "--holdout",
        action="store_true",
        help="split the training split and development/ in two halves: errors come from one, "
        "the other shows whether a rule generalises (no test part is read)",
    )
    args = parser.parse_args()
    corpora = corpora_dir()
    reuters = corpora / "reuters21578"
    utah = corpora / "utah-corporate-acquisitions"
    if not reuters.is_dir() and not utah.is_dir():
        print(f"No corpora at {corpora}: set DEALDESK_CORPORA or lay ../shared/corpora beside")
        print("the project. Nothing measured (this is not a failure).")
        return 0
    print(f"Corpora read from {corpora} at run time; shipped analysis, empty company dictionary.")
    if args.only in (None, "utah") and utah.is_dir():
        evaluate_utah(utah, args.errors, args.tune, args.holdout)
    if args.only in (None, "reuters") and reuters.is_dir():
        evaluate_reuters(reuters, args.errors, args.tune, args.holdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
