"""The Neo4j loader, on the live server: constraints, exact counts, idempotence,
replace mode, and all-or-nothing loads."""

from __future__ import annotations

import dataclasses
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from neo4j.exceptions import ConstraintError
from neo4j.time import Date

from bench.generate import generate
from jkg.graph.dataset.model import Dataset, Entity, Name, Relation
from jkg.graph.engine.temporal import TemporalGraph, build_graph
from jkg.graph.exceptions import LoadTooLargeError
from jkg.graph.neo4j.config import connect
from jkg.graph.neo4j.load import load
from jkg.graph.neo4j.store import Neo4jStore
from jkg.graph.pipeline import load_graph
from jkg.graph.store import EmbeddedStore
from tests.conftest import ROOT, SEED
from tests.neo4j_server import LocalNeo4j, unavailable

pytestmark = pytest.mark.neo4j


@pytest.fixture
def driver(neo4j_store: Neo4jStore, embedded_store: EmbeddedStore) -> Iterator[Driver]:
    """The live server's driver; the seed data is loaded back after each test."""
    yield neo4j_store.driver
    load(neo4j_store.driver, embedded_store.graph, neo4j_store.settings.database, replace=True)


def dump(driver: Driver) -> dict[str, Any]:
    """Every node and relationship with its labels or type and properties."""
    with driver.session() as session:
        nodes = session.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props").data()
        rels = session.run("MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(r) AS props, "
                           "coalesce(a.id, '') AS a, coalesce(b.id, '') AS b").data()
    for node in nodes:
        node["props"].pop("loadedAt", None)
    return {
        "nodes": sorted((sorted(n["labels"]), sorted(n["props"].items(), key=str)) for n in nodes),
        "rels": sorted((r["type"], r["a"], r["b"], sorted(r["props"].items(), key=str)) for r in rels),
    }


def counts(driver: Driver) -> dict[str, int]:
    with driver.session() as session:
        record = session.run("MATCH (e:Entity) WITH count(e) AS entities "
                             "MATCH (:Entity)-[r]->(:Entity) RETURN entities, count(r) AS relations").single()
    assert record is not None
    return dict(record)


def test_constraints_exist_for_every_id(driver: Driver, embedded_store: EmbeddedStore) -> None:
    with driver.session() as session:
        constraints = session.run("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
                                  "RETURN labelsOrTypes[0] AS on, properties, type").data()
    unique = {c["on"] for c in constraints if c["properties"] == ["id"] and "UNIQUENESS" in c["type"]}
    types = {t.neo4j_type for t in embedded_store.graph.schema.relation_types.values()}
    assert {"Entity", "Source", "Name"} | types <= unique
    with driver.session() as session:
        indexes = session.run("SHOW INDEXES YIELD name, type RETURN name, type").data()
    assert {"name": "entity_names", "type": "FULLTEXT"} in indexes


def test_counts_equal_the_data(driver: Driver, embedded_store: EmbeddedStore) -> None:
    tg = embedded_store.graph
    assert counts(driver) == {"entities": len(tg.entities), "relations": len(tg.relations)}
    with driver.session() as session:
        by_type = dict(session.run("MATCH (:Entity)-[r]->(:Entity) RETURN type(r) AS t, count(r) AS n").values())
        names = session.run("MATCH (:Entity)-[:HAS_NAME]->(n:Name) RETURN count(n) AS n").single()
    expected = {}
    for rel in tg.relations.values():
        key = tg.schema.relation_types[rel.type].neo4j_type
        expected[key] = expected.get(key, 0) + 1
    assert by_type == expected
    assert names is not None and names["n"] == sum(len(e.names) for e in tg.entities.values())


def test_dates_are_temporal_values_with_precision(driver: Driver) -> None:
    with driver.session() as session:
        record = session.run("MATCH (:Entity {id: 'aqim'})-[r:SUCCESSOR_OF]->(:Entity {id: 'gspc'}) "
                             "RETURN r.start AS start, r.startPrecision AS precision, r.startEdtf AS edtf, "
                             "r.sources AS sources").single()
        labels = session.run("MATCH (e:Entity {id: 'aqim'}) RETURN labels(e) AS labels").single()
    assert record is not None and labels is not None
    assert record["start"] == Date(2007, 1, 1) and record["precision"] == "month" and record["edtf"] == "2007-01"
    assert record["sources"]
    assert set(labels["labels"]) == {"Entity", "Organization", "MilitantGroup"}


def test_second_run_changes_nothing(driver: Driver, embedded_store: EmbeddedStore) -> None:
    before = dump(driver)
    report = load(driver, embedded_store.graph)
    assert not report.changed
    assert report.counters["nodes_created"] == 0 and report.counters["relationships_created"] == 0
    assert dump(driver) == before


