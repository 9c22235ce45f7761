"""Site-wide access rules: the admin site, login throttling, session expiry, CSP on every page."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["editor", "reporter", "outsider"])
def test_the_admin_site_is_only_for_the_admin_role(client_for, request, who):
    user = request.getfixturevalue(who)
    user.is_staff = True  # even a staff flag does not open it without the role
    user.save()
    response = client_for(user).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_an_admin_reaches_the_admin_site(client_for, desk_admin):
    desk_admin.is_staff = True
    desk_admin.save()
    response = client_for(desk_admin).get("/admin/")
    assert response.status_code == 200
    assert b"Dealdesk administration" in response.content


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_the_login_with_a_clear_message(editor):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": editor.username, "password": "wrong"})
    editor.set_password("right-password-123")
    editor.save()
    response = client.post(
        "/accounts/login/", {"username": editor.username, "password": "right-password-123"}
    )
    assert response.status_code == 429
    assert b"Too many failed log-ins" in response.content
    # Another account from the same address is not locked by this one's failures.
    other = Client().post("/accounts/login/", {"username": "someone-else", "password": "x"})
    assert other.status_code == 200


@pytest.mark.django_db
def test_a_good_password_logs_in_and_the_session_expires(editor):
    editor.set_password("right-password-123")
    editor.save()
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": editor.username, "password": "right-password-123"}
    )
    assert response.status_code == 302
    assert 0 < client.session.get_expiry_age() <= settings.SESSION_COOKIE_AGE <= 24 * 3600


def test_every_response_carries_a_csp_without_inline_script(client):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", policy).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "object-src 'none'" in policy


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"javascript:", re.IGNORECASE)


def test_no_template_carries_inline_script_style_or_event_handlers():
    """The CSP would block them; this keeps every page working under it."""
    offenders = []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        text = template.read_text()
        for name, pattern in (
            ("inline script", INLINE_SCRIPT),
            ("inline style", INLINE_STYLE),
            ("event handler", HANDLER),
            ("javascript: URL", JS_URL),
        ):
            if pattern.search(text):
                offenders.append(f"{template.relative_to(ROOT)}: {name}")
    assert offenders == []
