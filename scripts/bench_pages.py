"""`make bench` (pages): server time and queries of the editors' pages at newsroom scale.

Needs a scratch PostgreSQL database in BENCH_DATABASE_URL (it is migrated and seeded with
`seed_demo --deals 20000 --articles 200000`, topped up if already there); without it the
script prints a note and exits 0. Requests go through django.test.Client in this process, so
the times are the server's (URL routing, middleware, views, templates, database), no network.
Prints one JSON object per figure: {"name", "value", "unit"}.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
DEALS = int(os.environ.get("BENCH_DEALS", "20000"))
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "200000"))


def emit(name: str, value, unit: str) -> None:
    print(json.dumps({"name": name, "value": value, "unit": unit}), flush=True)


def main() -> int:
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("bench_pages: skipped, set BENCH_DATABASE_URL=postgres://… (a scratch database)")
        return 0
    from bench_ingest import ensure_database  # the same scratch-database set-up

    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from deals.models import Company, Deal

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0, interactive=False)
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", deals=DEALS, articles=ARTICLES, stdout=quiet)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh bulk rows: give the planner its statistics
    editor = User.objects.get(username="editor")
    client = Client()
    client.force_login(editor)
    # The worst case: the company in the most deals, and a deal with the most coverage.
    company = (
        Company.objects.filter(merged_into__isnull=True)
        .annotate(n=Count("deal_parties"))
        .order_by("-n")
        .first()
    )
    deal = Deal.objects.annotate(n=Count("coverage")).order_by("-n").first()
    pages = {
        "board": "/",
        "board_filtered": "/?kind=investment&value_min=100&q=synthetic&country=Singapore",
        "article_search": "/articles/?q=apex+invests",  # broad: ~13k of 200k stories match
        "article_search_narrow": "/articles/?q=%22jade+fintech%22+kite",
        "deal_page": f"/deals/{deal.pk}/",
        "company_page": f"/companies/{company.slug}/",
        "review_queue": "/review/",
    }
    failed = 0
    for name, path in pages.items():
        times, cpu = [], []
        queries = 0
        for i in range(REQUESTS + 2):
            with CaptureQueriesContext(connection) as ctx:
                started, cpu_started = time.perf_counter(), time.process_time()
                response = client.get(path)
                elapsed = (time.perf_counter() - started) * 1000
                cpu_ms = (time.process_time() - cpu_started) * 1000
            if response.status_code != 200:
                print(f"bench_pages: {path} answered {response.status_code}", file=sys.stderr)
                failed += 1
                break
            if i >= 2:  # two warm-up requests
                times.append(elapsed)
                cpu.append(cpu_ms)
                queries = max(queries, len(ctx.captured_queries))
        if not times:
            continue
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        emit(f"pages.{name}.p50", round(statistics.median(times), 1), "ms")
        emit(f"pages.{name}.p95", round(p95, 1), "ms")
        emit(f"pages.{name}.queries", queries, "queries")
        # This process's CPU (views, templates, ORM): steadier than wall time on a busy machine.
        emit(f"pages.{name}.python_cpu_p50", round(statistics.median(cpu), 1), "ms")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
