"""Companies: list with type-ahead, watchlist, profile with tips for those allowed, edit, merge."""

from decimal import Decimal

import pytest

from articles.models import Mention
from deals.models import Company, CompanyAlias, DealEvent, DealParty, Role, Stage, Tip
from deals.services.companies import company_merge
from tests.deals import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def grab():
    company = builders.company(
        "Grab Holdings",
        country="Singapore",
        sector="Mobility",
        valuation=Decimal("14000000000"),
        valuation_usd=Decimal("14000000000"),
        total_raised=Decimal("12000000000"),
        total_raised_usd=Decimal("12000000000"),
    )
    CompanyAlias.objects.create(company=company, alias="Grab")
    builders.deal("Grab buys Jaya", stage=Stage.AGREED, parties=[(company, Role.ACQUIRER)])
    builders.deal(
        "Grab in talks with GoTo", stage=Stage.IN_TALKS, parties=[(company, Role.PARTNER)]
    )
    builders.article("Grab posts first profit", mentions=[company])
    return company


def test_the_list_searches_names_and_aliases(client_for, reporter, grab):
    builders.company("Sea Limited")
    client = client_for(reporter)
    html = client.get("/companies/?q=grab").content.decode()
    assert "Grab Holdings" in html and "Sea Limited" not in html
    partial = client.get("/companies/?q=sea", HTTP_HX_REQUEST="true").content.decode()
    assert partial.lstrip().startswith('<div id="company-results">') and "Sea Limited" in partial


def test_the_type_ahead_returns_options(client_for, editor, grab):
    html = client_for(editor).get("/companies/suggest/?company=gra").content.decode()
    assert '<option value="grab-holdings">Grab Holdings</option>' in html
    assert client_for(editor).get("/companies/suggest/?company=g").content.decode().strip() == ""


def test_the_watchlist_holds_companies_valued_100m_to_1bn(client_for, editor, grab):
    builders.company("Kopi Kenangan", valuation_usd=Decimal("1000000000"))
    builders.company("Xendit", valuation_usd=Decimal("100000000"))
    builders.company("Tiny", valuation_usd=Decimal("99000000"))
    html = client_for(editor).get("/companies/watchlist/").content.decode()
    assert "Kopi Kenangan" in html and "Xendit" in html
    assert "Tiny" not in html and "Grab Holdings" not in html


def test_the_profile_shows_facts_deals_by_stage_articles(client_for, reporter, grab):
    html = client_for(reporter).get("/companies/grab-holdings/").content.decode()
    assert "$14bn" in html and "$12bn" in html and "Grab</dd>" in html
    assert "<strong>1</strong> agreed" in html and "<strong>1</strong> in talks" in html
    assert "Grab buys Jaya" in html and "Grab posts first profit" in html
    assert "Merge duplicate" not in html and "/edit/" not in html
    assert "/tips/new/?company=grab-holdings" in html


def test_tips_on_the_profile_follow_tip_visibility(client_for, reporter, reporter2, editor, grab):
    Tip.objects.create(company=grab, author=reporter, body="My own tip", source="Ann")
    Tip.objects.create(company=grab, author=reporter2, body="Raj private", source="Bo")
    html = client_for(reporter).get("/companies/grab-holdings/").content.decode()
    assert "My own tip" in html and "Ann" in html
    assert "Raj private" not in html and "Bo<" not in html
    html = client_for(editor).get("/companies/grab-holdings/").content.decode()
    assert "My own tip" in html and "Raj private" in html


def test_company_pages_need_a_desk_role_and_get(client_for, outsider, editor, grab):
    client = client_for(outsider)
    for url in (
        "/companies/",
        "/companies/watchlist/",
        "/companies/grab-holdings/",
        "/companies/suggest/?q=gr",
    ):
        assert client.get(url).status_code == 403
    assert client_for(editor).post("/companies/grab-holdings/").status_code == 405
    assert client_for(editor).get("/companies/nope/").status_code == 404


