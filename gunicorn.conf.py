"""gunicorn's settings for Dealdesk, read from the working directory by `gunicorn newsroom.wsgi`
(the Dockerfile, docker-compose.yml and `scripts/bench_load.py` all start it from here).

Threaded workers (gthread): a page is mostly Python, so one process per core plus one keeps
both cores busy; two threads each let a process take another request while one waits on
PostgreSQL, and keep connections alive between pages (sync workers close every connection).
More threads than two only queue requests on the GIL: under `make bench`'s load (SECURITY.md,
Load) 3 x 4 threads had the worst tail; 3 x 2 gave more throughput and a shorter p99 than 3 sync
workers when saturated, and a similar p95 for editors pausing between pages. WEB_CONCURRENCY and GUNICORN_THREADS change the counts; GUNICORN_CMD_ARGS, read by
gunicorn itself, anything else.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")  # the Dockerfile sets 0.0.0.0:8000
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
keepalive = 5  # seconds an idle connection stays open for the browser's next page
timeout = 30
graceful_timeout = 20
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
