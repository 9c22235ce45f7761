"""End-to-end ingestion speed (called by `make bench`): feeds → rows → analysis → flags.

5,000 stories served from local feeds (RSS, Atom and JSON Feed on a loopback
HTTP server in this process) go through the whole pipeline:

- `sqlite`: the embedded default, in-process (`poll --once`), on a scratch
  SQLite file; the time split by step (fetch, parse, store, analyse, apply);
- `pg`: with BENCH_DATABASE_URL (a scratch PostgreSQL database: it is flushed)
  and BENCH_REDIS_URL set, through the broker with 2 Celery worker processes,
  timed from the beat's `poll_due_sources` to the last story analysed; then
  the same stories in-process on PostgreSQL for the split by step.

BENCH_INGEST_STORIES changes the number of stories, BENCH_CONCURRENCY the worker's
pool size (2). Prints one JSON object per line: {"name": ..., "value": ..., "unit": ...}.
Goal: ≥ 300 articles/s on PostgreSQL with 2 workers.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORIES = int(os.environ.get("BENCH_INGEST_STORIES", "5000"))
FEEDS = 50
KNOWN_COMPANIES = 400

_SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ne",
    "ra",
    "su",
    "to",
    "vi",
    "xe",
    "zo",
    "bra",
    "cor",
    "del",
    "fin",
)
_TAILS = ("Holdings", "Group", "Corp", "Inc", "Ltd", "Technologies", "Capital", "Robotics", "Foods")
_STAGES = (
    ("rumoured", "{a} is considering an acquisition of {b}, people familiar with the matter said."),
    ("in_talks", "{a} is in advanced talks to acquire {b} for ${m} million, sources said."),
    (
        "agreed",
        "{a} said on Monday it had signed a definitive agreement to acquire {b} for ${m} million.",
    ),
    ("completed", "{a} said it has completed its acquisition of {b}."),
)
_INVEST = "{a} will invest ${m} million in {b}, the companies said in a statement."
_FILLER = (
    "The company reported higher quarterly revenue on strong demand in Asia.",
    "Shares of {a} rose 3% in early trading in Singapore.",
    "Analysts expect further consolidation in the sector this year.",
    "{b} was founded in 2014 and employs about 1,200 people across the region.",
    "Regulators have been scrutinising large technology deals more closely.",
)


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit}), flush=True)


def company_names(n: int, rng: random.Random) -> list[str]:
    names, seen = [], set()
    while len(names) < n:
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).title()
        name = f"{stem} {rng.choice(_TAILS)}"
        if stem not in seen:
            seen.add(stem)
            names.append(name)
    return names


def build_stories(n: int, seed: int = 11):
    """Deals that move through stages over several stories, investments, and plain news."""
    from tests.feedsamples import Story

    rng = random.Random(seed)
    names = company_names(max(600, n // 2), rng)
    stories = []
    base = datetime(2026, 11, 1, tzinfo=UTC)
    while len(stories) < n:
        a, b = rng.sample(names, 2)
        m = rng.choice((45, 120, 300, 450, 900))
        roll = rng.random()
        if roll < 0.55:
            steps = _STAGES[: rng.randint(1, 4)]
        elif roll < 0.8:
            steps = [("agreed", _INVEST)]
        else:
            steps = [("", "")]
        for stage, lead in steps:
            k = len(stories)
            if stage:
                title = lead.split(",")[0].split(" said")[0].format(a=a, b=b, m=m)[:120]
            else:
                title = f"{a} reports results as {b} expands in Asia"
            body = (
                " ".join([lead.format(a=a, b=b, m=m)] if stage else [])
                + " "
                + " ".join(f.format(a=a, b=b) for f in rng.sample(_FILLER, 3))
            )
            stories.append(
                Story(
                    url=f"https://news{k % 7}.example.com/2026/{k}/story?utm_source=rss",
                    title=f"{title} ({k})",
                    body=body.strip(),
                    guid=f"story-{k}",
                    published=base + timedelta(minutes=k),
                )
            )
    return stories[:n], names[:KNOWN_COMPANIES]


def serve_feeds(stories):
    from tests.feedsamples import atom, json_feed, rss
    from tests.feedserver import FeedServer

    server = FeedServer().start()
    per_feed = -(-len(stories) // FEEDS)
    sources = []
    for i in range(FEEDS):
        chunk = stories[i * per_feed : (i + 1) * per_feed]
        build, kind, ctype = (
            (rss, "rss", "application/rss+xml"),
            (atom, "atom", "application/atom+xml"),
            (json_feed, "json", "application/feed+json"),
        )[i % 3]
        url = server.route(f"/feed/{i}", build(chunk, title=f"Wire {i}"), content_type=ctype)
        sources.append((f"Bench wire {i}", kind, url))
    return server, sources


def prepare_database(known: list[str], sources) -> None:
    from django.core.management import call_command

    from articles.models import Source
    from deals.models import Company, CompanyAlias

    call_command("migrate", verbosity=0, interactive=False)
    call_command("flush", verbosity=0, interactive=False)
    companies = Company.objects.bulk_create(
        Company(name=name, slug=name.lower().replace(" ", "-"), verified=True) for name in known
    )
    CompanyAlias.objects.bulk_create(
        CompanyAlias(company=c, alias=c.name.split()[0], normalised=c.name.split()[0].lower())
        for c in companies
    )
    now = datetime.now(UTC) - timedelta(seconds=1)
    Source.objects.bulk_create(
        Source(name=name, kind=kind, url=url, next_poll_at=now) for name, kind, url in sources
    )


class StepTimer:
    """Exclusive wall time inside the pipeline's steps, by wrapping the functions services call.

    Exclusive: a step's time excludes the steps nested in it (the analysis that runs on
    commit inside `article_ingest`, for one), so the figures add up.
    """

    def __init__(self):
        self.totals: dict[str, float] = defaultdict(float)
        self.stack: list[list] = []

    def wrap(self, module, attr: str, step: str) -> None:
        real = getattr(module, attr)
        timer = self

        def timed(*args, **kwargs):
            now = time.perf_counter()
            if timer.stack:
                parent = timer.stack[-1]
                timer.totals[parent[0]] += now - parent[1]
            timer.stack.append([step, now])
            try:
                return real(*args, **kwargs)
            finally:
                end = time.perf_counter()
                name, since = timer.stack.pop()
                timer.totals[name] += end - since
                if timer.stack:
                    timer.stack[-1][1] = end

        setattr(module, attr, timed)

    def install(self) -> None:
        from articles import services, tasks

        self.wrap(services, "fetch", "fetch")
        self.wrap(services, "parse", "parse")
        self.wrap(services, "article_ingest", "store")
        self.wrap(services, "company_dictionary", "dictionary")
        self.wrap(tasks, "articles_analyse", "claim_and_commit")
        self.wrap(services, "analyse", "analyse")
        self.wrap(services, "apply_signals_many", "apply_signals")
        self.wrap(services, "_note_tips", "tips")


def run_in_process(label: str, stories, known) -> None:
    from django.core.management import call_command

    from articles.models import Article
    from deals.models import Deal, DealUpdate

    server, sources = serve_feeds(stories)
    prepare_database(known, sources)
    timer = StepTimer()
    timer.install()
    started = time.perf_counter()
    call_command("poll", "--once", stdout=open(os.devnull, "w"))  # noqa: SIM115
    elapsed = time.perf_counter() - started
    server.stop()
    stored = Article.objects.count()
    emit(f"ingest_{label}_in_process_articles_per_s", stored / elapsed, "articles/s")
    emit(f"ingest_{label}_in_process_seconds", elapsed, "s")
    emit(f"ingest_{label}_articles_stored", stored, "articles")
    emit(f"ingest_{label}_flags_raised", DealUpdate.objects.count(), "flags")
    emit(f"ingest_{label}_deals", Deal.objects.count(), "deals")
    accounted = 0.0
    steps = ("fetch", "parse", "store", "dictionary", "analyse", "apply_signals", "tips")
    for step in (*steps, "claim_and_commit"):
        value = timer.totals.get(step, 0.0)
        accounted += value
        emit(f"ingest_{label}_time_{step}", 1000 * value / max(stored, 1), "ms/article")
    emit(f"ingest_{label}_time_other", 1000 * (elapsed - accounted) / max(stored, 1), "ms/article")


def run_workers(stories, known) -> None:
    import redis
    from django.conf import settings

    from articles.models import Article
    from articles.tasks import poll_due_sources
    from deals.models import DealUpdate
    from newsroom.celery import app

    server, sources = serve_feeds(stories)
    prepare_database(known, sources)
    app.control.purge()
    redis.Redis.from_url(settings.REDIS_URL).delete("unacked", "unacked_index")
    env = {**os.environ, "INGEST_ALLOW_PRIVATE_NETWORKS": "true"}
    log = open(Path(tempfile.gettempdir()) / "dealdesk-bench-worker.log", "wb")  # noqa: SIM115
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "newsroom",
            "worker",
            f"--concurrency={os.environ.get('BENCH_CONCURRENCY', '2')}",
            "--pool=prefork",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"bench-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        time.sleep(4)  # let the pool start: measure the pipeline, not Python's start-up
        started = time.perf_counter()
        poll_due_sources.delay()
        deadline = started + 900
        while time.perf_counter() < deadline:
            stored = Article.objects.count()
            waiting = Article.objects.filter(state=Article.State.NEW).count()
            if stored >= len(stories) and waiting == 0:
                break
            time.sleep(0.25)
        elapsed = time.perf_counter() - started
    finally:
        os.killpg(worker.pid, 15)
        worker.wait(timeout=30)
        server.stop()
    emit("ingest_pg_redis_2_workers_articles_per_s", stored / elapsed, "articles/s")
    emit("ingest_pg_redis_2_workers_seconds", elapsed, "s")
    emit("ingest_pg_redis_articles_stored", stored, "articles")
    emit("ingest_pg_redis_flags_raised", DealUpdate.objects.count(), "flags")


def ensure_database(url: str) -> None:
    """Create the scratch database BENCH_DATABASE_URL names, if it is not there yet."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def child(variant: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)
    from django.conf import settings

    settings.INGEST_ALLOW_PRIVATE_NETWORKS = True
    stories, known = build_stories(STORIES)
    if variant == "sqlite":
        run_in_process("sqlite", stories, known)
    else:
        run_workers(stories, known)
        run_in_process("pg", stories, known)


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--variant":
        child(sys.argv[2])
        return 0
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    failed = 0
    with tempfile.TemporaryDirectory(prefix="dealdesk-bench-") as scratch:
        env = {**base, "DEALDESK_VAR_DIR": scratch, "INGEST_ALLOW_PRIVATE_NETWORKS": "true"}
        failed += (
            subprocess.run(
                [sys.executable, __file__, "--variant", "sqlite"], env=env, check=False
            ).returncode
            != 0
        )
        if os.environ.get("BENCH_DATABASE_URL") and os.environ.get("BENCH_REDIS_URL"):
            ensure_database(os.environ["BENCH_DATABASE_URL"])
            env = {
                **env,
                "DATABASE_URL": os.environ["BENCH_DATABASE_URL"],
                "REDIS_URL": os.environ["BENCH_REDIS_URL"],
            }
            failed += (
                subprocess.run(
                    [sys.executable, __file__, "--variant", "pg"], env=env, check=False
                ).returncode
                != 0
            )
        else:
            print(
                "# bench_ingest: set BENCH_DATABASE_URL (a scratch database) and BENCH_REDIS_URL "
                "for the PostgreSQL + Redis + 2 workers figure",
                file=sys.stderr,
            )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
