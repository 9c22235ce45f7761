"""The sources page in a real browser (Debian's Chromium through Playwright), under the CSP:
add a site by its home page, see the discovered feed's entries, save, fetch now in place."""

from __future__ import annotations

import pytest

from articles.models import Article, Source
from tests.deals.test_tips_browser import _page_for, browser  # noqa: F401  (shared fixture)
from tests.feedsamples import Story, rss

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

STORY = Story(
    "https://wire.example.com/fabrikam-mulls-contoso",
    "Fabrikam Holdings mulls bid for Contoso Robotics",
    "Fabrikam Holdings is considering an acquisition of Contoso Robotics Inc, "
    "people familiar with the matter said.",
)


def test_an_admin_adds_a_site_by_its_page_and_fetches_it_in_place(
    browser,  # noqa: F811
    live_server,
    feed_server,
    desk_admin,
):
    feed_server.route("/feed.xml", rss([STORY]), content_type="application/rss+xml")
    feed_server.route(
        "/",
        b'<html><head><link rel="alternate" type="application/rss+xml" title="Wire RSS" '
        b'href="/feed.xml"></head><body>Home</body></html>',
    )
    page = _page_for(browser, live_server, desk_admin)

    page.goto("/sources/add/")
    page.fill("input[name=name]", "Local wire")
    page.fill("input[name=url]", feed_server.url("/"))
    page.click("button[value=preview]")
    page.wait_for_selector(".preview-entries li")
    assert "Fabrikam Holdings mulls bid" in page.inner_text(".preview")
    assert page.input_value("input[name=url]") == feed_server.url("/feed.xml")
    assert not Source.objects.exists()

    page.click("button[value=save]")
    page.wait_for_url("**/sources/")
    source = Source.objects.get()
    assert source.url == feed_server.url("/feed.xml")

    page.click(f"#source-{source.pk} button:has-text('Fetch now')")
    page.wait_for_selector(f"#source-{source.pk} .row-note")
    assert "1 new article" in page.inner_text(f"#source-{source.pk} .row-note")
    assert page.url.endswith("/sources/")  # no navigation: the row was swapped
    assert Article.objects.filter(source=source).count() == 1
    assert page.csp_errors == []
