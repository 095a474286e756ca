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
from jkg.graph.reader import read_dataset
from jkg.graph.store import EmbeddedStore
from jkg.graph.temporal import build_graph
from jkg.graph.validate import check_dataset
from jkg.ontology.schema import load_schema


def build_store(data: Path) -> EmbeddedStore:
    """Read, check (the Python checks) and build; refuse data with any problem."""
    schema = load_schema()
    dataset, problems = read_dataset([data], schema)
    problems += check_dataset(dataset, schema)
    if problems:
        raise SystemExit(f"{len(problems)} problem(s) in {data}, first: {problems[0]}")
    graph = build_graph(dataset, schema, data_version=data.name)
    graph.intervals  # noqa: B018 - built now rather than on the first request
    graph.names  # noqa: B018
    return EmbeddedStore(graph)


def app() -> FastAPI:
    data = Path(os.environ["BENCH_DATA"])
    return create_app(Settings(data=[data]), build_store(data))
