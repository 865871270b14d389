# Marsad — the two commands of the Quick start:
#   make demo   install into .venv and run the main job on the bundled sample articles
#   make test   install test dependencies and services, then run the whole test suite
#   make test-fast   the same without the tests marked slow (for development)
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= var/demo.duckdb

.PHONY: demo test test-fast install install-test services bench clean i18n

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	bash scripts/demo.sh $(BIN) $(DB)

services:
	bash scripts/setup-test-env.sh

test: install-test services
	$(BIN)/python -m pytest -p no:cacheprovider --durations=15 $(PYTEST_ARGS)

# For development: everything but the tests marked slow (Spark, browser, kill -9, 20 MB file, load).
test-fast: install-test
	$(BIN)/python -m pytest -p no:cacheprovider -m "not slow" $(PYTEST_ARGS)

bench: install
	$(BIN)/python benchmarks/throughput.py

# The interface's message catalogues (src/marsad/locale): re-extract every marked string from the
# templates and Python modules, merge it into each language's .po (new strings arrive empty and
# tests/test_i18n.py names them), and compile the .mo files (committed, so installs need no build).
LOCALES := src/marsad/locale
i18n: install
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k NP_:1c,2 -k pgettext:1c,2 \
	  --no-location --sort-output --omit-header -o $(LOCALES)/messages.pot src/marsad
	$(BIN)/pybabel update -i $(LOCALES)/messages.pot -d $(LOCALES) -D messages --no-fuzzy-matching \
	  --ignore-obsolete
	$(BIN)/pybabel compile -d $(LOCALES) -D messages --statistics

clean:
	rm -rf $(VENV) var build *.egg-info
