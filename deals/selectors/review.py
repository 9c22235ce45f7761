"""The review queue: pending flags, newest first, with what an editor needs to decide."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from deals.models import CompanyAlias, DealParty, DealUpdate, Stage

PAGE_SIZE = 50


def pending_updates() -> QuerySet[DealUpdate]:
    return (
        DealUpdate.objects.filter(status=DealUpdate.Status.PENDING)
        .select_related("deal", "article__source")
        .prefetch_related(
            Prefetch(
                "deal__parties",
                queryset=DealParty.objects.select_related("company").prefetch_related(
                    Prefetch(
                        "company__aliases", queryset=CompanyAlias.objects.only("alias", "company")
                    )
                ),
            )
        )
        .order_by("-created_at", "-id")
    )


# The review queue's sample filter: every pending flag, only the low-confidence samples,
# or only what the analysis reported.
SAMPLE_FILTERS = {"": None, "only": True, "none": False}


def filter_samples(updates: QuerySet[DealUpdate], choice: str) -> QuerySet[DealUpdate]:
    """`updates` narrowed by the queue's sample filter; an unknown choice shows everything."""
    wanted = SAMPLE_FILTERS.get(choice)
    return updates if wanted is None else updates.filter(is_sample=wanted)


def confidence_words(confidence: float, attribution: str = "") -> str:
    """How a desk says it: confirmed / strong evidence / some evidence / speculation."""
    if attribution in {"official", "company", "filing", "on_record"} or confidence >= 0.9:
        return "confirmed"
    if confidence >= 0.7:
        return "strong evidence"
    if confidence >= 0.45:
        return "some evidence"
    return "speculation"


def highlight_names(text: str, names: list[str]) -> SafeString:
    """Escape `text` and wrap each company name or alias in <mark>, longest names first."""
    names = sorted({n for n in names if n and len(n) > 1}, key=len, reverse=True)
    escaped = escape(text)
    if not names:
        return mark_safe(escaped)  # noqa: S308 - escaped above
    pattern = re.compile(
        r"(?<![\w])(" + "|".join(re.escape(escape(n)) for n in names) + r")(?![\w])",
        re.IGNORECASE,
    )
    return mark_safe(pattern.sub(r"<mark>\1</mark>", escaped))  # noqa: S308 - escaped above


@dataclass
class ReviewItem:
    update: DealUpdate
    change: str
    evidence_html: SafeString
    confidence: str


def describe_change(update: DealUpdate) -> str:
    if update.type == DealUpdate.Type.NEW_DEAL:
        return f"new deal ({Stage(update.proposed_stage).label.lower()})"
    current = update.current_stage or update.deal.stage
    return f"{Stage(current).label.lower()} → {Stage(update.proposed_stage).label.lower()}"


def review_items(updates: list[DealUpdate]) -> list[ReviewItem]:
    items = []
    for update in updates:
        names: list[str] = []
        for party in update.deal.parties.all():
            names.append(party.company.name)
            names.extend(a.alias for a in party.company.aliases.all())
        items.append(
            ReviewItem(
                update=update,
                change=describe_change(update),
                evidence_html=highlight_names(update.evidence, names),
                confidence=confidence_words(update.confidence, update.attribution),
            )
        )
    return items
