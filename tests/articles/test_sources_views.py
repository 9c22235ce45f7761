"""The admins' sources page: who may see it, health figures, edit, enable/disable, delete."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Source

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
NOT_ADMINS = ["editor", "reporter", "outsider"]


@pytest.fixture
def wire(db) -> Source:
    return Source.objects.create(
        name="Wire",
        url="https://wire.example/feed.xml",
        credibility_tier=Source.Tier.WIRE,
        last_error="HTTP 503 from https://wire.example/feed.xml",
        last_status=503,
        consecutive_failures=6,
    )


@pytest.fixture
def quiet(db) -> Source:
    return Source.objects.create(name="Quiet blog", url="https://quiet.example/rss")


def _urls(source: Source) -> dict[str, tuple[str, str]]:
    """Every sources endpoint with the method that does its work."""
    return {
        "list": ("get", reverse("articles-sources")),
        "add": ("get", reverse("articles-source-add")),
        "edit": ("get", reverse("articles-source-edit", args=[source.pk])),
        "toggle": ("post", reverse("articles-source-toggle", args=[source.pk])),
        "delete": ("post", reverse("articles-source-delete", args=[source.pk])),
        "fetch": ("post", reverse("articles-source-fetch", args=[source.pk])),
        "users": ("get", reverse("articles-users")),
        "role": ("post", reverse("articles-user-role", args=[source.pk])),
    }


@pytest.mark.parametrize("who", NOT_ADMINS)
@pytest.mark.parametrize(
    "endpoint", ["list", "add", "edit", "toggle", "delete", "fetch", "users", "role"]
)
def test_only_admins_reach_any_sources_page(client_for, request, who, endpoint, quiet):
    user = request.getfixturevalue(who)
    method, url = _urls(quiet)[endpoint]
    response = getattr(client_for(user), method)(url)
    assert response.status_code == 403
    quiet.refresh_from_db()
    assert quiet.enabled is True


@pytest.mark.parametrize(
    "endpoint", ["list", "add", "edit", "toggle", "delete", "fetch", "users", "role"]
)
def test_anonymous_visitors_are_sent_to_log_in(client_for, endpoint, quiet):
    method, url = _urls(quiet)[endpoint]
    response = getattr(client_for(None), method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert Source.objects.filter(pk=quiet.pk, enabled=True).exists()


@pytest.mark.parametrize("endpoint", ["toggle", "delete", "fetch", "role"])
def test_actions_refuse_get(client_for, desk_admin, endpoint, quiet):
    _method, url = _urls(quiet)[endpoint]
    assert client_for(desk_admin).get(url).status_code == 405


def test_the_list_refuses_post(client_for, desk_admin):
    assert client_for(desk_admin).post(reverse("articles-sources")).status_code == 405


def test_the_page_shows_health_last_error_and_recent_articles(client_for, desk_admin, wire, quiet):
    now = timezone.now()
    for hours in (1, 2, 50):
        Article.objects.create(
            source=quiet,
            url=f"https://quiet.example/{hours}",
            title=f"Story {hours}",
            fetched_at=now - timedelta(hours=hours),
        )
    Source.objects.create(name="Old feed", url="https://old.example/rss", enabled=False)

    response = client_for(desk_admin).get(reverse("articles-sources"))

    assert response.status_code == 200
    rows = {s.name: s for s in response.context["sources"]}
    assert rows["Wire"].health == "failing"
    assert rows["Old feed"].health == "disabled"
    assert (rows["Quiet blog"].articles_24h, rows["Quiet blog"].articles_7d) == (2, 3)
    html = response.content.decode()
    assert "HTTP 503" in html
    assert "1 failing" in html
    assert 'class="health health-disabled"' in html
    assert reverse("articles-source-add") in html and reverse("admin:index") in html


def test_the_page_costs_the_same_queries_for_two_sources_or_twelve(
    client_for, desk_admin, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(desk_admin)
    Source.objects.bulk_create(
        Source(name=f"Feed {n}", url=f"https://feed{n}.example/rss") for n in range(2)
    )
    with CaptureQueriesContext(connection) as two:
        client.get(reverse("articles-sources"))
    Source.objects.bulk_create(
        Source(name=f"Feed {n}", url=f"https://feed{n}.example/rss") for n in range(2, 12)
    )
    with django_assert_num_queries(len(two.captured_queries)):
        response = client.get(reverse("articles-sources"))
    assert len(response.context["sources"]) == 12


def test_disabling_and_enabling_a_source(client_for, desk_admin, wire):
    client = client_for(desk_admin)
    response = client.post(reverse("articles-source-toggle", args=[wire.pk]))
    assert response.status_code == 302
    wire.refresh_from_db()
    assert wire.enabled is False

    client.post(reverse("articles-source-toggle", args=[wire.pk]))
    wire.refresh_from_db()
    # Enabled again: past failures forgotten and due at once.
    assert wire.enabled is True
    assert wire.consecutive_failures == 0
    assert wire.next_poll_at <= timezone.now()


def test_toggle_over_htmx_returns_the_row_in_place(client_for, desk_admin, quiet):
    response = client_for(desk_admin).post(
        reverse("articles-source-toggle", args=[quiet.pk]), **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<tr id="source-{quiet.pk}"')
    assert "<html" not in html
    assert "disabled" in html and ">Enable<" in html


def test_a_source_without_articles_can_be_deleted(client_for, desk_admin, quiet):
    response = client_for(desk_admin).post(reverse("articles-source-delete", args=[quiet.pk]))
    assert response.status_code == 302
    assert not Source.objects.filter(pk=quiet.pk).exists()


def test_deleting_over_htmx_removes_the_row(client_for, desk_admin, quiet):
    response = client_for(desk_admin).post(
        reverse("articles-source-delete", args=[quiet.pk]), **HTMX
    )
    assert response.status_code == 200 and response.content == b""
    assert not Source.objects.filter(pk=quiet.pk).exists()


def test_a_source_with_articles_is_kept_and_the_admin_told_to_disable_it(
    client_for, desk_admin, quiet
):
    Article.objects.create(source=quiet, url="https://quiet.example/1", title="One")
    client = client_for(desk_admin)

    response = client.post(reverse("articles-source-delete", args=[quiet.pk]), **HTMX)

    assert Source.objects.filter(pk=quiet.pk).exists()
    assert "disable it instead" in response.content.decode()
    page = client.get(reverse("articles-sources")).content.decode()
    assert reverse("articles-source-delete", args=[quiet.pk]) not in page


def test_editing_changes_interval_tier_region_and_language(client_for, desk_admin, quiet):
    response = client_for(desk_admin).post(
        reverse("articles-source-edit", args=[quiet.pk]),
        {
            "name": "Quiet blog",
            "url": quiet.url,
            "previewed_url": quiet.url,
            "kind": "rss",
            "poll_interval_minutes": 120,
            "credibility_tier": 3,
            "region": "Southeast Asia",
            "language": "id",
            "action": "save",
        },
    )
    assert response.status_code == 302
    quiet.refresh_from_db()
    assert (quiet.poll_interval_minutes, quiet.credibility_tier) == (120, 3)
    assert (quiet.region, quiet.language) == ("Southeast Asia", "id")


def test_the_edit_form_over_htmx_is_the_form_partial(client_for, desk_admin, quiet):
    response = client_for(desk_admin).post(
        reverse("articles-source-edit", args=[quiet.pk]),
        {
            "name": "",
            "url": quiet.url,
            "kind": "rss",
            "poll_interval_minutes": 30,
            "credibility_tier": 2,
            "action": "save",
        },
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<div id="source-form"')
    assert "This field is required" in html
    quiet.refresh_from_db()
    assert quiet.name == "Quiet blog"


def test_an_unknown_source_is_404(client_for, desk_admin):
    client = client_for(desk_admin)
    assert client.get(reverse("articles-source-edit", args=[999999])).status_code == 404
    assert client.post(reverse("articles-source-toggle", args=[999999])).status_code == 404
