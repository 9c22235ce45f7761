"""An editor's day in a real browser: Debian's Chromium driven by Playwright against a live server.

Log in, filter the board (the URL follows, the back button works), drag a card to "agreed" and
find the event on the deal page, accept a flag in the review queue with the keyboard, search
articles. Screenshots of the board, the review queue and a deal page go to test-artifacts/.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "browser-test-password-1"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"
    ),
]

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module", autouse=True)
def _orm_beside_playwright():
    """Playwright's sync API runs an event loop in this thread, and Django's ORM refuses to run
    beside one unless told it is deliberate. Set only while these tests run: a subprocess that
    other tests start (`check --deploy`) must not inherit it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def browser(_orm_beside_playwright):
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def desk(db):
    """An editor with a password, and a small beat: two deals, a flag, two stories."""
    from django.contrib.auth.models import Group, User

    from deals.models import Kind, Role, Stage
    from tests.deals import builders

    group, _ = Group.objects.get_or_create(name="editor")
    user = User.objects.create_user("browser-editor", password=PASSWORD, first_name="Eda")
    user.groups.add(group)
    alibaba = builders.company("Alibaba", sector="E-commerce", country="China")
    kroger = builders.company("Kroger", sector="Retail", country="United States")
    grab = builders.company("Grab", sector="Mobility", country="Singapore")
    talks = builders.deal(
        "Alibaba eyes Kroger stake",
        kind=Kind.INVESTMENT,
        stage=Stage.IN_TALKS,
        value=Decimal("2000000000"),
        currency="USD",
        value_usd=Decimal("2000000000"),
        parties=[(alibaba, Role.INVESTOR), (kroger, Role.INVESTEE)],
    )
    rumour = builders.deal(
        "Grab weighs bank purchase",
        kind=Kind.ACQUISITION,
        stage=Stage.RUMOURED,
        parties=[(grab, Role.ACQUIRER)],
    )
    wire = builders.source("Reuters", credibility_tier=1)
    story = builders.article(
        "Grab agrees to buy a digital bank",
        src=wire,
        body="Grab has agreed to buy a digital bank, the company said on Monday.",
        mentions=[grab],
    )
    builders.article(
        "Alibaba in early talks with Kroger",
        src=wire,
        body="Alibaba is in early talks to invest in Kroger, people familiar with the matter said.",
        mentions=[alibaba, kroger],
    )
    flag = builders.flag(
        rumour,
        to=Stage.AGREED,
        article_=story,
        evidence="Grab has agreed to buy a digital bank, the company said.",
        confidence=0.95,
    )
    _fill_the_board(builders)
    return {"user": user, "talks": talks, "rumour": rumour, "flag": flag}


BEAT = [
    (
        "Tencent to invest in Carrefour China",
        "investment",
        "agreed",
        "Tencent",
        "Carrefour China",
        420,
        "EUR",
    ),
    (
        "Bigbasket raises from Alibaba",
        "investment",
        "completed",
        "Alibaba Group",
        "Bigbasket",
        200,
        "USD",
    ),
    (
        "Sea weighs sale of Shopee Mexico",
        "acquisition",
        "rumoured",
        "Shopee",
        "Sea Limited",
        None,
        "",
    ),
    (
        "GoTo and Grab revive merger talks",
        "merger",
        "in_talks",
        "GoTo",
        "Grab Holdings",
        28000,
        "USD",
    ),
    ("Temasek leads Xendit round", "investment", "agreed", "Temasek", "Xendit", 300, "USD"),
    ("Ant Group partners Maybank", "partnership", "in_talks", "Ant Group", "Maybank", None, ""),
    ("Lazada IPO shelved", "ipo", "called_off", "Lazada", "Goldman Sachs", 1500, "USD"),
    ("Kopi Kenangan bond deal", "debt", "rumoured", "DBS", "Kopi Kenangan", 50, "SGD"),
    (
        "Amazon completes Whole Foods",
        "acquisition",
        "completed",
        "Amazon",
        "Whole Foods",
        13700,
        "USD",
    ),
]


def _fill_the_board(builders) -> None:
    """A few more deals so the screenshots look like a desk's morning."""
    from deals.models import Role

    roles = {
        "investment": (Role.INVESTOR, Role.INVESTEE),
        "acquisition": (Role.ACQUIRER, Role.TARGET),
        "merger": (Role.PARTNER, Role.PARTNER),
        "partnership": (Role.PARTNER, Role.PARTNER),
        "ipo": (Role.ISSUER, Role.ADVISER),
        "debt": (Role.LENDER, Role.BORROWER),
    }
    fx = {"USD": 1, "EUR": Decimal("1.08"), "SGD": Decimal("0.74")}
    for title, kind, stage, a, b, millions, currency in BEAT:
        value = Decimal(millions) * 1_000_000 if millions else None
        builders.deal(
            title,
            kind=kind,
            stage=stage,
            value=value,
            currency=currency,
            value_usd=value * fx[currency] if value else None,
            parties=[(builders.company(a), roles[kind][0]), (builders.company(b), roles[kind][1])],
        )


