"""Shared fixtures."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from jkg.graph.neo4j.config import Neo4jSettings
from jkg.graph.neo4j.load import load
from jkg.graph.neo4j.store import Neo4jStore
from jkg.graph.store import EmbeddedStore, Store
from jkg.ontology.schema import Schema, load_schema
from tests.neo4j_server import LocalNeo4j, neo4j_settings

# Caches the code under test keeps (jkg.graph.dataset.cache) go to a folder of this run, never the user's.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="jkg-tests-cache-")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seed_data"
ARTICLE = ROOT.parent / "shared" / "sources" / "terrorism-monitor-17-12-aqim-residual-threat.txt"


@pytest.fixture(scope="session")
def schema() -> Schema:
    return load_schema()


@pytest.fixture(scope="session")
def embedded_store() -> EmbeddedStore:
    return EmbeddedStore.from_paths([SEED])


@pytest.fixture(scope="session")
def neo4j_live() -> Iterator[tuple[Neo4jSettings, LocalNeo4j | None]]:
    """A live Neo4j 5.26 (started from neo4j-local/, or NEO4J_URI)."""
    with neo4j_settings() as live:
        yield live


@pytest.fixture(scope="session")
def neo4j_store(neo4j_live: tuple[Neo4jSettings, LocalNeo4j | None],
                embedded_store: EmbeddedStore) -> Iterator[Neo4jStore]:
    """The Neo4j store over the seed data, loaded into the live server."""
    settings, _ = neo4j_live
    built = Neo4jStore(settings)
    load(built.driver, embedded_store.graph, database=settings.database, replace=True)
    yield built
    built.close()


@pytest.fixture(scope="session", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest) -> Store:
    """Every store backend over the seed data; the contract suite runs on each, unchanged."""
    name = "embedded_store" if request.param == "embedded" else "neo4j_store"
    built: Store = request.getfixturevalue(name)
    return built
