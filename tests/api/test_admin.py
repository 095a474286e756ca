"""Reload behind a bearer token; CORS; request size bound."""

from __future__ import annotations

import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from jkg.api.main import create_app
from jkg.graph.store import EmbeddedStore

from .conftest import FIXTURES, ORIGIN, TOKEN, assert_problem, make_settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_reload_swaps_in_the_data_of_the_settings(embedded: EmbeddedStore, tmp_path: Path) -> None:
    data = tmp_path / "data.yaml"
    shutil.copy(FIXTURES / "good.yaml", data)
    client = TestClient(create_app(make_settings(data=[data], admin_token=TOKEN), store=embedded))
    assert client.get("/ready").json()["entities"] == embedded.info().entities
    response = client.post("/admin/reload", headers=AUTH)
    assert response.status_code == 200, response.text
    assert (response.json()["entities"], response.json()["relations"]) == (2, 1)
    assert client.get("/ready").json() == response.json()
    assert client.get("/entities/group-a").json()["name"] == "Group A"
    assert_problem(client.get("/entities/aqim"), 404)


def test_reload_of_invalid_data_keeps_the_current_store(embedded: EmbeddedStore) -> None:
    settings = make_settings(data=[FIXTURES / "bad" / "unknown-entity.yaml"], admin_token=TOKEN)
    client = TestClient(create_app(settings, store=embedded))
    body = assert_problem(client.post("/admin/reload", headers=AUTH), 409)
    assert body["data_problems"] and "unknown-entity.yaml" in body["data_problems"][0]
    assert client.get("/ready").json() == embedded.info().model_dump()
    assert client.get("/entities/aqim").status_code == 200


def test_reload_needs_the_bearer_token(embedded: EmbeddedStore) -> None:
    client = TestClient(create_app(make_settings(admin_token=TOKEN), store=embedded))
    missing = client.post("/admin/reload")
    assert_problem(missing, 401)
    assert missing.headers["www-authenticate"] == "Bearer"
    assert_problem(client.post("/admin/reload", headers={"Authorization": f"Basic {TOKEN}"}), 401)
    assert_problem(client.post("/admin/reload", headers={"Authorization": "Bearer wrong"}), 403)
    assert_problem(client.post("/admin/reload", headers={"Authorization": f"Bearer {TOKEN}x"}), 403)
    assert_problem(client.get("/admin/reload", headers=AUTH), 405)


def test_reload_is_absent_without_a_configured_token(client: TestClient) -> None:
    assert_problem(client.post("/admin/reload", headers=AUTH), 404)
    assert "/admin/reload" not in client.get("/openapi.json").json()["paths"]


def test_empty_token_disables_reload() -> None:
    assert make_settings(admin_token="  ").admin_token is None


def test_cors_allows_the_configured_origins(client: TestClient) -> None:
    allowed = client.get("/entities/aqim", headers={"Origin": ORIGIN})
    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    other = client.get("/entities/aqim", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers
    preflight = client.options("/entities", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "GET",
    })
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ORIGIN
    assert "GET" in preflight.headers["access-control-allow-methods"]
    problem = client.get("/entities/nobody", headers={"Origin": ORIGIN})
    assert problem.headers["access-control-allow-origin"] == ORIGIN


def test_no_cors_headers_without_configured_origins(embedded: EmbeddedStore) -> None:
    client = TestClient(create_app(make_settings(cors_origins=[]), store=embedded))
    assert "access-control-allow-origin" not in client.get("/health", headers={"Origin": ORIGIN}).headers


def test_request_body_size_is_bounded(embedded: EmbeddedStore) -> None:
    client = TestClient(create_app(make_settings(admin_token=TOKEN, max_request_bytes=100), store=embedded))
    body = assert_problem(client.post("/admin/reload", headers=AUTH, content=b"x" * 101), 413)
    assert "101" in body["detail"] and "100" in body["detail"]
    too_big = client.request("GET", "/entities", params={"q": "aqim"}, content=b"x" * 1000,
                             headers={"Origin": ORIGIN})
    assert_problem(too_big, 413)
    assert too_big.headers["access-control-allow-origin"] == ORIGIN
    assert client.request("GET", "/entities", params={"q": "aqim"}, content=b"x" * 100).status_code == 200


def test_reload_recovers_a_store_that_failed_at_startup(tmp_path: Path) -> None:
    data = tmp_path / "data.yaml"
    shutil.copy(FIXTURES / "bad" / "unknown-entity.yaml", data)
    with TestClient(create_app(make_settings(data=[data], admin_token=TOKEN))) as client:
        assert_problem(client.get("/ready"), 503)
        shutil.copy(FIXTURES / "good.yaml", data)
        assert client.post("/admin/reload", headers=AUTH).status_code == 200
        assert client.get("/ready").json()["entities"] == 2


def test_reload_of_a_missing_folder_is_a_409_naming_it(embedded: EmbeddedStore, tmp_path: Path) -> None:
    client = TestClient(create_app(make_settings(data=[tmp_path / "gone"], admin_token=TOKEN), store=embedded))
    body = assert_problem(client.post("/admin/reload", headers=AUTH), 409)
    assert "gone" in body["data_problems"][0]
    assert client.get("/ready").json()["entities"] == embedded.info().entities
