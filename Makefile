# make demo: set up and run newsprism on the bundled samples.  make test: set up and run checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup browser demo test lint typecheck pytest clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Debian's Chromium renders the HTML report in a test; the test is skipped where it cannot be had.
browser:
	@command -v chromium >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	  >/dev/null 2>&1; } || echo "chromium not installed: the HTML rendering test will be skipped"

# The bundled outlets are fictional: demo/outlets.csv names their domains.
demo: export NEWSPRISM_OUTLETS_FILE = demo/outlets.csv
demo: setup
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/newsprism --db demo.db ingest samples
	$(BIN)/newsprism --db demo.db articles
	$(BIN)/newsprism --db demo.db stories
	$(BIN)/newsprism --db demo.db compare largest
	@echo "HTML report of the largest story:"
	@$(BIN)/newsprism --db demo.db report largest --format html --out demo-report.html

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: setup
	$(BIN)/mypy

pytest: setup browser
	$(BIN)/pytest -q

test: lint typecheck pytest

clean:
	rm -rf $(VENV) demo-report.html demo.db demo.db-wal demo.db-shm .pytest_cache .mypy_cache .ruff_cache
