"""Search, entity detail, relations, neighborhood."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from jkg.graph.store import EmbeddedStore
from jkg.ontology.schema import load_schema

from .conftest import assert_problem


def search(client: TestClient, q: str, **params: object) -> list[dict[str, object]]:
    response = client.get("/entities", params={"q": q, **params})
    assert response.status_code == 200, response.text
    items: list[dict[str, object]] = response.json()["items"]
    return items


@pytest.mark.parametrize(("query", "expected"), [
    ("Okacha", "djamel-okacha"),
    ("Tebessa", "tebessa"),
    ("Tébessa", "tebessa"),
    ("AQMI", "aqim"),
    ("AQIM", "aqim"),
    ("GSIM", "jnim"),
    ("Droukdal", "abdelmalek-droukdel"),
])
def test_search_finds_the_entity_first(client: TestClient, query: str, expected: str) -> None:
    hits = search(client, query)
    assert hits[0]["id"] == expected
    assert set(hits[0]) >= {"id", "name", "type", "score", "matched", "matched_kind", "ambiguous"}


def test_search_says_which_name_matched_and_its_kind(client: TestClient) -> None:
    hit = search(client, "Abou el Hammam")[0]
    assert hit["id"] == "djamel-okacha"
    assert hit["matched_kind"] == "kunya"
    assert "Hammam" in str(hit["matched"])
    assert hit["matched_sources"]
    acronym = search(client, "AQMI")[0]
    assert (acronym["matched"], acronym["matched_kind"], acronym["ambiguous"]) == ("AQMI", "acronym", False)


def test_search_keeps_the_store_ranking_best_first(client: TestClient, embedded: EmbeddedStore) -> None:
    hits = search(client, "Abou", limit=500)
    assert len(hits) > 5
    assert [h["id"] for h in hits] == [h.id for h in embedded.search("Abou", limit=500)]
    assert float(str(hits[0]["score"])) == max(float(str(h["score"])) for h in hits)


def test_search_filters_by_type_including_subclasses(client: TestClient) -> None:
    hits = search(client, "Okacha", type="Person")
    assert [h["id"] for h in hits] == ["djamel-okacha"]
    organization_kinds = set(load_schema().kinds_of("Organization"))
    orgs = search(client, "al-Qaeda", type="Organization")
    assert orgs and all(h["type"] in organization_kinds for h in orgs)
    both = search(client, "Okacha", type=["Person", "Event"])
    assert {h["type"] for h in both} >= {"Person", "Killing"}


def test_search_needs_q_and_known_types(client: TestClient) -> None:
    assert_problem(client.get("/entities"), 422, parameter="q")
    assert_problem(client.get("/entities", params={"q": ""}), 422, parameter="q")
    assert_problem(client.get("/entities", params={"q": "   "}), 422, parameter="q")
    assert_problem(client.get("/entities", params={"q": "x" * 201}), 422, parameter="q")
    body = assert_problem(client.get("/entities", params={"q": "aqim", "type": "Terrorist"}), 422,
                          parameter="type", value="Terrorist")
    assert "MilitantGroup" in body["detail"]  # says what is allowed


def test_entity_detail(client: TestClient) -> None:
    body = client.get("/entities/aqim").json()
    assert (body["id"], body["type"], body["name"]) == ("aqim", "MilitantGroup", "al-Qaeda in the Islamic Maghreb")
    assert body["labels"] == ["Organization", "MilitantGroup"]
    assert body["identifiers"]["un_sanctions"] == "QDe.014"
    names = {n["text"]: n for n in body["names"]}
    assert names["AQMI"]["kind"] == "acronym" and names["AQMI"]["lang"] == "fr" and names["AQMI"]["sources"]
    arabic = [n for n in body["names"] if n["script"] == "Arab"]
    assert arabic and arabic[0]["lang"] == "ar"
    assert all(n["sources"] for n in body["names"])
    relations = body["relations"]
    assert relations and all(r["sources"] and r["status"] for r in relations)
    assert any(r["type"] == "successorOf" and r["object"]["id"] == "gspc" for r in relations)


def test_entity_unknown_is_a_404_problem(client: TestClient) -> None:
    body = assert_problem(client.get("/entities/no-such-group"), 404, parameter="id", value="no-such-group")
    assert body["type"].endswith("not-found")


def test_relations_as_of_a_date(client: TestClient) -> None:
    response = client.get("/entities/abdelmalek-droukdel/relations", params={"type": "leaderOf", "at": "2013"})
    items = response.json()["items"]
    assert [(r["object"]["id"], r["valid"]) for r in items] == [("aqim", "certain")]
    assert items[0]["qualifiers"]["post"] == "emir"


def test_relations_direction_and_span(client: TestClient) -> None:
    out = client.get("/entities/aqim/relations", params={"direction": "out", "limit": 500}).json()["items"]
    inward = client.get("/entities/aqim/relations", params={"direction": "in", "limit": 500}).json()["items"]
    # a symmetric relation (alliedWith) reads the same both ways: it is listed for either direction
    assert out and all(r["subject"]["id"] == "aqim" or r["symmetric"] for r in out)
    assert inward and all(r["object"]["id"] == "aqim" or r["symmetric"] for r in inward)
    both_ways = [r["id"] for r in out if r["symmetric"]]
    assert both_ways and both_ways == [r["id"] for r in inward if r["symmetric"]]
    every = client.get("/entities/aqim/relations", params={"limit": 500}).json()
    assert every["total"] == len(out) + len(inward) - len(both_ways)
    span = client.get("/entities/aqim/relations", params={"from": "2007", "to": "2008", "limit": 500}).json()
    assert 0 < span["total"] < every["total"]
    assert all(r["valid"] in ("certain", "possible") for r in span["items"])


@pytest.mark.parametrize(("params", "parameter", "value"), [
    ({"at": "2019-02-30"}, "at", "2019-02-30"),
    ({"at": "19"}, "at", "19"),
    ({"at": "2019-13"}, "at", "2019-13"),
    ({"at": "yesterday"}, "at", "yesterday"),
    ({"from": "2013-00"}, "from", "2013-00"),
    ({"to": "2013-02-29"}, "to", "2013-02-29"),
    ({"from": "2015", "to": "2010"}, "to", "2010"),
    ({"at": "2013", "from": "2010"}, "at", "2013"),
    ({"type": "leads"}, "type", "leads"),
    ({"direction": "sideways"}, "direction", "sideways"),
])
def test_relations_bad_parameters_are_named(client: TestClient, params: dict[str, str], parameter: str,
                                            value: str) -> None:
    assert_problem(client.get("/entities/aqim/relations", params=params), 422, parameter=parameter, value=value)


def test_neighborhood(client: TestClient) -> None:
    body = client.get("/entities/aqim/neighborhood").json()
    ids = {n["id"] for n in body["nodes"]}
    assert {"aqim", "gspc", "abdelmalek-droukdel"} <= ids
    assert all(e["subject"]["id"] in ids and e["object"]["id"] in ids for e in body["edges"])
    wider = client.get("/entities/aqim/neighborhood", params={"depth": 2}).json()
    assert ids < {n["id"] for n in wider["nodes"]}
    dated = client.get("/entities/aqim/neighborhood", params={"at": "2008"}).json()
    assert "abu-ubaydah-yusuf-al-annabi" not in {n["id"] for n in dated["nodes"]}
    lineage_only = client.get("/entities/aqim/neighborhood", params={"type": "successorOf"}).json()
    assert {n["id"] for n in lineage_only["nodes"]} == {"aqim", "gspc"}


def test_neighborhood_bounds(client: TestClient) -> None:
    assert_problem(client.get("/entities/aqim/neighborhood", params={"depth": 4}), 422, parameter="depth")
    assert_problem(client.get("/entities/aqim/neighborhood", params={"depth": 3, "max_nodes": 2}), 422,
                   parameter="depth")
    assert_problem(client.get("/entities/nobody/neighborhood"), 404, value="nobody")
