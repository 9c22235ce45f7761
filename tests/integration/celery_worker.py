"""A real `celery -A newsroom worker` subprocess on the test database and the test Redis."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def test_database_url() -> str:
    """The URL of exactly the database this test run uses (pytest-django's test_<name>)."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}"


def purge_broker() -> None:
    """Nothing from an earlier run may reach this run's worker."""
    import redis

    from newsroom.celery import app

    app.control.purge()
    client = redis.Redis.from_url(settings.REDIS_URL)
    client.delete("unacked", "unacked_index", "unacked_mutex")


class Worker:
    def __init__(
        self,
        log_dir: Path,
        *,
        visibility_timeout: int = 3,
        concurrency: int = 2,
        database_url: str | None = None,
        redis_url: str | None = None,
    ):
        """`database_url`/`redis_url`: a private server of the test's own (default: this run's)."""
        self.log_path = log_dir / f"worker-{uuid.uuid4().hex[:6]}.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url or test_database_url(),
            "REDIS_URL": redis_url or settings.REDIS_URL,
            "INGEST_ALLOW_PRIVATE_NETWORKS": "true",
            "CELERY_VISIBILITY_TIMEOUT": str(visibility_timeout),
            "DB_CONN_MAX_AGE": "0",
            "DEALDESK_VAR_DIR": str(settings.VAR_DIR),
            "PYTHONUNBUFFERED": "1",
        }
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "newsroom",
                "worker",
                "--loglevel=INFO",
                f"--concurrency={concurrency}",
                "--pool=prefork",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"test-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: SIGKILL reaches the pool too
        )

    def kill(self) -> None:
        """SIGKILL the worker and its pool at once: no warm shutdown, no ack, no cleanup."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def children(self) -> list[int]:
        """The pool's processes: this worker's children, read from /proc."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                found.append(int(stat.parent.name))
        return found

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def output(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")[-4000:]


def wait_for(
    condition, *, timeout: float = 60, interval: float = 0.2, worker: Worker | None = None
):
    """Poll `condition()` until it is truthy; fail with the worker's log after `timeout` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    detail = f"\n--- worker log ---\n{worker.output()}" if worker else ""
    raise AssertionError(f"timed out after {timeout}s waiting for {condition.__name__}{detail}")
