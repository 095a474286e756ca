"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jkg.graph.store import EmbeddedStore, Store
from jkg.ontology.schema import Schema, load_schema

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seed_data"
ARTICLE = ROOT.parent / "shared" / "sources" / "terrorism-monitor-17-12-aqim-residual-threat.txt"


@pytest.fixture(scope="session")
def schema() -> Schema:
    return load_schema()


@pytest.fixture(scope="session", params=["embedded"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """Every store backend, built from the seed data; the contract suite runs on each."""
    built = EmbeddedStore.from_paths([SEED])
    yield built
    built.close()
