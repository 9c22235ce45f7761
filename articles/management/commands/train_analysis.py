"""`manage.py train_analysis`: fit the analysis model on the desk's accepted/rejected flags.

Each DealUpdate an editor decided is a label for one proposal of the rules: the command
re-runs the analysis on the flag's article, finds the candidate with the flag's
evidence sentence (or kind and stage), and fits `articles.analysis.model`'s
logistic regression on (that candidate's features, sentence, rule confidence,
accepted?). The model corrects the rules rather than replacing them, picks its
threshold by cross-validation, and is saved only when that cross-validation
does not find it worse than the rules alone. The folds keep each story whole:
the flags of one article, and the articles flagging one deal (wires repeat
each other's sentences), are one group, so the figure printed is measured on
stories the model did not see. The file is
settings.ANALYSIS_MODEL_PATH (var/analysis-model.json by default, git-ignored);
`analyse()` uses it as soon as it exists. `--remove` deletes it, going back to
the shipped rules.

Decisions on low-confidence samples (flags ingestion drew from the candidates
just below the threshold, `DealUpdate.is_sample`) label the band the rules
drop. Once the desk has decided `MIN_PER_CLASS_FOR_CV` of each kind there, the
model is fitted on them too, each sample's decision standing for the 1/rate
near misses it was drawn from when cross-validation compares it with the rules,
and the band gets its own threshold (`DealModel.band_threshold`): the lowest at
which held-out samples it would promote were accepted at least as often as the
rules' own flags. With one, the model judges candidates from `SAMPLE_FLOOR` and
may report one the rules left out; without, it promotes nothing. (Promoting at
the ordinary CV threshold lost precision on held-out Reuters stories, .930 to
.908.) With fewer decisions, samples are left out and the model is what it
would have been without them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.analysis import SAMPLE_FLOOR, DealModel, candidates_for, in_sample_band
from articles.analysis.model import MIN_PER_CLASS_FOR_CV, SHIPPED_THRESHOLD, Example
from articles.dictionary import company_dictionary
from deals.models import DealUpdate

MIN_EXAMPLES = 20


class Decision(NamedTuple):
    example: Example
    article_id: int
    deal_id: int
    # A low-confidence sample's decision: the rate it was drawn at (None for a reported flag).
    sample_rate: float | None = None

    @property
    def in_band(self) -> bool:
        """A sample whose candidate the rules (as they are now) score in [SAMPLE_FLOOR, threshold)."""
        return self.sample_rate is not None and in_sample_band(self.example[2])

    @property
    def weight(self) -> float:
        """How many candidates the decision stands for: a sample drawn at rate r, 1/r."""
        return 1.0 / self.sample_rate if self.in_band and self.sample_rate else 1.0


def sample_band(decisions: list[Decision]) -> tuple[int, int]:
    """(accepted, rejected) decisions on samples in the band below the threshold."""
    band = [d.example[3] for d in decisions if d.in_band]
    return sum(band), len(band) - sum(band)


def story_groups(decisions: list[Decision]) -> list[int]:
    """One group number per decision: decisions linked by an article or a deal share one.

    A deal flagged from several articles joins them (and their other flags)
    into one story, so that cross-validation never trains on one wire's
    sentence and tests on another's copy of it.
    """
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for d in decisions:
        a, b = root(("article", d.article_id)), root(("deal", d.deal_id))
        if a != b:
            parent[b] = a
    numbers: dict[tuple[str, int], int] = {}
    return [numbers.setdefault(root(("article", d.article_id)), len(numbers)) for d in decisions]


def _examples(dictionary) -> Iterator[Decision]:
    # Only an editor's decisions: a flag a wire source's auto-accept took (no
    # reviewer) is the analysis agreeing with itself, and would teach it nothing.
    decided = (
        DealUpdate.objects.filter(
            status__in=("accepted", "rejected"), article__isnull=False, reviewer__isnull=False
        )
        .select_related("article")
        .order_by("article_id", "id")
    )
    cached: tuple[int | None, list] = (None, [])
    for update in decided.iterator(chunk_size=500):
        article = update.article
        if cached[0] != article.pk:
            candidates, _, _ = candidates_for(
                article.title, article.body or article.summary, dictionary
            )
            cached = (article.pk, candidates)
        candidates = cached[1]
        evidence = (update.evidence or "").strip()
        match = next((c for c in candidates if evidence and c.evidence == evidence), None)
        if match is None:
            match = next(
                (
                    c
                    for c in candidates
                    if c.kind == (update.proposed_kind or c.kind)
                    and c.stage == update.proposed_stage
                ),
                None,
            )
        if match is not None:
            example = (
                match.features,
                match.evidence,
                match.confidence,
                update.status == "accepted",
            )
            rate = (update.sample_rate or 1.0) if update.is_sample else None
            yield Decision(example, article.pk, update.deal_id, rate)


class Command(BaseCommand):
    help = "Fit the analysis model on accepted/rejected flags and save it where analyse() finds it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default="", help="model file (default: ANALYSIS_MODEL_PATH)"
        )
        parser.add_argument("--min-examples", type=int, default=MIN_EXAMPLES)
        parser.add_argument("--remove", action="store_true", help="delete the model file")

    def handle(self, *args, output: str, min_examples: int, remove: bool, **options):
        path = Path(output) if output else Path(settings.ANALYSIS_MODEL_PATH)
        if remove:
            path.unlink(missing_ok=True)
            self.stdout.write(f"removed {path}; analysis uses the shipped rules")
            return
        decisions = list(_examples(company_dictionary()))
        band_accepted, band_rejected = sample_band(decisions)
        promote = min(band_accepted, band_rejected) >= MIN_PER_CLASS_FOR_CV
        samples = sum(1 for d in decisions if d.sample_rate is not None)
        if promote:
            # Samples the rules now score below the floor (or above the threshold, as
            # reported flags would be) say nothing about the band; the latter still count.
            decisions = [
                d
                for d in decisions
                if d.sample_rate is None or d.in_band or d.example[2] >= SHIPPED_THRESHOLD
            ]
            self.stdout.write(
                f"{band_accepted + band_rejected} decisions on low-confidence samples in "
                f"[{SAMPLE_FLOOR}, {SHIPPED_THRESHOLD}) ({band_accepted} accepted, "
                f"{band_rejected} rejected): fitted on them too, each weighted by the share of "
                "near misses it stands for"
            )
        else:
            # Samples the rules now report are ordinary decisions; the band's are left out.
            decisions = [
                d for d in decisions if d.sample_rate is None or d.example[2] >= SHIPPED_THRESHOLD
            ]
            if samples:
                self.stdout.write(
                    f"{samples} decisions on low-confidence samples, {band_accepted} accepted and "
                    f"{band_rejected} rejected in [{SAMPLE_FLOOR}, {SHIPPED_THRESHOLD}): too few "
                    f"(needs {MIN_PER_CLASS_FOR_CV} of each), so they are left out and the model "
                    f"judges only what the rules report (from {SHIPPED_THRESHOLD})"
                )
        examples = [d.example for d in decisions]
        accepted = sum(1 for *_, label in examples if label)
        rejected = len(examples) - accepted
        counted = f"{len(examples)} decisions ({accepted} accepted, {rejected} rejected)"
        if len(examples) < min_examples or not accepted or not rejected:
            raise CommandError(
                f"{len(examples)} usable decisions ({accepted} accepted, {rejected} rejected): "
                f"need at least {min_examples} with both kinds; the shipped rules stay in use"
            )
        model = DealModel.fit(
            examples,
            groups=story_groups(decisions),
            weights=[d.weight for d in decisions] if promote else None,
            band=promote,
        )
        if promote and model.band_threshold is not None:
            model.rule_floor = SAMPLE_FLOOR
            self.stdout.write(
                f"it promotes a candidate from {SAMPLE_FLOOR} when the desk accepts it with "
                f"probability {model.band_threshold:.2f} (held out, the samples it would have "
                "promoted were accepted at least as often as the flags the rules report)"
            )
        elif promote:
            self.stdout.write(
                "no threshold made the held-out samples it would promote as often accepted as "
                f"the rules' own flags, so it promotes nothing below {SHIPPED_THRESHOLD}"
            )
        if model.cv_f1 is None:
            why = (
                f"only {min(accepted, rejected)} {'accepted' if accepted < rejected else 'rejected'}"
                f" decisions: too few to cross-validate (needs {MIN_PER_CLASS_FOR_CV} of each)"
                if min(accepted, rejected) < MIN_PER_CLASS_FOR_CV
                else "every decision is about one story: nothing to cross-validate on"
            )
            self.stderr.write(
                f"{why}, so the threshold stays at 0.5 and the model stays close to the rules"
            )
            measured = "not cross-validated"
        else:
            measured = (
                f"cross-validated F1 of accepting {model.cv_f1:.3f} on stories it did not see, "
                f"rules alone {model.cv_rules_f1:.3f}"
            )
            if model.cv_f1 < (model.cv_rules_f1 or 0.0):
                kept = (
                    f"the model already at {path} stays in use (--remove goes back to the rules)"
                    if path.exists()
                    else "the shipped rules stay in use"
                )
                self.stderr.write(
                    f"fitted on {counted}, {measured}: the model does worse than the rules on "
                    f"decisions it did not see, so {path} was not written; {kept}"
                )
                return
        model.save(path)
        self.stdout.write(
            f"fitted on {counted}: {len(model.weights)} weights, threshold "
            f"{model.threshold:.2f}, judging candidates from {model.rule_floor}, {measured}; "
            f"saved {path}"
        )
