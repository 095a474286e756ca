"""The ontology endpoint reads everything from the ontology."""

from __future__ import annotations

from fastapi.testclient import TestClient

from jkg.ontology.schema import Schema


def test_ontology_classes(client: TestClient, schema: Schema) -> None:
    body = client.get("/ontology").json()
    classes = {c["name"]: c for c in body["classes"]}
    assert set(classes) == set(schema.classes)
    group = classes["MilitantGroup"]
    assert group["lineage"] == ["Organization", "MilitantGroup"] and not group["abstract"]
    assert group["label"] and classes["Organization"]["abstract"]


def test_ontology_relation_types(client: TestClient, schema: Schema) -> None:
    body = client.get("/ontology").json()
    types = {t["name"]: t for t in body["relation_types"]}
    assert set(types) == set(schema.relation_types)
    leader = types["leaderOf"]
    assert (leader["label"], leader["neo4j_type"], leader["category"]) == ("leader of", "LEADER_OF", "leadership")
    assert leader["inverse_label"] and "post" in leader["qualifiers"]
    assert "Person" in leader["domain"] and "Organization" in leader["range"]
    assert {q["name"] for q in body["qualifiers"]} == set(schema.qualifiers)


def test_ontology_vocabularies(client: TestClient, schema: Schema) -> None:
    vocabularies = client.get("/ontology").json()["vocabularies"]
    names = {key: [c["name"] for c in concepts] for key, concepts in vocabularies.items()}
    assert names["statuses"] == ["claimed", "confirmed", "disputed", "refuted", "reported"]
    assert "emir" in names["posts"] and names["posts"] == list(schema.vocabulary("Posts"))
    assert {"preferred", "kunya", "acronym", "weakAlias"} <= set(names["name_kinds"])
    assert names["tie_natures"] == list(schema.vocabulary("TieNatures"))
    emir = next(c for c in vocabularies["posts"] if c["name"] == "emir")
    assert emir["label"] and emir["rank"] is not None
