# Tradebridge: `make demo` serves the demo marketplace, `make test` runs every check.
# Everything installs from this repository's own files (pyproject.toml + requirements/*.txt).

SHELL := /bin/bash
PYTHON312 ?= $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12 /usr/local/bin/python3.12 /usr/bin/python3.12; do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null; then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
TB := $(BIN)/tradebridge
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# The tests run in parallel (pytest-xdist): one worker per CPU, at most 4, each with its own test
# database. `--dist load` hands each worker the tests in collection order, which pytest-django
# sorts so every database test runs before the transactional ones that flush the migrations'
# data (the category tree); `loadfile` would run a file's flushing tests before the next file.
# PYTEST_WORKERS=0 runs them in this process; PYTEST_ARGS="-n 1" overrides it too.
PYTEST_WORKERS ?= auto

.PHONY: demo serve install install-dev test lint typecheck contracts pytest lock messages clean help bench-import bench-search bench-orders

help:
	@echo "make demo   - install, migrate, load the demo marketplace and its search index, serve it on http://$(HOST):$(PORT)"
	@echo "make test   - install dev dependencies and run lint, types, layering contracts and tests"

$(BIN)/python:
	@test -n "$(PYTHON312)" || { echo "Python 3.12 not found (looked for python3.12 and ~/.pyenv/versions/3.12*)"; exit 1; }
	$(PYTHON312) -m venv $(VENV)

$(VENV)/.installed-main: $(BIN)/python requirements/main.txt pyproject.toml
	$(PIP) install -r requirements/main.txt
	$(PIP) install --no-deps -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-main requirements/dev.txt
	$(PIP) install -r requirements/dev.txt
	@touch $@

install: $(VENV)/.installed-main messages
	@mkdir -p var

install-dev: $(VENV)/.installed-dev messages
	@mkdir -p var

# Translations are compiled at install with Babel (pure Python, no system gettext needed).
messages: $(VENV)/.installed-main
	@if ls tradebridge/locale/*/LC_MESSAGES/django.po >/dev/null 2>&1; then \
	  $(BIN)/pybabel -q compile -d tradebridge/locale -D django --statistics; fi

demo: install
	$(TB) migrate --no-input
	$(TB) createcachetable
	$(TB) collectstatic --no-input -v 0
	$(TB) demo
	$(TB) serve --host $(HOST) --port $(PORT)

serve: install
	$(TB) serve --host $(HOST) --port $(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	$(BIN)/mypy tradebridge config

contracts: install-dev
	$(BIN)/lint-imports

pytest: install-dev
	$(BIN)/pytest -n $(PYTEST_WORKERS) --maxprocesses=4 --dist load $(PYTEST_ARGS)

test: lint typecheck contracts pytest

# Benchmark (not a test): a seeded 100,000-row catalog CSV into a fresh SQLite database, and
# into a fresh PostgreSQL database too when DATABASE_URL points at a server. See docs/performance.md.
bench-import: install
	$(BIN)/python benchmarks/import_catalog.py $(BENCH_ARGS)

# Benchmark (not a test): search at 1,000,000 products (import, index build, 200 queries with
# facets) against a bare tantivy index, on SQLite and on PostgreSQL when DATABASE_URL points at
# a server; writes the table into docs/performance.md. Options: BENCH_ARGS="--sizes 100000";
# BENCH_ARGS="--keep DIR --reuse" rebuilds the index and queries again over a database loaded there.
bench-search: install
	$(BIN)/python benchmarks/search_catalog.py $(BENCH_ARGS)

# Benchmark (not a test): a flash sale on one ready-to-ship product (1,000 units) through the
# HTTP API with real web workers, buyers arriving at ten times the baseline rate; on PostgreSQL
# (beside a pgbench TPC-B run) and on the embedded SQLite. BENCH_ARGS="--write-docs" updates
# docs/performance.md. See benchmarks/flash_sale.py.
bench-orders: install
	$(BIN)/python benchmarks/flash_sale.py $(BENCH_ARGS)

# Regenerate the lock files after changing dependencies in pyproject.toml.
lock: $(BIN)/python
	$(PIP) install uv==0.13.9
	$(BIN)/uv pip compile -q pyproject.toml --python-version 3.12 -o requirements/main.txt
	$(BIN)/uv pip compile -q pyproject.toml --extra dev --python-version 3.12 -o requirements/dev.txt

clean:
	rm -rf $(VENV) var/static build *.egg-info
