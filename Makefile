# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/aleppo-2016-12/manifest.jsonl

.PHONY: demo test lint install install-dev clean

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

lint: install-dev
	$(BIN)/ruff check src tests bench

test: install-dev lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) out build dist src/*.egg-info
