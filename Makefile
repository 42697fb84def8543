# kneewise — `make run` and `make test` each set up .venv from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lock clean docs

# A line per step, and pip's own line per package: a first install takes minutes.
$(STAMP): pyproject.toml requirements.lock
	@echo "kneewise: [1/3] creating the virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	@echo "kneewise: [2/3] updating pip"
	$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "kneewise: [3/3] installing kneewise and its pinned libraries (a few minutes the first time; pip names each one)"
	$(BIN)/python -m pip install --progress-bar on -c requirements.lock -e '.[dev,bench]'
	touch $(STAMP)
	@echo "kneewise: ready"

run: $(STAMP)
	@echo "kneewise: starting the web app at http://127.0.0.1:8000 (Ctrl+C stops it)"
	$(BIN)/kneewise serve

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m bench

# Re-resolve the lock file from PyPI (run by a developer, never by CI).
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/python -m pip install --quiet --upgrade pip
	.lockenv/bin/python -m pip install --quiet -e '.[dev,bench]'
	.lockenv/bin/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock
	rm -rf .lockenv

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache

docs: $(STAMP)
	$(BIN)/python -m kneewise.cli.reference > docs/cli.md
