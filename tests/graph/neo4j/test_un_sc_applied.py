"""The UN list's applied data on the live Neo4j server: an entity the seed defines, amended by the
generated file, is served with the UN names, reference and listing date, each with its source, as
the embedded store serves it."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from jkg.graph.imports.review import ReviewQueue
from jkg.graph.imports.un_sc.run import import_un_sc
from jkg.graph.neo4j.load import load
from jkg.graph.neo4j.store import Neo4jStore
from jkg.graph.pipeline import load_graph
from jkg.graph.store import EmbeddedStore
from tests.conftest import SEED

pytestmark = pytest.mark.neo4j

UN_LIST = Path(__file__).resolve().parents[1] / "imports" / "fixtures" / "un-sc-consolidated.xml"
UN = "un-sc-list-qdi-903"


def test_the_amended_entity_is_served_with_the_un_names_and_reference(tmp_path: Path, driver: Driver,
                                                                      neo4j_store: Neo4jStore) -> None:
    queue = ReviewQueue(tmp_path / "review")
    out = tmp_path / "un-sc.yaml"
    import_un_sc(UN_LIST, tmp_path / "report.jsonl", queue=queue, apply_to=out)
    queue.judge("un-sc:QDi.903:hassan-hattab", "positive", who="test")
    import_un_sc(UN_LIST, tmp_path / "report.jsonl", queue=queue, apply_to=out)
    graph = load_graph([SEED, out], prepare=False)
    load(driver, graph, neo4j_store.settings.database, replace=True)  # the driver fixture loads the seed back

    hattab = neo4j_store.entity("hassan-hattab")
    assert hattab.identifiers == {"un_sanctions": "QDi.903"} and UN in hattab.sources
    names = {n.text: n for n in hattab.names}
    assert (names["Omar Fixture-Hamzaoui"].kind, names["Omar Fixture-Hamzaoui"].sources) == ("alias", [UN])
    assert UN in names["Abou Hamza"].sources and hattab.name == "Hassan Hattab"
    listing = neo4j_store.entity("designation-un-sc-qdi-903-2012-01-01")
    assert listing.start == "2012-01-01" and listing.sources == [UN]
    assert any(r.type == "designatedIn" and r.subject.id == "hassan-hattab" for r in listing.relations)
    droukdel = {n.text: n for n in neo4j_store.entity("abdelmalek-droukdel").names}
    assert droukdel["Abdelmalek"].kind == "weakAlias" and droukdel["Abdelmalek"].sources == ["un-sc-list-qdi-232"]
    assert "hassan-hattab" in [hit.id for hit in neo4j_store.search("Omar Fixture-Hamzaoui")]
    embedded = EmbeddedStore(graph)
    assert hattab == embedded.entity("hassan-hattab")
