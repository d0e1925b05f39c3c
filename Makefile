# Migration Forum — the two commands:
#   make run    set up everything (virtual environment, database, reference data) and serve
#               the platform at http://127.0.0.1:8000
#   make test   run the whole test suite (DATABASE_URL=postgres://… to run it on PostgreSQL)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup serve test lint typecheck bench assets messages clean

run: setup serve

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstalls only when the project's metadata changes, so a second `make run` changes nothing.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

setup: $(VENV)/.installed
	$(BIN)/migforum migrate --noinput
	$(BIN)/migforum init
	$(BIN)/migforum collectstatic --noinput --verbosity 0

serve:
	$(BIN)/migforum serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.installed
	$(BIN)/mypy

bench: setup
	$(BIN)/python bench/http_load.py

# Maintainers: refresh the vendored front-end assets (needs Node.js and npm).
assets:
	cd assets && npm install --no-audit --no-fund
	$(PYTHON) assets/vendor.py

# Maintainers: extract and compile the translations (needs GNU gettext).
messages: $(VENV)/.installed
	cd src/migforum && ../../$(BIN)/migforum makemessages --all --no-obsolete --ignore "*/migrations/*"
	cd src/migforum && ../../$(BIN)/migforum compilemessages

clean:
	rm -rf $(VENV) var
