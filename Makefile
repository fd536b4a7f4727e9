# Every target bootstraps .venv on first use, so a fresh clone needs only `make serve` or `make test`.
# serve, build and check install only what the site needs (pip install -e .); the test tools
# (pytest, ruff, mypy, Playwright, …: the dev extra) come with test, lint, typecheck, unit, bench.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev
PORT ?= 8000
# MkDocs 1.6 prints a banner about its successor on every run; it is noise here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test lint typecheck unit bench bench-large clean

$(RUNTIME): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUNTIME)

$(DEV): $(RUNTIME)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV)

serve: $(RUNTIME)  ## live preview at http://127.0.0.1:8000 (drafts and scheduled posts shown with a banner)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

build: $(RUNTIME)  ## the site as it will be published, into site/
	$(BIN)/mkdocs build --strict

check: $(RUNTIME)  ## validate posts and data without building
	$(BIN)/podium check --strict

lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEV)
	$(BIN)/mypy

unit: $(DEV)
	$(BIN)/pytest -q

test: lint typecheck unit  ## the whole suite: ruff, mypy, pytest

bench: $(DEV)  ## Podium vs bare MkDocs, Material's blog and Hugo at N = 250 and 1000 (not a test)
	$(BIN)/python -m tests.bench.run --sizes 250 1000 --serve

bench-large: $(DEV)  ## the same, adding N = 4000 (linearity)
	$(BIN)/python -m tests.bench.run --sizes 250 1000 4000 --serve

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
