"""The Neo4j store's reads beyond the seed data: on synthetic data (hubs, long renaming chains, large
neighborhoods), every answer equals the embedded store's; and a read sends one statement."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from bench.generate import generate
from jkg.graph.neo4j.load import load
from jkg.graph.neo4j.store import Neo4jStore
from jkg.graph.pipeline import load_graph
from jkg.graph.store import EmbeddedStore

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def synthetic(neo4j_store: Neo4jStore, embedded_store: EmbeddedStore,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    """Synthetic data of 300 entities served by Neo4j (the seed data served again afterwards)."""
    folder = tmp_path_factory.mktemp("reads") / "synthetic"
    generate(300, folder, seed=11)
    tg = load_graph([folder], checks="python")
    database = neo4j_store.settings.database
    load(neo4j_store.driver, tg, database=database, replace=True)
    try:
        yield EmbeddedStore(tg)
    finally:
        load(neo4j_store.driver, embedded_store.graph, database=database, replace=True)


def outcome(store: object, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """A store's answer, or the error it raised (type and message): errors must agree too."""
    try:
        return getattr(store, name)(*args, **kwargs)
    except Exception as error:
        return type(error).__name__, str(error)


def test_a_read_sends_one_statement(neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the seed data (before the synthetic data below is served): one statement per answer."""
    sent: list[str] = []
    read = neo4j_store._read

    def counting(statement: str, **params: Any) -> Any:
        sent.append(statement)
        return read(statement, **params)

    monkeypatch.setattr(neo4j_store, "_read", counting)
    for call in (lambda: neo4j_store.entity("aqim"), lambda: neo4j_store.succession("aqim"),
                 lambda: neo4j_store.lineage("aqim"), lambda: neo4j_store.neighborhood("aqim", depth=2),
                 lambda: neo4j_store.person_succession("abdelmalek-droukdel"),
                 lambda: neo4j_store.paths("gspc", "jnim"), lambda: neo4j_store.snapshot("2013")):
        sent.clear()
        call()
        assert len(sent) == 1, sent


def test_answers_equal_the_embedded_store_on_synthetic_data(neo4j_store: Neo4jStore,
                                                            synthetic: EmbeddedStore) -> None:
    tg = synthetic.graph
    rnd = random.Random(4)
    organizations = sorted(e.id for e in tg.entities.values() if tg.schema.is_a(e.type, "Organization"))
    people = sorted(e.id for e in tg.entities.values() if tg.schema.is_a(e.type, "Person"))
    entities = sorted(tg.entities)
    questions: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
    for org in rnd.sample(organizations, 12):
        questions += [
            ("entity", (org,), {}), ("succession", (org,), {}), ("lineage", (org,), {}),
            ("lineage", (org,), {"depth": 1}), ("leaders", (org,), {"at": "2012"}),
            ("affiliations", (org,), {"at": "2015"}), ("neighborhood", (org,), {"depth": 2, "max_nodes": 5000}),
            ("neighborhood", (org,), {"depth": 3, "at": "2010", "max_nodes": 5000}),
            ("neighborhood", (org,), {"depth": 2, "max_nodes": 10}), ("timeline", (org,), {"start": "2005"}),
            ("relations", (org,), {"direction": "in", "start": "2008", "end": "2014"}),
            ("changes", ("2008", "2014"), {"around": org, "depth": 2}),
            ("paths", (org, rnd.choice(organizations)), {"max_hops": 6}),
            ("paths", (org, rnd.choice(entities)), {"at": "2013"}),
        ]
    for person in rnd.sample(people, 8):
        questions += [("person_succession", (person,), {}), ("entity", (person,), {})]
    questions += [("snapshot", ("2012",), {}), ("changes", ("2005", "2015"), {}),
                  ("centrality", (), {"at": "2012", "types": ["Organization"]}), ("sources", (), {})]
    for name, args, kwargs in questions:
        expected = outcome(synthetic, name, args, kwargs)
        got = outcome(neo4j_store, name, args, kwargs)
        assert got == expected, f"{name}{args}{kwargs}"
