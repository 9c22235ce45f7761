"""The dashboard: deals per month by kind and by stage as SVG, and ingestion health."""

from datetime import timedelta

import pytest
from django.utils import timezone

from deals.models import Kind, Stage
from deals.selectors.dashboard import MONTHS, deal_charts
from tests.deals import builders

pytestmark = pytest.mark.django_db


def test_the_charts_count_deals_per_month_by_kind_and_stage():
    builders.deal("A", kind=Kind.ACQUISITION, stage=Stage.AGREED)
    builders.deal("B", kind=Kind.INVESTMENT, stage=Stage.AGREED)
    builders.deal("Old", created_at=timezone.now() - timedelta(days=900))
    by_kind, by_stage = deal_charts()
    assert len(by_kind.bars) == MONTHS
    this_month = by_kind.bars[-1]
    assert this_month.total == 2
    assert {s["value"]: s["n"] for s in this_month.segments} == {"acquisition": 1, "investment": 1}
    assert {s["value"]: s["n"] for s in by_stage.bars[-1].segments} == {"agreed": 2}
    assert sum(bar.total for bar in by_kind.bars) == 2  # older than 24 months is left out


def test_the_page_draws_svg_and_shows_health(client_for, reporter):
    builders.deal("A", kind=Kind.IPO)
    builders.flag(builders.deal("B"), to=Stage.AGREED)
    builders.source("Broken", consecutive_failures=99)
    response = client_for(reporter).get("/dashboard/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and 'class="seg s-ipo"' in html
    assert "<strong>1</strong> failing source" in html and "<strong>1</strong> pending flag" in html


def test_the_dashboard_needs_a_desk_role_and_get(client_for, outsider, editor):
    assert client_for(outsider).get("/dashboard/").status_code == 403
    assert client_for(editor).post("/dashboard/").status_code == 405
