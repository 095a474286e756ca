"""GET /changes: what began, ended or changed between two dates."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import assert_problem


def test_changes_around_aqim(client: TestClient) -> None:
    body = client.get("/changes", params={"from": "2012", "to": "2018", "around": "aqim"}).json()
    assert (body["from_date"], body["to_date"]) == ("2012", "2018")
    assert any(r["type"] == "mergedInto" and r["object"]["id"] == "jnim" and r["start"] == "2017-03-02"
               for r in body["began"])
    assert all(r["sources"] and r["status"] != "refuted" for key in ("began", "ended", "changed") for r in body[key])
    assert "jnim" in [e["id"] for e in body["entities_began"]]


def test_changes_of_the_whole_graph(client: TestClient) -> None:
    body = client.get("/changes", params={"from": "2012", "to": "2018"}).json()
    around = client.get("/changes", params={"from": "2012", "to": "2018", "around": "aqim"}).json()
    assert len(body["began"]) > len(around["began"])


def test_changes_bad_parameters(client: TestClient) -> None:
    assert_problem(client.get("/changes", params={"from": "2012-02-30", "to": "2018"}), 422, parameter="from",
                   value="2012-02-30")
    assert_problem(client.get("/changes", params={"from": "2018", "to": "2012"}), 422, parameter="to", value="2012")
    assert_problem(client.get("/changes", params={"from": "2018"}), 422, parameter="to")
    assert_problem(client.get("/changes", params={"from": "2012", "to": "2018", "depth": 4}), 422, parameter="depth")
    assert_problem(client.get("/changes", params={"from": "2012", "to": "2018", "around": "nobody"}), 404,
                   parameter="around", value="nobody")