@pytest.fixture
def page(browser, live_server, desk):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, base_url=live_server.url)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(str(e)))
    tab.goto("/accounts/login/")
    tab.fill("input[name=username]", desk["user"].username)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(re.compile(r"/$"))
    yield tab
    context.close()
    csp = [p for p in problems if "Content Security Policy" in p or "Refused to" in p]
    assert not csp, "\n".join(csp)
    assert not [p for p in problems if "Uncaught" in p or "Error" in p], problems


def _shot(tab, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / name), full_page=False)


def test_filtering_the_board_swaps_results_and_keeps_the_url(page):
    expect = sync_api.expect
    board = page.locator("#board-results")
    expect(board).to_contain_text("Alibaba eyes Kroger stake")
    expect(board).to_contain_text("Grab weighs bank purchase")
    _shot(page, "board.png")

    page.select_option("#id_kind", "investment")
    page.wait_for_url(re.compile(r"kind=investment"))
    expect(page.locator("#board-results")).not_to_contain_text("Grab weighs bank purchase")
    expect(page.locator("#board-results")).to_contain_text("Alibaba eyes Kroger stake")

    page.fill("#id_q", "grab")
    page.wait_for_url(re.compile(r"q=grab"))
    expect(page.locator("#board-results")).not_to_contain_text("Alibaba eyes Kroger stake")

    page.go_back()
    page.wait_for_url(re.compile(r"kind=investment(?!.*q=grab)"))
    expect(page.locator("#board-results")).to_contain_text("Alibaba eyes Kroger stake")


def test_dragging_a_card_to_agreed_asks_a_reason_and_the_deal_page_shows_it(page, desk):
    expect = sync_api.expect
    card = page.locator(f'.card[data-deal="{desk["talks"].pk}"]')
    target = page.locator('.cards[data-stage="agreed"]')
    box, goal = card.bounding_box(), target.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 10, box["y"] + box["height"] / 2, steps=3)
    page.mouse.move(goal["x"] + goal["width"] / 2, goal["y"] + 30, steps=15)
    page.mouse.up()

    dialog = page.locator("#move-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#move-to")).to_have_value("agreed")
    dialog.locator("#move-reason").fill("Definitive agreement signed")
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_be_hidden()
    expect(
        page.locator(f'.cards[data-stage="agreed"] .card[data-deal="{desk["talks"].pk}"]')
    ).to_be_visible()

    page.goto(f"/deals/{desk['talks'].pk}/")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Definitive agreement signed")
    expect(timeline).to_contain_text("In talks")
    expect(page.locator(".progress .current")).to_have_text("Agreed")
    _shot(page, "deal.png")


def test_the_keyboard_moves_a_card_without_a_mouse(page, desk):
    expect = sync_api.expect
    page.locator(f'.card[data-deal="{desk["rumour"].pk}"] .card-title a').focus()
    page.keyboard.press("]")
    dialog = page.locator("#move-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#move-to")).to_have_value("in_talks")
    page.keyboard.type("Talks confirmed by both sides")
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(
        page.locator(f'.cards[data-stage="in_talks"] .card[data-deal="{desk["rumour"].pk}"]')
    ).to_be_visible()


def test_accepting_a_flag_with_the_keyboard(page, desk):
    expect = sync_api.expect
    page.goto("/review/")
    item = page.locator(f"#flag-{desk['flag'].pk}")
    expect(item).to_contain_text("rumoured → agreed")
    expect(item.locator("mark").first).to_have_text("Grab")
    expect(item).to_have_class(re.compile(r"\bcurrent\b"))
    _shot(page, "review.png")
    page.keyboard.press("?")
    expect(page.locator("#review-help")).to_be_visible()
    page.keyboard.press("Escape")
    page.keyboard.press("a")
    expect(page.locator(f"#flag-{desk['flag'].pk}")).to_contain_text("flag accepted")
    page.goto("/?stage=agreed")
    expect(page.locator("#board-results")).to_contain_text("Grab weighs bank purchase")


def test_searching_articles(page):
    expect = sync_api.expect
    page.goto("/articles/")
    page.fill("#id_aq", "kroger")
    page.wait_for_url(re.compile(r"q=kroger"))
    results = page.locator("#article-results")
    expect(results).to_contain_text("Alibaba in early talks with Kroger")
    expect(results).not_to_contain_text("Grab agrees to buy a digital bank")
    expect(results.locator("mark").first).to_be_visible()
    page.click("text=Alibaba in early talks with Kroger")
    expect(page.locator(".article-body mark").first).to_be_visible()
