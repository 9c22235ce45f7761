"""Editing deals by hand: field edits, notes, and merging two records of the same deal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from deals.models import Deal, DealArticle, DealEvent, DealParty, DealUpdate, Tip, sample_born

EDITABLE_FIELDS = (
    "title",
    "kind",
    "value",
    "currency",
    "value_usd",
    "stake_pct",
    "announced_on",
    "completed_on",
    "confirmed",
    "summary",
    "region",
    "owner",
)


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value for the audit row."""
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, User):
        return value.get_username()
    return value


def fill_blanks(dst: Any, src: Any, names: tuple[str, ...]) -> list[str]:
    """Copy onto `dst` the fields it lacks and `src` has (a merge keeps what either knew)."""
    fill = [
        name
        for name in names
        if getattr(dst, name) in (None, "") and getattr(src, name) not in (None, "")
    ]
    for name in fill:
        setattr(dst, name, getattr(src, name))
    return fill


def lock_merge_pair(model: type, source: Any, target: Any, noun: str) -> tuple[Any, Any]:
    """Lock both rows of a merge (in id order, by the database) and refuse what cannot merge."""
    if source.pk == target.pk:
        raise ValueError(f"a {noun} cannot be merged into itself")
    rows = {
        r.pk: r for r in model.objects.select_for_update().filter(pk__in=[source.pk, target.pk])
    }
    src, dst = rows[source.pk], rows[target.pk]
    if src.merged_into_id or dst.merged_into_id:
        raise ValueError(f"one of the two was already merged into another {noun}")
    return src, dst


@transaction.atomic
def deal_edit(
    *, deal: Deal, actor: User | None, reason: str = "", **fields: Any
) -> DealEvent | None:
    """Change a deal's descriptive fields (never its stage) and record old → new in one event.

    Returns None when nothing changed.
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {', '.join(sorted(unknown))}")
    locked = Deal.objects.select_for_update().get(pk=deal.pk)
    changes: dict[str, list] = {}
    for name, new in fields.items():
        old = getattr(locked, name)
        if old != new:
            changes[name] = [_plain(old), _plain(new)]
            setattr(locked, name, new)
            setattr(deal, name, new)
    if not changes:
        return None
    locked.save(update_fields=[*changes, "updated_at"])
    if "confirmed" in changes and not Deal.objects.filter(sample_born(), pk=locked.pk).exists():
        # Confirmed, a deal only a sample had proposed is in sight:
        # so are the companies that sample alone had named (as deal_merge does).
        from deals.services.companies import companies_reveal

        companies_reveal(deal_ids=[locked.pk])
    return DealEvent.objects.create(
        deal=locked, type=DealEvent.Type.EDIT, changes=changes, actor=actor, reason=reason
    )


@transaction.atomic
def deal_add_note(*, deal: Deal, actor: User, text: str) -> DealEvent:
    return DealEvent.objects.create(
        deal=deal, type=DealEvent.Type.NOTE, actor=actor, reason=text.strip()
    )


@transaction.atomic
def deal_merge(*, source: Deal, target: Deal, actor: User | None, reason: str = "") -> DealEvent:
    """Fold `source` into `target`: the same deal reported twice.

    Events, coverage, tips, parties and flags move to the target; where the
    target already holds the same row (same article, same party, same flag)
    the source's copy stays on the source, which is kept as `merged_into`
    the target, so nothing is ever deleted. Raises ValueError for a merge
    into itself or into a deal that was itself merged away.
    """
    src, dst = lock_merge_pair(Deal, source, target, "deal")

    moved: dict[str, int] = {}
    moved["events"] = DealEvent.objects.filter(deal=src).update(deal=dst)

    have_articles = DealArticle.objects.filter(deal=dst).values("article_id")
    moved["articles"] = (
        DealArticle.objects.filter(deal=src).exclude(article_id__in=have_articles).update(deal=dst)
    )
    moved["tips"] = Tip.objects.filter(deal=src).update(deal=dst)

    have_parties = set(DealParty.objects.filter(deal=dst).values_list("company_id", "role"))
    party_ids = [
        p.pk
        for p in DealParty.objects.filter(deal=src)
        if (p.company_id, p.role) not in have_parties
    ]
    moved["parties"] = DealParty.objects.filter(pk__in=party_ids).update(deal=dst)

    # The two unique constraints on flags: one per (article, stage), one pending manual per stage.
    taken = set(
        DealUpdate.objects.filter(deal=dst, article__isnull=False).values_list(
            "article_id", "proposed_stage"
        )
    )
    taken_manual = set(
        DealUpdate.objects.filter(
            deal=dst, article__isnull=True, status=DealUpdate.Status.PENDING
        ).values_list("proposed_stage", flat=True)
    )
    flag_ids = [
        u.pk
        for u in DealUpdate.objects.filter(deal=src)
        if (u.article_id is not None and (u.article_id, u.proposed_stage) not in taken)
        or (
            u.article_id is None
            and not (u.status == DealUpdate.Status.PENDING and u.proposed_stage in taken_manual)
        )
    ]
    moved["flags"] = DealUpdate.objects.filter(pk__in=flag_ids).update(deal=dst)

    fill = fill_blanks(
        dst,
        src,
        (
            "value",
            "currency",
            "value_usd",
            "stake_pct",
            "announced_on",
            "summary",
            "region",
            "owner",
        ),
    )
    dst.confirmed = dst.confirmed or src.confirmed
    dst.last_activity_at = max(dst.last_activity_at, src.last_activity_at, timezone.now())
    dst.save(update_fields=[*fill, "confirmed", "last_activity_at", "updated_at"])

    src.merged_into = dst
    src.save(update_fields=["merged_into", "updated_at"])
    if not Deal.objects.filter(sample_born(), pk=dst.pk).exists():
        # The merged deal is in sight: so are its parties, whatever a sample alone had named.
        from deals.services.companies import companies_reveal

        companies_reveal(deal_ids=[dst.pk])
    latest = DealEvent.objects.filter(deal=dst).aggregate(at=Max("at"))["at"]
    DealEvent.objects.create(
        deal=src,
        type=DealEvent.Type.MERGE,
        actor=actor,
        reason=reason,
        changes={"merged_into": dst.pk, "title": dst.title},
    )
    event = DealEvent.objects.create(
        deal=dst,
        type=DealEvent.Type.MERGE,
        actor=actor,
        reason=reason,
        at=max(latest or timezone.now(), timezone.now()),
        changes={"merged_from": src.pk, "title": src.title, "moved": moved},
    )
    target.__dict__.update({k: getattr(dst, k) for k in (*fill, "confirmed", "last_activity_at")})
    source.merged_into = dst
    return event
