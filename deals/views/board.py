"""The deal board: columns by stage (or kind, or region), filters in the URL, new-flag badge."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from deals.forms import BoardFilterForm, desk_usernames
from deals.models import Deal
from deals.roles import ADMIN, EDITOR, REPORTER, is_editor, require_role
from deals.selectors.board import (
    COLUMN_LIMIT,
    BoardFilters,
    board_columns,
    column_page,
    filter_choices,
    new_flag_count,
    source_choices,
)
from deals.selectors.tips import tip_notices_for
from deals.templatetags.deal_format import ago
from deals.views.htmx import page, wants_partial

CARD_TEMPLATE = "deals/board.html#card"
CARD_CACHE_SECONDS = 60 * 60
# Cards are cached under a digest of everything they are drawn from, so a changed deal, party,
# count or age is a different key: nothing to invalidate, and never a stale card. The template's
# own bytes are part of the digest, so a deploy that changes the card changes every key.
_CARD_SOURCE = hashlib.blake2b(
    (settings.BASE_DIR / "templates/deals/board.html").read_bytes(), digest_size=8
).hexdigest()


def _fields(obj) -> list:
    """Every loaded field and annotation, in the model's own order (Django's `_state` and
    prefetch caches left out)."""
    return [(k, v) for k, v in vars(obj).items() if k[0] != "_"]


def _parties(deal: Deal) -> list:
    """The prefetched parties without `deal.parties.all()`, which clones a queryset per call
    (a tenth of a millisecond, 75 times a board)."""
    prefetched = getattr(deal, "_prefetched_objects_cache", {}).get("parties")
    return list(deal.parties.all() if prefetched is None else prefetched)


def _card_key(deal: Deal, can_move: bool) -> str:
    facts = (
        _fields(deal),
        [(_fields(party), _fields(party.company)) for party in _parties(deal)],
        ago(deal.last_activity_at),
        can_move,
    )
    digest = hashlib.blake2b(repr(facts).encode(), digest_size=16).hexdigest()
    return f"card:{_CARD_SOURCE}:{digest}"


def with_card_html(deals: list[Deal], *, can_move: bool) -> list[Deal]:
    """Set `card_html` on each deal: from the cache when the same card was drawn before (one
    cache round trip for the whole board), rendered and stored otherwise. Drawing 75 cards
    through the template engine was most of the board's CPU under load."""
    keys = {deal.pk: _card_key(deal, can_move) for deal in deals}
    cached = cache.get_many(list(keys.values()))
    template = get_template(CARD_TEMPLATE)
    fresh = {}
    for deal in deals:
        key = keys[deal.pk]
        html = cached.get(key)
        if html is None:
            html = fresh[key] = template.render({"deal": deal, "can_move": can_move})
        deal.card_html = mark_safe(html)  # noqa: S308 - rendered by the template engine, escaped
    if fresh:
        cache.set_many(fresh, CARD_CACHE_SECONDS)
    return deals


def board_filters(request: HttpRequest) -> tuple[BoardFilterForm, BoardFilters]:
    """The filter form bound to the URL, and the filters it yields (bad values are ignored)."""
    choices = filter_choices(request.user)
    form = BoardFilterForm(
        request.GET,
        viewer=request.user,
        sectors=choices["sectors"],
        countries=choices["countries"],
        sources=list(source_choices()),
        owners=desk_usernames(),
    )
    form.is_valid()
    return form, form.to_filters()


def _query_without(request: HttpRequest, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
@vary_on_headers("HX-Request")
def board(request: HttpRequest) -> HttpResponse:
    form, filters = board_filters(request)
    can_move = is_editor(request.user) and filters.group == "stage"
    columns = board_columns(filters)
    with_card_html([deal for column in columns for deal in column.deals], can_move=can_move)
    context = {
        "form": form,
        "filters": filters,
        "columns": columns,
        "can_move": can_move,
        "query": _query_without(request, "col", "offset"),
        "since": timezone.now().isoformat(),
        "tip_notices": tip_notices_for(request.user),  # tips (deals/selectors/tips.py)
        "column_limit": COLUMN_LIMIT,
    }
    return render(request, page(request, "deals/board.html", "results"), context)


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
@vary_on_headers("HX-Request")
def board_column(request: HttpRequest) -> HttpResponse:
    """More cards of one column: the "more" button's partial, or a plain page without JS."""
    _, filters = board_filters(request)
    key = request.GET.get("col", "")[:100].replace("\x00", "")  # PostgreSQL refuses NUL
    try:
        offset = min(max(int(request.GET.get("offset", COLUMN_LIMIT)), 0), 1_000_000)  # SQL bigint
    except ValueError:
        offset = COLUMN_LIMIT
    deals = column_page(filters, key, offset=offset, limit=COLUMN_LIMIT + 1)
    can_move = is_editor(request.user) and filters.group == "stage"
    context = {
        "deals": with_card_html(deals[:COLUMN_LIMIT], can_move=can_move),
        "has_more": len(deals) > COLUMN_LIMIT,
        "key": key,
        "next_offset": offset + COLUMN_LIMIT,
        "query": _query_without(request, "col", "offset"),
        "can_move": can_move,
    }
    template = "deals/board_column.html"
    return render(request, f"{template}#more" if wants_partial(request) else template, context)


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
def board_new_flags(request: HttpRequest) -> HttpResponse:
    """The polled badge: "N new updates" since the board was drawn; empty when none."""
    try:
        since = datetime.fromisoformat(request.GET.get("since", ""))
    except ValueError:
        since = timezone.now()
    if timezone.is_naive(since):
        since = timezone.make_aware(since)
    back = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    context = {"n_new": new_flag_count(since), "back": back}
    return render(request, "deals/board.html#new-flags", context)
