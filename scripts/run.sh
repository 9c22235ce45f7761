#!/usr/bin/env bash
# Start the ingestion worker in the background and the web server in the foreground.
# With REDIS_URL set, the worker is a real Celery worker with beat; without it,
# `manage.py poll` runs the pipeline in-process every minute. Either way ingestion runs at a
# lower CPU priority (nice 10) than the web server: editors' pages come first.
set -euo pipefail
host="${1:-127.0.0.1}"
port="${2:-8000}"
cd "$(dirname "$0")/.."
mkdir -p var
if [ -n "${REDIS_URL:-}" ]; then
  nice -n 10 .venv/bin/celery -A newsroom worker -B --loglevel=INFO >var/worker.log 2>&1 &
  echo "Ingestion: Celery worker with beat on $REDIS_URL (log: var/worker.log)"
else
  nice -n 10 .venv/bin/python manage.py poll >var/worker.log 2>&1 &
  echo "Ingestion: in-process poller, every minute (log: var/worker.log)"
fi
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo
echo "Dealdesk is at http://$host:$port/"
echo "Log in as: editor / editor-demo-pass · reporter / reporter-demo-pass · reporter2 / reporter2-demo-pass · admin / admin-demo-pass"
echo
.venv/bin/python manage.py runserver "$host:$port"