def test_an_editor_edits_a_company(client_for, editor, reporter, grab):
    assert client_for(reporter).get("/companies/grab-holdings/edit/").status_code == 403
    client = client_for(editor)
    assert client.get("/companies/grab-holdings/edit/").status_code == 200
    response = client.post(
        "/companies/grab-holdings/edit/",
        {
            "name": "Grab Holdings Ltd",
            "country": "Singapore",
            "sector": "Mobility",
            "valuation_currency": "USD",
            "total_raised_currency": "USD",
        },
    )
    assert response.status_code == 302
    grab.refresh_from_db()
    assert grab.name == "Grab Holdings Ltd"


def test_merging_moves_deals_mentions_tips_and_aliases(client_for, editor, reporter, grab):
    dup = builders.company("GrabCar Singapore", sector="Transport")
    CompanyAlias.objects.create(company=dup, alias="GrabTaxi")
    shared = builders.deal("Grab in talks with GoTo")
    DealParty.objects.create(deal=shared, company=dup, role=Role.PARTNER)
    DealParty.objects.create(deal=shared, company=grab, role=Role.PARTNER)
    own = builders.deal("GrabTaxi raises", parties=[(dup, Role.INVESTEE)])
    story = builders.article("GrabTaxi story", mentions=[dup, grab])
    solo = builders.article("Only the duplicate", mentions=[dup])
    tip = Tip.objects.create(company=dup, author=reporter, body="t")

    assert (
        client_for(reporter)
        .post(f"/companies/{dup.slug}/merge/", {"target": grab.slug})
        .status_code
        == 403
    )
    response = client_for(editor).post(f"/companies/{dup.slug}/merge/", {"target": grab.slug})
    assert response.status_code == 302 and response["Location"] == "/companies/grab-holdings/"

    dup.refresh_from_db()
    tip.refresh_from_db()
    assert dup.merged_into_id == grab.pk
    assert tip.company_id == grab.pk
    assert DealParty.objects.filter(company=dup).count() == 0
    assert DealParty.objects.filter(deal=shared, company=grab).count() == 1
    assert DealParty.objects.get(deal=own).company_id == grab.pk
    assert Mention.objects.get(article=story, company=grab).count == 2
    assert Mention.objects.filter(article=solo, company=grab).exists()
    assert set(grab.aliases.values_list("alias", flat=True)) >= {
        "Grab",
        "GrabTaxi",
        "GrabCar Singapore",
    }
    assert DealEvent.objects.filter(deal=own, type=DealEvent.Type.MERGE).exists()
    # The old address leads to the company it was merged into.
    assert client_for(editor).get(f"/companies/{dup.slug}/").status_code == 302


def test_a_company_cannot_be_merged_into_itself_or_an_unknown_slug(client_for, editor, grab):
    with pytest.raises(ValueError):
        company_merge(source=grab, target=grab, actor=editor)
    response = client_for(editor).post("/companies/grab-holdings/merge/", {"target": "nope"})
    assert response.status_code == 302
    assert Company.objects.get(pk=grab.pk).merged_into_id is None


@pytest.mark.parametrize("n", [10, 500])
def test_the_company_page_queries_do_not_grow(client_for, editor, django_assert_max_num_queries, n):
    builders.many_deals(n)
    company = Company.objects.filter(name__startswith="Bulk").first()
    Tip.objects.create(company=company, author=editor, body="t")
    client = client_for(editor)
    client.get(company.get_absolute_url())
    with django_assert_max_num_queries(16):
        assert client.get(company.get_absolute_url()).status_code == 200


def test_a_nul_byte_in_a_search_is_not_an_error(client_for, editor, grab):
    client = client_for(editor)
    assert client.get("/companies/suggest/?company=gr%00ab").status_code == 200
    assert client.get("/companies/?q=gr%00ab").status_code == 200
    assert client.get("/?q=gr%00ab&company=x%00").status_code == 200
    assert client.get("/articles/?q=gr%00ab").status_code == 200
