"""Load validated data into Neo4j in batches, while readers keep the previous version whole.

Every node a load writes carries ``gen``, the *generation* of that load (see
:func:`jkg.graph.neo4j.rows.generation`); relationships only connect nodes of one generation.
``(:Dataset {id: 'jkg'})`` says which generation readers use (``current``) with its version and
counts, and which one is being written (``loading``). A load:

1. removes every generation but the served one (what a failed or killed load left), in batches;
2. writes the whole data under a new generation, in batches of ``batch_size`` rows, each its own
   transaction (so any size loads within the server's default memory);
3. checks the new generation's counts and switches ``current`` to it in one small transaction;
4. removes the previous generation, in batches.

A load that fails or is killed before step 3 leaves the previous generation served whole; the
next load removes what it wrote. Data of the version already served changes nothing (idempotent).

Replace mode serves exactly the data and reports what the previous generation held that it does
not. Merge mode (the default) serves the data plus what the previous generation held that the data
does not touch: its entities, sources and relation facts of other ids (read back, merged in
Python, and written as one new generation ``<version>+<hash of the previous generation>``).

One load at a time: a second load started meanwhile removes the first one's generation, and the
first then fails at its switch (its token is gone) without serving anything.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver, ManagedTransaction, Session
from neo4j.exceptions import TransientError

from jkg.graph.dataset.model import Dataset
from jkg.graph.engine.temporal import TemporalGraph, build_graph
from jkg.graph.exceptions import LoadTooLargeError
from jkg.graph.neo4j import cypher
from jkg.graph.neo4j.rows import (
    entity_from_props,
    entity_props,
    generation,
    name_from_props,
    name_props,
    relation_from_props,
    relation_props,
    source_from_props,
    source_props,
)

__all__ = ["DEFAULT_BATCH_SIZE", "LoadReport", "Progress", "ensure_schema", "load", "load_rows", "schema_statements"]

#: Called after each batch with (step, rows written in it, rows of the whole load).
Progress = Callable[[str, int, int], None]

#: Rows per batch transaction (measured: see the README's Neo4j performance section).
DEFAULT_BATCH_SIZE = 10_000

#: Nodes removed per transaction when a generation is removed.
DELETE_BATCH_SIZE = 5_000

Plan = list[tuple[str, cypher.Cypher, list[dict[str, Any]]]]


@dataclass
class LoadReport:
    """What a load did."""

    #: The generation served after the load, and the one served before it (None: an empty database).
    generation: str | None = None
    previous: str | None = None
    #: Whether a new generation was written and switched to (False: the data was already served).
    written: bool = False
    #: Neo4j's counters summed over the batches (nodes_created, relationships_created, ...).
    counters: Counter[str] = field(default_factory=Counter)
    #: Replace mode: what the previous generation held that the new one does not.
    removed: dict[str, int] = field(default_factory=dict)
    #: Nodes of unfinished loads removed before writing.
    leftovers: int = 0
    #: Entities, relations, sources and names of the served generation.
    counts: dict[str, int] = field(default_factory=dict)
    #: Seconds spent writing the new generation (step 2).
    write_seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return self.written


def schema_statements(tg: TemporalGraph) -> list[cypher.Cypher]:
    """Constraints and indexes: fixed ones, and one id constraint per relationship type (after dropping
    the id-only constraints of loads before generations, which a second generation would break)."""
    types = [t.neo4j_type for t in tg.schema.relation_types.values()]
    return [
        *cypher.DROP_OLD_CONSTRAINTS,
        *(cypher.drop_old_relation_constraint(t) for t in types),
        *cypher.CONSTRAINTS,
        *(cypher.relation_constraint(t) for t in types),
        # the reads find the succession statements about an organization by this index (neo4j-reads)
        *(cypher.qualifier_index(tg.schema.relation_types[n].neo4j_type, "organization")
          for n in tg.schema.relation_types_with_role("succession")),
    ]


def ensure_schema(driver: Driver, database: str, tg: TemporalGraph) -> None:
    """Create constraints and indexes (schema changes run outside the data transactions)."""
    with driver.session(database=database) as session:
        for statement in schema_statements(tg):
            session.run(statement).consume()
        session.run(cypher.AWAIT_INDEXES).consume()


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield list(rows[i:i + size])


def _plan(tg: TemporalGraph) -> Plan:
    """The statements of a load, in order, with their rows (nodes before the relationships that need them)."""
    schema = tg.schema
    plan: Plan = []
    sources = list(tg.sources.values())
    plan.append(("sources", cypher.CREATE_SOURCES, [source_props(s) for s in sources]))
    plan.append(("sources", cypher.CREATE_CITED_VIA,
                 [{"id": s.id, "via": s.cited_via} for s in sources if s.cited_via]))
    by_type: dict[str, list[dict[str, Any]]] = {}
    for entity in tg.entities.values():
        by_type.setdefault(entity.type, []).append(entity_props(entity, schema))
    for etype, rows in sorted(by_type.items()):
        plan.append(("entities", cypher.create_entities(schema.classes[etype].neo4j_labels), rows))
    plan.append(("names", cypher.CREATE_NAMES, [
        {"entity": e.id, "props": name_props(e, i, n)}
        for e in tg.entities.values() for i, n in enumerate(e.names)
    ]))
    plan.append(("supports", cypher.CREATE_ENTITY_SUPPORTS, [
        {"source": src, "target": e.id} for e in tg.entities.values() for src in dict.fromkeys(e.sources)
    ]))
    plan.append(("supports", cypher.CREATE_NAME_SUPPORTS, [
        {"source": src, "target": f"{e.id}#{i}"}
        for e in tg.entities.values() for i, n in enumerate(e.names) for src in dict.fromkeys(n.sources)
    ]))
    by_rel: dict[str, list[dict[str, Any]]] = {}
    for rel in tg.relations.values():
        by_rel.setdefault(rel.type, []).append({
            "subject": rel.subject, "object": rel.object, "props": relation_props(rel, tg.intervals[rel.id]),
        })
    for rtype, rows in sorted(by_rel.items()):
        plan.append(("relations", cypher.create_relations(schema.relation_types[rtype].neo4j_type), rows))
    return plan


def load_rows(tg: TemporalGraph) -> int:
    """Rows a replace load of this data writes (nodes and links): the size of its progress bar."""
    return sum(len(rows) for _, _, rows in _plan(tg))


def _base(gen: str) -> str:
    """The data version a generation was written from (merged generations: the data merged last)."""
    return gen.split("+", 1)[0]


def _up_to_date(tg: TemporalGraph, current: str | None, replace: bool) -> bool:
    """Whether loading this data would write what is served already."""
    if current is None or not tg.data_version:
        return False
    served = current if replace else _base(current)
    return served == str(tg.data_version)


def _delete_others(session: Session, keep: str) -> int:
    """Remove every generation but ``keep``, in batches; the nodes removed."""
    summary = session.run(cypher.DELETE_OTHER_GENERATIONS, keep=keep, batch=DELETE_BATCH_SIZE).consume()
    return int(summary.counters.nodes_deleted)


def _generation_counts(session: Session, gen: str) -> dict[str, int]:
    record = session.execute_read(lambda tx: tx.run(cypher.GENERATION_COUNTS, gen=gen).single())
    return {k: int(v) for k, v in dict(record).items()} if record else {}


def _merged(session: Session, tg: TemporalGraph, current: str) -> TemporalGraph:
    """The data plus what generation ``current`` holds that it does not touch (other ids)."""
    schema = tg.schema
    types = {t.neo4j_type: t.name for t in schema.relation_types.values()}

    def read(tx: ManagedTransaction) -> tuple[list[Any], list[Any], list[Any]]:
        return (list(tx.run(cypher.GENERATION_ENTITIES, gen=current)),
                list(tx.run(cypher.GENERATION_RELATIONS, gen=current)),
                list(tx.run(cypher.GENERATION_SOURCES, gen=current)))

    entities, relations, sources = session.execute_read(read)
    kept_entities = [
        entity_from_props(r["props"], tuple(name_from_props(n) for n in r["names"]), schema)
        for r in entities if r["props"]["id"] not in tg.entities and r["props"]["type"] in schema.classes
    ]
    kept_relations = [
        relation_from_props(r["props"], types[r["type"]], r["subject"], r["object"], schema)
        for r in relations if r["props"]["id"] not in tg.relations and r["type"] in types
    ]
    kept_sources = [source_from_props(r["props"]) for r in sources if r["props"]["id"] not in tg.sources]
    entity_ids = set(tg.entities) | {e.id for e in kept_entities}
    data = Dataset(
        sources=[*tg.sources.values(), *kept_sources],
        entities=[*tg.entities.values(), *kept_entities],
        relations=[*tg.relations.values(),
                   *(r for r in kept_relations if r.subject in entity_ids and r.object in entity_ids)],
    )
    digest = hashlib.sha256(current.encode()).hexdigest()[:8]
    return build_graph(data, schema, f"{generation(tg.data_version)}+{digest}")


#: What Neo4j says when a transaction outgrows its memory pool (db.memory.transaction.max, or the total).
_OUT_OF_TRANSACTION_MEMORY = {
    "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
    "Neo.TransientError.General.TransactionMemoryLimit",
}


def _write_batch(tx: ManagedTransaction, statement: cypher.Cypher, rows: list[dict[str, Any]],
                 gen: str) -> dict[str, int]:
    try:
        summary = tx.run(statement, rows=rows, gen=gen).consume()
    except TransientError as error:
        # retrying cannot help a batch larger than the server's memory pool: say so at once
        if error.code in _OUT_OF_TRANSACTION_MEMORY:
            raise LoadTooLargeError(len(rows), error.message or error.code) from error
        raise
    return {k: v for k, v in vars(summary.counters).items() if isinstance(v, int) and not k.startswith("_")}


def load(driver: Driver, tg: TemporalGraph, database: str = "neo4j", batch_size: int = DEFAULT_BATCH_SIZE,
         replace: bool = False, progress: Progress | None = None, grace: float = 0.0) -> LoadReport:
    """Load a validated temporal graph into Neo4j as a new generation, then serve it (see the module).

    Parameters
    ----------
    driver : neo4j.Driver
    tg : TemporalGraph
        Built from validated data (see :func:`jkg.graph.engine.temporal.load_graph`).
    database : str
    batch_size : int
        Rows per batch, each batch its own transaction.
    replace : bool
        Serve exactly the data (and report what the previous generation held that it does not);
        else keep what the previous generation held that the data does not touch.
    progress : callable, optional
        Called with (step, rows written, rows in all) after each batch; an exception it raises
        stops the load (the previous generation stays served).
    grace : float
        Seconds to wait after the switch before removing the previous generation, so that queries
        which began before the switch finish on intact data.

    Returns
    -------
    LoadReport

    Raises
    ------
    LoadTooLargeError
        One batch needs more memory than the server allows a transaction (nothing was served).
    RuntimeError
        The written generation is not complete, or another load took over (nothing was served).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be positive, not {batch_size}")
    ensure_schema(driver, database, tg)
    with driver.session(database=database) as session:
        # read on the leader: in a cluster a secondary may not have seen the last switch yet
        state = session.execute_write(lambda tx: tx.run(cypher.DATASET_STATE).single())
        current: str | None = (state["props"] or {}).get("current") if state else None
        report = LoadReport(generation=current, previous=current)
        # (1) what failed or killed loads left
        report.leftovers = _delete_others(session, keep=current or "")
        if _up_to_date(tg, current, replace):
            report.counts = _generation_counts(session, current or "")
            return report
        data = tg if replace or current is None else _merged(session, tg, current)
        gen = data.data_version if data is not tg else generation(tg.data_version)
        token = uuid.uuid4().hex
        session.execute_write(lambda tx: tx.run(cypher.BEGIN_LOAD, gen=gen, token=token).consume())
        # (2) the new generation, batch by batch
        plan = _plan(data)
        total = sum(len(rows) for _, _, rows in plan)
        started = time.perf_counter()
        for step, statement, rows in plan:
            for batch in _batches(rows, batch_size):
                report.counters.update(session.execute_write(_write_batch, statement, batch, gen))
                if progress:
                    progress(step, len(batch), total)
        report.write_seconds = time.perf_counter() - started
        # (3) complete? then switch readers to it
        counts = _generation_counts(session, gen)
        expected = {"entities": len(data.entities), "relations": len(data.relations), "sources": len(data.sources),
                    "names": sum(len(e.names) for e in data.entities.values())}
        if counts != expected:
            raise RuntimeError(f"the new generation {gen} holds {counts}, not {expected}: nothing was switched;"
                               " the next load removes it")
        if replace and current is not None:
            record = session.execute_read(lambda tx: tx.run(cypher.REMOVED_SINCE, old=current, gen=gen).single())
            report.removed = {k: int(v or 0) for k, v in dict(record).items()} if record else {}
        switched = session.execute_write(lambda tx: tx.run(
            cypher.SWITCH_GENERATION, gen=gen, token=token, version=data.data_version, entities=len(data.entities),
            relations=len(data.relations), sources=len(data.sources)).single())
        if switched is None:
            raise RuntimeError(f"another load took over while generation {gen} was written: nothing was switched")
        report.generation, report.written, report.counts = gen, True, counts
        # (4) the previous generation
        if current is not None and grace > 0:
            time.sleep(grace)
        _delete_others(session, keep=gen)
    return report
