# smmplan: `make demo` builds the example plans, `make test` runs every test.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out
JOBS   ?= 2

.PHONY: demo test lab lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Bytecode of the package written once at install (an editable install compiles nothing, and
# a machine with PYTHONDONTWRITEBYTECODE set would compile every module in every kernel).
COMPILE = $(BIN)/python -m compileall -q smmplan >/dev/null

# One stamp per set of extras, redone when pyproject.toml changes.
$(VENV)/.installed-base: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	$(COMPILE)
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,lab]"
	$(COMPILE)
	touch $@ $(VENV)/.installed-base $(VENV)/.installed-lab

$(VENV)/.installed-lab: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[lab]"
	$(COMPILE)
	touch $@ $(VENV)/.installed-base

demo: $(VENV)/.installed-base
	$(BIN)/smmplan build data/examples/*/brief.yaml -o $(OUT) -j $(JOBS)
	@echo
	@echo "Plans written: open them in a browser:"
	@ls -1 $(OUT)/*/plan.html | sed 's/^/  /'

test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

# A client's workspace beside its brief (never the package's notebooks): make lab BRIEF=...
lab: $(VENV)/.installed-lab
	@test -n "$(BRIEF)" || { echo "usage: make lab BRIEF=path/to/brief.yaml"; exit 2; }
	$(BIN)/smmplan lab $(BRIEF)

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/bench_build.py

clean:
	rm -rf $(OUT) test-artifacts .pytest_cache
