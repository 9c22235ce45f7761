"""`make bench` (load): 50 editors browsing a gunicorn server while ingestion runs flat out.

Needs a scratch PostgreSQL database in BENCH_DATABASE_URL (migrated, and seeded with
`seed_demo --deals 2000 --articles 20000` when it holds fewer deals); without it the script
prints a note and exits 0. Everything stays on this machine's loopback:

- gunicorn (`newsroom.wsgi`, BENCH_LOAD_WORKERS=3 sync workers, DEBUG off, on a free port);
- a local feed server whose feeds grow by fresh stories on every request, and one
  `poll --once` after another (the in-process pipeline: fetch, store, analyse, flag) with
  every source made due before each round;
- BENCH_LOAD_USERS=50 concurrent editors (asyncio + httpx, each with a real session made
  in-process), each browsing the board, a filtered board, the review queue, article
  searches and deal pages, for BENCH_LOAD_SECONDS=60 or BENCH_LOAD_MAX_REQUESTS, whichever
  comes first. The run then stops its server and poller by itself.

Prints one JSON object per figure: {"name", "value", "unit"}; goal: 0 errors, p95 < 300 ms.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
USERS = int(os.environ.get("BENCH_LOAD_USERS", "50"))
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
MAX_REQUESTS = int(os.environ.get("BENCH_LOAD_MAX_REQUESTS", "100000"))
WORKERS = int(os.environ.get("BENCH_LOAD_WORKERS", "3"))
DEALS = int(os.environ.get("BENCH_LOAD_DEALS", "2000"))
ARTICLES = int(os.environ.get("BENCH_LOAD_ARTICLES", "20000"))
FEEDS = 4
STORIES_PER_REQUEST = 10
SEARCH_WORDS = ["acquire", "talks", "stake", "Singapore", "funding", "merger", "bank", "IPO"]
FILTERS = ["stage=in_talks", "kind=acquisition", "stage=agreed&kind=investment", "q=bank"]


def emit(name: str, value, unit: str) -> None:
    print(json.dumps({"name": name, "value": value, "unit": unit}), flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env: dict[str, str], *args: str, timeout: float = 1800) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=timeout
    )


class GrowingFeeds:
    """Feeds on loopback that carry STORIES_PER_REQUEST new deal stories on every fetch."""

    def __init__(self) -> None:
        from tests.feedsamples import Story, rss
        from tests.feedserver import FeedServer

        self.server = FeedServer().start()
        self.count = 0
        run = os.urandom(4).hex()  # every run's stories are new to the database
        self.lock = threading.Lock()

        def body(feed: int):
            def build() -> bytes:
                with self.lock:
                    start, self.count = self.count, self.count + STORIES_PER_REQUEST
                stories = [
                    Story(
                        f"https://load.example.com/{run}/{feed}/{n}",
                        f"Loadtest {run} Holdings {n} agrees to buy Benchmark Robotics {n} for ${n % 900 + 10}m",
                        f"Loadtest Holdings {n} said it signed a definitive agreement to acquire "
                        f"Benchmark Robotics {n} for ${n % 900 + 10} million, people familiar said.",
                    )
                    for n in range(start, start + STORIES_PER_REQUEST)
                ]
                return rss(stories)

            return build

        self.urls = [
            self.server.route(f"/load-{i}.xml", body(i), content_type="application/rss+xml")
            for i in range(FEEDS)
        ]

    def stop(self) -> None:
        self.server.stop()


POLLER = """
import time
from django.utils import timezone
from articles.management.commands.poll import poll_once
from articles.models import Source
deadline = time.monotonic() + {seconds}
rounds = 0
while time.monotonic() < deadline:
    Source.objects.filter(url__startswith="http://127.0.0.1:").update(next_poll_at=timezone.now())
    print(poll_once(), flush=True)
    rounds += 1
print("rounds", rounds, flush=True)
"""


def _prepare(url: str, feed_urls: list[str]) -> tuple[list[str], list[int], dict[str, int]]:
    """Migrate, seed, make the load sources and the editors' sessions; (cookies, deal ids, counts)."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group, User
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from articles.models import Article, Source
    from deals.models import Deal
    from deals.roles import EDITOR

    env = {**os.environ}
    _manage(env, "migrate", "--noinput")
    if Deal.objects.count() < DEALS:
        _manage(env, "seed_demo", "--deals", str(DEALS), "--articles", str(ARTICLES))
    for i, feed in enumerate(feed_urls):
        Source.objects.update_or_create(
            name=f"Load feed {i}",
            defaults={"url": feed, "next_poll_at": timezone.now(), "enabled": True, "etag": ""},
        )
    editors = Group.objects.get(name=EDITOR)
    cookies = []
    for i in range(USERS):
        user, _ = User.objects.get_or_create(username=f"load-editor-{i}")
        user.groups.add(editors)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(session.session_key)
    deal_ids = list(Deal.objects.order_by("?").values_list("pk", flat=True)[:500])
    counts = {"deals": Deal.objects.count(), "articles": Article.objects.count()}
    return cookies, deal_ids, counts


