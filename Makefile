# Targets named in the README. Everything runs from .venv, created on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1:8000
# The address `make run` serves: every absolute link (mails, feeds, open data, PDF) uses it.
WAGTAILADMIN_BASE_URL ?= http://$(HOST)
export WAGTAILADMIN_BASE_URL

.PHONY: services run install install-test migrate demo serve test lint format check clean

services:  ## PostgreSQL (127.0.0.1:5432, database test) and Redis (127.0.0.1:6379), from Debian
	.ci/services

run: install migrate demo serve  ## site with demo content on http://127.0.0.1:8000

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

migrate: install
	$(MANAGE) migrate --noinput

demo: install
	$(MANAGE) load_demo
	$(MANAGE) rebuild_search

serve: install
	$(MANAGE) runserver $(HOST)

# The suite runs in parallel, one pytest-xdist worker per CPU, each with its own test database
# ("logical": "auto" counts physical cores where psutil is installed, one on a VM with two
# hyperthreads). A test file stays on one worker, so its module-scoped fixtures are built once.
# PYTEST_WORKERS=0 runs it in this one process.
PYTEST_WORKERS ?= logical

test: install-test  ## the whole test suite (DATABASE_URL picks SQLite or PostgreSQL)
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: install-test
	$(PY) -m ruff check .

format: install-test
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

check: install-test
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var
