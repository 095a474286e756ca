"""The REST API over a benchmark dataset, for uvicorn: ``uvicorn --factory bench.serve:app``.

The data was validated by the benchmark before (``BENCH_DATA``); the store is built by
the same reader, checks and graph builder as ``jkg serve``, without SHACL again.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

from jkg.api.main import create_app
from jkg.api.settings import Settings
from jkg.graph.collector import paused_collector
from jkg.graph.data_cache import DataCache
from jkg.graph.reader import read_dataset
from jkg.graph.store import EmbeddedStore
from jkg.graph.temporal import build_graph
from jkg.graph.validate import check_dataset
from jkg.ontology.schema import load_schema


def build_store(data: Path, cache: DataCache | None = None) -> EmbeddedStore:
    """Read (through the benchmark's cache, ``BENCH_CACHE_DIR``), check (the Python checks) and build;
    refuse data with any problem."""
    schema = load_schema()
    with paused_collector(freeze=True):  # as load_graph: the collector would walk all that is built, finding nothing
        dataset, problems = read_dataset([data], schema, cache=cache)
        problems += check_dataset(dataset, schema)
        if problems:
            raise SystemExit(f"{len(problems)} problem(s) in {data}, first: {problems[0]}")
        graph = build_graph(dataset, schema, data_version=dataset.version)
    # every index and view now, as jkg serve does: built on a first request, one would stall the event loop
    return EmbeddedStore(graph.prepare(cache))


def app() -> FastAPI:
    data = Path(os.environ["BENCH_DATA"])
    cache = DataCache(Path(os.environ["BENCH_CACHE_DIR"])) if os.environ.get("BENCH_CACHE_DIR") else None
    return create_app(Settings(data=[data], cache_dir=None), build_store(data, cache))
