"""Editing companies and merging duplicates, keeping every deal, mention, tip and alias."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from articles.analysis.names import normalise_name
from articles.models import Mention
from deals.models import Company, CompanyAlias, DealEvent, DealParty, Tip
from deals.services.deals import fill_blanks, lock_merge_pair

EDITABLE_FIELDS = (
    "name",
    "country",
    "region",
    "sector",
    "website",
    "description",
    "valuation",
    "valuation_currency",
    "valuation_usd",
    "total_raised",
    "total_raised_currency",
    "total_raised_usd",
    "watchlist",
    "verified",
)


def companies_reveal(*, company_ids: Iterable[int] = (), deal_ids: Iterable[int] = ()) -> int:
    """Make companies known only from a low-confidence sample ordinary: the given ones and
    the parties of the given deals. Returns how many were hidden.

    Called when something more than a sample's guess names them: a story, an editor's
    acceptance, verification or merge, a tip. `updated_at` moves so that the analysis's
    company dictionary (which leaves hidden companies out) is rebuilt.
    """
    company_ids, deal_ids = list(company_ids), list(deal_ids)
    if not company_ids and not deal_ids:
        return 0
    wanted = Q(pk__in=company_ids)
    if deal_ids:
        wanted |= Q(pk__in=DealParty.objects.filter(deal_id__in=deal_ids).values("company_id"))
    return Company.objects.filter(wanted, sample_only=True).update(
        sample_only=False, updated_at=timezone.now()
    )


@transaction.atomic
def company_edit(*, company: Company, actor: User | None, **fields: Any) -> list[str]:
    """Change a company's profile fields; returns the names of the fields that changed."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {', '.join(sorted(unknown))}")
    changed = [name for name, value in fields.items() if getattr(company, name) != value]
    for name in changed:
        setattr(company, name, fields[name])
    if company.verified and company.sample_only:
        # An editor vouches for it: no longer a sample's guess.
        company.sample_only = False
        changed.append("sample_only")
    if changed:
        company.save(update_fields=[*changed, "updated_at"])
    return changed


def _add_alias(company: Company, alias: str) -> None:
    normalised = normalise_name(alias)
    if normalised and not CompanyAlias.objects.filter(normalised=normalised).exists():
        CompanyAlias.objects.create(company=company, alias=alias)


@transaction.atomic
def company_merge(*, source: Company, target: Company, actor: User | None) -> dict[str, int]:
    """Fold the duplicate `source` into `target`.

    Deal parties, mentions, tips, aliases and subsidiaries move to the target;
    the source's name becomes an alias so ingestion keeps matching it; the
    source row stays, pointing at the target through `merged_into`, so old
    links and history resolve. Each affected deal gets a MERGE event.
    Raises ValueError for a merge into itself or into a merged-away company.
    """
    src, dst = lock_merge_pair(Company, source, target, "company")
    moved: dict[str, int] = {}

    deal_ids = set(DealParty.objects.filter(company=src).values_list("deal_id", flat=True))
    have = set(
        DealParty.objects.filter(company=dst, deal_id__in=deal_ids).values_list("deal_id", "role")
    )
    duplicate_ids = [
        p.pk for p in DealParty.objects.filter(company=src) if (p.deal_id, p.role) in have
    ]
    # A party the target already plays in that deal: the row is redundant once merged.
    DealParty.objects.filter(pk__in=duplicate_ids).delete()
    moved["parties"] = DealParty.objects.filter(company=src).update(company=dst)

    shared = dict(
        Mention.objects.filter(
            company=dst,
            article_id__in=Mention.objects.filter(company=src).values("article_id"),
        ).values_list("article_id", "pk")
    )
    for mention in Mention.objects.filter(company=src, article_id__in=list(shared)):
        Mention.objects.filter(pk=shared[mention.article_id]).update(
            count=F("count") + mention.count
        )
    Mention.objects.filter(company=src, article_id__in=list(shared)).delete()
    moved["mentions"] = Mention.objects.filter(company=src).update(company=dst)

    moved["tips"] = Tip.objects.filter(company=src).update(company=dst)
    moved["aliases"] = CompanyAlias.objects.filter(company=src).update(company=dst)
    Company.objects.filter(parent=src).exclude(pk=dst.pk).update(parent=dst)
    _add_alias(dst, src.name)

    fill = fill_blanks(dst, src, EDITABLE_FIELDS[1:])  # every profile field but the name
    dst.watchlist = dst.watchlist or src.watchlist
    # An editor folding a company into it says it is real, unless both were samples' guesses.
    dst.sample_only = dst.sample_only and src.sample_only
    dst.save(update_fields=[*fill, "watchlist", "sample_only", "updated_at"])

    src.merged_into = dst
    src.save(update_fields=["merged_into", "updated_at"])
    DealEvent.objects.bulk_create(
        DealEvent(
            deal_id=deal_id,
            type=DealEvent.Type.MERGE,
            actor=actor,
            changes={"company_merged": {"from": src.name, "into": dst.name, "into_id": dst.pk}},
        )
        for deal_id in sorted(deal_ids)
    )
    source.merged_into = dst
    target.sample_only = dst.sample_only
    return moved
