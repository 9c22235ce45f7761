"""`make bench` (load): 50 editors browsing a gunicorn server while ingestion runs flat out.

Needs a scratch PostgreSQL database in BENCH_DATABASE_URL (migrated, and seeded with
`seed_demo --deals 2000 --articles 20000` when it holds fewer deals); without it the script
prints a note and exits 0. Everything stays on this machine's loopback:

- gunicorn (`newsroom.wsgi`, DEBUG off, on a free port) with the production settings of
  `gunicorn.conf.py` (BENCH_LOAD_WORKERS overrides its worker count; GUNICORN_CMD_ARGS, read
  by gunicorn itself, anything else, e.g. `-k sync` to compare);
- a local feed server whose feeds grow by fresh stories on every request, and one
  `poll --once` after another (the in-process pipeline: fetch, store, analyse, flag) with
  every source made due before each round;
- BENCH_LOAD_USERS=50 concurrent editors (asyncio streams on keep-alive connections, each
  editor with a real session made in-process), each browsing the board, a filtered board, the
  review queue, article searches and deal pages, for BENCH_LOAD_SECONDS=60 or
  BENCH_LOAD_MAX_REQUESTS, whichever comes first, in each of BENCH_LOAD_MODES:
  `load`, no pause between pages (saturation: what the server gives when pushed), then
  `load_think`, a pause of BENCH_LOAD_THINK=1-5 seconds (uniform) after each page. An editor
  reads a board, a flag's evidence or a deal page for longer than that; 1-5 s is an editor
  skimming fast, so the figure errs on the busy side. The poller restarts for each mode; the
  run then stops its server and poller by itself.

Besides latency it reports the CPU the gunicorn processes and the generator itself spent per
request (both share the machine's two cores with ingestion and PostgreSQL) and the 1-minute
load average at the end of each mode.

Prints one JSON object per figure: {"name", "value", "unit"}; goal: 0 errors, p95 < 300 ms.
"""

from __future__ import annotations

import asyncio
import json
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
WORKERS = int(os.environ.get("BENCH_LOAD_WORKERS", "0"))  # 0: gunicorn.conf.py's own count
# "load": editors with no pause between pages, the saturation figure; "load_think": editors who
# read each page for THINK seconds (uniform) before the next, as people at a desk do.
MODES = [m for m in os.environ.get("BENCH_LOAD_MODES", "load,load_think").split(",") if m]
# Ingestion runs at a lower CPU priority than the web server, as in production (run.sh,
# docker-compose.yml): editors' pages come first, the backlog catches up between them.
INGEST_NICE = int(os.environ.get("BENCH_LOAD_INGEST_NICE", "10"))
THINK = tuple(float(x) for x in os.environ.get("BENCH_LOAD_THINK", "1-5").split("-"))
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


_SYLLABLES = ["ka", "lor", "ven", "tis", "mar", "dun", "pel", "rho", "sab", "quin", "tor", "zel"]


def _name(n: int) -> str:
    """A made-up company name per number, so every story is a different deal (as on a real
    wire), not thousands of stories piling onto one deal."""
    parts = []
    for _ in range(4):
        n, r = divmod(n, len(_SYLLABLES))
        parts.append(_SYLLABLES[r])
    return "".join(parts).capitalize()


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
                        f"{_name(n)} Holdings agrees to buy {_name(n + 7919)} Robotics for ${n % 900 + 10}m",
                        f"{_name(n)} Holdings said it signed a definitive agreement to acquire "
                        f"{_name(n + 7919)} Robotics for ${n % 900 + 10} million, people familiar said.",
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


