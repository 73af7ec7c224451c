# The CoP dashboard's two commands: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: run test test-fast lint setup setup-dev database system-deps upgrade backup bench clean

## run: create .venv, build the database from cop_data/ if it is missing, serve http://localhost:$(PORT)
## (warmed first: imports and the all-communities views are built before the first visitor comes)
run: setup database
	COP_WARM_START=1 $(BIN)/python scripts/serve.py --server.port $(PORT) --browser.gatherUsageStats false

## test: the same set-up with dev requirements and system packages, then the whole suite, on every core
## (pytest-xdist; a module's tests stay on one worker, so a browser module starts one server)
PYTEST_ARGS ?= -n auto --dist loadfile
test: setup-dev system-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## test-fast: the edit loop, in under a minute: the pure, database and AppTest tests on every core
## (no browser and no slow tests: markers in pytest.ini; `make test` runs them all;
## --dist load: no module here starts a server, so single tests balance the cores best)
test-fast: setup-dev
	$(BIN)/python -m pytest -n auto --dist load -m "not browser and not slow"

## lint: ruff's checks and formatting, and mypy over db/ and dashboard/ (settings in pyproject.toml)
lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

$(BIN)/.requirements: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.requirements-dev: $(BIN)/.requirements requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(BIN)/.requirements
setup-dev: $(BIN)/.requirements-dev

## database: build the database from cop_data/ only if it does not exist yet, else bring it to the latest schema
database: setup
	$(BIN)/python -m db.admin.load --if-missing
	$(BIN)/python -m db.admin.schema upgrade

## system-deps: Debian's chromium (chart images, browser tests) where this machine can install it
system-deps:
	@bash scripts/system-deps.sh

## upgrade: bring an existing database to the latest schema revision without losing a row
upgrade: setup
	$(BIN)/python -m db.admin.schema upgrade

## backup: a consistent copy of the live SQLite database into backups/
backup: setup
	$(BIN)/python -m db.admin.backup

## bench: the benchmark at sizes S and M (synthetic data, its own database), then the browser benchmark (Chromium;
## PostgreSQL if .ci/postgres's server answers, else skipped with the reason)
bench: setup-dev system-deps
	$(BIN)/python -m bench.run --sizes S M
	$(BIN)/python -m bench.slides
	$(BIN)/python -m bench.browser --sizes S M

clean:
	rm -rf $(VENV) .pytest_cache
