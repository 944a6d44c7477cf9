# Two entry points for a fresh machine with nothing but Python: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ARCHIVE ?= archive

.PHONY: demo test lint typecheck check clean bench fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(VENV)/.installed-bench: pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@

# Speed and memory targets as ratios measured in one run; see BENCHMARKS.md.
bench: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks

# Coverage-guided fuzzing of parse_article for FUZZ_SECONDS (atheris: libFuzzer for
# Python, installed here only; make test does not need it). Crashing inputs go to
# fuzz/crashes/; see README "Fuzzing and property tests".
FUZZ_SECONDS ?= 60

$(VENV)/.installed-fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet atheris
	touch $@

fuzz: $(VENV)/.installed-fuzz
	mkdir -p fuzz/corpus fuzz/crashes
	$(BIN)/python fuzz/fuzz_parse_article.py fuzz/corpus fuzz/seeds \
		-max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=4096 \
		-artifact_prefix=fuzz/crashes/ -print_final_stats=1

demo: $(STAMP)
	$(BIN)/python -m newsarchive.demo --archive $(ARCHIVE)

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check newsarchive spiders pipelines tests benchmarks fuzz
	$(BIN)/ruff format --check newsarchive spiders pipelines tests benchmarks fuzz

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

clean:
	rm -rf $(VENV) $(ARCHIVE) .pytest_cache .mypy_cache .ruff_cache
