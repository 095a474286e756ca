"""Parity: every REST endpoint returns the same JSON from the Neo4j store as from the
embedded one, on the seed data, against a live Neo4j 5.26."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from jkg.api.main import create_app
from jkg.graph.neo4j.store import Neo4jStore
from jkg.graph.store import EmbeddedStore
from tests.api.conftest import make_settings

pytestmark = pytest.mark.neo4j

URLS = [
    "/entities?q=Okacha", "/entities?q=AQMI&type=Organization", "/entities?q=Abou%20Zeid&limit=3",
    "/entities?q=Sahraoui", "/entities/aqim", "/entities/djamel-okacha", "/entities/tebessa",
    "/entities/aqim/relations", "/entities/aqim/relations?at=2013&direction=in",
    "/entities/aqim/relations?type=alliedWith&direction=out", "/entities/mujao/relations?direction=in",
    "/entities/abdelmalek-droukdel/relations?type=leaderOf&from=2019&to=2021",
    "/entities/aqim/neighborhood", "/entities/jnim/neighborhood?depth=2&at=2018",
    "/organizations/aqim/leaders", "/organizations/aqim/leaders?at=2013", "/organizations/gia/leaders?at=1995",
    "/organizations/aqim/lineage", "/organizations/jnim/lineage?depth=1", "/organizations/gia/lineage",
    "/organizations/jnim/affiliations?at=2018", "/organizations/al-mourabitoun/affiliations",
    "/succession?org=aqim", "/succession?org=gspc", "/succession?org=gia", "/succession?org=drs&post=head",
    "/succession?org=jnim&post=deputyEmir", "/people/abdelmalek-droukdel/succession",
    "/people/djamel-okacha/succession",
    "/paths?from=gspc&to=aqim", "/paths?from=hassan-hattab&to=iyad-ag-ghaly&max_hops=6",
    "/paths?from=iyad-ag-ghaly&to=jnim&at=2018", "/paths?from=gia&to=jnim&types=splinterOf&types=mergedInto",
    "/timeline/djamel-okacha", "/timeline/aqim?from=2017&to=2020", "/snapshot?at=2018", "/snapshot?at=2013-03",
    "/changes?from=2012&to=2018&around=aqim", "/changes?from=2012&to=2018",
    "/changes?from=2004&to=2010&around=gspc&depth=2",
    "/organizations/aqim/tenures", "/organizations/gia/tenures", "/people/abdelmalek-droukdel/tenures",
    "/centrality?at=2018", "/centrality?type=Person&limit=5", "/sources", "/sources?limit=10",
    "/sources/jamestown-tm-17-12", "/ontology",
    # errors answer the same too
    "/entities/no-such-id", "/succession?org=aqim&post=caliph", "/entities/aqim/relations?at=2019-02-30",
]


@pytest.fixture(scope="module")
def clients(embedded_store: EmbeddedStore, neo4j_store: Neo4jStore) -> Iterator[tuple[TestClient, TestClient]]:
    with TestClient(create_app(make_settings(), store=embedded_store)) as embedded, \
            TestClient(create_app(make_settings(backend="neo4j"), store=neo4j_store)) as neo4j:
        yield embedded, neo4j


@pytest.mark.parametrize("url", URLS)
def test_same_json_from_both_backends(clients: tuple[TestClient, TestClient], url: str) -> None:
    embedded, neo4j = clients
    expected, got = embedded.get(url), neo4j.get(url)
    assert got.status_code == expected.status_code, got.text
    assert got.json() == expected.json()


def test_ready_reports_the_backend(clients: tuple[TestClient, TestClient]) -> None:
    embedded, neo4j = clients
    a, b = embedded.get("/ready").json(), neo4j.get("/ready").json()
    assert (a["backend"], b["backend"]) == ("embedded", "neo4j")
    assert {k: v for k, v in a.items() if k != "backend"} == {k: v for k, v in b.items() if k != "backend"}
