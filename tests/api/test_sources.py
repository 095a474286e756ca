"""The source registry."""

from __future__ import annotations

from fastapi.testclient import TestClient

from jkg.graph.store import EmbeddedStore

from .conftest import assert_problem


def test_sources_list(client: TestClient, embedded: EmbeddedStore) -> None:
    items, params = [], {"limit": 500}
    while True:  # every page, following the cursors
        body = client.get("/sources", params=params).json()
        items += body["items"]
        if not body.get("next_cursor"):
            break
        params = {"limit": 500, "cursor": body["next_cursor"]}
    ids = [s["id"] for s in items]
    assert "jamestown-tm-17-12" in ids
    assert ids == sorted(ids) and body["total"] == len(embedded.sources()) == len(ids)
    assert all(s["publisher"] and s["date"] for s in items)


def test_source_detail(client: TestClient) -> None:
    body = client.get("/sources/jamestown-tm-17-12").json()
    assert body["publisher"] == "The Jamestown Foundation"
    assert len(body["relations"]) > 10
    assert all("jamestown-tm-17-12" in r["sources"] for r in body["relations"])
    assert "aqim" in {e["id"] for e in body["entities"]}
    assert any(n.startswith("aqim: ") for n in body["names"])


def test_source_unknown(client: TestClient) -> None:
    assert_problem(client.get("/sources/no-such-source"), 404, parameter="id", value="no-such-source")
