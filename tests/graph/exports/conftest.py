"""Fixtures of the export tests: the seed data's graph, shared by every format's tests."""

from __future__ import annotations

import pytest

from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.store import EmbeddedStore


@pytest.fixture(scope="module")
def tg(embedded_store: EmbeddedStore) -> TemporalGraph:
    return embedded_store.graph
