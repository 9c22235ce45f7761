"""Wiring: settings, health, login everywhere, roles, migrations, demo data."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from articles.models import Article, Source
from deals.models import Company, CompanyAlias, Deal, DealUpdate, Tip

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    # A clean child: no test-run database, broker or async escape hatch leaks into it.
    leaks = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in leaks}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_bad_debug_value_stops_the_process_with_a_clear_message():
    result = _manage("check", env={"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_secret_key_is_required_when_debug_is_off():
    result = _manage("check", env={"DEBUG": "false", "TIP_SOURCE_KEYS": "x"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_check_deploy_without_warnings(tmp_path):
    env = {
        "DEBUG": "false",
        "SECRET_KEY": "a-long-random-production-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "dealdesk.example",
        "TIP_SOURCE_KEYS": Fernet.generate_key().decode(),
        "DEALDESK_VAR_DIR": str(tmp_path),
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_healthz_reports_database_and_broker(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] in {"ok", "in-process"}


def test_healthz_answers_503_when_the_database_is_down(tmp_path):
    # A real PostgreSQL URL at a port nobody listens on: the database is down.
    code = (
        "from django.test import Client; r = Client().get('/healthz'); "
        "print(r.status_code); print(r.content.decode())"
    )
    result = _manage(
        "shell",
        "-c",
        code,
        env={
            "DATABASE_URL": "postgres://postgres@127.0.0.1:9/nothing",
            "DEALDESK_VAR_DIR": str(tmp_path),
        },
    )
    lines = result.stdout.strip().splitlines()
    assert lines[-2] == "503", result.stdout + result.stderr
    assert json.loads(lines[-1])["database"].startswith("down")


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _example_path(pattern: str) -> str:
    import re

    path = pattern.lstrip("^").rstrip("$")
    path = re.sub(r"<int:\w+>", "1", path)
    path = re.sub(r"<(slug|str|path):\w+>", "x", path)
    path = re.sub(r"<\w+>", "x", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    path = path.replace("\\Z", "").replace("\\", "")
    return "/" + path


PUBLIC = {"/healthz", "/accounts/login/"}


@pytest.mark.django_db
def test_every_page_but_login_and_healthz_requires_login(client):
    checked = 0
    for pattern, entry in _walk(get_resolver()):
        path = _example_path(pattern)
        if path.startswith("/admin/") or path in PUBLIC or "(" in path or "[" in path:
            continue
        # Feeds for other newsroom systems authenticate by a secret token in the URL
        # instead of a session: for a made-up token they must give nothing away.
        token_view = getattr(entry.callback, "login_required", True) is False
        for method in ("get", "post"):
            status = getattr(client, method)(path).status_code
            if token_view:
                forged = getattr(client, method)(path + "?token=made-up").status_code
                assert status in {302, 403, 404, 405}, f"{method.upper()} {path} -> {status}"
                assert forged in {403, 404, 405}, f"{method.upper()} {path}?token -> {forged}"
                continue
            assert status in {302, 405}, f"{method.upper()} {path} -> {status}"
            if status == 302:
                response = getattr(client, method)(path)
                assert response["Location"].startswith("/accounts/login/"), path
        checked += 1
    assert checked >= 6
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_roles_exist_with_their_permissions():
    perms = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert {"editor", "reporter", "admin"} <= set(perms)
    assert "change_dealupdate" in perms["editor"]
    assert "change_dealupdate" not in perms["reporter"]
    assert "add_tip" in perms["reporter"]
    assert "change_source" in perms["admin"] and "change_source" not in perms["editor"]


@pytest.mark.django_db
def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _row_counts() -> list[int]:
    return [
        model.objects.count()
        for model in (Company, CompanyAlias, Deal, Article, Source, DealUpdate, Tip)
    ]


@pytest.mark.django_db
def test_seed_demo_twice_duplicates_nothing():
    call_command("seed_demo", companies=70, deals=40, articles=300, verbosity=0)
    counts = _row_counts()
    call_command("seed_demo", companies=70, deals=40, articles=300, verbosity=0)
    again = _row_counts()
    assert counts == again
    assert Company.objects.filter(verified=True).count() >= 50
    assert Tip.objects.filter(shared_with_desk=True).exists()
    assert Tip.objects.filter(shared_with_desk=False).exists()
    assert {"alibaba", "kroger", "grab", "temasek"} <= set(
        CompanyAlias.objects.values_list("normalised", flat=True)
    )
    assert set(Deal.objects.values_list("stage", flat=True)) >= {
        "rumoured",
        "in_talks",
        "agreed",
        "completed",
        "called_off",
    }
