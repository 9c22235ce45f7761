"""The desk at a glance: deals per month (an SVG drawn here, no chart library) and ingestion."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from deals.roles import ADMIN, EDITOR, REPORTER, require_role
from deals.selectors.dashboard import deal_charts, ingestion_health


@require_GET
@require_role(EDITOR, REPORTER, ADMIN)
def dashboard(request: HttpRequest) -> HttpResponse:
    by_kind, by_stage = deal_charts()
    context = {"charts": [by_kind, by_stage], "health": ingestion_health()}
    return render(request, "deals/dashboard.html", context)
