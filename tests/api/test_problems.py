"""One error format: RFC 9457 problem details; bad input never gives a 500."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from jkg.api.main import create_app
from jkg.graph.engine.views import EntityDetail
from jkg.graph.exceptions import StoreUnavailableError
from jkg.graph.store import EmbeddedStore

from .conftest import assert_problem, make_settings


class BrokenStore(EmbeddedStore):
    """The seed store, except that looking up an entity fails the way a bug or an outage would."""

    def __init__(self, store: EmbeddedStore, error: Exception) -> None:
        super().__init__(store.graph)
        self.error = error

    def entity(self, ident: str) -> EntityDetail:
        raise self.error


def test_not_found_problem(client: TestClient) -> None:
    body = assert_problem(client.get("/entities/nobody"), 404, parameter="id", value="nobody")
    assert body == {
        "type": "urn:jkg:problem:not-found", "title": "Not found", "status": 404,
        "detail": "id='nobody': no entity with id 'nobody'", "instance": "/entities/nobody",
        "parameter": "id", "value": "nobody",
    }


def test_validation_problem_names_every_bad_parameter(client: TestClient) -> None:
    response = client.get("/entities/aqim/neighborhood", params={"depth": "deep", "max_nodes": 0})
    body = assert_problem(response, 422)
    assert body["type"] == "urn:jkg:problem:bad-parameter"
    assert {(e["parameter"], e["location"], e["value"]) for e in body["errors"]} == {
        ("depth", "query", "deep"), ("max_nodes", "query", "0"),
    }
    assert "depth='deep'" in body["detail"] and "max_nodes='0'" in body["detail"]
    assert body["instance"] == "/entities/aqim/neighborhood?depth=deep&max_nodes=0"


def test_missing_parameter_is_named(client: TestClient) -> None:
    body = assert_problem(client.get("/paths"), 422)
    assert {e["parameter"] for e in body["errors"]} == {"from", "to"}
    assert all(e["value"] is None for e in body["errors"])


def test_date_problem_names_parameter_value_and_reason(client: TestClient) -> None:
    body = assert_problem(client.get("/snapshot", params={"at": "2019-02-30"}), 422, parameter="at",
                          value="2019-02-30")
    assert body["detail"] == "at='2019-02-30': 2019-02 has no day 30"
    assert_problem(client.get("/snapshot", params={"at": "9999~"}), 422, parameter="at", value="9999~")


def test_period_problem_names_the_end_and_uncertain_dates_are_read(client: TestClient) -> None:
    # the date API's one parser and one end-before-start check (jkg.graph.engine.dates.parse_period)
    assert client.get("/entities/aqim/relations", params={"at": "2013?"}).status_code == 200
    body = assert_problem(client.get("/entities/aqim/relations", params={"from": "2015?", "to": "2013"}), 422,
                          parameter="to", value="2013")
    assert body["detail"] == "to='2013': ends before from='2015?'"  # 2015? may mean 2014, 2013 may not
    assert client.get("/entities/aqim/relations", params={"from": "2015?", "to": "2014"}).status_code == 200
    assert_problem(client.get("/timeline/aqim", params={"from": "2013-8"}), 422, parameter="from", value="2013-8")


def test_unknown_endpoint_and_method_are_problems(client: TestClient) -> None:
    assert_problem(client.get("/no/such/endpoint"), 404)
    response = client.post("/entities", params={"q": "aqim"})
    assert_problem(response, 405)
    assert response.headers["allow"] == "GET"


def test_unexpected_error_is_a_500_problem_without_details(embedded: EmbeddedStore) -> None:
    app = create_app(make_settings(), store=BrokenStore(embedded, RuntimeError("secret internals")))
    response = TestClient(app, raise_server_exceptions=False).get("/entities/aqim")
    body = assert_problem(response, 500)
    assert "secret" not in response.text and "Traceback" not in response.text
    assert body["type"] == "urn:jkg:problem:internal"


def test_store_outage_is_a_503_problem(embedded: EmbeddedStore) -> None:
    outage = StoreUnavailableError("Neo4j at bolt://db:7687 is unreachable")
    app = create_app(make_settings(), store=BrokenStore(embedded, outage))
    response = TestClient(app).get("/entities/aqim")
    body = assert_problem(response, 503)
    assert body["detail"] == "Neo4j at bolt://db:7687 is unreachable"
    assert response.headers["retry-after"]


BAD_REQUESTS: list[tuple[str, dict[str, Any]]] = [
    ("/entities", {"q": "\x00"}),
    ("/entities", {"q": "a" * 10_000}),
    ("/entities", {"q": "aqim", "limit": "-1"}),
    ("/entities", {"q": "aqim", "limit": "9" * 40}),
    ("/entities", {"q": "aqim", "type": ["Person", ""]}),
    ("/entities", {"q": "%%%", "cursor": "%00"}),
    ("/entities/%00", {}),
    ("/entities/" + "x" * 300, {}),
    ("/entities/aqim/relations", {"at": "0000"}),
    ("/entities/aqim/relations", {"at": "9999-12-31~"}),
    ("/entities/aqim/relations", {"at": "0001-01-01~"}),
    ("/snapshot", {"at": "9999~"}),
    ("/centrality", {"at": "0001-01~"}),
    ("/timeline/aqim", {"from": "0001~", "to": "9999-12~"}),
    ("/entities/aqim/relations", {"at": "2019-02-29"}),
    ("/entities/aqim/relations", {"from": "2019~", "to": "2019?"}),
    ("/entities/aqim/relations", {"at": "2013", "from": "2010", "to": "2015"}),
    ("/entities/aqim/neighborhood", {"depth": "1.5"}),
    ("/entities/aqim/neighborhood", {"depth": "3", "max_nodes": "1"}),
    ("/organizations/tebessa/leaders", {}),
    ("/organizations/aqim/lineage", {"depth": "21"}),
    ("/organizations/aqim/affiliations", {"at": "2013-13"}),
    ("/succession", {"org": "aqim", "post": ""}),
    ("/succession", {"org": "djamel-okacha"}),
    ("/people/tebessa/succession", {}),
    ("/paths", {"from": "aqim", "to": "aqim", "max_hops": "0"}),
    ("/paths", {"from": "aqim", "to": "nobody"}),
    ("/timeline/aqim", {"from": "", "to": ""}),
    ("/snapshot", {"at": ""}),
    ("/centrality", {"at": "1", "limit": "0"}),
    ("/sources", {"cursor": "bzo5OTk5OTk5OTk"}),
    ("/sources/%20", {}),
]


@pytest.mark.parametrize(("url", "params"), BAD_REQUESTS)
def test_bad_input_never_gives_a_500(client: TestClient, url: str, params: dict[str, Any]) -> None:
    response = client.get(url, params=params)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["detail"]