class Connection:
    """One keep-alive HTTP/1.1 connection on loopback, a few lines of asyncio streams.

    httpx cost the generator 3-4 ms of CPU per request (measured), on the same two cores
    as the server it measures; this reads a status line, headers and a Content-Length body
    (Django's CommonMiddleware sets it) and reconnects when the server closes.
    """

    def __init__(self, port: int, headers: str) -> None:
        self.port = port
        self.headers = headers
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        reused = self.writer is not None and not self.writer.is_closing()
        try:
            return await self._get(path)
        except (ConnectionError, asyncio.IncompleteReadError):
            if not reused:
                raise
            # The server closed the idle connection as the request went out (its keep-alive
            # ran out during the editor's pause): a browser retries a GET once, so do we.
            self.close()
            return await self._get(path)

    async def _get(self, path: str) -> int:
        if self.writer is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\n{self.headers}\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        fields = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
        if "content-length" in fields:
            await self.reader.readexactly(int(fields["content-length"]))
        else:
            await self.reader.read()  # no length: the body ends when the server closes
            fields["connection"] = "close"
        if fields.get("connection") == "close":
            self.close()
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def _pick(rng: random.Random, deal_ids: list[int]) -> tuple[str, str]:
    """One page of an editor's round: the board most, then deal pages, searches, the queue."""
    choice = rng.random()
    if choice < 0.25:
        return "board", "/"
    if choice < 0.4:
        return "board_filtered", "/?" + rng.choice(FILTERS)
    if choice < 0.55:
        return "review", "/review/"
    if choice < 0.75:
        return "article_search", "/articles/?q=" + rng.choice(SEARCH_WORDS)
    return "deal", f"/deals/{rng.choice(deal_ids)}/"


async def _editor(
    port: int,
    session_key: str,
    deal_ids: list[int],
    stop_at: float,
    results: list,
    budget: list[int],
    think: tuple[float, float],
) -> None:
    rng = random.Random(session_key)
    connection = Connection(
        port,
        f"Host: 127.0.0.1:{port}\r\nCookie: sessionid={session_key}\r\n"
        "X-Forwarded-Proto: https\r\nAccept: text/html\r\n",
    )
    if think[1]:
        await asyncio.sleep(rng.uniform(0, think[1]))  # editors do not all arrive at once
    try:
        while time.monotonic() < stop_at and budget[0] > 0:
            budget[0] -= 1
            kind, path = _pick(rng, deal_ids)
            started = time.perf_counter()
            try:
                status = await asyncio.wait_for(connection.get(path), timeout=30)
                ok = status == 200
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                connection.close()
                ok, status = False, type(exc).__name__
            results.append((kind, (time.perf_counter() - started) * 1000, ok, status))
            if think[1]:
                await asyncio.sleep(rng.uniform(*think))
    finally:
        connection.close()


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


