"""The review queue's low-confidence samples: labelled, filterable, decided by editors only."""

from __future__ import annotations

import pytest

from deals.models import Deal, DealUpdate, Role, Stage
from deals.selectors.board import board_deals
from tests.deals import builders

pytestmark = pytest.mark.django_db

SAMPLE_NOTE = "your decision trains the analysis"


@pytest.fixture
def reported():
    deal = builders.deal(
        "Harlow to acquire Quillon",
        stage=Stage.IN_TALKS,
        parties=[
            (builders.company("Harlow"), Role.ACQUIRER),
            (builders.company("Quillon"), Role.TARGET),
        ],
    )
    story = builders.article("Harlow agrees Quillon deal")
    return builders.flag(
        deal, to=Stage.AGREED, article_=story, evidence="Harlow agreed to buy Quillon."
    )


@pytest.fixture
def sample():
    """A sampled new deal: dismissed (off the board) until its flag is accepted."""
    deal = builders.deal(
        "Brimsby to acquire Tamber",
        stage=Stage.RUMOURED,
        confirmed=False,
        dismissed=True,
        parties=[
            (builders.company("Brimsby"), Role.ACQUIRER),
            (builders.company("Tamber"), Role.TARGET),
        ],
    )
    story = builders.article("Brimsby results")
    return builders.flag(
        deal,
        to=Stage.RUMOURED,
        article_=story,
        type=DealUpdate.Type.NEW_DEAL,
        current_stage="",
        evidence="Brimsby could bid for Tamber, a trade paper said.",
        confidence=0.38,
        is_sample=True,
        sample_rate=0.05,
    )


def test_samples_are_labelled_in_the_queue(client_for, editor, reported, sample):
    page = client_for(editor).get("/review/").content.decode()
    assert "could bid for" in page and "agreed to buy" in page
    assert page.count("low-confidence sample</span>") == 1
    assert page.count(SAMPLE_NOTE) == 1
    assert f'id="flag-{sample.pk}" data-flag data-sample' in page
    assert f'id="flag-{reported.pk}" data-flag tabindex' in page


def test_the_queue_filters_samples_in_or_out(client_for, editor, reported, sample):
    client = client_for(editor)
    only = client.get("/review/?samples=only").content.decode()
    assert "could bid for" in only and "agreed to buy" not in only
    none = client.get("/review/?samples=none").content.decode()
    assert "agreed to buy" in none and "could bid for" not in none
    unknown = client.get("/review/?samples=bogus").content.decode()
    assert "agreed to buy" in unknown and "could bid for" in unknown


