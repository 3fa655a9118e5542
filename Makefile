# Two commands for a newcomer: `make run` and `make test`. Each sets up .venv from the
# project's own files when it is missing or older than pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit bench format snapshots clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/planwizard --dir plans

test: lint typecheck unit

# lint-imports: the layers (pyproject.toml, [tool.importlinter]; docs/code-map.md).
lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

# Four workers on two cores: the app tests mostly wait on the terminal, not the CPU.
unit: $(STAMP)
	$(BIN)/python -m pytest -n 4

# Quick sizes, one table at the end; `make bench BENCH_FULL=1` for 1,000 and 5,000 (long).
bench: $(STAMP)
	$(BIN)/python bench/run_all.py

format: $(STAMP)
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

snapshots: $(STAMP)
	$(BIN)/python -m pytest tests/tui --snapshot-update

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
