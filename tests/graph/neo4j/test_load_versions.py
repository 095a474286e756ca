"""Versioned loads on the live server: readers see the previous version until the switch, never a
half-written one; ``jkg load --replace`` reports what the served version held that the data does not;
the rows per second of the progress bar."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import threading
from typing import Any

from neo4j import Driver

from jkg.graph.dataset.model import Dataset, Entity, Name
from jkg.graph.engine.temporal import build_graph
from jkg.graph.exceptions import NotFoundError
from jkg.graph.neo4j.load import load
from jkg.graph.neo4j.store import Neo4jStore
from jkg.graph.store import EmbeddedStore
from tests.conftest import ROOT, SEED
from tests.graph.neo4j.test_load import _without, generation_sizes

#: What a reader sees in one query: the pointer's version and counts, and what the served generation holds.
#: (The pointer is read once: Neo4j reads committed data, so two reads of it in one query may straddle a switch.)
SEEN = """
MATCH (d:Dataset {id: 'jkg'})
WITH properties(d) AS p
CALL (p) { MATCH (e:Entity {gen: p.current}) RETURN count(e) AS entities }
CALL (p) { MATCH (:Entity {gen: p.current})-[r]->(:Entity) RETURN count(r) AS relations }
RETURN p.version AS version, p.entities AS said, entities, p.relations AS saidRelations, relations
"""


def test_readers_see_the_previous_version_until_the_switch(driver: Driver, neo4j_store: Neo4jStore,
                                                           embedded_store: EmbeddedStore) -> None:
    tg = embedded_store.graph
    smaller = _without(tg, "abdelmalek-droukdel")
    seen: list[tuple[Any, ...]] = []
    lookups: list[tuple[str, bool, str]] = []
    done = threading.Event()

    def read() -> None:
        with driver.session() as session:
            while not done.is_set():
                record = session.run(SEEN).single()
                assert record is not None
                seen.append(tuple(record.values()))
                before = neo4j_store.info().data_version
                try:
                    found = neo4j_store.entity("abdelmalek-droukdel").id == "abdelmalek-droukdel"
                except NotFoundError:
                    found = False
                lookups.append((before, found, neo4j_store.info().data_version))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        report = load(driver, smaller, replace=True, batch_size=25)
    finally:
        done.set()
        reader.join()
    assert report.written
    old = (tg.data_version, len(tg.entities), len(tg.entities), len(tg.relations), len(tg.relations))
    new = ("t", len(smaller.entities), len(smaller.entities), len(smaller.relations), len(smaller.relations))
    # every observation is one version whole; the old one was seen while the new one was written
    assert set(seen) <= {old, new}, set(seen) - {old, new}
    assert seen.count(old) > 1, len(seen)
    # the store's answers follow the pointer: Droukdel is found exactly while the old version is served
    judged = [(before, found) for before, found, after in lookups if before == after]
    assert (tg.data_version, True) in judged
    assert all(found == (version == tg.data_version) for version, found in judged)


def _jkg_load(neo4j_store: Neo4jStore, *args: str) -> subprocess.CompletedProcess[str]:
    settings = neo4j_store.settings
    env = {**os.environ, "NEO4J_URI": settings.uri, "NEO4J_PASSWORD": settings.password.get_secret_value(),
           "COLUMNS": "200"}
    return subprocess.run([str(ROOT / ".venv" / "bin" / "jkg"), "load", "--neo4j", *args], env=env,
                          capture_output=True, text=True, check=False)


def test_cli_replace_reports_removals(driver: Driver, neo4j_store: Neo4jStore,
                                      embedded_store: EmbeddedStore) -> None:
    tg = embedded_store.graph
    newcomer = Entity(id="newcomer", type="Person", sources=("jamestown-tm-17-12",), names=(
        Name("Newcomer", "preferred", ("jamestown-tm-17-12",)), Name("Al-Jadid", "alias", ("jamestown-tm-17-12",))))
    bigger = build_graph(Dataset(sources=list(tg.sources.values()), entities=[*tg.entities.values(), newcomer],
                                 relations=list(tg.relations.values())), tg.schema, "bigger")
    load(driver, bigger, replace=True)
    result = _jkg_load(neo4j_store, "--replace", str(SEED))
    assert result.returncode == 0, result.stderr
    assert f"version {tg.data_version} (was bigger)" in result.stdout
    assert "removed: entities 1, labels 0, names 2, relations 0, sources 0, supports 3" in result.stdout
    assert generation_sizes(driver) == {tg.data_version: len(tg.entities) + len(tg.sources) + sum(
        len(e.names) for e in tg.entities.values())}
    again = _jkg_load(neo4j_store, "--replace", str(SEED))
    assert again.returncode == 0 and "Nothing changed" in again.stdout


def test_merge_mode_keeps_what_the_data_does_not_touch(driver: Driver, embedded_store: EmbeddedStore,
                                                      neo4j_store: Neo4jStore) -> None:
    tg = embedded_store.graph
    renamed = dataclasses.replace(tg.entities["aqim"], description="changed by the second data")
    only_aqim = build_graph(Dataset(sources=list(tg.sources.values()), entities=[renamed]), tg.schema, "aqim-only")
    report = load(driver, only_aqim)
    assert report.written and report.generation is not None and report.generation.startswith("aqim-only+")
    assert neo4j_store.entity("aqim").description == "changed by the second data"
    assert neo4j_store.succession("aqim") == embedded_store.succession("aqim")  # its relations were kept
    assert neo4j_store.info().entities == len(tg.entities)
    assert not load(driver, only_aqim).written  # merging the same data again changes nothing
