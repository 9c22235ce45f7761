# Dealdesk. The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run install test lint format bench eval worker backup restore

# Bootstrap uv with pip if it is missing, then build the virtualenv from the lock file.
$(VENV)/.synced: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --frozen
	@touch $@

install: $(VENV)/.synced

# Migrate, load the demo, start the ingestion worker and the web server.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@bash scripts/run.sh $(HOST) $(PORT)

worker: install
	$(VENV)/bin/celery -A newsroom worker -B --loglevel=INFO

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	$(PY) scripts/bench.py

eval: install
	$(PY) scripts/eval_analysis.py
	$(PY) scripts/audit_corpus_overlap.py
	$(PY) scripts/audit_corpus_overlap.py --shape --min-rare 3

# The whole database to one file (pg_dump, or SQLite's backup API) and back.
backup: install
	$(PY) scripts/backup.py backup $(FILE)

restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=var/backups/..."; exit 2; }
	$(PY) scripts/backup.py restore $(FILE)
