"""Object-level access, URL by URL: changing an id in the address never reaches what a role may
not see or do, and every state change needs a CSRF token (htmx's header included).

The URL conf is walked, so a new URL with an id or a slug fails
`test_every_url_with_an_id_is_classified` until it is given a rule here.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import get_resolver

from articles.models import Source
from deals.models import DealUpdate, Stage, Tip, TipSourceView
from deals.services.tips import tip_create
from tests.deals import builders
from tests.test_foundation import _walk

pytestmark = pytest.mark.django_db

SECRET = "Met her at the harbour cafe"

EDITOR_ONLY = {
    "deals-edit",
    "deals-stage",
    "deals-note",
    "deals-merge",
    "deals-company-edit",
    "deals-company-merge",
    "deals-export-csv",
    "deals-review",
    "deals-review-bulk",
    "deals-review-accept",
    "deals-review-reject",
    "deals-review-edit",
    "deals-tip-source-views",
}
ADMIN_ONLY = {
    "articles-sources",
    "articles-source-add",
    "articles-source-edit",
    "articles-source-toggle",
    "articles-source-delete",
    "articles-source-fetch",
    "articles-users",
    "articles-user-role",
}
TIP_OBJECT = {"deals-tip", "deals-tip-source", "deals-tip-status", "deals-tip-share"}
# URLs with an id or slug that every desk role may open (reads of shared desk data).
DESK_READ = {"deals-detail", "deals-company", "articles-detail"}


@pytest.fixture
def world(reporter, reporter2, editor, desk_admin):
    company = builders.company("Contoso Robotics")
    deal = builders.deal("Contoso sale", parties=[], stage=Stage.IN_TALKS)
    other = builders.deal("Another deal", stage=Stage.IN_TALKS)
    article = builders.article("Contoso story")
    flag = builders.flag(deal, article_=article)
    tip = tip_create(actor=reporter, company=company, body="Contoso is for sale", source=SECRET)
    return {
        "deal": deal,
        "other": other,
        "company": company,
        "article": article,
        "flag": flag,
        "tip": tip,
        "source": Source.objects.get(pk=article.source_id),
        "user": reporter2,
    }


def _object_for(name: str, world) -> object:
    if name.startswith("deals-review"):
        return world["flag"].pk
    if name.startswith("deals-tip"):
        return world["tip"].pk
    if name.startswith("deals-company"):
        return world["company"].slug
    if name.startswith("deals-"):
        return world["deal"].pk
    if name == "articles-detail":
        return world["article"].pk
    if name.startswith("articles-source"):
        return world["source"].pk
    if name == "articles-user-role":
        return world["user"].pk
    raise KeyError(name)


def _paths(world, names=None):
    """(name, path) for every project URL, ids and slugs filled with `world`'s rows."""
    for pattern, entry in _walk(get_resolver()):
        if pattern.startswith("admin/") or not entry.name:
            continue
        if names is not None and entry.name not in names:
            continue
        path = "/" + pattern
        if "<" in path:
            value = str(_object_for(entry.name, world))
            path = re.sub(r"<(?:\w+:)?\w+>", value, path)
        yield entry.name, path


def test_every_url_with_an_id_is_classified(world):
    for pattern, entry in _walk(get_resolver()):
        if "<" in pattern and not pattern.startswith("admin/"):
            assert entry.name in EDITOR_ONLY | ADMIN_ONLY | TIP_OBJECT | DESK_READ, pattern


@pytest.mark.parametrize("who", ["reporter2", "desk_admin", "outsider"])
def test_editor_only_urls_refuse_other_roles_and_change_nothing(request, client_for, world, who):
    client = client_for(request.getfixturevalue(who))
    for name, path in _paths(world, EDITOR_ONLY):
        for method in ("get", "post"):
            status = getattr(client, method)(path, {"next": "stage", "stage": "agreed"}).status_code
            assert status in (403, 405), f"{who} {method.upper()} {path} -> {status}"
    world["deal"].refresh_from_db()
    assert world["deal"].stage == Stage.IN_TALKS
    assert DealUpdate.objects.get().status == "pending"


@pytest.mark.parametrize("who", ["reporter", "editor", "outsider"])
def test_admin_pages_refuse_other_roles(request, client_for, world, who):
    client = client_for(request.getfixturevalue(who))
    for name, path in _paths(world, ADMIN_ONLY):
        for method in ("get", "post"):
            status = getattr(client, method)(path).status_code
            assert status in (403, 405), f"{who} {method.upper()} {path} -> {status}"
    assert Source.objects.filter(pk=world["source"].pk, enabled=True).exists()
    # The Django admin: its login page, never a change form, by id or by list.
    for path in (
        "/admin/",
        f"/admin/auth/user/{world['user'].pk}/change/",
        f"/admin/deals/tip/{world['tip'].pk}/change/",
        f"/admin/articles/source/{world['source'].pk}/change/",
    ):
        response = client.get(path)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], path


