# Two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for `make test` (0 runs the tests in one process).
TEST_WORKERS ?= 2

.PHONY: run test lint format install migrate seed browser-check clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	DEBUG=true $(BIN)/python manage.py migrate --noinput

seed: migrate
	DEBUG=true $(BIN)/python manage.py seed_demo

run: seed
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

browser-check:
	@if [ ! -x "$${CHROMIUM:-/usr/bin/chromium}" ]; then \
	  echo ""; \
	  echo "*** Chromium is not installed: the browser journeys will NOT run. ***"; \
	  echo "*** Install Debian's 'chromium' package to run them (CI does).     ***"; \
	  echo ""; \
	fi

test: lint browser-check
	DATABASE_URL=sqlite:///:memory: $(BIN)/python manage.py makemigrations --check --dry-run \
	  --settings=earlall_rsp.test_settings
	@# Compiled modules are kept between runs even where the environment says not
	@# to write them: rewriting the assertions of every test module costs each
	@# worker about seven seconds a run.
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup \
	  --durations=10 $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var