async def _editor(
    base: str,
    session_key: str,
    deal_ids: list[int],
    stop_at: float,
    results: list,
    budget: list[int],
) -> None:
    import httpx

    rng = random.Random(session_key)
    headers = {"Cookie": f"sessionid={session_key}", "X-Forwarded-Proto": "https"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:
        while time.monotonic() < stop_at and budget[0] > 0:
            budget[0] -= 1
            choice = rng.random()
            if choice < 0.25:
                kind, path = "board", "/"
            elif choice < 0.4:
                kind, path = "board_filtered", "/?" + rng.choice(FILTERS)
            elif choice < 0.55:
                kind, path = "review", "/review/"
            elif choice < 0.75:
                kind, path = "article_search", "/articles/?q=" + rng.choice(SEARCH_WORDS)
            else:
                kind, path = "deal", f"/deals/{rng.choice(deal_ids)}/"
            started = time.perf_counter()
            try:
                response = await client.get(path)
                ok = response.status_code == 200
                status = response.status_code
            except httpx.HTTPError as exc:
                ok, status = False, type(exc).__name__
            results.append((kind, (time.perf_counter() - started) * 1000, ok, status))


def _wait_for_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def main() -> int:
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("bench_load: skipped, set BENCH_DATABASE_URL=postgres://… (a scratch database)")
        return 0
    from bench_ingest import ensure_database  # the same scratch-database set-up

    ensure_database(url)
    feeds = GrowingFeeds()
    var_dir = Path(tempfile.mkdtemp(prefix="dealdesk-load-"))
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEALDESK_VAR_DIR": str(var_dir),
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "TIP_SOURCE_KEYS": Fernet.generate_key().decode(),  # DEBUG off refuses the dev key
        "INGEST_ALLOW_PRIVATE_NETWORKS": "true",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    os.environ["SECRET_KEY"] = env["SECRET_KEY"]  # sessions made here are read by gunicorn
    server = poller = None
    try:
        cookies, deal_ids, counts = _prepare(url, feeds.urls)
        emit("load_dataset_deals", counts["deals"], "deals")
        emit("load_dataset_articles", counts["articles"], "articles")
        _manage(env, "collectstatic", "--noinput", "-v", "0")
        server = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "newsroom.wsgi", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}",
             "--access-logfile", "/dev/null", "--error-logfile", str(var_dir / "gunicorn.log")],
            cwd=ROOT, env=env, start_new_session=True,
        )  # fmt: skip
        _wait_for_port(port)
        poller = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", POLLER.format(seconds=SECONDS)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            start_new_session=True,
        )  # fmt: skip
        time.sleep(1)
        results: list = []
        budget = [MAX_REQUESTS]
        started = time.monotonic()
        stop_at = started + SECONDS

        async def run() -> None:
            base = f"http://127.0.0.1:{port}"
            await asyncio.gather(
                *(_editor(base, c, deal_ids, stop_at, results, budget) for c in cookies)
            )

        logging.getLogger("httpx").setLevel(logging.WARNING)
        asyncio.run(run())
        elapsed = time.monotonic() - started
        out, _ = poller.communicate(timeout=SECONDS + 120)
        poller = None
        rounds = [line for line in out.splitlines() if line.startswith("polled")]
        new_stories = sum(
            int(line.split(": ")[1].split(" new")[0]) for line in rounds if ": " in line
        )
        times = [r[1] for r in results]
        errors = [r for r in results if not r[2]]
        emit("load_users", USERS, "editors")
        emit("load_requests", len(results), "requests")
        emit("load_throughput", round(len(results) / elapsed, 1), "req/s")
        emit("load_p50", _percentile(times, 0.50), "ms")
        emit("load_p95", _percentile(times, 0.95), "ms")
        emit("load_p99", _percentile(times, 0.99), "ms")
        emit("load_errors", len(errors), "requests")
        if errors:
            emit("load_error_kinds", sorted({f"{e[0]}:{e[3]}" for e in errors})[:10], "")
        for kind in sorted({r[0] for r in results}):
            page_times = [r[1] for r in results if r[0] == kind]
            emit(f"load_p95_{kind}", _percentile(page_times, 0.95), "ms")
        emit("load_mean", round(statistics.fmean(times), 1) if times else 0, "ms")
        emit("load_ingest_rounds", len(rounds), "polls")
        emit("load_ingest_stories", new_stories, "stories")
        emit("load_ingest_rate", round(new_stories / elapsed, 1), "stories/s")
        return 0
    finally:
        for process in (poller, server):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
        feeds.stop()


if __name__ == "__main__":
    raise SystemExit(main())
