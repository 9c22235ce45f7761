"""The company dictionary analysis matches against: built from the database once per process.

Building it costs tens of milliseconds for thousands of companies, far more
than analysing a story, so each worker process keeps one and rebuilds it only
when it may be out of date:

- a person's edit (any `save()`/`delete()` of a Company or CompanyAlias) bumps
  a version key in the Django cache (Redis when configured, so every worker
  sees it) and the next story rebuilds;
- everything else (bulk updates, and the unverified companies ingestion itself
  bulk-creates) is caught by comparing a cheap database fingerprint, checked
  at most every ANALYSIS_DICTIONARY_REFRESH_SECONDS. Ingestion's own companies
  were found in text without the dictionary, so a short delay costs little.
"""

from __future__ import annotations

import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.analysis import CompanyDictionary
from deals.models import Company, CompanyAlias

CACHE_KEY = "dealdesk:company-dictionary:version"
_lock = threading.Lock()
_state: dict[str, object] = {}


def invalidate_company_dictionary() -> None:
    """Make every process rebuild its dictionary before analysing the next story."""
    cache.set(CACHE_KEY, uuid.uuid4().hex, None)


@receiver(post_save, sender=Company, dispatch_uid="dictionary-company-saved")
@receiver(post_delete, sender=Company, dispatch_uid="dictionary-company-deleted")
@receiver(post_save, sender=CompanyAlias, dispatch_uid="dictionary-alias-saved")
@receiver(post_delete, sender=CompanyAlias, dispatch_uid="dictionary-alias-deleted")
def _company_changed(**kwargs) -> None:
    invalidate_company_dictionary()


def _fingerprint() -> tuple:
    companies = Company.objects.aggregate(n=Count("id"), m=Max("updated_at"), i=Max("id"))
    aliases = CompanyAlias.objects.aggregate(n=Count("id"), i=Max("id"))
    return (companies["n"], companies["m"], companies["i"], aliases["n"], aliases["i"])


def _build() -> CompanyDictionary:
    aliases: dict[int, list[str]] = {}
    for company_id, alias in CompanyAlias.objects.values_list("company_id", "alias").iterator(
        chunk_size=5000
    ):
        aliases.setdefault(company_id, []).append(alias)
    # A name only a low-confidence sample proposed is no known company to match later stories
    # against: otherwise a rejected sample's junk name would be "known" from then on.
    rows = Company.objects.filter(merged_into__isnull=True, sample_only=False).values_list(
        "id", "name"
    )
    # Verified companies first: when two companies share a name, the desk's own one wins.
    rows = rows.order_by("-verified", "id")
    return CompanyDictionary.build(
        (company_id, name, aliases.get(company_id, ()))
        for company_id, name in rows.iterator(chunk_size=5000)
    )


def company_dictionary() -> CompanyDictionary:
    """This process's dictionary, rebuilt when a person's edit or the fingerprint says so."""
    now = time.monotonic()
    version = cache.get(CACHE_KEY)
    with _lock:
        current = _state.get("dictionary")
        stale = current is None or version != _state.get("version")
        if (
            not stale
            and now - float(_state.get("checked", 0.0))
            >= settings.ANALYSIS_DICTIONARY_REFRESH_SECONDS
        ):
            fingerprint = _fingerprint()
            _state["checked"] = now
            stale = fingerprint != _state.get("fingerprint")
        if stale:
            fingerprint = _fingerprint()
            current = _build()
            _state.update(dictionary=current, version=version, fingerprint=fingerprint, checked=now)
        return current  # type: ignore[return-value]


def reset_company_dictionary() -> None:
    """Forget this process's dictionary (tests that roll the database back use this)."""
    with _lock:
        _state.clear()
