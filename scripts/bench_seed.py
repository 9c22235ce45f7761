"""How fast seed_demo bulk-loads: 200,000 articles (goal: under a minute on this machine).

Runs on a fresh SQLite file, and on PostgreSQL too when BENCH_DATABASE_URL is set
(a scratch database that this script drops and recreates).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = int(os.environ.get("BENCH_SEED_ARTICLES", "200000"))
DEALS = int(os.environ.get("BENCH_SEED_DEALS", "20000"))


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def bench(label: str, env: dict[str, str]) -> None:
    manage(env, "migrate", "--noinput")
    started = time.perf_counter()
    manage(
        env, "seed_demo", "--companies", "10000", "--deals", str(DEALS), "--articles", str(ARTICLES)
    )
    elapsed = time.perf_counter() - started
    print(
        json.dumps(
            {
                "name": f"seed_demo_{ARTICLES}_articles_{label}",
                "value": round(elapsed, 2),
                "unit": "s",
            }
        )
    )
    print(
        json.dumps(
            {
                "name": f"seed_demo_articles_per_s_{label}",
                "value": round(ARTICLES / elapsed),
                "unit": "articles/s",
            }
        )
    )


def main() -> None:
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    with tempfile.TemporaryDirectory() as tmp:
        bench("sqlite", {**base, "DEALDESK_VAR_DIR": tmp})
    pg = os.environ.get("BENCH_DATABASE_URL")
    if pg:
        import psycopg

        admin_url, _, name = pg.rpartition("/")
        with psycopg.connect(admin_url + "/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        with tempfile.TemporaryDirectory() as tmp:
            bench("postgres", {**base, "DATABASE_URL": pg, "DEALDESK_VAR_DIR": tmp})


if __name__ == "__main__":
    main()
