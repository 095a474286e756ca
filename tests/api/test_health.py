"""Liveness, readiness, and how the app builds its store."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jkg.api import stores
from jkg.api.main import create_app
from jkg.api.settings import Settings
from jkg.graph.exceptions import StoreUnavailableError
from jkg.graph.store import EmbeddedStore, Store

from .conftest import FIXTURES, assert_problem, make_settings


def test_health(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_reports_the_store(client: TestClient, embedded: EmbeddedStore) -> None:
    body = client.get("/ready").json()
    info = embedded.info()
    assert body == info.model_dump()
    assert body["backend"] == "embedded"
    assert body["entities"] > 100 and body["relations"] > 200 and body["sources"] > 100
    assert len(body["data_version"]) == 12


def test_app_builds_its_store_from_the_settings_at_startup() -> None:
    with TestClient(create_app(make_settings(data=[FIXTURES / "good.yaml"]))) as client:
        body = client.get("/ready").json()
    assert (body["backend"], body["entities"], body["relations"], body["sources"]) == ("embedded", 2, 1, 1)


def test_invalid_data_answers_503_naming_the_problem_while_health_stays_up() -> None:
    with TestClient(create_app(make_settings(data=[FIXTURES / "bad" / "unknown-entity.yaml"]))) as client:
        assert client.get("/health").status_code == 200
        body = assert_problem(client.get("/ready"), 503)
        assert "problem(s) in the data" in body["detail"]
        assert_problem(client.get("/entities/aqim"), 503)
        assert client.get("/ready").headers["retry-after"]


def test_neo4j_support_missing_answers_503_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "jkg.graph.neo4j.store", None)  # the import fails
    with TestClient(create_app(make_settings(backend="neo4j"))) as client:
        assert client.get("/health").status_code == 200
        body = assert_problem(client.get("/ready"), 503)
        assert "neo4j backend is not available" in body["detail"] and "JKG_BACKEND=embedded" in body["detail"]
        assert_problem(client.get("/succession", params={"org": "aqim"}), 503)


def test_unreachable_store_recovers_without_a_restart(monkeypatch: pytest.MonkeyPatch,
                                                      embedded: EmbeddedStore) -> None:
    attempts: list[int] = []

    def flaky(settings: Settings) -> Store:
        attempts.append(1)
        if len(attempts) < 3:
            raise StoreUnavailableError("Neo4j is not reachable at bolt://db:7687")
        return embedded

    monkeypatch.setattr(stores, "build_store", flaky)
    monkeypatch.setattr(stores, "RETRY_SECONDS", 0.0)
    with TestClient(create_app(make_settings(backend="neo4j"))) as client:
        body = assert_problem(client.get("/ready"), 503)  # a retry starts in the background
        assert "not reachable at bolt://db:7687" in body["detail"]
        deadline = time.monotonic() + 10
        while client.get("/ready").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.get("/entities/aqim").status_code == 200
    assert len(attempts) == 3


def test_missing_data_folder_answers_503_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    with TestClient(create_app(make_settings(data=[missing]))) as client:
        body = assert_problem(client.get("/ready"), 503)
    assert "cannot read" in body["detail"] and "no-such-folder" in body["detail"]
