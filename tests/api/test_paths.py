"""Shortest paths."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import assert_problem


def test_path_from_the_gspc_to_aqim_is_one_hop(client: TestClient) -> None:
    body = client.get("/paths", params={"from": "gspc", "to": "aqim"}).json()
    first = body["items"][0]
    assert [n["id"] for n in first["nodes"]] == ["gspc", "aqim"]
    assert any(r["type"] == "successorOf" for r in first["steps"][0]["relations"])
    assert all(len(p["nodes"]) == 2 for p in body["items"])


def test_paths_with_types_at_and_hops(client: TestClient) -> None:
    body = client.get("/paths", params={"from": "djamel-okacha", "to": "al-qaeda", "max_hops": 6}).json()
    assert body["total"] >= 1
    for path in body["items"]:
        ids = [n["id"] for n in path["nodes"]]
        assert ids[0] == "djamel-okacha" and ids[-1] == "al-qaeda"
        assert len(path["steps"]) == len(ids) - 1
    only_lineage = client.get("/paths", params={"from": "gia", "to": "aqim", "types": ["successorOf", "splinterOf"]})
    steps = only_lineage.json()["items"][0]["steps"]
    assert all(r["type"] in ("successorOf", "splinterOf") for s in steps for r in s["relations"])
    too_early = client.get("/paths", params={"from": "gspc", "to": "aqim", "at": "2000", "types": "successorOf"})
    assert too_early.json() == {"items": [], "next_cursor": None, "total": 0}
    itself = client.get("/paths", params={"from": "aqim", "to": "aqim"}).json()["items"]
    assert [n["id"] for n in itself[0]["nodes"]] == ["aqim"]


def test_paths_bad_parameters(client: TestClient) -> None:
    assert_problem(client.get("/paths", params={"from": "gspc"}), 422, parameter="to")
    assert_problem(client.get("/paths", params={"from": "gspc", "to": "aqim", "max_hops": 7}), 422,
                   parameter="max_hops")
    assert_problem(client.get("/paths", params={"from": "gspc", "to": "aqim", "types": "knows"}), 422,
                   parameter="types", value="knows")
    assert_problem(client.get("/paths", params={"from": "nobody", "to": "aqim"}), 404, parameter="from",
                   value="nobody")
    assert_problem(client.get("/paths", params={"from": "gspc", "to": "aqim", "at": "20133"}), 422,
                   parameter="at", value="20133")
