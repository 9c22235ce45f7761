"""Tips in a real browser (Debian's Chromium through Playwright): the `t` shortcut, the htmx
form keeping what was typed, a quick status change — under the site's CSP."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone

from deals.models import Tip
from tests.deals.test_tips import BODY, SOURCE, make_company, make_deal

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def browser(monkeypatch):
    if not os.path.exists(CHROMIUM):
        pytest.skip("needs Debian's Chromium (apt-get install -y chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are sync.
    # Set for this test only: a leaked variable fails `check --deploy` in later tests.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()
    # The test body's ORM calls ran in another context than this teardown (Django keeps
    # connections per context), so the connection they opened is closed here by reference;
    # left open, it kept PostgreSQL from dropping the test database at the end of the run.
    while _BODY_CONNECTIONS:
        _BODY_CONNECTIONS.pop().close()


_BODY_CONNECTIONS: list = []


def _page_for(browser, live_server, user):
    client = Client()
    client.force_login(user)
    _BODY_CONNECTIONS.append(connections["default"])
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.csp_errors = []
    page.on(
        "console",
        lambda msg: "Content Security Policy" in msg.text and page.csp_errors.append(msg.text),
    )
    return page


def test_t_on_a_company_page_opens_its_tip_form_and_htmx_keeps_what_was_typed(
    browser, live_server, reporter
):
    company = make_company()
    make_deal(company)
    page = _page_for(browser, live_server, reporter)
    page.goto(f"/companies/{company.slug}/")
    page.keyboard.press("t")
    page.wait_for_url(f"**/tips/new/?company={company.slug}")
    assert page.input_value("input[name=company]") == "Kroger"

    page.fill("textarea[name=body]", BODY)
    page.fill("textarea[name=source]", SOURCE)
    page.select_option("select[name=grade]", "B")
    page.fill("input[name=follow_up_on]", "2001-01-01")
    page.click("#tip-form button[type=submit]")
    page.wait_for_selector("text=cannot be in the past")
    assert page.input_value("textarea[name=body]") == BODY
    assert page.input_value("textarea[name=source]") == SOURCE
    assert page.input_value("select[name=grade]") == "B"
    assert Tip.objects.count() == 0

    page.fill("input[name=follow_up_on]", (timezone.localdate() + timedelta(days=1)).isoformat())
    page.click("#tip-form button[type=submit]")
    page.wait_for_url("**/tips/*/")
    tip = Tip.objects.get()
    assert page.url.endswith(f"/tips/{tip.pk}/")
    assert SOURCE in page.content()
    assert (tip.grade, tip.source) == ("B", SOURCE)
    assert page.csp_errors == []


def test_a_status_changes_in_place_on_my_tips(browser, live_server, reporter):
    company = make_company()
    from deals.services.tips import tip_create

    tip = tip_create(actor=reporter, company=company, body=BODY, source=SOURCE)
    page = _page_for(browser, live_server, reporter)
    page.goto("/tips/")
    page.select_option(f"#status-{tip.pk}", "following")
    page.wait_for_selector(f"#tip-{tip.pk} option[value=following][selected]", state="attached")
    assert Tip.objects.get(pk=tip.pk).status == "following"
    assert page.url.endswith("/tips/")  # no navigation: the row was swapped
    assert page.csp_errors == []


def test_the_global_form_suggests_companies_and_offers_their_deals(browser, live_server, reporter):
    company = make_company()
    deal = make_deal(company)
    page = _page_for(browser, live_server, reporter)
    page.goto("/tips/")
    page.keyboard.press("t")
    page.wait_for_url("**/tips/new/")
    page.type("input[name=company]", "Kro")
    page.wait_for_selector("#tip-company-options option[value=Kroger]", state="attached")
    page.fill("input[name=company]", "Kroger")
    page.keyboard.press("Tab")
    page.wait_for_selector(f"select[name=deal] option[value='{deal.pk}']", state="attached")
    assert page.is_visible("textarea[name=body]")  # only the choices were swapped
    assert page.csp_errors == []
