"""Who sees a tip, and its source, on every page, partial, export, feed and admin screen that can
show one — for its author, another reporter, an editor, an admin and an anonymous visitor.

The source text must never be in a response for anyone but the author, except after an
editor's explicit (and logged) reveal, which test_tips.py covers.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

from deals.models import Tip
from deals.roles import ADMIN, EDITOR, REPORTER
from deals.services.tips import tip_share
from tests.deals.test_tips import (
    BODY,
    HX,
    SOURCE,
    make_company,
    make_deal,
    make_tip,
    raw_source,
)


@pytest.fixture
def company(db):
    return make_company()


@pytest.fixture
def deal(company):
    return make_deal(company)


@pytest.fixture
def tip(reporter, company, deal) -> Tip:
    return make_tip(reporter, company, deal)


SURFACES = {
    "company page": "/companies/kroger/",
    "deal page": "/deals/{deal}/",
    "my tips": "/tips/",
    "desk tips": "/tips/?scope=desk",
    "tips table (htmx)": "/tips/?status=new",
    "search": "/tips/?q=weighing",
    "tip detail": "/tips/{tip}/",
    "csv": "/tips/export.csv",
    "desk csv": "/tips/export.csv?scope=desk",
    "atom": "/tips/feed.atom",
    "desk atom": "/tips/feed.atom?scope=desk",
}
HTMX_SURFACES = {"tips table (htmx)"}
DESK = {"desk tips", "desk csv", "desk atom"}
TIP_PAGES = set(SURFACES) - {"company page", "deal page"}
# Where the author's own source appears inline: nowhere that lists or exports tips.
AUTHOR_SOURCE = {"company page", "deal page", "tip detail"}


def _get(client, surface: str, tip: Tip):
    url = SURFACES[surface].format(tip=tip.pk, deal=tip.deal_id)
    return client.get(url, **(HX if surface in HTMX_SURFACES else {}))


def _expect(role: str, surface: str, shared: bool) -> tuple[set[int], bool]:
    """(acceptable status codes, whether the tip's body is on the response)."""
    if role == "anonymous":
        return {302}, False
    if role == "admin":
        if surface in TIP_PAGES:
            return {403}, False
        return {200, 403}, False
    if role == "author":
        return {200}, surface not in DESK
    if role == "editor":
        return {200}, True
    # another reporter
    if surface == "tip detail":
        return ({200}, True) if shared else ({404}, False)
    if surface in DESK:
        return {200}, shared
    if surface in {"company page", "deal page"}:
        return {200}, shared
    return {200}, False  # their own list, search, csv and feed hold only their own tips


@pytest.fixture
def people(reporter, reporter2, editor, desk_admin):
    return {
        "author": reporter,
        "another reporter": reporter2,
        "editor": editor,
        "admin": desk_admin,
        "anonymous": None,
    }


@pytest.mark.parametrize("shared", [False, True], ids=["private", "shared"])
@pytest.mark.parametrize("role", ["author", "another reporter", "editor", "admin", "anonymous"])
@pytest.mark.django_db
def test_who_sees_a_tip_and_never_a_source_they_may_not(client_for, people, tip, role, shared):
    if shared:
        tip_share(tip=tip, actor=tip.author)
    client = client_for(people[role])
    for surface in SURFACES:
        statuses, sees_body = _expect(role, surface, shared)
        response = _get(client, surface, tip)
        assert response.status_code in statuses, (role, surface, response.status_code)
        content = response.content.decode()
        assert (BODY in content or BODY.replace("'", "&#x27;") in content) is sees_body, (
            role,
            surface,
        )
        may_show_source = role == "author" and surface in AUTHOR_SOURCE
        assert (SOURCE in content) is may_show_source, (role, surface)
        if surface in HTMX_SURFACES and response.status_code == 200:
            assert "<html" not in content


@pytest.mark.django_db
def test_an_admin_who_is_also_an_editor_reads_tips_as_an_editor(client_for, desk_admin, tip):
    desk_admin.groups.add(Group.objects.get(name=EDITOR))
    client = client_for(desk_admin)
    for surface in ("company page", "my tips", "tip detail", "csv"):
        content = _get(client, surface, tip).content.decode()
        assert BODY.replace("'", "&#x27;") in content or BODY in content, surface
        assert SOURCE not in content, surface


# --- the Django admin ------------------------------------------------------------------------


def _staff(user: User, *roles: str) -> User:
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    user.is_staff = True
    user.save()
    return User.objects.get(pk=user.pk)


CHANGELIST = "/admin/deals/tip/"


@pytest.mark.django_db
def test_the_tip_admin_shows_an_editor_the_tip_but_never_its_source(client_for, editor, tip):
    client = client_for(_staff(editor, ADMIN))
    listing = client.get(CHANGELIST).content.decode()
    assert f"/admin/deals/tip/{tip.pk}/change/" in listing and SOURCE not in listing
    change = client.get(f"/admin/deals/tip/{tip.pk}/change/")
    html = change.content.decode()
    assert change.status_code == 200 and 'name="source"' not in html and SOURCE not in html
    assert "every read by someone else is logged" in html
    assert "0 tips" in client.get(CHANGELIST + "?q=Deep+Throat").content.decode()


@pytest.mark.django_db
def test_saving_a_tip_in_the_admin_without_the_source_field_keeps_the_source(
    client_for, editor, tip
):
    client = client_for(_staff(editor, ADMIN))
    response = client.post(
        f"/admin/deals/tip/{tip.pk}/change/",
        {
            "company": tip.company_id,
            "deal": tip.deal_id,
            "author": tip.author_id,
            "body": "Edited by the desk",
            "grade": "C",
            "status": "following",
            "follow_up_on": "",
        },
    )
    assert response.status_code == 302
    tip = Tip.objects.get(pk=tip.pk)
    assert (tip.body, tip.source) == ("Edited by the desk", SOURCE)


@pytest.mark.django_db
def test_the_tip_admin_shows_the_author_their_own_source(client_for, tip):
    client = client_for(_staff(tip.author, ADMIN))
    html = client.get(f"/admin/deals/tip/{tip.pk}/change/").content.decode()
    assert 'name="source"' in html and SOURCE in html


@pytest.mark.django_db
def test_the_tip_admin_hides_other_reporters_tips(client_for, reporter2, tip):
    client = client_for(_staff(reporter2, ADMIN))
    assert f"/admin/deals/tip/{tip.pk}/change/" not in client.get(CHANGELIST).content.decode()
    response = client.get(f"/admin/deals/tip/{tip.pk}/change/")
    assert response.status_code == 302 and SOURCE not in response.content.decode()


@pytest.mark.django_db
def test_an_admin_without_a_tips_role_reads_no_tip_in_the_admin(client_for, desk_admin, tip):
    assert client_for(_staff(desk_admin)).get(CHANGELIST).status_code == 403
    root = User.objects.create_superuser("root", "root@example.com", "x")
    client = client_for(root)
    assert f"/admin/deals/tip/{tip.pk}/change/" not in client.get(CHANGELIST).content.decode()
    assert client.get(f"/admin/deals/tip/{tip.pk}/change/").status_code == 302


@pytest.mark.parametrize("who", ["editor", "reporter", None])
@pytest.mark.django_db
def test_the_tip_admin_is_closed_without_the_admin_role(client_for, request, tip, who):
    user = request.getfixturevalue(who) if who else None
    response = client_for(user).get(CHANGELIST)
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_a_tip_added_in_the_admin_is_stored_encrypted(client_for, editor, company):
    admin_editor = _staff(editor, ADMIN, REPORTER)
    response = client_for(admin_editor).post(
        "/admin/deals/tip/add/",
        {
            "company": company.pk,
            "author": admin_editor.pk,
            "body": "b",
            "source": "Admin-typed source",
            "grade": "F",
            "status": "new",
        },
    )
    assert response.status_code == 302
    stored = raw_source(Tip.objects.get())
    assert stored.startswith("fernet:") and "Admin-typed" not in stored
