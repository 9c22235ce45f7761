"""Articles: search (full text on PostgreSQL, contains on SQLite) with filters; the story page."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from deals.models import CompanyAlias, Role, Stage
from tests.deals import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    alibaba = builders.company("Alibaba")
    CompanyAlias.objects.create(company=alibaba, alias="Ali")
    wire = builders.source("Reuters")
    blog = builders.source("Deal Blog")
    now = timezone.now()
    talks = builders.article(
        "Alibaba in talks with Kroger",
        src=wire,
        body="Alibaba is in early talks to buy a stake in Kroger, people familiar said.\n\n"
        "Ali declined to comment.",
        mentions=[alibaba],
        published_at=now - timedelta(days=1),
        analysis={
            "deals": [
                {
                    "kind": "investment",
                    "stage": "in_talks",
                    "parties": [{"name": "Alibaba", "role": "investor"}],
                    "amount": None,
                    "evidence": "Alibaba is in early talks to buy a stake in Kroger.",
                }
            ]
        },
    )
    old = builders.article(
        "Tencent invests in Carrefour China",
        src=blog,
        body="Tencent will invest in Carrefour's China unit.",
        published_at=now - timedelta(days=400),
    )
    return {"talks": talks, "old": old, "alibaba": alibaba, "wire": wire}


@pytest.mark.parametrize("who", ["editor", "reporter", "desk_admin"])
def test_the_desk_searches_stories(client_for, request, who, stories):
    response = client_for(request.getfixturevalue(who)).get("/articles/?q=kroger")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alibaba in talks with Kroger" in html and "Tencent invests" not in html
    assert "<mark>" in html  # the snippet highlights the match


def test_search_filters_by_source_company_and_date(client_for, editor, stories):
    client = client_for(editor)
    html = client.get(f"/articles/?source={stories['wire'].pk}").content.decode()
    assert "Alibaba in talks" in html and "Tencent invests" not in html
    html = client.get("/articles/?company=alibaba").content.decode()
    assert "Alibaba in talks" in html and "Tencent invests" not in html
    since = (timezone.now() - timedelta(days=30)).date().isoformat()
    html = client.get(f"/articles/?date_from={since}").content.decode()
    assert "Alibaba in talks" in html and "Tencent invests" not in html
    until = (timezone.now() - timedelta(days=300)).date().isoformat()
    html = client.get(f"/articles/?date_to={until}").content.decode()
    assert "Tencent invests" in html and "Alibaba in talks" not in html


def test_the_results_partial_for_htmx(client_for, editor, stories):
    html = client_for(editor).get("/articles/?q=tencent", HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="article-results">') and "<html" not in html
    assert "Tencent invests" in html


def test_article_pages_need_a_desk_role_and_get(client_for, outsider, editor, stories):
    assert client_for(outsider).get("/articles/").status_code == 403
    assert client_for(outsider).get(f"/articles/{stories['talks'].pk}/").status_code == 403
    assert client_for(editor).post("/articles/").status_code == 405
    assert client_for(editor).get("/articles/999999/").status_code == 404


def test_the_story_page_marks_companies_and_lists_signals(client_for, reporter, stories):
    deal = builders.deal("Alibaba–Kroger", parties=[(stories["alibaba"], Role.INVESTOR)])
    builders.cover(deal, stories["talks"])
    builders.flag(deal, to=Stage.AGREED, article_=stories["talks"])
    html = client_for(reporter).get(f"/articles/{stories['talks'].pk}/").content.decode()
    assert "<p><mark>Alibaba</mark> is in early talks" in html
    assert "<mark>Ali</mark> declined" in html
    assert "investment</strong> · in_talks" in html and "Alibaba (investor)" in html
    assert "Covers" in html and "Alibaba–Kroger" in html


def test_the_story_body_is_escaped(client_for, editor, stories):
    stories["old"].body = "<img src=x onerror=alert(1)> Tencent"
    stories["old"].save()
    html = client_for(editor).get(f"/articles/{stories['old'].pk}/").content.decode()
    assert "<img src=x" not in html and "&lt;img" in html


@pytest.mark.postgres
def test_postgres_search_ranks_and_understands_websearch_syntax(client_for, editor, stories):
    assert settings.IS_POSTGRES
    builders.article("Kroger weekly prices", body="Kroger cut prices on milk.")
    client = client_for(editor)
    html = client.get('/articles/?q="early talks" kroger').content.decode()
    assert "Alibaba in talks with Kroger" in html and "Kroger weekly prices" not in html
    html = client.get("/articles/?q=kroger -alibaba").content.decode()
    assert "Kroger weekly prices" in html and "Alibaba in talks" not in html
    # Stemming: "investing" finds "invest".
    html = client.get("/articles/?q=investing carrefour").content.decode()
    assert "Tencent invests in Carrefour China" in html
    builders.article("Grocers cut prices", body="Shoppers saw cuts at Walmart and at Kroger.")
    titles = [h.article.title for h in client.get("/articles/?q=kroger").context["hits"]]
    assert titles.index("Grocers cut prices") == len(titles) - 1  # a title match ranks higher
