"""Exports: the board as filtered, in CSV, for editors; the Atom feed behind a per-user token."""

import csv
import io

import feedparser
import pytest

from deals.models import FeedToken, Kind, Role, Stage
from deals.services.feeds import feed_token_rotate
from deals.services.stages import deal_update_accept
from tests.deals import builders

pytestmark = pytest.mark.django_db


def _csv(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def deals():
    grab = builders.company("Grab")
    builders.deal("Grab invests", kind=Kind.INVESTMENT, parties=[(grab, Role.INVESTOR)])
    builders.deal("=HYPERLINK(evil)", kind=Kind.ACQUISITION)


def test_editors_export_the_board_as_filtered(client_for, editor, deals):
    response = client_for(editor).get("/board/export.csv?kind=investment")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert [r["title"] for r in rows] == ["Grab invests"]
    assert rows[0]["parties"] == "Grab (investor)"
    assert rows[0]["url"].endswith(f"/deals/{rows[0]['id']}/")


def test_cells_that_look_like_formulas_are_defused(client_for, editor, deals):
    rows = _csv(client_for(editor).get("/board/export.csv?kind=acquisition"))
    assert rows[0]["title"] == "'=HYPERLINK(evil)"


@pytest.mark.parametrize("who", ["reporter", "desk_admin", "outsider"])
def test_only_editors_export(client_for, request, who, deals):
    assert client_for(request.getfixturevalue(who)).get("/board/export.csv").status_code == 403


def test_export_refuses_post(client_for, editor):
    assert client_for(editor).post("/board/export.csv").status_code == 405


@pytest.fixture
def accepted(editor):
    deal = builders.deal("Alibaba–Kroger", stage=Stage.IN_TALKS)
    story = builders.article("Alibaba agrees", src=builders.source("Reuters"))
    update = builders.flag(deal, to=Stage.AGREED, article_=story, evidence="Alibaba agreed.")
    deal_update_accept(update=update, actor=editor)
    builders.flag(deal, to=Stage.COMPLETED, evidence="Still pending")
    return update


def test_the_feed_lists_accepted_updates_for_a_valid_token(client, editor, accepted):
    token = feed_token_rotate(user=editor)
    client.logout()
    response = client.get(f"/feeds/updates.atom?token={token.token}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert [e.title for e in feed.entries] == ["Alibaba–Kroger: in talks → agreed"]
    assert "Alibaba agreed. (Reuters)" in feed.entries[0].summary


def test_unknown_revoked_or_roleless_tokens_get_404(client, editor, outsider, accepted):
    old = feed_token_rotate(user=editor).token
    new = feed_token_rotate(user=editor).token
    assert client.get(f"/feeds/updates.atom?token={old}").status_code == 404
    assert client.get("/feeds/updates.atom?token=not-a-token").status_code == 404
    assert client.get(f"/feeds/updates.atom?token={new}").status_code == 200
    roleless = feed_token_rotate(user=outsider).token
    assert client.get(f"/feeds/updates.atom?token={roleless}").status_code == 404
    editor.is_active = False
    editor.save()
    assert client.get(f"/feeds/updates.atom?token={new}").status_code == 404


def test_without_a_token_the_feed_needs_a_logged_in_desk_member(
    client_for, reporter, outsider, accepted
):
    assert client_for(None).get("/feeds/updates.atom").status_code == 302
    assert client_for(outsider).get("/feeds/updates.atom").status_code == 403
    response = client_for(reporter).get("/feeds/updates.atom")
    assert response.status_code == 200 and b"Alibaba" in response.content


def test_a_user_issues_and_sees_their_feed_address(client_for, reporter, outsider):
    client = client_for(reporter)
    assert "no feed address yet" in client.get("/feeds/").content.decode()
    assert client.get("/feeds/token/").status_code == 405
    assert client.post("/feeds/token/").status_code == 302
    token = FeedToken.objects.get(user=reporter).token
    assert f"/feeds/updates.atom?token={token}" in client.get("/feeds/").content.decode()
    assert client_for(outsider).post("/feeds/token/").status_code == 403
