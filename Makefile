# Every target bootstraps .venv on first use, so a fresh clone needs only `make serve` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
# MkDocs 1.6 prints a banner about its successor on every run; it is noise here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test lint typecheck unit bench bench-large clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

serve: $(STAMP)  ## live preview at http://127.0.0.1:8000 (drafts and scheduled posts shown with a banner)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

build: $(STAMP)  ## the site as it will be published, into site/
	$(BIN)/mkdocs build --strict

check: $(STAMP)  ## validate posts and data without building
	$(BIN)/podium check

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q

test: lint typecheck unit  ## the whole suite: ruff, mypy, pytest

bench: $(STAMP)  ## Podium vs bare MkDocs, Material's blog and Hugo at N = 250 and 1000 (not a test)
	$(BIN)/python -m tests.bench.run --sizes 250 1000 --serve

bench-large: $(STAMP)  ## the same, adding N = 4000 (linearity)
	$(BIN)/python -m tests.bench.run --sizes 250 1000 4000 --serve

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
