# Every target bootstraps .venv on first use, so a fresh clone needs only `make serve` or `make test`.
# serve, build and check install only what the site needs (pip install -e .); the test tools
# (pytest, ruff, mypy, Playwright, …: the dev extra) come with test, lint, typecheck, unit, bench.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev
PORT ?= 8000
MDX := tests/realworld/mdx
MDX_INSTALLED := $(MDX)/node_modules/.installed
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

# The fidelity test compares unikraft-next's .mdx posts with the real MDX compiler, in Node, from
# tests/realworld/mdx/package-lock.json. Without npm this prints a note and the test skips that
# site (under CI it fails); the stamp is left unmade so the next run tries again.
$(MDX_INSTALLED): $(MDX)/package.json $(MDX)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix $(MDX) --no-audit --no-fund --silent && touch $@; \
	else \
		echo "note: npm is not on PATH, so the fidelity test skips unikraft-next (needs Node.js and npm)"; \
	fi

unit: $(DEV) $(MDX_INSTALLED)
	$(BIN)/pytest -q

test: lint typecheck unit  ## the whole suite: ruff, mypy, pytest

bench: $(DEV)  ## Podium vs bare MkDocs, Material's blog and Hugo at N = 250 and 1000 (not a test)
	$(BIN)/python -m tests.bench.run --sizes 250 1000 --serve

bench-large: $(DEV)  ## the same, adding N = 4000 (linearity)
	$(BIN)/python -m tests.bench.run --sizes 250 1000 4000 --serve

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache $(MDX)/node_modules
