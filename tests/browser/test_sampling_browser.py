"""Low-confidence samples in a real browser: the queue's filter swaps in place, accepting a
sample puts its deal on the board."""

from __future__ import annotations

import pytest

from tests.browser.test_editor_flows import (  # noqa: F401  (fixtures)
    _orm_beside_playwright,
    browser,
    desk,
    page,
    pytestmark,
    sync_api,
)


@pytest.fixture
def sample(desk):  # noqa: F811  (the fixture imported above)
    from deals.models import DealUpdate, Role, Stage
    from tests.deals import builders

    deal = builders.deal(
        "Quarrow to acquire Lintel",
        stage=Stage.AGREED,
        confirmed=False,
        dismissed=True,
        parties=[
            (builders.company("Quarrow Foods"), Role.ACQUIRER),
            (builders.company("Lintel Bakeries"), Role.TARGET),
        ],
    )
    return builders.flag(
        deal,
        to=Stage.AGREED,
        article_=builders.article("Quarrow Foods posts higher profit"),
        type=DealUpdate.Type.NEW_DEAL,
        current_stage="",
        evidence="Quarrow Foods agreed to buy Lintel Bakeries for 30 mln dlrs.",
        confidence=0.36,
        is_sample=True,
        sample_rate=0.05,
    )


def test_an_editor_filters_to_samples_and_accepts_one(page, desk, sample):  # noqa: F811
    expect = sync_api.expect
    page.goto("/")
    expect(page.locator("#board-results")).not_to_contain_text("Quarrow to acquire Lintel")
    page.goto("/review/")
    item = page.locator(f"#flag-{sample.pk}")
    expect(item).to_contain_text("low-confidence sample")
    expect(item).to_contain_text("your decision trains the analysis")
    expect(page.locator(f"#flag-{desk['flag'].pk}")).to_be_visible()
    page.get_by_role("link", name="Low-confidence samples only").click()
    page.wait_for_url("**/review/?samples=only")
    expect(page.locator(f"#flag-{desk['flag'].pk}")).to_have_count(0)
    item.locator("[data-accept]").click()
    expect(page.locator(f"#flag-{sample.pk}")).to_contain_text("flag accepted")
    page.goto("/?stage=agreed")
    expect(page.locator("#board-results")).to_contain_text("Quarrow to acquire Lintel")
