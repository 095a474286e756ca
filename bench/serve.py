"""The REST API over a benchmark dataset, for uvicorn: ``uvicorn --factory bench.serve:app``.

The data was validated by the benchmark before (``BENCH_DATA``); the store is built by
the same pipeline as ``jkg serve``, without SHACL again.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

from jkg.api.main import create_app
from jkg.api.settings import Settings
from jkg.graph.pipeline import load_graph
from jkg.graph.store import EmbeddedStore


def app() -> FastAPI:
    """The app over ``BENCH_DATA``, built through the one pipeline as ``jkg serve`` does, with the cache in
    ``BENCH_CACHE_DIR`` (where the benchmark stamped the data valid) and the Python checks."""
    data = Path(os.environ["BENCH_DATA"])
    cache_dir = Path(os.environ["BENCH_CACHE_DIR"]) if os.environ.get("BENCH_CACHE_DIR") else None
    store = EmbeddedStore(load_graph([data], cache_dir=cache_dir, checks="python"))
    return create_app(Settings(data=[data], cache_dir=None), store)
