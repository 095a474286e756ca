"""Load validated data into Neo4j: constraints first, then one managed write transaction
of batched ``UNWIND ... MERGE`` statements, so a load is all-or-nothing and a rerun is
idempotent. Replace mode also removes what the data no longer holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import TransientError

from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exceptions import LoadTooLargeError
from jkg.graph.neo4j import cypher
from jkg.graph.neo4j.rows import entity_props, name_props, relation_key, relation_props, source_props

__all__ = ["LoadReport", "ensure_schema", "load", "schema_statements"]

Progress = Callable[[str, int], None]


@dataclass
class LoadReport:
    """What a load changed."""

    counters: Counter[str] = field(default_factory=Counter)
    removed: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        created = ("nodes_created", "relationships_created", "nodes_deleted", "relationships_deleted",
                   "labels_added", "labels_removed")
        return any(self.counters[k] for k in created) or any(self.removed.values())


def schema_statements(tg: TemporalGraph) -> list[cypher.Cypher]:
    """Constraints and indexes: fixed ones, and one id constraint per relationship type."""
    per_type = [cypher.relation_constraint(t.neo4j_type) for t in tg.schema.relation_types.values()]
    return [*cypher.CONSTRAINTS, *per_type]


def ensure_schema(driver: Driver, database: str, tg: TemporalGraph) -> None:
    """Create constraints and indexes (schema changes run outside the data transaction)."""
    with driver.session(database=database) as session:
        for statement in schema_statements(tg):
            session.run(statement).consume()
        session.run(cypher.AWAIT_INDEXES).consume()


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield list(rows[i:i + size])


def _plan(tg: TemporalGraph) -> list[tuple[str, cypher.Cypher, list[dict[str, Any]]]]:
    """The statements of a load, in order, with their rows."""
    schema = tg.schema
    plan: list[tuple[str, cypher.Cypher, list[dict[str, Any]]]] = []
    sources = list(tg.sources.values())
    plan.append(("sources", cypher.MERGE_SOURCES, [source_props(s) for s in sources]))
    plan.append(("sources", cypher.MERGE_CITED_VIA,
                 [{"id": s.id, "via": s.cited_via} for s in sources if s.cited_via]))
    by_type: dict[str, list[dict[str, Any]]] = {}
    for entity in tg.entities.values():
        by_type.setdefault(entity.type, []).append(entity_props(entity, schema))
    for etype, rows in sorted(by_type.items()):
        plan.append(("entities", cypher.merge_entities(schema.classes[etype].neo4j_labels), rows))
    plan.append(("names", cypher.MERGE_NAMES, [
        {"entity": e.id, "props": name_props(e, i, n), "sources": list(n.sources)}
        for e in tg.entities.values() for i, n in enumerate(e.names)
    ]))
    plan.append(("entities", cypher.MERGE_ENTITY_SOURCES,
                 [{"id": e.id, "sources": list(e.sources)} for e in tg.entities.values()]))
    by_rel: dict[str, list[dict[str, Any]]] = {}
    for rel in tg.relations.values():
        by_rel.setdefault(rel.type, []).append({
            "subject": rel.subject, "object": rel.object, "props": relation_props(rel, tg.intervals[rel.id]),
        })
    for rtype, rows in sorted(by_rel.items()):
        plan.append(("relations", cypher.merge_relations(schema.relation_types[rtype].neo4j_type), rows))
    return plan


def _stale_label_steps(tg: TemporalGraph) -> list[tuple[cypher.Cypher, list[str]]]:
    schema = tg.schema
    concrete = schema.concrete_classes()
    labels = sorted({label for c in concrete for label in schema.classes[c].neo4j_labels})
    return [(cypher.remove_stale_label(label), [c for c in concrete if label in schema.classes[c].neo4j_labels])
            for label in labels]


def _support_keys(tg: TemporalGraph) -> list[str]:
    keys = [f"{s.id}>CITED_VIA>{s.cited_via}" for s in tg.sources.values() if s.cited_via]
    for entity in tg.entities.values():
        keys.extend(f"{src}>SUPPORTS>{entity.id}" for src in entity.sources)
        for i, name in enumerate(entity.names):
            keys.extend(f"{src}>SUPPORTS>{entity.id}#{i}" for src in name.sources)
    return keys


def load(driver: Driver, tg: TemporalGraph, database: str = "neo4j", batch_size: int = 1000,
         replace: bool = False, progress: Progress | None = None) -> LoadReport:
    """Load a validated temporal graph into Neo4j in one write transaction.

    Parameters
    ----------
    driver : neo4j.Driver
    tg : TemporalGraph
        Built from validated data (see :func:`jkg.graph.engine.temporal.load_graph`).
    database : str
    batch_size : int
        Rows per ``UNWIND`` statement.
    replace : bool
        Also remove entities, names, sources and relations the data no longer holds.
    progress : callable, optional
        Called with (step, rows done) after each batch.

    Returns
    -------
    LoadReport
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be positive, not {batch_size}")
    ensure_schema(driver, database, tg)
    plan = _plan(tg)
    report = LoadReport()

    def work(tx: ManagedTransaction) -> None:
        report.counters.clear()
        report.removed.clear()
        if replace:
            for label, statement, params in _removals(tg):
                record = tx.run(statement, **params).single()
                report.removed[label] = int(record["removed"]) if record else 0
        for step, statement, rows in plan:
            for batch in _batches(rows, batch_size):
                summary = tx.run(statement, rows=batch).consume()
                report.counters.update({k: v for k, v in vars(summary.counters).items()
                                        if isinstance(v, int) and not k.startswith("_")})
                if progress:
                    progress(step, len(batch))
        for statement, types in _stale_label_steps(tg):
            record = tx.run(statement, types=types).single()
            if record and record["removed"]:
                report.removed["labels"] = report.removed.get("labels", 0) + int(record["removed"])
        tx.run(cypher.MERGE_DATASET, version=tg.data_version, entities=len(tg.entities),
               relations=len(tg.relations), sources=len(tg.sources)).consume()

    def atomic(tx: ManagedTransaction) -> None:
        try:
            work(tx)
        except TransientError as error:
            # retrying cannot help a transaction larger than the server's memory pool: say so at once
            if error.code in _OUT_OF_TRANSACTION_MEMORY:
                raise LoadTooLargeError(len(tg.relations), error.message or error.code) from error
            raise

    with driver.session(database=database) as session:
        session.execute_write(atomic)
        record = session.run(cypher.COUNTS).single()
        report.counts = dict(record) if record else {}
    return report


#: What Neo4j says when a transaction outgrows its memory pool (db.memory.transaction.max, or the total).
_OUT_OF_TRANSACTION_MEMORY = {
    "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
    "Neo.TransientError.General.TransactionMemoryLimit",
}


def _removals(tg: TemporalGraph) -> Iterable[tuple[str, cypher.Cypher, dict[str, Any]]]:
    names = [f"{e.id}#{i}" for e in tg.entities.values() for i in range(len(e.names))]
    yield "relations", cypher.DELETE_STALE_RELATIONS, {"keys": [relation_key(r) for r in tg.relations.values()]}
    yield "supports", cypher.DELETE_STALE_SUPPORTS, {"keys": _support_keys(tg)}
    yield "names", cypher.DELETE_STALE_NAMES, {"ids": names}
    yield "entities", cypher.DELETE_STALE_ENTITIES, {"ids": list(tg.entities)}
    yield "sources", cypher.DELETE_STALE_SOURCES, {"ids": list(tg.sources)}
