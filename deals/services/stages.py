"""Moving a deal through its lifecycle, and deciding on flags.

The board's drag-and-drop, the review queue, auto-acceptance by ingestion and
the admin all call these, so the transition rules in `deals.models` hold
whoever asks.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from deals.models import Company, Deal, DealArticle, DealEvent, DealUpdate, Stage, check_transition
from deals.services.companies import companies_reveal


@transaction.atomic
def deal_move_stage(
    *,
    deal: Deal,
    to_stage: str,
    actor: User | None,
    reason: str = "",
    article: Article | None = None,
    evidence: str = "",
    allow_revival: bool = False,
) -> DealEvent:
    """Move `deal` to `to_stage`, writing the DealEvent in the same transaction.

    Raises StageTransitionError for a move the lifecycle refuses. `actor=None`
    means the system (ingestion's auto-accept).
    """
    locked = Deal.objects.select_for_update().get(pk=deal.pk)
    check_transition(locked.stage, to_stage, allow_revival=allow_revival)
    now = timezone.now()
    from_stage = locked.stage
    locked.stage = to_stage
    locked.last_activity_at = now
    locked.is_stale = False
    fields = ["stage", "last_activity_at", "is_stale", "updated_at"]
    if to_stage == Stage.COMPLETED and locked.completed_on is None:
        locked.completed_on = now.date()
        fields.append("completed_on")
    if to_stage in (Stage.AGREED, Stage.COMPLETED) and locked.announced_on is None:
        locked.announced_on = now.date()
        fields.append("announced_on")
    locked.save(update_fields=fields)
    deal.stage, deal.last_activity_at = locked.stage, locked.last_activity_at
    return DealEvent.objects.create(
        deal=locked,
        type=DealEvent.Type.STAGE,
        from_stage=from_stage,
        to_stage=to_stage,
        actor=actor,
        at=now,
        article=article,
        evidence=evidence,
        reason=reason,
    )


def _claim(update: DealUpdate, status: str, actor: User | None) -> bool:
    """Conditional UPDATE: only one reviewer (or a re-run) can decide a pending flag."""
    now = timezone.now()
    claimed = DealUpdate.objects.filter(pk=update.pk, status=DealUpdate.Status.PENDING).update(
        status=status, reviewer=actor, reviewed_at=now
    )
    if claimed:
        update.status, update.reviewer, update.reviewed_at = status, actor, now
    return bool(claimed)


@transaction.atomic
def deal_update_accept(
    *,
    update: DealUpdate,
    actor: User | None,
    stage: str | None = None,
    kind: str | None = None,
    reason: str = "",
) -> bool:
    """Accept a flag, optionally edited (another stage or kind). False if already decided.

    A new-deal flag confirms the deal; a stage flag moves it through
    `deal_move_stage`; a revival is allowed backwards because accepting it is
    the explicit decision the lifecycle asks for. An accepted low-confidence
    sample becomes what a reported signal would have been: its story now
    covers the deal (ingestion left that out while it was only a sample), and
    the deal's parties that only the sample had named become ordinary companies.
    """
    if not _claim(update, DealUpdate.Status.ACCEPTED, actor):
        return False
    # An accepted deal names real companies: those a sample alone had named come into sight.
    # So do the names the accepted sample's story gave for it that are not (yet) the deal's
    # parties: a sample about a deal already on the board adds none, and its new names
    # would otherwise stay hidden for good.
    story_names: Iterable[int] = ()
    if update.is_sample and update.article_id is not None:
        story_names = Company.objects.filter(
            sample_only=True, mentions__article_id=update.article_id
        ).values_list("pk", flat=True)
    companies_reveal(company_ids=story_names, deal_ids=[update.deal_id])
    if update.is_sample and update.article_id is not None:
        DealArticle.objects.get_or_create(
            deal_id=update.deal_id,
            article_id=update.article_id,
            defaults={"evidence": update.evidence},
        )
    deal = Deal.objects.select_for_update().get(pk=update.deal_id)
    target = stage or update.proposed_stage
    edits: dict[str, list] = {}
    if kind and kind != deal.kind:
        edits["kind"] = [deal.kind, kind]
        deal.kind = kind
    if update.proposed_value is not None and deal.value is None:
        edits["value"] = [None, str(update.proposed_value)]
        deal.value = update.proposed_value
        deal.currency = update.proposed_currency
        deal.value_usd = update.proposed_value_usd
    if update.type == DealUpdate.Type.NEW_DEAL and not deal.confirmed:
        deal.confirmed = True
        deal.dismissed = False
        edits["confirmed"] = [False, True]
        if update.is_sample:
            # It waited off the board: it arrives now, not stale from the day it was drawn,
            # and its history starts here (ingestion wrote none for a sample).
            deal.last_activity_at = timezone.now()
            DealEvent.objects.create(
                deal=deal,
                type=DealEvent.Type.CREATED,
                to_stage=deal.stage,
                actor=actor,
                article=update.article,
                evidence=update.evidence,
                reason="Found by ingestion as a low-confidence sample; accepted",
            )
    if edits:
        deal.save(
            update_fields=[
                "kind",
                "value",
                "currency",
                "value_usd",
                "confirmed",
                "dismissed",
                "last_activity_at",
                "updated_at",
            ]
        )
        DealEvent.objects.create(
            deal=deal,
            type=DealEvent.Type.EDIT,
            changes=edits,
            actor=actor,
            article=update.article,
            evidence=update.evidence,
            reason=reason,
        )
    if target != deal.stage:
        deal_move_stage(
            deal=deal,
            to_stage=target,
            actor=actor,
            reason=reason,
            article=update.article,
            evidence=update.evidence,
            allow_revival=True,
        )
    return True


@transaction.atomic
def deal_update_reject(*, update: DealUpdate, actor: User | None, reason: str = "") -> bool:
    """Reject a flag. Rejecting a new-deal flag takes the unconfirmed deal off the board.

    (A sample's new deal was never on it: it stays dismissed, for the record and the label.)
    """
    if not _claim(update, DealUpdate.Status.REJECTED, actor):
        return False
    if update.type == DealUpdate.Type.NEW_DEAL:
        Deal.objects.filter(pk=update.deal_id, confirmed=False).update(dismissed=True)
    return True
