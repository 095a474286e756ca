"""The Neo4j store: the store interface answered from Neo4j with Cypher.

Every method selects in Cypher what its question needs (relations of an entity
filtered by type and time, a traversal level by level, all shortest paths, what is
valid at a date), reads it in a read transaction (routed to secondaries in a
cluster), turns the rows back into records and builds from them the small graph
the shared query function (:mod:`jkg.graph.queries`) assembles its answer from.
The answers are therefore those of the embedded store, answer for answer, which the
contract suite checks on a live server.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from neo4j import Driver, Query, Record, RoutingControl
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

from jkg.graph import limits, queries
from jkg.graph.dataset.model import Dataset, Entity, Relation, Source
from jkg.graph.engine.dates import Span, parse_period
from jkg.graph.engine.temporal import TemporalGraph, build_graph
from jkg.graph.engine.views import (
    Changes,
    EntityDetail,
    Lineage,
    PathResult,
    PersonPost,
    Ranked,
    RelationView,
    SearchHit,
    SourceDetail,
    SourceView,
    StoreInfo,
    Subgraph,
    Succession,
    TimelineItem,
)
from jkg.graph.exceptions import BadParameterError, StoreUnavailableError
from jkg.graph.neo4j import cypher
from jkg.graph.neo4j.config import Neo4jSettings, connect
from jkg.graph.neo4j.rows import entity_from_props, name_from_props, relation_from_props, source_from_props
from jkg.graph.queries.entities import time_span
from jkg.graph.queries.leadership import posted_types
from jkg.ontology.schema import Schema, load_schema

__all__ = ["Neo4jStore"]

class Neo4jStore:
    """Answers the store interface from a Neo4j database loaded by ``jkg load --neo4j``."""

    backend = "neo4j"

    def __init__(self, settings: Neo4jSettings | None = None, driver: Driver | None = None,
                 schema: Schema | None = None) -> None:
        self.settings = settings or Neo4jSettings()
        self.schema = schema or load_schema()
        self.driver = driver or connect(self.settings, verify=False)
        self._names: tuple[str, TemporalGraph] | None = None
        self._types = {t.neo4j_type: t.name for t in self.schema.relation_types.values()}
        # an empty graph validates parameters exactly as the queries do
        self._empty = build_graph(Dataset(), self.schema)

    # -- plumbing ------------------------------------------------------------------

    def check(self) -> StoreInfo:
        """Verify that Neo4j answers and holds jkg data; a clear error if not."""
        connect(self.settings).close()
        return self.info()

    def close(self) -> None:
        self.driver.close()

    def _read(self, statement: str, **params: Any) -> list[Record]:
        try:
            records, _, _ = self.driver.execute_query(
                Query(statement, timeout=self.settings.query_timeout),
                parameters_=params, routing_=RoutingControl.READ, database_=self.settings.database,
            )
        except AuthError as error:
            raise StoreUnavailableError(f"Neo4j at {self.settings.uri} refused the credentials"
                                        f" (NEO4J_USER, NEO4J_PASSWORD): {error.message}") from error
        except (ServiceUnavailable, SessionExpired, OSError) as error:
            raise StoreUnavailableError(f"Neo4j is not reachable at {self.settings.uri}: {error}") from error
        except Neo4jError as error:
            if error.code and "Transient" in error.code:
                raise StoreUnavailableError(f"Neo4j could not answer now: {error.message}") from error
            raise
        return records

    def _neo4j_types(self, names: Iterable[str] | None) -> list[str] | None:
        chosen = self._empty.check_types(names)
        if chosen is None:
            return None
        return sorted(self.schema.relation_types[n].neo4j_type for n in chosen)

    def _type_names(self, category: str) -> list[str]:
        return sorted(self.schema.relation_types[n].neo4j_type for n in self.schema.relation_types_in(category))

    def _role_types(self, role: str) -> list[str]:
        """Neo4j types of the relation types that play a role (``jkg:relationRole``)."""
        return sorted(self.schema.relation_types[n].neo4j_type for n in self.schema.relation_types_with_role(role))

    def _relations(self, records: Iterable[Record]) -> list[Relation]:
        seen: dict[str, Relation] = {}
        for r in records:
            rel = relation_from_props(r["props"], self._types[r["type"]], r["subject"], r["object"], self.schema)
            seen[rel.id] = rel
        return list(seen.values())

    def _expand(self, ids: Iterable[str], types: Sequence[str] | None = None, span: Span | None = None,
                refuted: bool = True) -> list[Relation]:
        span = span or Span.of(None)
        return self._relations(self._read(
            cypher.EXPAND, ids=sorted(set(ids)), types=types, refuted=refuted,
            first=dt.date.fromordinal(span.first), last=dt.date.fromordinal(span.last),
        ))

    def _entities(self, ids: Iterable[str]) -> list[Entity]:
        return [self._entity(r) for r in self._read(cypher.ENTITIES, ids=sorted(set(ids)))]

    def _entity(self, record: Record) -> Entity:
        names = tuple(name_from_props(n) for n in record["names"] if n)
        return entity_from_props(record["props"], names, self.schema)

    def _graph(self, relations: Iterable[Relation], ids: Iterable[str] = (),
               sources: Iterable[Source] = ()) -> TemporalGraph:
        """The graph of these relations, their endpoints and the entities named."""
        relations = list(relations)
        wanted = set(ids) | {r.subject for r in relations} | {r.object for r in relations}
        return build_graph(Dataset(sources=list(sources), entities=self._entities(wanted),
                                   relations=relations), self.schema)

    @staticmethod
    def _span_params(span: Span) -> dict[str, dt.date]:
        return {"first": dt.date.fromordinal(span.first), "last": dt.date.fromordinal(span.last)}

    # -- the store interface ----------------------------------------------------------

    def info(self) -> StoreInfo:
        records = self._read(cypher.DATASET)
        if not records:
            raise StoreUnavailableError(f"Neo4j at {self.settings.uri} holds no jkg data: run `jkg load --neo4j`")
        record = records[0]
        return StoreInfo(backend=self.backend, entities=record["entities"], relations=record["relations"],
                         sources=record["sources"], data_version=record["version"])

    def entity(self, ident: str) -> EntityDetail:
        return queries.get_entity(self._graph(self._expand([ident]), [ident]), ident)

    def search(self, query: str, types: Iterable[str] | None = None, limit: int = 20) -> list[SearchHit]:
        version = self.info().data_version
        if self._names is None or self._names[0] != version:
            entities = [self._entity(r) for r in self._read(cypher.ALL_ENTITIES)]
            self._names = (version, build_graph(Dataset(entities=entities), self.schema, version))
        return queries.search_entities(self._names[1], query, types, limit)

    def relations(self, ident: str, types: Iterable[str] | None = None, direction: str = "both",
                  at: object = None, start: object = None, end: object = None) -> list[RelationView]:
        types = list(types) if types is not None else None
        span = time_span(at, start, end)
        rels = self._expand([ident], self._neo4j_types(types), span)
        return queries.relations_of(self._graph(rels, [ident]), ident, types, direction, at, start, end)

    def leaders(self, org: str, at: object = None) -> list[RelationView]:
        rels = self._expand([org], self._type_names("leadership"), Span.of(at))
        return queries.leaders(self._graph(rels, [org]), org, at)

    def _succession_facts(self, organizations: Iterable[str]) -> tuple[list[Relation], set[str]]:
        """Renamings around the organizations, tenures in them, and succession statements."""
        renaming = self._role_types("renaming")
        family: set[str] = set(organizations)
        frontier = set(family)
        facts: list[Relation] = []
        for _ in range(limits.LINEAGE_DEPTH.maximum):
            found = self._expand(frontier, renaming, refuted=False)
            facts.extend(found)
            frontier = {r.subject for r in found} | {r.object for r in found} - family
            family |= frontier
            if not frontier:
                break
        posted = sorted(self.schema.relation_types[n].neo4j_type for n in posted_types(self.schema))
        facts.extend(self._expand(family, posted))
        for neo4j_type in self._role_types("succession"):
            statement = cypher.posted_by_statement(neo4j_type)
            facts.extend(self._relations(self._read(statement, organizations=sorted(family))))
        return facts, family

    def succession(self, org: str, post: str | None = None) -> Succession:
        facts, family = self._succession_facts([org])
        return queries.succession(self._graph(facts, family), org, post)

    def person_succession(self, person: str) -> list[PersonPost]:
        posted = sorted(self.schema.relation_types[n].neo4j_type for n in posted_types(self.schema))
        tenures = self._expand([person], posted)
        facts, family = self._succession_facts({r.object for r in tenures if r.subject == person})
        return queries.person_succession(self._graph([*tenures, *facts], [person, *family]), person)

    def lineage(self, org: str, depth: int | None = None) -> Lineage:
        if depth is not None:
            limits.check(limits.LINEAGE_DEPTH, depth)
        lineage_types = self._type_names("lineage")
        family, frontier = {org}, {org}
        facts: list[Relation] = []
        for _ in range(depth or limits.LINEAGE_DEPTH.maximum):
            found = self._expand(frontier, lineage_types)
            facts.extend(found)
            frontier = ({r.subject for r in found} | {r.object for r in found}) - family
            family |= frontier
            if not frontier:
                break
        structure = self._role_types("structure")
        facts.extend(self._expand(family, [*lineage_types, *structure]))
        facts.extend(self._expand([org]))
        return queries.lineage(self._graph(facts, [org]), org, depth)

    def affiliations(self, org: str, at: object = None) -> list[RelationView]:
        rels = self._expand([org], self._type_names("affiliation"), Span.of(at))
        return queries.affiliations(self._graph(rels, [org]), org, at)

    def paths(self, source: str, target: str, at: object = None, types: Iterable[str] | None = None,
              max_hops: int = 4, limit: int = 5) -> list[PathResult]:
        types = list(types) if types is not None else None
        span = Span.of(at)
        neo4j_types = self._neo4j_types(types)
        relations: list[Relation] = []
        if source != target and limits.PATH_HOPS.minimum <= max_hops <= limits.PATH_HOPS.maximum:
            records = self._read(cypher.SHORTEST_PATHS, source=source, target=target,
                                 types=neo4j_types, **self._span_params(span))
            found = [r["ids"] for r in records if len(r["ids"]) - 1 <= max_hops]
            pairs = sorted({(p[i], p[i + 1]) for p in found for i in range(len(p) - 1)})
            if pairs:
                relations = self._relations(self._read(cypher.BETWEEN, pairs=[list(p) for p in pairs],
                                                       types=neo4j_types, **self._span_params(span)))
        graph = self._graph(relations, [source, target])
        return queries.paths(graph, source, target, at, types, max_hops, limit)

    def neighborhood(self, ident: str, depth: int = 1, at: object = None,
                     types: Iterable[str] | None = None, max_nodes: int = 500) -> Subgraph:
        types = list(types) if types is not None else None
        span = Span.of(at)
        neo4j_types = self._neo4j_types(types)
        seen, frontier = {ident}, {ident}
        for _ in range(max(0, min(depth, limits.NEIGHBORHOOD_DEPTH.maximum))):
            found = self._expand(frontier, neo4j_types, span, refuted=False)
            frontier = ({r.subject for r in found} | {r.object for r in found}) - seen
            seen |= frontier
            if not frontier or len(seen) > max_nodes:
                break
        among = self._relations(self._read(cypher.AMONG, ids=sorted(seen), types=neo4j_types,
                                           **self._span_params(span)))
        return queries.neighborhood(self._graph(among, seen), ident, depth, at, types, max_nodes)

    def timeline(self, ident: str, start: object = None, end: object = None) -> list[TimelineItem]:
        time_span(None, start, end)
        return queries.timeline(self._graph(self._expand([ident]), [ident]), ident, start, end)

    def _valid_at(self, at: object) -> TemporalGraph:
        records = self._read(cypher.VALID_AT, **self._span_params(Span.of(at)))
        return self._graph(self._relations(records))

    def snapshot(self, at: object) -> Subgraph:
        if at is None:
            raise BadParameterError("date", at, "a snapshot needs a date")
        return queries.snapshot(self._valid_at(at), at)

    def changes(self, start: object, end: object, around: str | None = None, depth: int = 1) -> Changes:
        first, last = parse_period(start, end)
        if first is None or last is None:
            return queries.changes(self._empty, start, end, around, depth)  # the query's own error
        span = Span.between(first, last)
        period = self._span_params(span)
        if around is None:
            limits.check(limits.NEIGHBORHOOD_DEPTH, depth)
            entities = [self._entity(r) for r in self._read(cypher.DATED_ENTITIES, **period)]
            relations = self._relations(self._read(cypher.CHANGED, ids=None, **period))
            wanted = {r.subject for r in relations} | {r.object for r in relations}
            known = {e.id for e in entities}
            graph = build_graph(Dataset(entities=[*entities, *self._entities(wanted - known)],
                                        relations=relations), self.schema)
            return queries.changes(graph, start, end)
        seen, frontier = {around}, {around}
        for _ in range(max(0, min(depth, limits.NEIGHBORHOOD_DEPTH.maximum))):  # the query checks the depth
            found = self._expand(frontier, span=span, refuted=False)
            frontier = ({r.subject for r in found} | {r.object for r in found}) - seen
            seen |= frontier
            if not frontier:
                break
        relations = self._relations(self._read(cypher.CHANGED, ids=sorted(seen), **period))
        return queries.changes(self._graph(relations, seen), start, end, around, depth)

    def centrality(self, at: object = None, types: Iterable[str] | None = None, limit: int = 20) -> list[Ranked]:
        types = list(types) if types is not None else None
        limits.check(limits.RESULTS, limit)
        self._empty.check_entity_types(types)
        return queries.centrality(self._valid_at(at), at, types, limit)

    def sources(self) -> list[SourceView]:
        sources = [source_from_props(r["props"]) for r in self._read(cypher.SOURCES)]
        return queries.list_sources(build_graph(Dataset(sources=sources), self.schema))

    def source(self, ident: str) -> SourceDetail:
        found = [source_from_props(r["props"]) for r in self._read(cypher.SOURCE, id=ident)]
        relations = self._relations(self._read(cypher.CITING, id=ident)) if found else []
        supported = [r["id"] for r in self._read(cypher.SUPPORTED_BY, id=ident)] if found else []
        return queries.source_detail(self._graph(relations, supported, found), ident)
