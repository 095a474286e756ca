"""Fixtures of the API tests: one store built from the seed data, shared by every app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jkg.api.main import create_app
from jkg.api.settings import Settings
from jkg.graph.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seed_data"
FIXTURES = ROOT / "tests" / "graph" / "fixtures"
ORIGIN = "https://analyst.example.org"
TOKEN = "test-admin-token"


def make_settings(**overrides: Any) -> Settings:
    """Settings independent of the environment (and of any .env file)."""
    values: dict[str, Any] = {"backend": "embedded", "data": [SEED], "cors_origins": [ORIGIN], "admin_token": None,
                              "max_page_size": 500, "default_page_size": 50, "max_request_bytes": 64 * 1024}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def embedded() -> EmbeddedStore:
    """The embedded store over the seed data that the apps here serve (named apart from the two-backend
    ``store`` of ``tests/conftest.py``, which it would otherwise shadow in this folder)."""
    return EmbeddedStore.from_paths([SEED])


@pytest.fixture(scope="session")
def client(embedded: EmbeddedStore) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(), store=embedded), raise_server_exceptions=False) as test_client:
        yield test_client


def assert_problem(response: Any, status: int, parameter: str | None = None, value: Any = None) -> dict[str, Any]:
    """The response is an RFC 9457 problem with this status, naming the parameter and value if given."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"] and body["title"]
    assert body["instance"].startswith("/")
    if parameter is not None:
        assert body["parameter"] == parameter, body
        assert parameter in body["detail"], body
    if value is not None:
        assert body["value"] == value, body
        assert str(value) in body["detail"], body
    return body
