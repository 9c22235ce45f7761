"""Every write to a Source: create, update, enable/disable, delete.

Views, the admin pages and commands call these; the invariants (one source
per canonical URL, no deleting a source that has stories) hold whoever calls.
"""

from __future__ import annotations

import logging

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from articles.models import Source
from articles.selectors import source_by_canonical_url

log = logging.getLogger(__name__)

EDITABLE_FIELDS = (
    "name",
    "url",
    "kind",
    "poll_interval_minutes",
    "credibility_tier",
    "region",
    "language",
    "full_text",
    "auto_accept",
)


class SourceError(ValueError):
    """A change to a source that would break an invariant."""


def _check_unique_url(url: str, *, exclude_pk: int | None) -> None:
    if not url:
        return
    other = source_by_canonical_url(url, exclude_pk=exclude_pk)
    if other is not None:
        raise SourceError(f"{url} is already a source: {other.name}")


@transaction.atomic
def source_create(*, actor: User | None, name: str, url: str, kind: str, **settings) -> Source:
    """A new enabled source, due for its first poll now. `settings` are other EDITABLE_FIELDS."""
    unknown = set(settings) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    _check_unique_url(url, exclude_pk=None)
    source = Source.objects.create(
        name=name, url=url, kind=kind, next_poll_at=timezone.now(), **settings
    )
    log.info("source %s (%s) created by %s", source.pk, url, actor)
    return source


@transaction.atomic
def source_update(*, source: Source, actor: User | None, **changes) -> list[str]:
    """Apply `changes` (EDITABLE_FIELDS); returns the fields that changed.

    A new URL or kind forgets the old conditional-GET validators and failure
    count, and is polled at once; a new interval reschedules the next poll.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    locked = Source.objects.select_for_update().get(pk=source.pk)
    changed = [name for name, value in changes.items() if getattr(locked, name) != value]
    if not changed:
        return []
    if "url" in changed:
        _check_unique_url(changes["url"], exclude_pk=locked.pk)
    for name in changed:
        setattr(locked, name, changes[name])
    fields = list(changed)
    if "url" in changed or "kind" in changed:
        locked.etag = locked.last_modified = ""
        locked.consecutive_failures = 0
        locked.next_poll_at = timezone.now()
        fields += ["etag", "last_modified", "consecutive_failures", "next_poll_at"]
    elif "poll_interval_minutes" in changed:
        base = locked.last_polled_at or timezone.now()
        locked.next_poll_at = base + locked.backoff()
        fields.append("next_poll_at")
    locked.save(update_fields=fields)
    for name in fields:
        setattr(source, name, getattr(locked, name))
    log.info("source %s changed by %s: %s", source.pk, actor, ", ".join(changed))
    return changed


@transaction.atomic
def source_set_enabled(*, source: Source, enabled: bool, actor: User | None) -> bool:
    """Enable or disable polling. Re-enabling forgets past failures and polls at once."""
    fields: dict = {"enabled": enabled}
    if enabled:
        fields |= {"consecutive_failures": 0, "next_poll_at": timezone.now()}
    changed = Source.objects.filter(pk=source.pk).exclude(enabled=enabled).update(**fields)
    if changed:
        for name, value in fields.items():
            setattr(source, name, value)
        log.info("source %s %s by %s", source.pk, "enabled" if enabled else "disabled", actor)
    return bool(changed)


@transaction.atomic
def source_delete(*, source: Source, actor: User | None) -> None:
    """Delete a source that never brought in a story; one that did must be disabled instead."""
    if source.articles.exists():
        raise SourceError(f"{source.name} has articles; disable it instead")
    try:
        source.delete()
    except ProtectedError:  # a story arrived between the check and the delete
        raise SourceError(f"{source.name} has articles; disable it instead") from None
    log.info("source %s deleted by %s", source.name, actor)
