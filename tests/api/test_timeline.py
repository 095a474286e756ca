"""Timeline, snapshot, centrality."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import assert_problem


def test_timeline_of_okacha(client: TestClient) -> None:
    body = client.get("/timeline/djamel-okacha", params={"limit": 500}).json()
    items = body["items"]
    assert any(i["kind"] == "event" and i["date"] == "2019-02-21" for i in items)
    assert items[-1]["kind"] == "entity-end" and items[-1]["date"] == "2019-02-21"
    assert [i["date"][:4] for i in items] == sorted(i["date"][:4] for i in items)
    assert all(i["relation"]["sources"] for i in items if i["relation"])


def test_timeline_between_dates(client: TestClient) -> None:
    items = client.get("/timeline/djamel-okacha", params={"from": "2019", "to": "2019-12"}).json()["items"]
    assert items and all(i["date"].startswith("2019") for i in items)
    assert client.get("/timeline/djamel-okacha", params={"to": "1990"}).json()["total"] == 0


def test_timeline_bad_parameters(client: TestClient) -> None:
    assert_problem(client.get("/timeline/nobody"), 404, parameter="id", value="nobody")
    assert_problem(client.get("/timeline/aqim", params={"from": "2019-02-30"}), 422, parameter="from",
                   value="2019-02-30")
    assert_problem(client.get("/timeline/aqim", params={"from": "2019", "to": "2018"}), 422, parameter="to",
                   value="2018")


def test_snapshot(client: TestClient) -> None:
    body = client.get("/snapshot", params={"at": "2018"}).json()
    ids = {n["id"] for n in body["nodes"]}
    assert {"jnim", "aqim"} <= ids
    assert body["edges"] and all(e["valid"] in ("certain", "possible") for e in body["edges"])
    assert all(e["status"] != "refuted" for e in body["edges"])
    earlier = {n["id"] for n in client.get("/snapshot", params={"at": "2005-06"}).json()["nodes"]}
    assert "gspc" in earlier and "jnim" not in earlier and "aqim" not in earlier
    assert "jnim" not in {n["id"] for n in client.get("/snapshot", params={"at": "2010"}).json()["nodes"]}


def test_snapshot_needs_a_date(client: TestClient) -> None:
    assert_problem(client.get("/snapshot"), 422, parameter="at")
    assert_problem(client.get("/snapshot", params={"at": "2018-02-30"}), 422, parameter="at", value="2018-02-30")


def test_centrality(client: TestClient) -> None:
    body = client.get("/centrality", params={"at": "2018", "type": "Organization", "limit": 3}).json()
    assert body["items"][0]["entity"]["id"] == "jnim"  # the most connected organization of 2018
    assert len(body["items"]) == 3 and body["next_cursor"]
    scores = [r["score"] for r in body["items"]]
    assert scores == sorted(scores, reverse=True)
    people = client.get("/centrality", params={"type": "Person", "limit": 5}).json()["items"]
    assert people and all(r["entity"]["type"] == "Person" and r["degree"] > 0 for r in people)
    assert_problem(client.get("/centrality", params={"type": "Group"}), 422, parameter="type", value="Group")
