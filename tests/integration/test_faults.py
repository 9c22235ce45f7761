"""Faults, with nothing lost or duplicated (README: "What Dealdesk promises when things fail").

The machine's shared PostgreSQL and Redis are never touched: the database and
broker restarts happen to PRIVATE servers each test starts in a temporary
directory (PostgreSQL 15 `initdb` + `pg_ctl` as the `postgres` user, a
`redis-server` subprocess), on free loopback ports. `manage.py` runs in
subprocesses against them, exactly as in production. Every wait is bounded.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Source
from tests.articles.test_ingest_pipeline import ROUNDS
from tests.feedsamples import Story, rss
from tests.integration.celery_worker import Worker

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stories(prefix: str, n: int) -> list[Story]:
    return [
        Story(
            f"https://wire.example.com/{prefix}-{i}",
            f"Fabrikam unit {prefix} {i} agrees to buy Contoso arm {i}",
            f"Fabrikam Holdings said its {prefix} unit {i} signed a definitive agreement to "
            f"acquire Contoso Robotics arm {i} for ${i + 1}0 million.",
        )
        for i in range(n)
    ]


class PrivatePostgres:
    """A throwaway PostgreSQL cluster on a free port: ours to restart."""

    def __init__(self) -> None:
        # Not under pytest's tmp_path: root's 0700 directories are closed to the postgres user.
        self.base = Path(tempfile.mkdtemp(prefix="dealdesk-pg-"))
        self.dir = self.base / "data"
        self.dir.mkdir()
        for path in (self.base, self.dir):
            shutil.chown(path, "postgres")
        self.port = _free_port()
        self.log = self.base / "pg.log"
        self._pg("initdb", "-D", str(self.dir), "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()

    def _pg(self, tool: str, *args: str, timeout: float = 60) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(PG_BIN / tool), *args],
            check=True,
            capture_output=True,
            timeout=timeout,
        )

    def _ctl(self, action: str, *extra: str) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._pg(
            "pg_ctl", action, "-D", str(self.dir), "-l", str(self.log), "-w", "-t", "30",
            "-o", options, *extra,
        )  # fmt: skip

    def start(self) -> None:
        self._ctl("start")

    def restart(self) -> None:
        self._ctl("restart", "-m", "immediate")  # a crash-like stop: clients lose their sessions

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError):
            self._ctl("stop", "-m", "immediate")
        shutil.rmtree(self.base, ignore_errors=True)

    def url(self, name: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


class PrivateRedis:
    """A throwaway redis-server without persistence: a restart loses every queued message."""

    def __init__(self, base: Path) -> None:
        self.port = _free_port()
        self.base = base
        self.process: subprocess.Popen | None = None
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no", "--dir", str(self.base)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("private redis-server did not start")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


def _env(database_url: str, var_dir: Path, redis_url: str = "") -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEALDESK_VAR_DIR": str(var_dir),
        "INGEST_ALLOW_PRIVATE_NETWORKS": "true",
        "INGEST_FETCH_RETRIES": "0",
        "DB_CONN_MAX_AGE": "0",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def _manage(env, *args: str, timeout: float = 120, check: bool = True):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    if check:
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result


def _shell(env, code: str, *, timeout: float = 60, check: bool = True) -> str:
    return _manage(env, "shell", "-c", code, timeout=timeout, check=check).stdout.strip()


_COUNTS = (
    "from articles.models import Article as A; from django.db.models import Count; "
    "print(A.objects.count(), A.objects.values('url').distinct().count(), "
    "A.objects.filter(state='done').count())"
)


def _counts(env) -> tuple[int, int, int]:
    stored, distinct, done = map(int, _shell(env, _COUNTS).split()[-3:])
    return stored, distinct, done


def _make_due(env) -> None:
    _shell(env, "from articles.models import Source; from django.utils import timezone; "
           "Source.objects.update(next_poll_at=timezone.now())")  # fmt: skip


def _add_source(env, name: str, url: str) -> None:
    _shell(env, f"from articles.models import Source; from django.utils import timezone; "
           f"Source.objects.create(name={name!r}, url={url!r}, next_poll_at=timezone.now())")  # fmt: skip


@pytest.fixture
def private_pg():
    if os.geteuid() != 0 or not (PG_BIN / "initdb").exists():
        pytest.skip("needs root and PostgreSQL 15's initdb to run a private cluster")
    server = PrivatePostgres()
    yield server
    server.stop()


@pytest.fixture
def private_redis(tmp_path):
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server")
    server = PrivateRedis(tmp_path)
    yield server
    server.kill()


@pytest.mark.postgres
def test_postgres_restarted_while_ingestion_runs_loses_and_duplicates_nothing(
    private_pg, feed_server, tmp_path
):
    env = _env(private_pg.url(), tmp_path)
    _manage(env, "migrate", "--noinput", timeout=180)
    slow = feed_server.route("/slow.xml", rss(_stories("slow", 30)), delay=2.0)
    fast = feed_server.route("/fast.xml", rss(_stories("fast", 10)))
    _add_source(env, "Slow wire", slow)
    _add_source(env, "Fast wire", fast)
    poll = subprocess.Popen(
        [sys.executable, "manage.py", "poll", "--once"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(1.0)  # the poll has claimed its sources and waits on the slow feed
    private_pg.restart()
    out, err = poll.communicate(timeout=120)
    # Whatever that poll managed, a later poll (the next beat) completes the picture.
    _make_due(env)
    _manage(env, "poll", "--once")
    stored, distinct, done = _counts(env)
    assert stored == distinct == 40, (stored, distinct, out, err[-2000:])
    assert done == 40
    # And once more: nothing new, nothing doubled.
    _make_due(env)
    _manage(env, "poll", "--once")
    assert _counts(env) == (40, 40, 40)


@pytest.mark.postgres
def test_redis_restarted_with_tasks_queued_the_next_poll_requeues_them(
    private_pg, private_redis, feed_server, tmp_path
):
    env = _env(private_pg.url(), tmp_path, private_redis.url)
    _manage(env, "migrate", "--noinput", timeout=180)
    _add_source(env, "Wire", feed_server.route("/wire.xml", rss(_stories("wire", 12))))
    # Fetch in this process; the analysis tasks go to the broker, where no worker listens yet.
    _shell(env, "from articles.models import Source; from articles.tasks import fetch_source; "
           "print(fetch_source.apply(args=[Source.objects.get().pk]).get())")  # fmt: skip
    assert _counts(env) == (12, 12, 0)
    private_redis.kill()  # every queued analysis task is gone (no persistence)
    private_redis.start()
    worker = Worker(tmp_path, database_url=private_pg.url(), redis_url=private_redis.url)
    try:
        # The next beat after REQUEUE_AFTER: stories stuck in NEW are queued again.
        _shell(env, "from articles.models import Article; from articles.tasks import "
               "REQUEUE_AFTER, poll_due_sources; from django.utils import timezone; "
               "Article.objects.update(fetched_at=timezone.now() - REQUEUE_AFTER * 2); "
               "print(poll_due_sources())")  # fmt: skip
        deadline = time.monotonic() + 90
        while _counts(env)[2] < 12 and time.monotonic() < deadline:
            time.sleep(1)
        assert _counts(env) == (12, 12, 12), worker.output()
        flags = _shell(
            env, "from deals.models import DealUpdate; print(DealUpdate.objects.count())"
        )
        # Polled again by the beat: the same stories, no new rows, no second set of flags.
        _shell(env, "from articles.tasks import poll_due_sources; poll_due_sources()")
        time.sleep(2)
        assert _counts(env) == (12, 12, 12)
        again = _shell(
            env, "from deals.models import DealUpdate; print(DealUpdate.objects.count())"
        )
        assert again == flags
    finally:
        worker.stop()


@pytest.mark.django_db
def test_a_source_that_hangs_forever_times_out_and_the_others_are_processed(feed_server, settings):
    settings.INGEST_READ_TIMEOUT = 1
    settings.INGEST_CONNECT_TIMEOUT = 1
    settings.INGEST_FETCH_RETRIES = 0
    hung = Source.objects.create(
        name="Hung",
        url=feed_server.route("/hang.xml", rss(ROUNDS[:1]), delay=30),
        next_poll_at=timezone.now(),
    )
    fine = Source.objects.create(
        name="Fine",
        url=feed_server.route("/fine.xml", rss(ROUNDS[1:3])),
        next_poll_at=timezone.now(),
    )
    started = time.monotonic()
    call_command("poll", "--once", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert time.monotonic() - started < 25, "the hung source held the poll past its time limit"
    hung.refresh_from_db()
    fine.refresh_from_db()
    assert hung.consecutive_failures == 1 and hung.last_error
    assert fine.consecutive_failures == 0
    assert set(Article.objects.values_list("source__name", flat=True)) == {"Fine"}
    assert Article.objects.filter(state="done").count() == 2


@pytest.mark.django_db
def test_a_source_serving_a_different_feed_at_the_same_url_keeps_both(feed_server):
    url = feed_server.route("/wire.xml", rss(ROUNDS[:2]))
    source = Source.objects.create(name="Wire", url=url, next_poll_at=timezone.now())
    call_command("poll", "--once", stdout=open(os.devnull, "w"))  # noqa: SIM115
    # The publisher swaps in another feed entirely (new platform, new GUIDs), same address.
    feed_server.route("/wire.xml", rss(_stories("other", 3), title="Another wire"))
    Source.objects.update(next_poll_at=timezone.now() - timedelta(seconds=1))
    call_command("poll", "--once", stdout=open(os.devnull, "w"))  # noqa: SIM115
    # Then the old one comes back: nothing stored twice.
    feed_server.route("/wire.xml", rss(ROUNDS[:2]))
    Source.objects.update(next_poll_at=timezone.now() - timedelta(seconds=1))
    call_command("poll", "--once", stdout=open(os.devnull, "w"))  # noqa: SIM115
    urls = list(Article.objects.filter(source=source).values_list("url", flat=True))
    assert len(urls) == len(set(urls)) == 5
    assert Article.objects.exclude(state="done").count() == 0
    source.refresh_from_db()
    assert source.consecutive_failures == 0


def _mount_tmpfs(path: Path, size: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True).returncode == 0  # fmt: skip


def _fill(path: Path) -> Path:
    """Write zeros until the filesystem says ENOSPC."""
    filler = path / "filler"
    with filler.open("wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    return filler


def test_a_full_disk_fails_the_poll_cleanly_and_the_next_poll_recovers(feed_server, tmp_path):
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "12m"):
        pytest.skip("needs root to mount a size-limited tmpfs")
    try:
        env = _env(f"sqlite:///{disk / 'dealdesk.sqlite3'}", disk)
        _manage(env, "migrate", "--noinput", timeout=180)
        stories = [
            Story(s.url, s.title, s.body + " " + ("More detail follows. " * 400))
            for s in _stories("big", 60)
        ]
        _add_source(env, "Wire", feed_server.route("/wire.xml", rss(stories)))
        filler = _fill(disk)
        failed = _manage(env, "poll", "--once", check=False)
        # A clean failure: a message, no traceback of a half-written database.
        output = failed.stdout + failed.stderr
        assert "disk" in output.lower() or "full" in output.lower() or failed.returncode != 0, (
            output[-2000:]
        )
        filler.unlink()
        integrity = _shell(env, "from django.db import connection; c = connection.cursor(); "
                           "c.execute('PRAGMA integrity_check'); print(c.fetchone()[0])")  # fmt: skip
        assert integrity.endswith("ok")
        partial = _counts(env)
        assert partial[0] in (0, 60), "a partial batch of stories was committed"
        _make_due(env)
        _manage(env, "poll", "--once")
        assert _counts(env) == (60, 60, 60)
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
