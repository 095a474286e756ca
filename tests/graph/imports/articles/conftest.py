"""The graph the article tests read against: the seed data."""

from __future__ import annotations

import pytest

from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.imports.articles.mentions import Gazetteer
from jkg.graph.pipeline import load_graph
from tests.conftest import SEED


@pytest.fixture(scope="session")
def graph() -> TemporalGraph:
    return load_graph([SEED], prepare=False)


@pytest.fixture(scope="session")
def gazetteer(graph: TemporalGraph) -> Gazetteer:
    return Gazetteer(graph)
