"""GET /review and POST /review/{pair}: the review queue for a token holder; and the UN list's applied data
seen through the API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jkg.api.main import create_app
from jkg.graph.imports.review import Proposal, ReviewQueue, pair_id
from jkg.graph.imports.un_sc.run import import_un_sc
from jkg.graph.store import EmbeddedStore

from .conftest import SEED, TOKEN, make_settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}
UN_LIST = Path(__file__).resolve().parents[1] / "graph" / "imports" / "fixtures" / "un-sc-consolidated.xml"


@pytest.fixture
def queue(tmp_path: Path) -> ReviewQueue:
    queue = ReviewQueue(tmp_path / "review")
    queue.replace_proposals("un-sc", [
        Proposal(pair_id("un-sc", "QDi.901", "mokhtar-belmokhtar"), "un-sc", "QDi.901", "mokhtar-belmokhtar",
                 {"record": {"names": ["Khalid Abu al-Abbas (Low)"]}, "entity": {"id": "mokhtar-belmokhtar"}},
                 ("a Low alias only",), 0.5),
    ])
    return queue


@pytest.fixture
def client(embedded: EmbeddedStore, queue: ReviewQueue) -> Iterator[TestClient]:
    app = create_app(make_settings(admin_token=TOKEN), store=embedded)
    app.state.review_queue = queue
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_a_token_is_needed(client: TestClient) -> None:
    assert client.get("/review").status_code == 401
    assert client.get("/review", headers={"Authorization": "Bearer wrong"}).status_code == 403
    answer = client.post("/review/un-sc:QDi.901:mokhtar-belmokhtar", json={"verdict": "positive", "who": "x"})
    assert answer.status_code == 401 and answer.headers["content-type"].startswith("application/problem+json")


def test_pending_then_judge_then_undo(client: TestClient, queue: ReviewQueue) -> None:
    page = client.get("/review", headers=AUTH, params={"kind": "un-sc"}).json()
    assert page["count"] == 1 and page["pending"][0]["id"] == "un-sc:QDi.901:mokhtar-belmokhtar"
    made = client.post("/review/un-sc:QDi.901:mokhtar-belmokhtar", headers=AUTH,
                       json={"verdict": "negative", "who": "analyst", "reason": "another man"})
    assert made.status_code == 200 and made.json()["verdict"] == "negative" and made.json()["when"].endswith("Z")
    assert client.get("/review", headers=AUTH).json()["count"] == 0
    undone = client.post("/review/un-sc:QDi.901:mokhtar-belmokhtar", headers=AUTH,
                         json={"verdict": "undo", "who": "analyst"})
    assert undone.status_code == 200 and undone.json()["undo"] is True
    assert client.get("/review", headers=AUTH).json()["count"] == 1
    assert len(queue.judgements()) == 2


@pytest.mark.parametrize(("pair", "body", "status"), [
    ("un-sc:QDi.999:aqim", {"verdict": "positive", "who": "a"}, 404),
    ("un-sc:QDi.901:mokhtar-belmokhtar", {"verdict": "undo", "who": "a"}, 404),
    ("un-sc:QDi.901:mokhtar-belmokhtar", {"verdict": "maybe", "who": "a"}, 422),
    ("un-sc:QDi.901:mokhtar-belmokhtar", {"verdict": "positive", "who": ""}, 422),
    ("not a pair", {"verdict": "positive", "who": "a"}, 422),
])
def test_bad_judgements_are_problems(client: TestClient, pair: str, body: dict[str, str], status: int) -> None:
    answer = client.post(f"/review/{pair}", headers=AUTH, json=body)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")


def test_the_applied_un_data_is_served_with_its_source(tmp_path: Path) -> None:
    queue = ReviewQueue(tmp_path / "review")
    out = tmp_path / "un-sc.yaml"
    import_un_sc(UN_LIST, tmp_path / "report.jsonl", queue=queue, apply_to=out)
    queue.judge("un-sc:QDi.904:+new", "positive", who="test")
    queue.judge("un-sc:QDi.903:hassan-hattab", "positive", who="test")  # an entity the seed defines, amended
    import_un_sc(UN_LIST, tmp_path / "report.jsonl", queue=queue, apply_to=out)
    app = create_app(make_settings(data=[SEED, out]), store=EmbeddedStore.from_paths([SEED, out]))
    with TestClient(app) as client:
        person = client.get("/entities/sidi-fixtureman-ould").json()
        assert person["identifiers"] == {"un_sanctions": "QDi.904"}
        listing = client.get("/entities/designation-un-sc-qdi-232-2007-08-27").json()
        assert listing["start"] == "2007-08-27"
        source = client.get("/sources/un-sc-list-qdi-232").json()
        assert "QDi.232" in str(source)
        hattab = client.get("/entities/hassan-hattab").json()
        assert hattab["identifiers"] == {"un_sanctions": "QDi.903"} and "un-sc-list-qdi-903" in hattab["sources"]
        names = {n["text"]: n for n in hattab["names"]}
        assert names["Omar Fixture-Hamzaoui"]["kind"] == "alias"
        assert names["Omar Fixture-Hamzaoui"]["sources"] == ["un-sc-list-qdi-903"]
        assert "un-sc-list-qdi-903" in names["Abou Hamza"]["sources"] and hattab["name"] == "Hassan Hattab"
        assert any(r["type"] == "designatedIn" and r["object"]["id"] == "designation-un-sc-qdi-903-2012-01-01"
                   for r in hattab["relations"])
        droukdel = {n["text"]: n for n in client.get("/entities/abdelmalek-droukdel").json()["names"]}
        assert (droukdel["Abdelmalek"]["kind"], droukdel["Abdelmalek"]["sources"]) == ("weakAlias",
                                                                                        ["un-sc-list-qdi-232"])
        hits = client.get("/entities", params={"q": "Omar Fixture-Hamzaoui"}).json()
        assert "hassan-hattab" in str(hits)
