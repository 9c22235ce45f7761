"""Reads of deals and companies for pages, exports and tasks."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from deals.models import Company, Deal, DealParty


def deals_for_board() -> QuerySet[Deal]:
    """Deals the board shows: everything not dismissed or merged away, parties prefetched."""
    return Deal.objects.filter(dismissed=False, merged_into__isnull=True).prefetch_related(
        Prefetch("parties", queryset=DealParty.objects.select_related("company"))
    )


def company_by_slug(slug: str) -> Company:
    return Company.objects.get(slug=slug, merged_into__isnull=True)
