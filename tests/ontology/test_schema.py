"""The ontology parses, and the code's terms and the data's terms exist in it."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph
from rdflib.namespace import OWL

from jkg.graph.dataset.files import read_dataset
from jkg.ontology.namespace import JKG
from jkg.ontology.schema import Schema, ontology_path, shapes_path
from tests.conftest import SEED


def test_ontology_and_shapes_parse() -> None:
    assert len(Graph().parse(ontology_path())) > 300
    assert len(Graph().parse(shapes_path())) > 50


def test_every_structural_term_is_defined(schema: Schema) -> None:
    defined = set(schema.graph.subjects())
    for name in JKG.__annotations__:
        assert JKG._NS[name] in defined, f"jkg:{name} is used by the code but not in jkg.ttl"


def test_relation_types_have_domain_range_and_category(schema: Schema) -> None:
    required = {"memberOf", "leaderOf", "deputyOf", "founderOf", "commanderOf", "succeeded",
                "successorOf", "splinterOf", "mergedInto", "branchOf", "subUnitOf",
                "pledgedAllegianceTo", "alliedWith", "rivalOf", "tiesWithCommunity", "operatesIn",
                "basedIn", "locatedIn", "participantIn", "perpetratorOf",
                "claimedResponsibilityFor", "killedIn"}
    assert required <= set(schema.relation_types)
    for rtype in schema.relation_types.values():
        assert rtype.domain and rtype.range and rtype.category in schema.categories, rtype.name
        assert (rtype.iri, RDF.type, OWL.ObjectProperty) in schema.graph


def test_reuses_standards(schema: Schema) -> None:
    text = ontology_path().read_text()
    for prefix in ("org:Membership", "org:ChangeEvent", "time:", "prov:", "skos:", "skosxl:Label"):
        assert prefix in text
    assert schema.relation_types["leaderOf"].reified_as == schema.graph.namespace_manager.expand_curie("org:Membership")


def test_every_type_used_by_seed_data_exists(schema: Schema) -> None:
    data, problems = read_dataset([SEED], schema)
    assert problems == []
    assert {e.type for e in data.entities} <= set(schema.concrete_classes())
    assert {r.type for r in data.relations} <= set(schema.relation_types)
    statuses = schema.vocabulary("Statuses")
    assert {r.status for r in data.relations} <= set(statuses)


def test_neo4j_names_are_derived(schema: Schema) -> None:
    assert schema.relation_types["claimedResponsibilityFor"].neo4j_type == "CLAIMED_RESPONSIBILITY_FOR"
    assert schema.classes["SubUnit"].neo4j_labels == ("Organization", "SubUnit")


def test_roles_and_default_posts_come_from_the_ontology(schema: Schema) -> None:
    # the queries name roles, never relation types: each role the code asks for is played by some type
    assert schema.roles == ["headship", "merger", "renaming", "split", "structure", "succession"]
    assert {role: schema.relation_types_with_role(role) for role in schema.roles} == {
        "headship": ["leaderOf"], "merger": ["mergedInto"], "renaming": ["successorOf"], "split": ["splinterOf"],
        "structure": ["branchOf", "subUnitOf"], "succession": ["succeeded"]}
    with pytest.raises(KeyError, match="no relation role"):
        schema.relation_types_with_role("renamings")
    posts = schema.vocabulary("Posts")
    defaults = {n: t.default_post for n, t in schema.relation_types.items() if t.default_post}
    assert defaults == {"commanderOf": "commander"} and set(defaults.values()) <= set(posts)
    assert schema.classes["MilitantGroup"].default_post == schema.classes["Organization"].default_post == "emir"
    assert schema.classes["Person"].default_post is None
    assert schema.symmetric_types == {"alliedWith", "rivalOf"}
