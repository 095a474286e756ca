"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from jkg.ontology.schema import Schema, load_schema

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seed_data"
ARTICLE = ROOT.parent / "shared" / "sources" / "terrorism-monitor-17-12-aqim-residual-threat.txt"


@pytest.fixture(scope="session")
def schema() -> Schema:
    return load_schema()