def _without(tg: TemporalGraph, entity: str) -> TemporalGraph:
    """The same data without one entity and its relations, and with one entity renamed in type."""
    kept = [r for r in tg.relations.values() if entity not in (r.subject, r.object)]
    entities = [e for e in tg.entities.values() if e.id != entity]
    entities = [dataclasses.replace(e, type="BranchOrAffiliate") if e.id == "ansar-dine" else e for e in entities]
    return build_graph(Dataset(sources=list(tg.sources.values()), entities=entities, relations=kept), tg.schema, "t")


def test_replace_removes_what_the_data_no_longer_holds(driver: Driver, embedded_store: EmbeddedStore) -> None:
    tg = embedded_store.graph
    smaller = _without(tg, "abdelmalek-droukdel")
    gone = len(tg.relations) - len(smaller.relations)
    report = load(driver, smaller, replace=True)
    assert report.removed["entities"] == 1 and report.removed["relations"] == gone
    assert report.removed["names"] == len(tg.entities["abdelmalek-droukdel"].names)
    assert report.removed.get("labels") == 1  # ansar-dine lost :MilitantGroup
    assert counts(driver) == {"entities": len(tg.entities) - 1, "relations": len(smaller.relations)}
    with driver.session() as session:
        labels = session.run("MATCH (e:Entity {id: 'ansar-dine'}) RETURN labels(e) AS l").single()
    assert labels is not None and set(labels["l"]) == {"Entity", "Organization", "BranchOrAffiliate"}
    # without replace, nothing is removed
    assert load(driver, tg).counters["nodes_created"] == 1 + len(tg.entities["abdelmalek-droukdel"].names)


def test_a_failing_load_writes_nothing(driver: Driver, embedded_store: EmbeddedStore) -> None:
    tg = embedded_store.graph
    before = dump(driver)
    newcomer = Entity(id="newcomer", type="Person", names=(Name("Newcomer", "preferred", ("jamestown-tm-17-12",)),),
                      sources=("jamestown-tm-17-12",))
    # an existing relation id between other endpoints breaks the id constraint mid-transaction
    clash = dataclasses.replace(next(iter(tg.relations.values())), subject="newcomer")
    broken = build_graph(Dataset(sources=list(tg.sources.values()), entities=[*tg.entities.values(), newcomer],
                                 relations=[*tg.relations.values(), clash]), tg.schema, "broken")
    with pytest.raises(ConstraintError):
        load(driver, broken)
    assert dump(driver) == before


def test_cli_loads_nothing_from_invalid_data(driver: Driver, neo4j_store: Neo4jStore) -> None:
    before = dump(driver)
    settings = neo4j_store.settings
    env = {**os.environ, "NEO4J_URI": settings.uri, "NEO4J_PASSWORD": settings.password.get_secret_value()}
    bad = ROOT / "tests" / "graph" / "fixtures" / "bad" / "unknown-status.yaml"
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "jkg"), "load", "--neo4j", str(SEED), str(bad)],
                            env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "rumoured" in result.stderr and "nothing was loaded" in result.stderr
    assert dump(driver) == before


def test_cli_load_is_idempotent(driver: Driver, neo4j_store: Neo4jStore) -> None:
    settings = neo4j_store.settings
    env = {**os.environ, "NEO4J_URI": settings.uri, "NEO4J_PASSWORD": settings.password.get_secret_value()}
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "jkg"), "load", "--neo4j", "--replace", str(SEED)],
                            env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Nothing changed" in result.stdout


def test_relation_records_round_trip(neo4j_store: Neo4jStore, embedded_store: EmbeddedStore) -> None:
    """What the store reads back is the record that was loaded."""
    tg = embedded_store.graph
    rel: Relation = tg.relations["leaderOf--abdelmalek-droukdel--aqim--emir--2007-01"] \
        if "leaderOf--abdelmalek-droukdel--aqim--emir--2007-01" in tg.relations \
        else next(r for r in tg.relations.values() if r.type == "leaderOf" and r.subject == "abdelmalek-droukdel")
    back = {r.id: r for r in neo4j_store._expand([rel.subject])}[rel.id]
    assert back == rel


def test_a_load_larger_than_a_transaction_may_be_says_so(tmp_path: Path) -> None:
    # synthetic data of a few thousand relations, and a server of its own whose transactions may
    # hold 10 MiB (Neo4j's smallest setting): a one-transaction load cannot fit, and says so at once
    generate(300, tmp_path / "synthetic", seed=5)
    graph = load_graph([tmp_path / "synthetic"])
    server = LocalNeo4j(tmp_path / "data", env={"NEO4J_TX_MEMORY": "10m"})
    try:
        server.start()
    except RuntimeError as error:
        unavailable(str(error))
    try:
        with connect(server.settings) as small:
            with pytest.raises(LoadTooLargeError, match=f"loading {len(graph.relations):,} relations.*nothing"
                                                        " was loaded.*neo4j-admin"):
                load(small, graph)
            with small.session() as session:
                record = session.run("MATCH (n) RETURN count(n) AS nodes").single()
            assert record is not None and record["nodes"] == 0
    finally:
        server.stop()
