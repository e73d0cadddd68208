# rdapi: `make run` serves the API with the seeds imported; `make test` runs the suite.
# SQLite by default; set DATABASE_URL=postgres://… to use PostgreSQL for every target.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Local development configuration for `make run` only: a per-checkout secret key, DEBUG on.
DEV_ENV = DEBUG=1 SECRET_KEY="$$(cat .secret_key)"

.PHONY: run serve test test-browser lint format clean bench

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

.secret_key:
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

run: $(VENV)/.runtime-installed .secret_key
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py import_seeds
	$(DEV_ENV) $(PY) manage.py ensure_admin
	@echo "API: http://$(HOST):$(PORT)/api/v1/  docs: http://$(HOST):$(PORT)/api/docs/  admin: http://$(HOST):$(PORT)/admin/"
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev-installed
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

test-browser: $(VENV)/.dev-installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-browser.txt
	$(PY) -m pytest -m browser tests/browser $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.dev-installed
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache

# ---------------------------------------------------------------------------------------
# Benchmarks (bench/README.md). PostgreSQL at BENCH_PG (default postgres://postgres@127.0.0.1:5432);
# they create and drop databases named rdapi_bench*. Results: bench/results/*.json → docs/benchmarks.md.
# Needs wrk (apt-get install wrk) for bench-api; BENCH_FULL=1 adds the 100 MB import.
# BENCH_PY=/path/to/python uses an existing environment instead of .venv.
BENCH_PY ?= $(PY)
BENCH_DEPS = $(if $(filter $(PY),$(BENCH_PY)),$(VENV)/.runtime-installed)

.PHONY: bench-corpus bench-import bench-api bench-search bench-report

bench-corpus: $(BENCH_DEPS)
	$(BENCH_PY) bench/corpus.py bench/.data/corpus-$(or $(SIZE),10MB) --size $(or $(SIZE),10MB)

bench-import: $(BENCH_DEPS)
	$(BENCH_PY) bench/import_bench.py $(if $(BENCH_FULL),--full)
	$(BENCH_PY) bench/report.py

bench-api: $(BENCH_DEPS)
	$(BENCH_PY) bench/api_bench.py
	$(BENCH_PY) bench/report.py

bench-search: $(BENCH_DEPS)
	$(BENCH_PY) bench/search_bench.py
	$(BENCH_PY) bench/report.py

bench-report: $(BENCH_DEPS)
	$(BENCH_PY) bench/report.py

bench: bench-import bench-api bench-search
