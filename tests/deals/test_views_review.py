"""The review queue: editors accept, reject, edit then accept, in bulk; reporters cannot."""

import pytest

from deals.models import Deal, DealEvent, DealUpdate, Kind, Role, Stage
from tests.deals import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged():
    alibaba = builders.company("Alibaba")
    kroger = builders.company("Kroger")
    wire = builders.source("Reuters", credibility_tier=1)
    story = builders.article("Alibaba agrees to buy Kroger stake", src=wire)
    deal = builders.deal(
        "Alibaba–Kroger",
        stage=Stage.IN_TALKS,
        parties=[(alibaba, Role.ACQUIRER), (kroger, Role.TARGET)],
    )
    return builders.flag(
        deal,
        to=Stage.AGREED,
        article_=story,
        evidence="Alibaba agreed to buy a stake in Kroger, people said.",
        confidence=0.8,
        attributed_to="people familiar",
    )


def test_the_queue_shows_the_change_evidence_source_and_confidence(client_for, editor, flagged):
    response = client_for(editor).get("/review/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "in talks → agreed" in html
    assert "<mark>Alibaba</mark> agreed to buy a stake in <mark>Kroger</mark>" in html
    assert "Reuters" in html and "tier 1" in html
    assert "strong evidence" in html
    assert "people familiar" in html


def test_evidence_is_escaped_before_names_are_marked(client_for, editor, flagged):
    flagged.evidence = "<script>x</script> Kroger"
    flagged.save()
    html = client_for(editor).get("/review/").content.decode()
    assert "&lt;script&gt;x&lt;/script&gt; <mark>Kroger</mark>" in html


@pytest.mark.parametrize("who", ["reporter", "desk_admin", "outsider"])
def test_only_editors_see_or_decide_flags(client_for, request, who, flagged):
    client = client_for(request.getfixturevalue(who))
    assert client.get("/review/").status_code == 403
    assert client.post(f"/review/{flagged.pk}/accept/").status_code == 403
    assert client.post(f"/review/{flagged.pk}/reject/").status_code == 403
    assert (
        client.post("/review/bulk/", {"action": "accept", "ids": [flagged.pk]}).status_code == 403
    )
    flagged.refresh_from_db()
    assert flagged.status == DealUpdate.Status.PENDING


def test_decisions_refuse_get_and_the_queue_refuses_post(client_for, editor, flagged):
    client = client_for(editor)
    assert client.get(f"/review/{flagged.pk}/accept/").status_code == 405
    assert client.get(f"/review/{flagged.pk}/reject/").status_code == 405
    assert client.post("/review/").status_code == 405


def test_accepting_moves_the_deal_and_returns_the_decided_row(client_for, editor, flagged):
    client = client_for(editor)
    response = client.post(f"/review/{flagged.pk}/accept/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "data-decided" in html and "accepted" in html
    assert response["HX-Trigger"] == "board-changed"
    flagged.deal.refresh_from_db()
    assert flagged.deal.stage == Stage.AGREED
    assert DealEvent.objects.filter(deal=flagged.deal, to_stage=Stage.AGREED, actor=editor).exists()
    # An accepted change shows on the board at once.
    board = client.get("/?stage=agreed").content.decode()
    assert "Alibaba–Kroger" in board
    # Deciding again is a 404: the flag is no longer pending.
    assert client.post(f"/review/{flagged.pk}/accept/").status_code == 404


def test_rejecting_leaves_the_deal_alone(client_for, editor, flagged):
    response = client_for(editor).post(f"/review/{flagged.pk}/reject/")
    assert response.status_code == 302
    flagged.refresh_from_db()
    flagged.deal.refresh_from_db()
    assert flagged.status == DealUpdate.Status.REJECTED
    assert flagged.deal.stage == Stage.IN_TALKS


def test_edit_then_accept_applies_the_editors_stage_and_kind(client_for, editor, flagged):
    client = client_for(editor)
    form = client.get(f"/review/{flagged.pk}/edit/", HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and "<html" not in form.content.decode()
    assert "Accept with changes" in form.content.decode()
    response = client.post(
        f"/review/{flagged.pk}/edit/",
        {"stage": "completed", "kind": "investment", "reason": "It closed"},
        HTTP_HX_REQUEST="true",
    )
    assert "edited and accepted" in response.content.decode()
    deal = Deal.objects.get(pk=flagged.deal_id)
    assert (deal.stage, deal.kind) == (Stage.COMPLETED, Kind.INVESTMENT)


def test_bulk_accept_and_reject(client_for, editor, flagged):
    other = builders.flag(builders.deal("Other", stage=Stage.RUMOURED), to=Stage.IN_TALKS)
    client = client_for(editor)
    response = client.post("/review/bulk/", {"action": "reject", "ids": [flagged.pk, other.pk]})
    assert response.status_code == 302
    assert set(DealUpdate.objects.values_list("status", flat=True)) == {"rejected"}


def test_the_queue_partial_and_the_deal_filter(client_for, editor, flagged):
    builders.flag(builders.deal("Unrelated", stage=Stage.RUMOURED), to=Stage.IN_TALKS)
    response = client_for(editor).get(f"/review/?deal={flagged.deal_id}", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="review-queue">')
    assert "Alibaba–Kroger" in html and "Unrelated" not in html


@pytest.mark.parametrize("n", [10, 500])
def test_the_queue_queries_do_not_grow_with_flags(
    client_for, editor, django_assert_max_num_queries, n
):
    builders.many_deals(n)
    client = client_for(editor)
    client.get("/review/")
    with django_assert_max_num_queries(12):
        assert client.get("/review/").status_code == 200
