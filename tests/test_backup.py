"""make backup / make restore round-trip the whole database, on SQLite and on PostgreSQL."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
COUNT = (
    "from deals.models import Deal, Company, Tip; from articles.models import Article;"
    "print(Deal.objects.count(), Company.objects.count(), Article.objects.count())"
)
WIPE = "from deals.models import Deal; Deal.objects.all().delete()"


def _run(env, *args):
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1]


def _round_trip(env, tmp_path):
    _run(env, "manage.py", "migrate", "--noinput")
    _run(env, "manage.py", "seed_demo", "--companies", "80", "--deals", "30", "--articles", "200")
    before = _run(env, "manage.py", "shell", "-c", COUNT)
    backup_file = tmp_path / "dealdesk.backup"
    _run(env, "scripts/backup.py", "backup", str(backup_file))
    assert backup_file.stat().st_size > 0
    _run(env, "manage.py", "shell", "-c", WIPE)
    assert _run(env, "manage.py", "shell", "-c", COUNT).split()[0] == "0"
    _run(env, "scripts/backup.py", "restore", str(backup_file))
    assert _run(env, "manage.py", "shell", "-c", COUNT) == before


def _base_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env["DEALDESK_VAR_DIR"] = str(tmp_path / "var")
    return env


def test_backup_and_restore_round_trip_the_sqlite_database(tmp_path):
    _round_trip(_base_env(tmp_path), tmp_path)


@pytest.mark.postgres
def test_backup_and_restore_round_trip_the_postgres_database(tmp_path):
    db = settings.DATABASES["default"]
    name = f"dealdesk_backup_{os.getpid()}"
    conninfo = f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} user={db['USER']} dbname=postgres"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        env = _base_env(tmp_path)
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
        )
        _round_trip(env, tmp_path)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
