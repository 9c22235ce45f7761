"""The deal board: columns by stage (or kind, or region), filters in the URL, new-flag badge."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from deals.forms import BoardFilterForm, desk_usernames
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
from deals.views.htmx import page, wants_partial


def board_filters(request: HttpRequest) -> tuple[BoardFilterForm, BoardFilters]:
    """The filter form bound to the URL, and the filters it yields (bad values are ignored)."""
    choices = filter_choices()
    form = BoardFilterForm(
        request.GET,
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
    context = {
        "form": form,
        "filters": filters,
        "columns": board_columns(filters),
        "can_move": is_editor(request.user) and filters.group == "stage",
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
    context = {
        "deals": deals[:COLUMN_LIMIT],
        "has_more": len(deals) > COLUMN_LIMIT,
        "key": key,
        "next_offset": offset + COLUMN_LIMIT,
        "query": _query_without(request, "col", "offset"),
        "can_move": is_editor(request.user) and filters.group == "stage",
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
