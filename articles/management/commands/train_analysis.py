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
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.analysis import DealModel, candidates_for
from articles.analysis.model import MIN_PER_CLASS_FOR_CV, Example
from articles.dictionary import company_dictionary
from deals.models import DealUpdate

MIN_EXAMPLES = 20


class Decision(NamedTuple):
    example: Example
    article_id: int
    deal_id: int


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
            yield Decision(example, article.pk, update.deal_id)


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
        examples = [d.example for d in decisions]
        accepted = sum(1 for *_, label in examples if label)
        rejected = len(examples) - accepted
        counted = f"{len(examples)} decisions ({accepted} accepted, {rejected} rejected)"
        if len(examples) < min_examples or not accepted or not rejected:
            raise CommandError(
                f"{len(examples)} usable decisions ({accepted} accepted, {rejected} rejected): "
                f"need at least {min_examples} with both kinds; the shipped rules stay in use"
            )
        model = DealModel.fit(examples, groups=story_groups(decisions))
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
            f"{model.threshold:.2f}, {measured}; saved {path}"
        )
