"""The deal board: columns, filters in the URL, htmx partials, stage moves, the new-flag badge."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from deals.models import Deal, DealEvent, Kind, Role, Stage
from deals.selectors.board import COLUMN_LIMIT
from deals.services.stages import deal_move_stage
from tests.deals import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def grab_deal():
    grab = builders.company("Grab", sector="Mobility", country="Singapore")
    bank = builders.company("Bank Jago", sector="Fintech", country="Indonesia")
    return builders.deal(
        "Grab to buy Bank Jago stake",
        kind=Kind.INVESTMENT,
        stage=Stage.IN_TALKS,
        value=Decimal("300000000"),
        currency="USD",
        value_usd=Decimal("300000000"),
        parties=[(grab, Role.INVESTOR), (bank, Role.INVESTEE)],
    )


@pytest.fixture
def other_deal():
    return builders.deal("Kroger weighs sale", kind=Kind.ACQUISITION, stage=Stage.RUMOURED)


@pytest.mark.parametrize("who", ["editor", "reporter", "desk_admin"])
def test_the_desk_sees_every_column_with_counts_and_cards(
    client_for, request, who, grab_deal, other_deal
):
    response = client_for(request.getfixturevalue(who)).get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Rumoured", "In talks", "Agreed", "Completed", "Called off"):
        assert label in html
    assert "Grab to buy Bank Jago stake" in html and "Kroger weighs sale" in html
    assert "$300m" in html  # the column total and the card amount
    assert "investor" in html and "investee" in html
    columns = {c.key: c for c in response.context["columns"]}
    assert columns[Stage.IN_TALKS].count == 1
    assert columns[Stage.IN_TALKS].total_usd == Decimal("300000000")


def test_outsiders_get_403_and_anonymous_users_the_login_page(client_for, outsider):
    assert client_for(outsider).get("/").status_code == 403
    response = client_for(None).get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_board_refuses_post(client_for, editor):
    assert client_for(editor).post("/").status_code == 405


def test_an_htmx_request_gets_only_the_results_region(client_for, editor, grab_deal):
    response = client_for(editor).get("/?kind=investment", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="board-results"')
    assert "<html" not in html and "board-filters" not in html
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(client_for, editor):
    response = client_for(editor).get(
        "/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("kind=investment", "Grab to buy", "Kroger weighs"),
        ("stage=rumoured", "Kroger weighs", "Grab to buy"),
        ("q=jago", "Grab to buy", "Kroger weighs"),
        ("q=kroger", "Kroger weighs", "Grab to buy"),
        ("sector=Fintech", "Grab to buy", "Kroger weighs"),
        ("country=Indonesia", "Grab to buy", "Kroger weighs"),
        ("company=grab", "Grab to buy", "Kroger weighs"),
        ("company=Bank+Jago", "Grab to buy", "Kroger weighs"),
        ("company=nobody", "", "Grab to buy"),
        ("value_min=100&value_max=500", "Grab to buy", "Kroger weighs"),
        ("value_min=301", "", "Grab to buy"),
    ],
)
def test_filters_in_the_url_narrow_the_board(
    client_for, editor, grab_deal, other_deal, query, shown, hidden
):
    html = client_for(editor).get(f"/?{query}").content.decode()
    assert shown in html
    assert hidden not in html


def test_pending_and_stale_and_owner_filters(client_for, editor, grab_deal, other_deal):
    builders.flag(other_deal, to=Stage.IN_TALKS)
    Deal.objects.filter(pk=grab_deal.pk).update(
        last_activity_at=timezone.now() - timedelta(days=40), owner=editor
    )
    client = client_for(editor)
    html = client.get("/?pending=on").content.decode()
    assert "Kroger weighs" in html and "Grab to buy" not in html
    assert "1 flag" in html
    html = client.get("/?stale=30").content.decode()
    assert "Grab to buy" in html and "Kroger weighs" not in html
    assert 'class="badge stale"' not in html
    Deal.objects.filter(pk=grab_deal.pk).update(is_stale=True)
    assert 'class="badge stale"' in client.get("/?stale=30").content.decode()
    # A quiet rumour is stale too, as the periodic stale marking counts it.
    Deal.objects.filter(pk=other_deal.pk).update(
        last_activity_at=timezone.now() - timedelta(days=40)
    )
    assert "Kroger weighs" in client.get("/?stale=30").content.decode()
    html = client.get(f"/?owner={editor.username}").content.decode()
    assert "Grab to buy" in html and "Kroger weighs" not in html


def test_a_bad_filter_value_is_ignored_not_an_error(client_for, editor, grab_deal):
    response = client_for(editor).get("/?value_min=lots&date_from=yesterday&stale=-3")
    assert response.status_code == 200
    assert "Grab to buy" in response.content.decode()


def test_grouping_by_kind_makes_a_column_per_kind(client_for, editor, grab_deal, other_deal):
    response = client_for(editor).get("/?group=kind")
    keys = [c.key for c in response.context["columns"]]
    assert keys == Kind.values
    assert response.context["can_move"] is False  # moving is by stage only


def test_a_column_shows_its_first_cards_and_a_more_link(client_for, editor):
    for i in range(COLUMN_LIMIT + 3):
        builders.deal(f"Talks {i}", stage=Stage.IN_TALKS)
    client = client_for(editor)
    response = client.get("/")
    column = next(c for c in response.context["columns"] if c.key == Stage.IN_TALKS)
    assert len(column.deals) == COLUMN_LIMIT and column.count == COLUMN_LIMIT + 3
    assert "More…" in response.content.decode()
    more = client.get(f"/board/column/?col=in_talks&offset={COLUMN_LIMIT}", HTTP_HX_REQUEST="true")
    assert more.status_code == 200
    assert more.content.decode().count('<article class="card') == 3
    assert "<html" not in more.content.decode()
    plain = client.get(f"/board/column/?col=in_talks&offset={COLUMN_LIMIT}")
    assert "<html" in plain.content.decode()


def test_the_new_flag_badge_counts_flags_since_the_board_was_drawn(client_for, editor, other_deal):
    client = client_for(editor)
    since = timezone.now().isoformat()
    assert "new update" not in client.get("/board/new-flags/", {"since": since}).content.decode()
    builders.flag(other_deal, to=Stage.IN_TALKS)
    builders.flag(other_deal, to=Stage.AGREED)
    html = client.get(
        "/board/new-flags/", {"since": since, "next": "/?kind=acquisition"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "2 new updates" in html
    assert 'href="/?kind=acquisition"' in html
    evil = client.get("/board/new-flags/", {"since": since, "next": "https://evil.example/"})
    assert "evil.example" not in evil.content.decode()


def test_reporters_see_no_drag_targets_or_move_buttons(client_for, reporter, editor, grab_deal):
    assert "data-drop" not in client_for(reporter).get("/").content.decode()
    assert "data-drop" in client_for(editor).get("/").content.decode()


# Stage moves (drag and drop, keyboard, the deal page's form).


def test_an_editor_moves_a_deal_with_a_reason_and_an_event_is_written(
    client_for, editor, grab_deal
):
    response = client_for(editor).post(
        f"/deals/{grab_deal.pk}/stage/",
        {"to_stage": "agreed", "reason": "Signed today"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    assert response["HX-Trigger"] == "board-changed"
    grab_deal.refresh_from_db()
    assert grab_deal.stage == Stage.AGREED
    event = DealEvent.objects.get(deal=grab_deal, type=DealEvent.Type.STAGE)
    assert (event.from_stage, event.to_stage, event.reason, event.actor) == (
        Stage.IN_TALKS,
        Stage.AGREED,
        "Signed today",
        editor,
    )


def test_a_move_without_javascript_redirects_back_with_a_message(client_for, editor, grab_deal):
    response = client_for(editor).post(
        f"/deals/{grab_deal.pk}/stage/",
        {"to_stage": "agreed", "reason": "Signed", "next": "/?kind=investment"},
    )
    assert response.status_code == 302 and response["Location"] == "/?kind=investment"


def test_a_move_needs_a_reason(client_for, editor, grab_deal):
    response = client_for(editor).post(
        f"/deals/{grab_deal.pk}/stage/", {"to_stage": "agreed"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    grab_deal.refresh_from_db()
    assert grab_deal.stage == Stage.IN_TALKS


def test_a_backward_move_must_be_confirmed_as_a_revival(client_for, editor, grab_deal):
    client = client_for(editor)
    url = f"/deals/{grab_deal.pk}/stage/"
    refused = client.post(url, {"to_stage": "rumoured", "reason": "x"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 422 and "revival" in refused.content.decode()
    accepted = client.post(
        url, {"to_stage": "rumoured", "reason": "x", "revival": "on"}, HTTP_HX_REQUEST="true"
    )
    assert accepted.status_code == 204


@pytest.mark.parametrize("who", ["reporter", "desk_admin", "outsider"])
def test_only_editors_move_deals(client_for, request, who, grab_deal):
    response = client_for(request.getfixturevalue(who)).post(
        f"/deals/{grab_deal.pk}/stage/", {"to_stage": "agreed", "reason": "x"}
    )
    assert response.status_code == 403
    grab_deal.refresh_from_db()
    assert grab_deal.stage == Stage.IN_TALKS


def test_the_move_view_refuses_get(client_for, editor, grab_deal):
    assert client_for(editor).get(f"/deals/{grab_deal.pk}/stage/").status_code == 405


# Query counts do not grow with the number of deals.


@pytest.mark.parametrize("n", [10, 500])
def test_the_board_queries_do_not_grow_with_deals(
    client_for, editor, django_assert_max_num_queries, n
):
    builders.many_deals(n)
    client = client_for(editor)
    client.get("/")  # warm the session and role caches like a real visit
    with django_assert_max_num_queries(14):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(14):
        response = client.get("/?sector=Fintech&pending=on&q=bulk&value_min=1")
        assert response.status_code == 200
    assert sum(c.count for c in response.context["columns"]) > 0


# Cards are drawn once and cached by their content: a change shows on the next board at once.


def _card(html: str, deal: Deal) -> str:
    start = html.index(f'data-deal="{deal.pk}"')
    return html[start : html.index("</article>", start)]


def test_a_cached_card_shows_a_stage_move_and_a_new_flag_at_once(client_for, editor, grab_deal):
    client = client_for(editor)
    assert 'data-stage="in_talks"' in _card(client.get("/").content.decode(), grab_deal)
    deal_move_stage(deal=grab_deal, to_stage=Stage.AGREED, actor=editor, reason="Signed")
    card = _card(client.get("/").content.decode(), grab_deal)
    assert 'data-stage="agreed"' in card and "flag" not in card
    builders.flag(grab_deal, to=Stage.COMPLETED)
    assert "1 flag" in _card(client.get("/?stage=agreed").content.decode(), grab_deal)


def test_a_cached_card_shows_a_renamed_party_at_once(client_for, editor, grab_deal):
    client = client_for(editor)
    assert "Bank Jago" in _card(client.get("/").content.decode(), grab_deal)
    bank = grab_deal.parties.get(role=Role.INVESTEE).company
    bank.name = "PT Bank Jago Tbk"
    bank.save()
    assert "PT Bank Jago Tbk" in _card(client.get("/").content.decode(), grab_deal)


def test_an_editors_cached_card_is_never_served_to_a_reporter(
    client_for, editor, reporter, grab_deal
):
    assert "Move…" in _card(client_for(editor).get("/").content.decode(), grab_deal)
    assert "Move…" not in _card(client_for(reporter).get("/").content.decode(), grab_deal)
