"""The deal page: facts, progress, a timeline merged with coverage and tips; edit, notes, merge."""

from decimal import Decimal

import pytest

from articles.models import Article
from deals.models import Deal, DealArticle, DealEvent, DealParty, DealUpdate, Role, Stage, Tip
from deals.services.deals import deal_edit, deal_merge
from deals.services.stages import deal_move_stage
from tests.deals import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal(editor):
    grab = builders.company("Grab")
    made = builders.deal(
        "Grab buys Jaya Grocer",
        stage=Stage.IN_TALKS,
        value=Decimal("375000000"),
        currency="SGD",
        value_usd=Decimal("280000000"),
        parties=[(grab, Role.ACQUIRER)],
    )
    story = builders.article("Grab nears Jaya Grocer deal")
    builders.cover(made, story, "Grab is in advanced talks to buy Jaya Grocer.")
    deal_move_stage(deal=made, to_stage=Stage.AGREED, actor=editor, reason="Signed")
    return made


def test_the_page_shows_parties_value_progress_and_timeline(client_for, reporter, deal):
    response = client_for(reporter).get(f"/deals/{deal.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Grab buys Jaya Grocer" in html and "Acquirer" in html
    assert "S$375m" in html and "$280m" in html
    assert 'class="step current" aria-current="step">Agreed' in html
    assert "Grab nears Jaya Grocer deal" in html  # coverage merged into the timeline
    assert "Signed" in html and "In talks" in html
    assert "Move stage" not in html and "Merge duplicate" not in html  # reporters read only


def test_tips_on_the_page_follow_tip_visibility(client_for, reporter, reporter2, editor, deal):
    company = deal.parties.first().company
    Tip.objects.create(
        company=company, deal=deal, author=reporter2, body="Private hunch", source="Jo at the bank"
    )
    Tip.objects.create(
        company=company,
        deal=deal,
        author=reporter2,
        body="Shared hunch",
        shared_with_desk=True,
        source="Sam",
    )
    html = client_for(reporter).get(f"/deals/{deal.pk}/").content.decode()
    assert "Shared hunch" in html and "Private hunch" not in html
    assert "Sam" not in html and "Jo at the bank" not in html
    html = client_for(editor).get(f"/deals/{deal.pk}/").content.decode()
    assert "Private hunch" in html and "Shared hunch" in html


def test_outsiders_cannot_read_a_deal_and_unknown_deals_are_404(client_for, outsider, editor, deal):
    assert client_for(outsider).get(f"/deals/{deal.pk}/").status_code == 403
    assert client_for(editor).get("/deals/999999/").status_code == 404
    assert client_for(editor).post(f"/deals/{deal.pk}/").status_code == 405


def test_the_htmx_partial_is_the_summary(client_for, editor, deal):
    html = client_for(editor).get(f"/deals/{deal.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<section id="deal-summary"') and "<html" not in html


def test_inline_edit_saves_and_writes_an_edit_event(client_for, editor, deal):
    client = client_for(editor)
    form = client.get(f"/deals/{deal.pk}/edit/", HTTP_HX_REQUEST="true").content.decode()
    assert f'hx-post="/deals/{deal.pk}/edit/"' in form and "<html" not in form
    data = {
        "title": "Grab buys Jaya Grocer outright",
        "kind": "acquisition",
        "value": "375000000",
        "currency": "sgd",
        "value_usd": "280000000",
        "stake_pct": "100",
        "region": "Southeast Asia",
        "reason": "Full buyout",
    }
    response = client.post(f"/deals/{deal.pk}/edit/", data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and 'id="deal-summary"' in html and "outright" in html
    deal.refresh_from_db()
    assert deal.title.endswith("outright") and deal.stake_pct == 100 and deal.currency == "SGD"
    event = DealEvent.objects.get(deal=deal, type=DealEvent.Type.EDIT)
    assert event.changes["stake_pct"] == [None, "100"] and event.reason == "Full buyout"


def test_validation_errors_come_back_in_place(client_for, editor, deal):
    response = client_for(editor).post(
        f"/deals/{deal.pk}/edit/",
        {"title": "", "kind": "acquisition", "stake_pct": "140", "value": "5", "currency": ""},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.count('class="errorlist"') >= 3 and "field-error" in html
    deal.refresh_from_db()
    assert deal.title == "Grab buys Jaya Grocer"


@pytest.mark.parametrize("who", ["reporter", "desk_admin"])
def test_only_editors_edit_note_or_merge(client_for, request, who, deal):
    other = builders.deal("Other")
    client = client_for(request.getfixturevalue(who))
    assert client.get(f"/deals/{deal.pk}/edit/").status_code == 403
    assert client.post(f"/deals/{deal.pk}/notes/", {"text": "hi"}).status_code == 403
    assert client.post(f"/deals/{deal.pk}/merge/", {"target": other.pk}).status_code == 403
    assert not Deal.objects.filter(merged_into__isnull=False).exists()


def test_an_editor_adds_a_note_to_the_timeline(client_for, editor, deal):
    response = client_for(editor).post(
        f"/deals/{deal.pk}/notes/",
        {"text": "Called the company; no comment."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "no comment" in response.content.decode()
    assert client_for(editor).get(f"/deals/{deal.pk}/notes/").status_code == 405


def test_merging_moves_everything_and_keeps_the_record(client_for, editor, reporter, deal):
    dup = builders.deal(
        "Grab–Jaya (duplicate)",
        stage=Stage.IN_TALKS,
        parties=[(builders.company("Jaya Grocer"), Role.TARGET)],
    )
    shared_story = DealArticle.objects.get(deal=deal).article
    builders.cover(dup, shared_story)  # the same article on both: stays once on the target
    own_story = builders.article("Jaya Grocer owners weigh offers")
    builders.cover(dup, own_story)
    builders.flag(dup, to=Stage.AGREED, article_=own_story)
    tip = Tip.objects.create(
        company=dup.parties.first().company, deal=dup, author=reporter, body="t"
    )
    deal_move_stage(deal=dup, to_stage=Stage.AGREED, actor=editor, reason="dup moved")

    response = client_for(editor).post(
        f"/deals/{dup.pk}/merge/", {"target": deal.pk, "reason": "same deal"}
    )
    assert response.status_code == 302 and response["Location"] == f"/deals/{deal.pk}/"
    dup.refresh_from_db()
    assert dup.merged_into_id == deal.pk
    assert set(DealArticle.objects.filter(deal=deal).values_list("article_id", flat=True)) == {
        shared_story.pk,
        own_story.pk,
    }
    assert (
        DealArticle.objects.filter(deal=dup).count() == 1
    )  # the duplicate link stays on the record
    assert DealUpdate.objects.filter(deal=deal).count() == 1
    assert DealEvent.objects.filter(deal=deal, reason="dup moved").exists()
    assert DealParty.objects.filter(deal=deal).count() == 2
    tip.refresh_from_db()
    assert tip.deal_id == deal.pk
    # The old address leads to the deal it was merged into; the board shows one deal.
    assert client_for(editor).get(f"/deals/{dup.pk}/").status_code == 302
    board = client_for(editor).get("/").content.decode()
    assert "Grab–Jaya (duplicate)" not in board


def test_a_deal_cannot_be_merged_into_itself_or_twice(editor, deal):
    with pytest.raises(ValueError):
        deal_merge(source=deal, target=deal, actor=editor)
    other = builders.deal("Other")
    deal_merge(source=other, target=deal, actor=editor)
    with pytest.raises(ValueError):
        deal_merge(source=other, target=deal, actor=editor)


def test_an_edit_that_changes_nothing_writes_nothing(editor, deal):
    assert deal_edit(deal=deal, actor=editor, title=deal.title) is None
    with pytest.raises(ValueError):
        deal_edit(deal=deal, actor=editor, stage=Stage.COMPLETED)


@pytest.mark.parametrize("n", [10, 500])
def test_the_deal_page_queries_do_not_grow(client_for, editor, django_assert_max_num_queries, n):
    target = builders.deal("Much covered", stage=Stage.IN_TALKS)
    src = builders.source()
    Article.objects.bulk_create(
        Article(source=src, url=f"https://many.example/{i}", title=f"Story {i}") for i in range(n)
    )
    stories = list(Article.objects.filter(url__startswith="https://many.example/"))
    DealArticle.objects.bulk_create(DealArticle(deal=target, article=a) for a in stories)
    DealParty.objects.bulk_create(
        DealParty(deal=target, company=builders.company(f"Party {i}"), role=Role.PARTNER)
        for i in range(min(n, 40))
    )
    DealEvent.objects.bulk_create(
        DealEvent(
            deal=target, type=DealEvent.Type.NOTE, actor=editor, reason=f"note {i}", article=a
        )
        for i, a in enumerate(stories)
    )
    client = client_for(editor)
    client.get(f"/deals/{target.pk}/")
    with django_assert_max_num_queries(9):
        assert client.get(f"/deals/{target.pk}/").status_code == 200


@pytest.mark.parametrize("stories", [2, 12])
def test_the_deal_page_queries_do_not_grow_with_its_coverage(
    client_for, editor, deal, django_assert_max_num_queries, stories
):
    """The timeline reads stories without their text: showing one must not fetch it again."""
    for i in range(stories):
        story = builders.article(f"Grab and Jaya Grocer, part {i}", body="Long text. " * 200)
        builders.cover(deal, story, "Grab agreed to buy Jaya Grocer.")
        builders.flag(deal, to=Stage.COMPLETED, article_=story)
    client = client_for(editor)
    client.get(f"/deals/{deal.pk}/")  # warm the session and role caches like a real visit
    with django_assert_max_num_queries(9):
        response = client.get(f"/deals/{deal.pk}/")
    html = response.content.decode()
    assert response.status_code == 200 and f"Grab and Jaya Grocer, part {stories - 1}" in html
