"""The neo4j-admin bulk export: Neo4j's own import tool builds the graph the loader builds.

The seed data is exported to CSV, imported with ``neo4j-local/admin-import.sh`` (neo4j-admin from
the same Maven jars) into a fresh data folder, and that folder is served by a second server. Its
nodes by label, relationships by type and every property (but the load time) must equal what the
loader wrote into the session server; the Neo4j store then answers on it as on the loaded one.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver, GraphDatabase
from neo4j.time import Date

from jkg.graph.dataset.model import Dataset
from jkg.graph.engine.temporal import build_graph
from jkg.graph.exports.neo4j_admin import FILES, export_neo4j_admin, import_arguments
from jkg.graph.neo4j.config import Neo4jSettings
from jkg.graph.neo4j.load import ensure_schema, load
from jkg.graph.neo4j.store import Neo4jStore
from jkg.graph.store import EmbeddedStore
from tests.neo4j_server import ROOT, LocalNeo4j, unavailable

ADMIN_IMPORT = ROOT / "neo4j-local" / "admin-import.sh"

LABELS = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n"
TYPES = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n"
NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
RELATIONSHIPS = ("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props")


def _driver(settings: Neo4jSettings) -> Driver:
    return GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password.get_secret_value()))


def _rows(driver: Driver, query: str) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(query, database_="neo4j")
    return [dict(r) for r in records]


def _snapshot(driver: Driver) -> dict[str, Any]:
    """Counts and every property, in a comparable form (the dataset's load time left out)."""
    nodes = sorted((sorted(r["labels"]), sorted((k, repr(v)) for k, v in r["props"].items() if k != "loadedAt"))
                   for r in _rows(driver, NODES))
    rels = sorted((r["a"], r["type"], r["b"], sorted((k, repr(v)) for k, v in r["props"].items()))
                  for r in _rows(driver, RELATIONSHIPS))
    return {
        "labels": Counter({r["label"]: r["n"] for r in _rows(driver, LABELS)}),
        "types": Counter({r["type"]: r["n"] for r in _rows(driver, TYPES)}),
        "nodes": nodes,
        "relationships": rels,
    }


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory, embedded_store: EmbeddedStore) -> Iterator[LocalNeo4j]:
    """A fresh server whose database was built by neo4j-admin from the exported CSV files."""
    if shutil.which("java") is None:
        unavailable("java not found (neo4j-admin needs it)")
    folder = tmp_path_factory.mktemp("neo4j-admin")
    export_neo4j_admin(embedded_store.graph, folder / "csv")
    server = LocalNeo4j(folder / "data")
    done = subprocess.run([str(ADMIN_IMPORT), "@import.args"], cwd=folder / "csv", capture_output=True, text=True,
                          env={**os.environ, "NEO4J_DATA": str(server.data)}, timeout=600, check=False)
    assert done.returncode == 0 and "IMPORT DONE" in done.stdout, done.stdout[-3000:] + done.stderr[-3000:]
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.neo4j
def test_import_equals_the_loader(imported: LocalNeo4j, neo4j_live: tuple[Neo4jSettings, LocalNeo4j | None],
                                  neo4j_store: Neo4jStore, embedded_store: EmbeddedStore) -> None:
    tg = embedded_store.graph
    # the session server as the loader leaves it on the seed data (other tests may have loaded other data)
    load(neo4j_store.driver, tg, database=neo4j_live[0].database, replace=True)
    with _driver(neo4j_live[0]) as loaded, _driver(imported.settings) as bulk:
        want, got = _snapshot(loaded), _snapshot(bulk)
    assert got["labels"] == want["labels"]
    assert got["types"] == want["types"]
    assert got["labels"]["Entity"] == len(tg.entities) and got["labels"]["Source"] == len(tg.sources)
    assert sum(got["types"][t.neo4j_type] for t in tg.schema.relation_types.values()) == len(tg.relations)
    assert got["nodes"] == want["nodes"]
    assert got["relationships"] == want["relationships"]


@pytest.mark.neo4j
def test_import_keeps_dates_and_lists_typed(imported: LocalNeo4j, embedded_store: EmbeddedStore) -> None:
    with _driver(imported.settings) as driver:
        aqim = _rows(driver, "MATCH (e:Entity {id: 'aqim'}) RETURN e, labels(e) AS labels")[0]
        rel = _rows(driver, "MATCH (:Entity {id: 'abdelmalek-droukdel'})-[r:LEADER_OF]->(:Entity {id: 'aqim'}) "
                            "RETURN r")[0]["r"]
        data = _rows(driver, "MATCH (d:Dataset {id: 'jkg'}) RETURN d")[0]["d"]
    assert aqim["labels"] == ["Entity", "Organization", "MilitantGroup"]
    entity = aqim["e"]
    assert isinstance(entity["start"], Date) and entity["startEdtf"] == "2007-01"
    assert entity["start"].to_native() == dt.date(2007, 1, 1)
    assert isinstance(entity["sources"], list) and len(entity["sources"]) > 1
    assert isinstance(rel["possibleFrom"], Date) and rel["post"] == "emir"
    assert isinstance(rel["startApproximate"], bool) and isinstance(rel["credibility"], int)
    assert data["entities"] == len(embedded_store.graph.entities) and data["loadedAt"].tzinfo is not None


@pytest.mark.neo4j
def test_neo4j_store_answers_on_the_imported_database(imported: LocalNeo4j, embedded_store: EmbeddedStore) -> None:
    store = Neo4jStore(imported.settings)
    try:
        ensure_schema(store.driver, "neo4j", embedded_store.graph)  # an import creates no constraints
        assert store.info().model_dump(exclude={"backend"}) == embedded_store.info().model_dump(exclude={"backend"})
        assert store.succession("aqim") == embedded_store.succession("aqim")
        assert store.entity("jnim") == embedded_store.entity("jnim")
    finally:
        store.close()


# -- the files themselves (no server needed) ---------------------------------------------


def test_files_and_arguments(tmp_path: Path, embedded_store: EmbeddedStore) -> None:
    tg = embedded_store.graph
    counts = export_neo4j_admin(tg, tmp_path)
    assert counts["entities"] == len(tg.entities) and counts["relations"] == len(tg.relations)
    assert counts["has_name"] == counts["names"] == sum(len(e.names) for e in tg.entities.values())
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == sorted(f"{name}.csv" for name in FILES)
    assert (tmp_path / "import.args").read_text().split() == import_arguments()
    header = (tmp_path / "entities.csv").read_text().splitlines()[0].split(",")
    assert header[:2] == ["id:ID(Entity)", ":LABEL"]
    assert {"start:date", "sources:string[]", "startApproximate:boolean", "name:string"} <= set(header)
    rels = (tmp_path / "relations.csv").read_text().splitlines()[0].split(",")
    assert {"possibleFrom:date", "credibility:long", "post:string", "id:string"} <= set(rels)
    assert '"Entity;Organization;MilitantGroup"' in (tmp_path / "entities.csv").read_text()


def test_values_the_tool_cannot_hold_are_refused(tmp_path: Path, embedded_store: EmbeddedStore) -> None:
    tg = embedded_store.graph
    entity = tg.entities["aqim"]
    for sources, message in (((), "empty list"), (("a;b",), "array delimiter")):
        broken = build_graph(Dataset(entities=[replace(entity, sources=sources, names=())]), tg.schema)
        with pytest.raises(ValueError, match=message):
            export_neo4j_admin(broken, tmp_path)
