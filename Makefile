# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/aleppo-2016-12/manifest.jsonl

.PHONY: demo serve test lint install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"

demo: install
	@mkdir -p out
	$(BIN)/khulasa summarize $(EXAMPLE) --words 120 --format text
	$(BIN)/khulasa summarize $(EXAMPLE) --words 120 --format json -o out/summary.json
	$(BIN)/khulasa summarize $(EXAMPLE) --words 120 --format md -o out/summary.md
	$(BIN)/khulasa summarize $(EXAMPLE) --words 120 --format html -o out/summary.html
	@echo "Reports written to out/summary.{json,md,html}"

# The newsroom page: the example story, plus a real SaudiNewsNet day when ../shared/data is here
# (that corpus may not be redistributed, so it is read from beside the checkout, never bundled).
SERVE_DB  := out/news.db
SERVE_DAY := ../shared/data/saudinewsnet/2015-08-06.zip
serve: install
	@mkdir -p out
	$(BIN)/khulasa ingest $(EXAMPLE) --db $(SERVE_DB)
	@if [ -f $(SERVE_DAY) ]; then $(BIN)/khulasa ingest $(SERVE_DAY) --db $(SERVE_DB) || [ $$? -eq 1 ]; fi
	$(BIN)/khulasa serve --db $(SERVE_DB)

lint: install-dev
	$(BIN)/ruff check src tests bench

test: install-dev lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) out build dist src/*.egg-info