@pytest.mark.parametrize("who", ["reporter2", "desk_admin", "outsider"])
def test_another_reporters_unshared_tip_is_unreachable_by_id(request, client_for, world, who):
    client = client_for(request.getfixturevalue(who))
    tip = world["tip"]
    for name, path in _paths(world, TIP_OBJECT):
        for method in ("get", "post"):
            response = getattr(client, method)(path, {"status": "dropped", "shared": "1"})
            assert response.status_code in (403, 404, 405), f"{who} {method.upper()} {path}"
            assert SECRET.encode() not in response.content
    for path in ("/tips/", "/tips/export.csv", "/tips/feed.atom", "/tips/?q=Contoso"):
        response = client.get(path)
        assert b"Contoso is for sale" not in response.content, (who, path)
    tip.refresh_from_db()
    assert tip.status != "dropped"
    assert not tip.shared_with_desk
    assert not TipSourceView.objects.exists()


def test_a_shared_tip_shows_to_other_reporters_but_its_source_never(client_for, world, reporter2):
    tip = world["tip"]
    tip.shared_with_desk = True
    tip.save(update_fields=["shared_with_desk"])
    client = client_for(reporter2)
    assert client.get(f"/tips/{tip.pk}/").status_code == 200
    response = client.post(f"/tips/{tip.pk}/source/")
    assert response.status_code == 403 and SECRET.encode() not in response.content
    assert client.post(f"/tips/{tip.pk}/status/", {"status": "dropped"}).status_code == 403
    assert not TipSourceView.objects.exists()


def test_every_desk_read_by_id_is_open_to_the_desk_and_404_for_a_missing_id(
    client_for, world, editor, reporter
):
    for user in (editor, reporter):
        client = client_for(user)
        for name, path in _paths(world, DESK_READ):
            assert client.get(path).status_code == 200, path
    for path in (
        "/deals/999999/",
        "/companies/no-such-company/",
        "/articles/999999/",
        "/tips/999999/",
    ):
        assert client.get(path).status_code == 404, path


# --- CSRF ----------------------------------------------------------------------------------

ROLE_FOR = {**dict.fromkeys(EDITOR_ONLY, "editor"), **dict.fromkeys(ADMIN_ONLY, "desk_admin")}


def _csrf_client(user) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get("/").status_code in (200, 403)
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else ""
    if not token:
        client.get("/accounts/login/")
        token = client.cookies["csrftoken"].value
    return client, token


def test_every_post_without_a_csrf_token_is_refused(request, world):
    checked = 0
    for name, path in _paths(world):
        role = ROLE_FOR.get(name, "reporter")
        client, _ = _csrf_client(request.getfixturevalue(role))
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}, {"HTTP_X_CSRFTOKEN": "forged" * 6}):
            response = client.post(path, {"status": "dropped", "next": "agreed"}, **headers)
            assert response.status_code == 403, (
                f"{role} POST {path} {headers} -> {response.status_code}"
            )
        checked += 1
    assert checked > 30
    world["deal"].refresh_from_db()
    assert world["deal"].stage == Stage.IN_TALKS
    assert Tip.objects.get().status != "dropped"
    assert Source.objects.filter(enabled=True).count() == Source.objects.count()


def test_htmx_posts_with_the_csrf_header_go_through(world, editor, reporter):
    client, token = _csrf_client(editor)
    response = client.post(
        f"/deals/{world['deal'].pk}/stage/",
        {"to_stage": Stage.AGREED, "reason": "signed"},
        HTTP_HX_REQUEST="true",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code in (200, 204, 302), response.status_code
    world["deal"].refresh_from_db()
    assert world["deal"].stage == Stage.AGREED

    client, token = _csrf_client(reporter)
    response = client.post(
        f"/tips/{world['tip'].pk}/share/",
        {"shared": "1"},
        HTTP_HX_REQUEST="true",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200
    world["tip"].refresh_from_db()
    assert world["tip"].shared_with_desk


def test_the_csrf_token_is_in_every_pages_htmx_headers(client_for, editor):
    html = client_for(editor).get("/").content.decode()
    body = re.search(r"<body[^>]*>", html).group(0)
    assert "hx-headers" in body and "X-CSRFToken" in body
