"""Liveness, readiness, and how the app builds its store."""

from __future__ import annotations

from fastapi.testclient import TestClient
from jkg.api.main import create_app
from jkg.graph.store import EmbeddedStore

from .conftest import FIXTURES, assert_problem, make_settings


def test_health(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_reports_the_store(client: TestClient, store: EmbeddedStore) -> None:
    body = client.get("/ready").json()
    info = store.info()
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


def test_neo4j_backend_missing_answers_503_with_a_clear_message() -> None:
    with TestClient(create_app(make_settings(backend="neo4j")), raise_server_exceptions=False) as client:
        response = client.get("/ready")
    if response.status_code == 200:  # the Neo4j store exists and a server answered
        assert response.json()["backend"] == "neo4j"
        return
    body = assert_problem(response, 503)
    assert "neo4j" in body["detail"].lower()
