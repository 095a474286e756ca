"""The Neo4j loader, on the live server: constraints, exact counts, idempotence,
replace and merge modes, and loads larger than one transaction may hold."""

from __future__ import annotations

import dataclasses
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from neo4j.time import Date

from bench.generate import generate
from jkg.graph.dataset.model import Dataset
from jkg.graph.engine.temporal import TemporalGraph, build_graph
from jkg.graph.exceptions import LoadTooLargeError
from jkg.graph.neo4j.config import connect
from jkg.graph.neo4j.load import load
from jkg.graph.neo4j.rows import relation_from_props
from jkg.graph.neo4j.store import Neo4jStore
from jkg.graph.pipeline import load_graph
from jkg.graph.store import EmbeddedStore
from tests.conftest import ROOT, SEED
from tests.neo4j_server import LocalNeo4j, unavailable

pytestmark = pytest.mark.neo4j


#: The served generation's nodes, and the dataset node.
SERVED = "MATCH (d:Dataset {id: 'jkg'}) MATCH (n) WHERE n.gen = d.current OR n:Dataset "


def dump(driver: Driver) -> dict[str, Any]:
    """Every node and relationship readers see with its labels or type and properties (a load's
    bookkeeping on the dataset node left out)."""
    with driver.session() as session:
        nodes = session.run(SERVED + "RETURN labels(n) AS labels, properties(n) AS props").data()
        rels = session.run(SERVED + "MATCH (n)-[r]->(b) RETURN type(r) AS type, properties(r) AS props, "
                           "n.id AS a, b.id AS b").data()
    for node in nodes:
        for key in ("loadedAt", "loading", "loadToken"):
            node["props"].pop(key, None)
    return {
        "nodes": sorted((sorted(n["labels"]), sorted(n["props"].items(), key=str)) for n in nodes),
        "rels": sorted((r["type"], r["a"], r["b"], sorted(r["props"].items(), key=str)) for r in rels),
    }


def generation_sizes(driver: Driver) -> dict[str, int]:
    """Nodes per generation, every generation in the database."""
    with driver.session() as session:
        return dict(session.run("MATCH (n) WHERE n.gen IS NOT NULL RETURN n.gen AS gen, count(*) AS n").values())


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
    unique = {c["on"] for c in constraints if c["properties"] == ["id", "gen"] and "UNIQUENESS" in c["type"]}
    types = {t.neo4j_type for t in embedded_store.graph.schema.relation_types.values()}
    assert {"Entity", "Source", "Name"} | types <= unique
    with driver.session() as session:
        indexes = session.run("SHOW INDEXES YIELD name, type RETURN name, type").data()
    assert {"name": "entity_names", "type": "FULLTEXT"} in indexes
    assert {f"{label}_gen" for label in ("entity", "source", "name")} <= {i["name"] for i in indexes}
    # the id-only constraints of loads before generations are gone (two generations would break them)
    assert not {c["on"] for c in constraints if c["properties"] == ["id"]} - {"Dataset"}


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
    assert not report.changed and report.generation == embedded_store.graph.data_version
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
    # merge mode keeps what the data does not touch: merged into the whole, the smaller data keeps Droukdel
    load(driver, tg, replace=True)
    merged = load(driver, smaller)
    assert merged.written and merged.generation is not None and merged.generation.startswith("t+")
    assert counts(driver) == {"entities": len(tg.entities), "relations": len(tg.relations)}
    with driver.session() as session:
        kept = session.run("MATCH (:Entity {id: 'abdelmalek-droukdel'})-[:HAS_NAME]->(n) RETURN count(n) AS n").single()
    assert kept is not None and kept["n"] == len(tg.entities["abdelmalek-droukdel"].names)
    assert load(driver, smaller).written is False  # the same data merged again changes nothing


def test_a_load_failing_midway_leaves_the_previous_version_served(driver: Driver, neo4j_store: Neo4jStore,
                                                                  embedded_store: EmbeddedStore) -> None:
    tg = embedded_store.graph
    before, info = dump(driver), neo4j_store.info()
    smaller = _without(tg, "abdelmalek-droukdel")
    batches: list[str] = []

    def fail_at_the_fourth_batch(step: str, rows: int, total: int) -> None:
        batches.append(step)
        if len(batches) == 4:
            raise RuntimeError("injected failure")

    with pytest.raises(RuntimeError, match="injected failure"):
        load(driver, smaller, replace=True, batch_size=20, progress=fail_at_the_fourth_batch)
    # readers see the previous version, whole; what the failed load wrote is there but not served
    assert dump(driver) == before and neo4j_store.info() == info
    assert neo4j_store.entity("abdelmalek-droukdel") == embedded_store.entity("abdelmalek-droukdel")
    left = generation_sizes(driver)
    assert set(left) == {tg.data_version, "t"} and left["t"] > 0
    # the next load removes it, then loads
    report = load(driver, smaller, replace=True)
    assert report.leftovers == left["t"] and report.written and report.generation == "t"
    assert generation_sizes(driver) == {"t": len(smaller.entities) + len(smaller.sources)
                                        + sum(len(e.names) for e in smaller.entities.values())}
    assert counts(driver) == {"entities": len(smaller.entities), "relations": len(smaller.relations)}


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


def test_relation_records_round_trip(driver: Driver, embedded_store: EmbeddedStore) -> None:
    """Every relation fact read back from the served generation is the record that was loaded."""
    tg = embedded_store.graph
    names = {t.neo4j_type: t.name for t in tg.schema.relation_types.values()}
    with driver.session() as session:
        rows = session.run(SERVED + "MATCH (n:Entity)-[r]->(b:Entity) "
                           "RETURN type(r) AS type, properties(r) AS props, n.id AS a, b.id AS b").data()
    back = {r["props"]["id"]: relation_from_props(r["props"], names[r["type"]], r["a"], r["b"], tg.schema)
            for r in rows}
    assert back == tg.relations


def test_a_load_larger_than_a_transaction_may_be_loads_in_batches(tmp_path: Path) -> None:
    # synthetic data of a few thousand relations, and a server of its own on which one transaction may
    # hold 2 MiB: a batch of a whole step (hundreds of relations) cannot fit, and says so at once;
    # batches of 50 rows load it
    generate(300, tmp_path / "synthetic", seed=5)
    graph = load_graph([tmp_path / "synthetic"])
    server = LocalNeo4j(tmp_path / "data", env={"NEO4J_TX_MEMORY": "10m", "NEO4J_TX_MAX": "2m"})
    try:
        server.start()
    except RuntimeError as error:
        unavailable(str(error))
    try:
        with connect(server.settings) as small:
            with pytest.raises(LoadTooLargeError, match=r"a batch of [0-9,]+ rows needs more memory.*previous data"
                                                        " is still served.*--batch-size"):
                load(small, graph, batch_size=1_000_000)
            with small.session() as session:
                served = session.run("MATCH (d:Dataset) RETURN d.current AS current").single()
            assert served is not None and served["current"] is None
            report = load(small, graph, batch_size=50)
            assert report.written and report.leftovers > 0
            assert report.counts["relations"] == len(graph.relations) > 2_000
    finally:
        server.stop()