def test_the_filtered_queue_comes_as_a_partial_for_htmx(client_for, editor, reported, sample):
    response = client_for(editor).get("/review/?samples=only", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="review-queue">')
    assert "<html" not in body and "could bid for" in body
    assert "agreed to buy" not in body


def test_the_pager_keeps_the_sample_filter(client_for, editor, monkeypatch, sample):
    monkeypatch.setattr("deals.views.review.PAGE_SIZE", 1)
    builders.flag(
        sample.deal, to=Stage.IN_TALKS, article_=builders.article("Other"), is_sample=True
    )
    page = client_for(editor).get("/review/?samples=only").content.decode()
    assert "?page=2&amp;samples=only" in page


def test_an_editor_accepts_a_sample_and_its_deal_comes_onto_the_board(client_for, editor, sample):
    response = client_for(editor).post(
        f"/review/{sample.pk}/accept/", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and "flag accepted" in response.content.decode()
    sample.refresh_from_db()
    assert sample.status == DealUpdate.Status.ACCEPTED and sample.reviewer == editor
    assert board_deals().filter(pk=sample.deal_id).exists()


def test_an_editor_rejects_a_sample_and_the_board_never_shows_it(client_for, editor, sample):
    response = client_for(editor).post(f"/review/{sample.pk}/reject/")
    assert response.status_code == 302
    sample.refresh_from_db()
    assert sample.status == DealUpdate.Status.REJECTED
    assert not board_deals().filter(pk=sample.deal_id).exists()
    assert "Brimsby to acquire Tamber" not in client_for(editor).get("/").content.decode()


def test_bulk_decisions_include_samples(client_for, editor, reported, sample):
    client_for(editor).post("/review/bulk/", {"action": "reject", "ids": [sample.pk, reported.pk]})
    assert set(DealUpdate.objects.values_list("status", flat=True)) == {"rejected"}


@pytest.mark.parametrize("who", ["reporter", "desk_admin", "outsider"])
def test_only_editors_see_or_decide_samples(client_for, request, who, sample):
    client = client_for(request.getfixturevalue(who))
    assert client.get("/review/?samples=only").status_code == 403
    assert client.post(f"/review/{sample.pk}/accept/").status_code == 403
    assert client.post(f"/review/{sample.pk}/reject/").status_code == 403
    assert client.post("/review/bulk/", {"action": "accept", "ids": [sample.pk]}).status_code == 403
    sample.refresh_from_db()
    assert sample.status == DealUpdate.Status.PENDING
    assert Deal.objects.get(pk=sample.deal_id).dismissed


def test_anonymous_users_are_sent_to_log_in(client, sample):
    response = client.get("/review/?samples=only")
    assert response.status_code == 302 and "login" in response["Location"]
    assert client.post(f"/review/{sample.pk}/accept/").status_code == 302
    sample.refresh_from_db()
    assert sample.status == DealUpdate.Status.PENDING


def test_decisions_on_samples_refuse_get(client_for, editor, sample):
    client = client_for(editor)
    assert client.get(f"/review/{sample.pk}/accept/").status_code == 405
    assert client.get(f"/review/{sample.pk}/reject/").status_code == 405


def test_the_deal_page_says_a_sampled_deal_awaits_a_decision(client_for, editor, sample):
    page = client_for(editor).get(sample.deal.get_absolute_url()).content.decode()
    assert "low-confidence sample" in page
    assert '<span class="badge">dismissed</span>' not in page


@pytest.mark.parametrize("decide", [None, "reject"])
def test_a_sample_born_deal_is_not_found_by_a_reporter(
    client_for, reporter, editor, sample, decide
):
    if decide:
        assert client_for(editor).post(f"/review/{sample.pk}/{decide}/").status_code == 302
    url = sample.deal.get_absolute_url()
    assert client_for(reporter).get(url).status_code == 404
    assert client_for(editor).get(url).status_code == 200


def test_an_accepted_sample_deal_is_open_to_reporters(client_for, reporter, editor, sample):
    assert client_for(editor).post(f"/review/{sample.pk}/accept/").status_code == 302
    assert client_for(reporter).get(sample.deal.get_absolute_url()).status_code == 200


def test_a_story_page_shows_reporters_no_undecided_or_rejected_sample(
    client_for, reporter, editor, sample, reported
):
    """A board deal's sample flag and a sample-born deal stay out of a reporter's view."""
    story = sample.article
    builders.flag(reported.deal, to=Stage.CALLED_OFF, article_=story, is_sample=True)
    client_for(editor).post(f"/review/{sample.pk}/reject/")
    seen_by = {
        "reporter": client_for(reporter).get(f"/articles/{story.pk}/").content.decode(),
        "editor": client_for(editor).get(f"/articles/{story.pk}/").content.decode(),
    }
    for name in ("Brimsby to acquire Tamber", "Harlow to acquire Quillon"):
        assert name not in seen_by["reporter"]
        assert name in seen_by["editor"]  # the record stays for editors


def test_the_board_card_shows_no_pending_flag_for_a_sample(client_for, editor, reported):
    builders.flag(
        reported.deal, to=Stage.CALLED_OFF, article_=builders.article("Later"), is_sample=True
    )
    page = client_for(editor).get("/?pending=1").content.decode()
    assert "Harlow to acquire Quillon" in page
    assert "2 pending" not in page
