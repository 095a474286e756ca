"""A relation type added to the ontology alone reaches search, the queries, the API and Neo4j.

A fixture copy of ``ontology/jkg.ttl`` gets one plain new relation type (``trainedBy``,
``fixtures/new_relation_type/extra.ttl``) and a fixture data file uses it: no code names it,
so every answer that shows it read it from the ontology.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jkg.api.main import create_app
from jkg.graph import queries
from jkg.graph.dataset.validate import load_valid_dataset
from jkg.graph.engine.temporal import TemporalGraph, build_graph
from jkg.graph.neo4j.config import Neo4jSettings
from jkg.graph.neo4j.load import load
from jkg.graph.neo4j.store import Neo4jStore
from jkg.graph.store import EmbeddedStore
from jkg.ontology.schema import Schema, load_schema, ontology_path
from tests.api.conftest import make_settings
from tests.neo4j_server import LocalNeo4j

FIXTURE = Path(__file__).parent / "fixtures" / "new_relation_type"
RELATION = "trainedBy--trainee-group--trainer-group--2012"


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> Schema:
    """The ontology with the new relation type appended."""
    path = tmp_path_factory.mktemp("ontology") / "jkg.ttl"
    path.write_text(ontology_path().read_text(encoding="utf-8") + "\n" + (FIXTURE / "extra.ttl").read_text(
        encoding="utf-8"), encoding="utf-8")
    return load_schema(path)


@pytest.fixture(scope="module")
def tg(schema: Schema) -> TemporalGraph:
    return build_graph(load_valid_dataset([FIXTURE / "data.yaml"], schema), schema)


def test_the_schema_reads_the_new_type(schema: Schema) -> None:
    assert "trainedBy" not in load_schema().relation_types
    rtype = schema.relation_types["trainedBy"]
    assert (rtype.label, rtype.inverse_label, rtype.category, rtype.neo4j_type) == (
        "trained by", "trained", "affiliation", "TRAINED_BY")
    assert (rtype.symmetric, rtype.role, rtype.default_post) == (False, None, None)


def test_search_and_relations_show_it(tg: TemporalGraph) -> None:
    assert [h.id for h in queries.search_entities(tg, "Instructor Front")][:1] == ["trainer-group"]
    for ident, direction in [("trainee-group", "out"), ("trainer-group", "in"), ("trainer-group", "both")]:
        rels = queries.relations_of(tg, ident, types=["trainedBy"], direction=direction)
        assert [(r.id, r.type, r.label, r.subject.id, r.object.id) for r in rels] == [
            (RELATION, "trainedBy", "trained by", "trainee-group", "trainer-group")], (ident, direction)
    assert queries.relations_of(tg, "trainer-group", direction="out") == []
    assert [r.id for r in queries.get_entity(tg, "trainer-group").relations] == [RELATION]
    # an affiliation, by its category in the ontology
    assert [r.id for r in queries.affiliations(tg, "trainee-group", at="2013")] == [RELATION]
    assert RELATION in {e.id for e in queries.neighborhood(tg, "trainee-group").edges}


def test_the_api_shows_it(tg: TemporalGraph) -> None:
    with TestClient(create_app(make_settings(), store=EmbeddedStore(tg))) as client:
        hits = client.get("/entities", params={"q": "Trainee Brigade"}).json()["items"]
        assert hits[0]["id"] == "trainee-group"
        detail = client.get("/entities/trainee-group").json()
        assert [(r["id"], r["type"], r["label"]) for r in detail["relations"]] == [
            (RELATION, "trainedBy", "trained by")]
        rels = client.get("/entities/trainer-group/relations", params={"direction": "in"}).json()
        assert [r["id"] for r in rels["items"]] == [RELATION]


@pytest.fixture
def neo4j_fixture_store(neo4j_live: tuple[Neo4jSettings, LocalNeo4j | None], neo4j_store: Neo4jStore,
                        embedded_store: EmbeddedStore, tg: TemporalGraph) -> Iterator[Neo4jStore]:
    """The fixture data loaded into the live server with its ontology; the seed data is loaded back after."""
    settings, _ = neo4j_live
    store = Neo4jStore(settings, driver=neo4j_store.driver, schema=tg.schema)
    load(store.driver, tg, database=settings.database, replace=True)
    try:
        yield store
    finally:
        load(neo4j_store.driver, embedded_store.graph, database=settings.database, replace=True)
        with neo4j_store.driver.session(database=settings.database) as session:
            session.run("DROP CONSTRAINT trained_by_id_gen IF EXISTS").consume()


@pytest.mark.neo4j
def test_neo4j_shows_it(neo4j_fixture_store: Neo4jStore, tg: TemporalGraph) -> None:
    store = neo4j_fixture_store
    embedded = EmbeddedStore(tg)
    assert [h.id for h in store.search("Instructor Front")][:1] == ["trainer-group"]
    assert [r.id for r in store.relations("trainer-group", types=["trainedBy"], direction="in")] == [RELATION]
    assert store.entity("trainee-group") == embedded.entity("trainee-group")
    assert store.affiliations("trainee-group") == embedded.affiliations("trainee-group")
    with store.driver.session(database=store.settings.database) as session:
        record = session.run("MATCH (:Entity {id: 'trainee-group'})-[r:TRAINED_BY]->(:Entity {id: 'trainer-group'})"
                             " RETURN r.id AS id").single()
    assert record is not None and record["id"] == RELATION
