# The two commands a fresh machine needs: `make run` and `make test`.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python

# The newest Python >= 3.12 on this machine (Django 6.1 needs 3.12). pyenv shims for versions that
# are not selected fail to run, so each candidate is tried, then pyenv's own versions.
FIND_PYTHON := for p in python3.14 python3.13 python3.12 \
	$$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV) python3; do \
	  if "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
	    command -v "$$p"; exit 0; fi; done; exit 1

.PHONY: run test lint format venv messages

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  echo "Replacing $(VENV): it was made with a Python older than 3.12"; rm -rf $(VENV); fi
	@if [ ! -x $(PY) ]; then \
	  python=$$($(FIND_PYTHON)) || { echo "error: Python 3.12 or newer is required (Django 6.1); none found on PATH." >&2; exit 1; }; \
	  echo "Creating $(VENV) with $$python ($$($$python --version))"; \
	  "$$python" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

# A local, development server: DEBUG on unless the caller says otherwise.
run: export DEBUG ?= 1
messages: export DEBUG ?= 1
# The task worker (Markdown imports run in it) starts beside the server and stops with it; in
# DEBUG it reloads on code changes, so its reloaded child is stopped too.
run: venv
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	$(PY) manage.py db_worker & worker=$$!; \
	trap 'pkill -TERM -P $$worker 2>/dev/null; kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 0' INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: venv
	$(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Regenerate the Chinese catalogue after changing UI strings (needs GNU gettext; the .mo is committed).
messages: venv
	$(PY) manage.py makemessages -l zh_Hans --no-location --ignore='.venv/*' --ignore='tests/*' --ignore='bench/*'
	$(PY) manage.py makemessages -d djangojs -l zh_Hans --no-location --ignore='.venv/*' --ignore='staticfiles/*' --ignore='static/vendor/*'
	$(PY) manage.py compilemessages --ignore='.venv/*'
