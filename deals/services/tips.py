"""Every write to tips: logging one, its status, sharing it, reading its source, and noting the
stories that may bear it out.

Permission checks here repeat the views' on purpose: a tip's source is the one thing the desk
must never leak, so whoever calls these (a view, a task, a shell) gets the same answer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.debug import sensitive_variables

from articles.analysis.names import normalise_name
from articles.models import Article
from deals.models import Company, CompanyAlias, Deal, Tip, TipMatch, TipSourceView
from deals.selectors.tips import (
    can_change_tip,
    can_log_tips,
    can_see_source,
    can_share_tip,
    read_sources,
)
from deals.services.companies import companies_reveal

OPEN_STATUSES = (Tip.Status.NEW, Tip.Status.FOLLOWING)


def _canonical(company: Company) -> Company:
    seen = set()
    while company.merged_into_id and company.pk not in seen:
        seen.add(company.pk)
        company = company.merged_into
    return company


def company_find(name: str) -> Company | None:
    """The company a typed name means: its name, or any alias, case and legal suffixes aside."""
    name = name.strip()
    if not name:
        return None
    company = Company.objects.filter(name__iexact=name).order_by("merged_into", "pk").first()
    key = normalise_name(name)
    if company is None and key:
        alias = CompanyAlias.objects.filter(normalised=key).select_related("company").first()
        company = alias.company if alias else None
    if company is None:
        # Ingestion treats a matching slug as the same company; so do tips.
        company = Company.objects.filter(slug=_slug_for(name)).first()
    return _canonical(company) if company else None


def _slug_for(name: str) -> str:
    """The URL slug; a name with no Latin letters or digits ("阿里巴巴") gets a stable hash."""
    slug = slugify(name)[:200]
    return slug or "company-" + hashlib.sha256(name.encode()).hexdigest()[:12]


def company_get_or_create_unverified(*, name: str) -> Company:
    """A name nobody knows yet becomes an unverified company (an editor verifies or merges it).

    A person naming a company that only a low-confidence sample had named makes it an
    ordinary company, as typing a new name would have.
    """
    company = company_find(name)
    if company is not None:
        if company.sample_only:
            companies_reveal(company_ids=[company.pk])
            company.sample_only = False
        return company
    name = " ".join(name.split())[:200]
    try:
        with transaction.atomic():
            company = Company.objects.create(name=name, slug=_slug_for(name), verified=False)
            if normalise_name(name):
                CompanyAlias.objects.create(company=company, alias=name)
    except IntegrityError:
        # Someone created the same company (or alias) a moment ago: use theirs.
        company = company_find(name)
        if company is None:
            raise
    return company


@sensitive_variables("source", "kwargs")
@transaction.atomic
def tip_create(
    *,
    actor: User,
    body: str,
    company: Company | None = None,
    company_name: str = "",
    deal: Deal | None = None,
    source: str = "",
    grade: str = Tip.Grade.F,
    follow_up_on: date | None = None,
    shared_with_desk: bool = False,
) -> Tip:
    """Log a tip in one step; `company_name` that matches nothing creates an unverified company."""
    if not can_log_tips(actor):
        raise PermissionDenied("only reporters and editors log tips")
    if company is None:
        company = company_get_or_create_unverified(name=company_name)
    company = _canonical(company)
    if company.sample_only:
        # A person naming it vouches for it, however the company was picked.
        companies_reveal(company_ids=[company.pk])
        company.sample_only = False
    return Tip.objects.create(
        company=company,
        deal=deal,
        author=actor,
        body=body,
        source=source,
        grade=grade,
        follow_up_on=follow_up_on,
        shared_with_desk=shared_with_desk,
    )


@transaction.atomic
def tip_update_status(
    *, tip: Tip, actor: User, status: str, follow_up_on: date | str | None = "keep"
) -> Tip:
    """Move a tip along new → following → confirmed / dead / published (any order: it is
    the reporter's judgement), optionally with a new follow-up date (None clears it)."""
    if not can_change_tip(actor, tip):
        raise PermissionDenied("only the author and editors change a tip")
    if status not in Tip.Status.values:
        raise ValueError(f"unknown tip status {status!r}")
    fields = []
    if tip.status != status:
        tip.status = status
        fields.append("status")
    if follow_up_on != "keep" and tip.follow_up_on != follow_up_on:
        tip.follow_up_on = follow_up_on
        fields.append("follow_up_on")
    if fields:
        tip.save(update_fields=[*fields, "updated_at"])
    return tip


@transaction.atomic
def tip_share(*, tip: Tip, actor: User, shared: bool = True) -> Tip:
    """Share (or unshare) a tip with the desk: other reporters then see it, never its source."""
    if not can_share_tip(actor, tip):
        raise PermissionDenied("only the author shares a tip")
    if tip.shared_with_desk != shared:
        tip.shared_with_desk = shared
        tip.save(update_fields=["shared_with_desk", "updated_at"])
    return tip


@sensitive_variables("source")
@transaction.atomic
def tip_source_reveal(*, tip: Tip, actor: User) -> str:
    """The one way to read a source someone else wrote: refuses who may not, logs who may."""
    if not can_see_source(actor, tip):
        raise PermissionDenied("this source is confidential")
    if tip.author_id != actor.pk:
        TipSourceView.objects.create(tip=tip, viewer=actor)
    return read_sources([tip.pk])[tip.pk]


@transaction.atomic
def tips_note_article(
    *, article: Article, company_ids: Iterable[int], deal_ids: Iterable[int] = ()
) -> int:
    """Ingestion's hook: a story mentions companies (and raised flags on deals); every open
    tip on them that was logged before the story gets a TipMatch with how many days it was
    ahead. Idempotent: a re-run adds nothing. Returns the number of new matches."""
    company_ids, deal_ids = set(company_ids), set(deal_ids)
    if not company_ids and not deal_ids:
        return 0
    published = article.published_at or article.fetched_at or timezone.now()
    tips = (
        Tip.objects.filter(status__in=OPEN_STATUSES, created_at__lte=published)
        .filter(
            Q(company_id__in=company_ids)
            | Q(company__merged_into_id__in=company_ids)
            | Q(deal_id__in=deal_ids)
        )
        .exclude(matches__article=article)
        .only("pk", "deal_id", "created_at")
    )
    story_day = timezone.localdate(published)
    matches = [
        TipMatch(
            tip=tip,
            article=article,
            deal_id=tip.deal_id if tip.deal_id in deal_ids else None,
            days_ahead=max(0, (story_day - timezone.localdate(tip.created_at)).days),
        )
        for tip in tips
    ]
    TipMatch.objects.bulk_create(matches, ignore_conflicts=True)
    return len(matches)
