"""How views answer htmx: a page's partial for an htmx swap, the whole page otherwise."""

from __future__ import annotations

from django.http import HttpRequest


def wants_partial(request: HttpRequest) -> bool:
    """True for an htmx swap; false for plain requests and htmx's history restore (full page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def page(request: HttpRequest, template: str, partial: str) -> str:
    return f"{template}#{partial}" if wants_partial(request) else template
