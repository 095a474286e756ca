"""Fixtures of the Neo4j loader tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver

from jkg.graph.neo4j.load import load
from jkg.graph.neo4j.store import Neo4jStore
from jkg.graph.store import EmbeddedStore


@pytest.fixture
def driver(neo4j_store: Neo4jStore, embedded_store: EmbeddedStore) -> Iterator[Driver]:
    """The live server's driver; the seed data is loaded back after each test."""
    yield neo4j_store.driver
    load(neo4j_store.driver, embedded_store.graph, neo4j_store.settings.database, replace=True)