def _tree_cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by a process and its children (gunicorn's workers), from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(stat[11]) + int(stat[12])) / tick  # utime, stime
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return total
    return total + sum(_tree_cpu_seconds(int(child)) for child in children)


def _run_mode(
    name: str, think: tuple[float, float], port: int, server_pid: int, env: dict, prepared
) -> None:
    """One timed run: the poller flat out and USERS editors; its figures, prefixed `name`."""
    cookies, deal_ids = prepared
    poller = subprocess.Popen(
        ["nice", "-n", str(INGEST_NICE), sys.executable, "manage.py", "shell", "-c",
         POLLER.format(seconds=SECONDS)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        time.sleep(1)
        results: list = []
        budget = [MAX_REQUESTS]
        server_cpu = _tree_cpu_seconds(server_pid)
        own_cpu = time.process_time()
        started = time.monotonic()
        stop_at = started + SECONDS

        async def run() -> None:
            await asyncio.gather(
                *(_editor(port, c, deal_ids, stop_at, results, budget, think) for c in cookies)
            )

        asyncio.run(run())
        elapsed = time.monotonic() - started
        own_cpu = time.process_time() - own_cpu
        server_cpu = _tree_cpu_seconds(server_pid) - server_cpu
        load_average = os.getloadavg()[0]
        out, _ = poller.communicate(timeout=SECONDS + 120)
        poller = None
    finally:
        if poller is not None and poller.poll() is None:
            os.killpg(poller.pid, signal.SIGTERM)
            poller.wait(timeout=20)
    rounds = [line for line in out.splitlines() if line.startswith("polled")]
    new_stories = sum(int(line.split(": ")[1].split(" new")[0]) for line in rounds if ": " in line)
    times = [r[1] for r in results]
    errors = [r for r in results if not r[2]]
    n = max(len(results), 1)
    emit(f"{name}_users", USERS, "editors")
    emit(f"{name}_think", f"{think[0]:g}-{think[1]:g}", "s between pages")
    emit(f"{name}_requests", len(results), "requests")
    emit(f"{name}_throughput", round(len(results) / elapsed, 1), "req/s")
    emit(f"{name}_p50", _percentile(times, 0.50), "ms")
    emit(f"{name}_p95", _percentile(times, 0.95), "ms")
    emit(f"{name}_p99", _percentile(times, 0.99), "ms")
    emit(f"{name}_errors", len(errors), "requests")
    if errors:
        emit(f"{name}_error_kinds", sorted({f"{e[0]}:{e[3]}" for e in errors})[:10], "")
    for kind in sorted({r[0] for r in results}):
        page_times = [r[1] for r in results if r[0] == kind]
        emit(f"{name}_p95_{kind}", _percentile(page_times, 0.95), "ms")
    emit(f"{name}_mean", round(statistics.fmean(times), 1) if times else 0, "ms")
    emit(f"{name}_server_cpu", round(server_cpu * 1000 / n, 1), "ms CPU per request (gunicorn)")
    emit(f"{name}_client_cpu", round(own_cpu * 1000 / n, 2), "ms CPU per request (generator)")
    emit(f"{name}_client_cpu_share", round(100 * own_cpu / elapsed, 1), "% of one core")
    emit(f"{name}_ingest_rounds", len(rounds), "polls")
    emit(f"{name}_ingest_stories", new_stories, "stories")
    emit(f"{name}_ingest_rate", round(new_stories / elapsed, 1), "stories/s")
    emit(f"{name}_loadavg_1m", round(load_average, 2), "at the end of the run")


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
    if WORKERS:
        env["WEB_CONCURRENCY"] = str(WORKERS)
    os.environ["SECRET_KEY"] = env["SECRET_KEY"]  # sessions made here are read by gunicorn
    server = None
    try:
        cookies, deal_ids, counts = _prepare(url, feeds.urls)
        emit("load_dataset_deals", counts["deals"], "deals")
        emit("load_dataset_articles", counts["articles"], "articles")
        _manage(env, "collectstatic", "--noinput", "-v", "0")
        # The production settings (gunicorn.conf.py at the repository root), on loopback.
        server = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "newsroom.wsgi", "-b", f"127.0.0.1:{port}",
             "--access-logfile", "/dev/null", "--error-logfile", str(var_dir / "gunicorn.log")],
            cwd=ROOT, env=env, start_new_session=True,
        )  # fmt: skip
        _wait_for_port(port)
        emit("load_server", _server_settings(env), "")
        emit("load_ingest_nice", INGEST_NICE, "nice level of the ingestion process")
        for mode in MODES:
            think = (0.0, 0.0) if mode == "load" else THINK
            _run_mode(mode, think, port, server.pid, env, (cookies, deal_ids))
        return 0
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        feeds.stop()


def _server_settings(env: dict[str, str]) -> str:
    code = "import runpy; c = runpy.run_path('gunicorn.conf.py'); print(c['worker_class'], c['workers'], c['threads'])"
    kind, workers, threads = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    extra = env.get("GUNICORN_CMD_ARGS", "")
    return f"{kind}, {workers} workers x {threads} threads" + (f"; then {extra}" if extra else "")


if __name__ == "__main__":
    raise SystemExit(main())
