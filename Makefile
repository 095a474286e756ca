# Two commands matter: `make serve` (the API on the embedded store with the seed data)
# and `make test` (every test). Both install what they need first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# mypy sees the folders under their installed names (jkg.graph, ...) through symlinks.
MYPY = mkdir -p build/typecheck/jkg && for d in ontology graph api cli; do ln -sfn ../../../$$d build/typecheck/jkg/$$d; done \
	&& MYPYPATH=build/typecheck $(BIN)/mypy -p jkg.ontology -p jkg.graph -p jkg.api -p jkg.cli

.PHONY: bench-neo4j install serve test lint validate stats neo4j load bench soak clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

serve: install
	$(BIN)/jkg serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/jkg validate seed_data
	$(BIN)/ruff check ontology graph api cli bench tests setup.py
	$(MYPY)
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check ontology graph api cli bench tests setup.py
	$(MYPY)

validate: install
	$(BIN)/jkg validate seed_data

stats: install
	$(BIN)/jkg stats seed_data

# A real Neo4j 5.26 (Bolt, HTTP, Browser) from Maven Central, in the foreground.
neo4j:
	neo4j-local/run.sh

# Load the seed data into it (NEO4J_URI, NEO4J_PASSWORD, ... or their defaults).
load: install
	$(BIN)/jkg load --neo4j --replace

# Benchmarks at 1k, 10k and 100k entities (the 100k size takes about half an hour):
# report in bench/results/. `make bench BENCH_SIZES=1k` for a quick look.
BENCH_SIZES ?= 1k,10k,100k
bench: install
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@command -v wrk >/dev/null || echo "wrk not found (apt-get install -y wrk); REST load uses python -m bench.load"
	$(BIN)/python -m bench.run --sizes $(BENCH_SIZES)

# Neo4j beside the embedded store, in one run each: the questions in-process (a neo4j-local server, or NEO4J_URI)
# and `jkg load --neo4j` speed with a kill during the 10k load. REST side by side needs a loaded server:
# `python -m bench.neo4j_rest --data build/bench-data/10k --neo4j-uri bolt://127.0.0.1:7687` (see the README).
bench-neo4j: install
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m bench.run --sizes $(BENCH_SIZES) --neo4j
	$(BIN)/python -m bench.neo4j_load --sizes 1k,10k

# The soak: the API under wrk for SOAK_MINUTES on each backend (embedded, then neo4j on a neo4j-local server, or
# NEO4J_URI), seed data: requests, errors (must be 0), p99, RSS after warm-up and at the end (growth <= 10%).
# Report in bench/results/soak.md; exits 1 when a limit is missed. `make soak SOAK_BACKENDS=embedded` for one.
SOAK_MINUTES ?= 5
SOAK_BACKENDS ?= embedded,neo4j
soak: install
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@command -v wrk >/dev/null || echo "wrk not found (apt-get install -y wrk); the soak uses python -m bench.load"
	$(BIN)/python -m bench.soak --minutes $(SOAK_MINUTES) --backends $(SOAK_BACKENDS)

clean:
	rm -rf $(VENV) build *.egg-info test-artifacts
