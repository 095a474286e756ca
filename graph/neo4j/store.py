"""The Neo4j store: the store interface answered from Neo4j with Cypher.

Each method sends one read statement of :mod:`.cypher` (in a read transaction, routed to secondaries in a
cluster), anchored on the served generation (``(:Dataset {id: 'jkg'}).current``), that returns the answer's
rows already filtered and ordered in the database: the time rule on the stored day bounds, types, status,
depth and hop limits. No graph is built per request: the rows are shaped into the result models
(:mod:`.shape`), and where a question has logic of its own (a succession across renamings, a lineage's
relatives, paths, a neighborhood's size, centrality, changes, a timeline) the store hands the rows to the
same pure functions of :mod:`jkg.graph.queries` the embedded store uses. Parameters are checked before
the read, as the queries check them (an unknown entity is reported before a bad parameter).
The contract and parity suites check the answers against the embedded store's on a live server.

Search keeps an in-memory name index of the served data version, rebuilt when the version changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from neo4j import READ_ACCESS, Driver, NotificationMinimumSeverity, Query, Record
from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

from jkg.graph import limits
from jkg.graph.dataset.model import Dataset, Relation
from jkg.graph.engine.dates import Interval, Span, Validity
from jkg.graph.engine.temporal import build_graph, relation_limits
from jkg.graph.engine.viewmaker import source_view
from jkg.graph.engine.views import (
    Changes,
    EntityDetail,
    EntityRef,
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
    assemble,
)
from jkg.graph.exceptions import BadDateError, BadParameterError, NotFoundError, StoreUnavailableError
from jkg.graph.neo4j import cypher
from jkg.graph.neo4j.config import Neo4jSettings, connect
from jkg.graph.neo4j.rows import entity_from_props, name_from_props, source_from_props
from jkg.graph.neo4j.shape import Row, Shaper, date_of, ref
from jkg.graph.queries.changes import changes_of, check_period
from jkg.graph.queries.entities import entity_detail, search_names, sort_relations, time_span
from jkg.graph.queries.leadership import (
    check_kind,
    check_post,
    founding_order,
    person_posts_of,
    posted_types,
    succession_of,
)
from jkg.graph.queries.lineage import lineage_of
from jkg.graph.queries.network import check_reach, path_results, ranked_of
from jkg.graph.queries.sources import source_detail_of
from jkg.graph.queries.timeline import timeline_of
from jkg.graph.search.index import NameIndex
from jkg.ontology.schema import Schema, load_schema

__all__ = ["Neo4jStore"]

T = TypeVar("T")


class Neo4jStore:
    """Answers the store interface from a Neo4j database loaded by ``jkg load --neo4j``."""

    backend = "neo4j"

    def __init__(self, settings: Neo4jSettings | None = None, driver: Driver | None = None,
                 schema: Schema | None = None) -> None:
        self.settings = settings or Neo4jSettings()
        self.schema = schema or load_schema()
        self.driver = driver or connect(self.settings, verify=False)
        self.shape = Shaper(self.schema)
        self._names: tuple[str, NameIndex] | None = None
        # an empty graph checks type names exactly as the queries do (built once, never per request)
        self._empty = build_graph(Dataset(), self.schema)
        schema = self.schema
        neo4j = {name: t.neo4j_type for name, t in schema.relation_types.items()}
        succession_types = tuple(neo4j[n] for n in schema.relation_types_with_role("succession"))
        self._succession = cypher.succession_statement(succession_types)
        self._person_succession = cypher.person_succession_statement(succession_types)
        self._types = {
            "renaming": sorted(neo4j[n] for n in schema.relation_types_with_role("renaming")),
            "posted": sorted(neo4j[n] for n in posted_types(schema)),
            "lineage": sorted(neo4j[n] for n in schema.relation_types_in("lineage")),
            "structure": sorted(neo4j[n] for n in schema.relation_types_with_role("structure")),
            "roles": sorted(neo4j[n] for role in ("renaming", "split", "merger", "structure")
                            for n in schema.relation_types_with_role(role)),
            "leadership": sorted(neo4j[n] for n in schema.relation_types_in("leadership")),
            "affiliation": sorted(neo4j[n] for n in schema.relation_types_in("affiliation")),
            "symmetric": sorted(neo4j[n] for n in schema.symmetric_types),
        }

    # -- plumbing ------------------------------------------------------------------

    def check(self) -> StoreInfo:
        """Verify that Neo4j answers and holds jkg data; a clear error if not."""
        connect(self.settings).close()
        return self.info()

    def close(self) -> None:
        self.driver.close()

    def _read(self, statement: str, **params: Any) -> list[Record]:
        """The records of one read statement: an auto-commit read (one round trip, where a managed
        transaction takes three), routed to a reader in a cluster."""
        try:
            # notifications off: a statement names properties some data never has (``note``), which is no news
            with self.driver.session(database=self.settings.database, default_access_mode=READ_ACCESS,
                                     notifications_min_severity=NotificationMinimumSeverity.OFF) as session:
                records = list(session.run(Query(statement, timeout=self.settings.query_timeout), params))
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

    def _one(self, kind: str, ident: str, statement: str, **params: Any) -> Record:
        """The one record of a read about an entity; not found when it has none."""
        records = self._read(statement, **params)
        if not records:
            raise NotFoundError(kind, ident)
        return records[0]

    def _checked(self, idents: Sequence[str], check: Callable[[], T], kind: str | None = None) -> T:
        """``check()`` (the parameters), reporting first, as the queries do, an entity that does not exist
        (or is not of the ``kind`` asked) when a parameter is bad."""
        try:
            return check()
        except (BadParameterError, BadDateError):
            self._missing(idents)
            if kind is not None:
                for ident in idents:
                    check_kind(self.schema, ident, self._read(cypher.ENTITY_EXISTS, id=ident)[0]["type"], kind)
            raise

    def _missing(self, idents: Sequence[str]) -> None:
        """Not found: the first of these entities that does not exist."""
        for ident in idents:
            if not self._read(cypher.ENTITY_EXISTS, id=ident):
                raise NotFoundError("entity", ident)

    def _neo4j_types(self, names: Iterable[str] | None) -> list[str] | None:
        chosen = self._empty.check_types(names)
        if chosen is None:
            return None
        return sorted(self.schema.relation_types[n].neo4j_type for n in chosen)

    # -- the store interface ----------------------------------------------------------

    def info(self) -> StoreInfo:
        records = self._read(cypher.DATASET)
        if not records:
            raise StoreUnavailableError(f"Neo4j at {self.settings.uri} holds no jkg data: run `jkg load --neo4j`")
        record = records[0]
        return StoreInfo(backend=self.backend, entities=record["entities"], relations=record["relations"],
                         sources=record["sources"], data_version=record["version"])

    def entity(self, ident: str) -> EntityDetail:
        record = self._one("entity", ident, cypher.ENTITY_DETAIL, id=ident, **self.shape.params())
        names = tuple(name_from_props(n) for n in record["names"] if n)
        entity = entity_from_props(record["props"], names, self.schema)
        return entity_detail(self.schema, entity, self.shape.views(record["relations"]))

    def search(self, query: str, types: Iterable[str] | None = None, limit: int = 20) -> list[SearchHit]:
        version = self.info().data_version
        if self._names is None or self._names[0] != version:
            entities = [entity_from_props(r["props"], tuple(name_from_props(n) for n in r["names"] if n),
                                          self.schema) for r in self._read(cypher.ALL_ENTITIES)]
            self._names = (version, NameIndex(entities))
        return search_names(self._names[1], query, lambda: self._empty.check_entity_types(types), limit)

    def _relations_of(self, ident: str, types: list[str] | None, direction: str, span: Span,
                      kind: str | None = None) -> list[RelationView]:
        record = self._one("entity", ident, cypher.RELATIONS_OF, id=ident, types=types, direction=direction,
                           symmetric=self._types["symmetric"], **self.shape.params(span))
        if kind is not None:
            check_kind(self.schema, ident, record["entity"][2], kind)
        return self.shape.views(record["relations"])

    def relations(self, ident: str, types: Iterable[str] | None = None, direction: str = "both",
                  at: object = None, start: object = None, end: object = None) -> list[RelationView]:
        def check() -> tuple[list[str] | None, Span]:
            chosen = self._neo4j_types(types)
            span = time_span(at, start, end)
            if direction not in ("out", "in", "both"):
                raise BadParameterError("direction", direction, "must be out, in or both")
            return chosen, span

        chosen, span = self._checked([ident], check)
        return self._relations_of(ident, chosen, direction, span)

    def leaders(self, org: str, at: object = None) -> list[RelationView]:
        span = self._checked([org], lambda: Span.of(at), "Organization")
        return self._relations_of(org, self._types["leadership"], "in", span, "Organization")

    def affiliations(self, org: str, at: object = None) -> list[RelationView]:
        span = self._checked([org], lambda: Span.of(at), "Organization")
        return self._relations_of(org, self._types["affiliation"], "both", span, "Organization")

    def _chain(self, org: Row, family: Sequence[Row], tenures: Sequence[Row], statements: Sequence[Row],
               post: str | None, refs: dict[str, EntityRef]) -> tuple[str, Succession]:
        """The oldest organization of the family, and the succession of ``post`` in ``org``."""
        for row in family:
            refs.setdefault(row[0], ref(row))
        refs.update(self.shape.endpoints(tenures))
        refs.update(self.shape.endpoints(statements))
        ordered = founding_order((row[0], row[3]) for row in family)
        found = succession_of(self.schema, ref(org), org[2], [refs[i] for i in ordered],
                              [self.shape.relation(r) for r in tenures],
                              [self.shape.relation(r) for r in statements], post, refs.__getitem__)
        return ordered[0], found

    def succession(self, org: str, post: str | None = None) -> Succession:
        self._checked([org], lambda: check_post(self.schema, post), "Organization")
        record = self._one("entity", org, self._succession, id=org, renaming=self._types["renaming"],
                           posted=self._types["posted"], **self.shape.params())
        check_kind(self.schema, org, record["entity"][2], "Organization")
        return self._chain(record["entity"], record["family"], record["tenures"], record["statements"], post, {})[1]

    def person_succession(self, person: str) -> list[PersonPost]:
        record = self._one("entity", person, self._person_succession, id=person, renaming=self._types["renaming"],
                           posted=self._types["posted"], **self.shape.params())
        check_kind(self.schema, person, record["entity"][2], "Person")
        refs: dict[str, EntityRef] = {}
        chains = {row[0][0]: row for row in record["chains"]}

        def chain(org: str, post: str) -> tuple[str, Succession]:
            found = chains[org]
            return self._chain(found[0], found[1], found[2], found[3], post, refs)

        tenures: list[Relation] = [self.shape.relation(r) for r in record["tenures"]]
        refs.update(self.shape.endpoints(record["tenures"]))
        return person_posts_of(self.schema, person, tenures, chain, lambda i: refs[i])

    def lineage(self, org: str, depth: int | None = None) -> Lineage:
        if depth is not None:
            self._checked([org], lambda: limits.check(limits.LINEAGE_DEPTH, depth), "Organization")
        record = self._one("entity", org, cypher.LINEAGE, id=org, depth=depth, lineage=self._types["lineage"],
                           structure=self._types["structure"], roles=self._types["roles"], **self.shape.params())
        check_kind(self.schema, org, record["entity"][2], "Organization")
        return lineage_of(self.schema, ref(record["entity"]), self.shape.views(record["own"]),
                          self.shape.views(record["edges"]))

    def paths(self, source: str, target: str, at: object = None, types: Iterable[str] | None = None,
              max_hops: int = 4, limit: int = 5) -> list[PathResult]:
        def check() -> tuple[Span, list[str] | None]:
            limits.check(limits.PATH_HOPS, max_hops)
            limits.check(limits.PATHS, limit)
            span = Span.of(at)
            return span, self._neo4j_types(types)

        span, chosen = self._checked([source, target], check)
        records = self._read(cypher.PATHS, source=source, target=target, types=chosen, maxHops=max_hops,
                             limit=limit, **self.shape.params(span))
        if not records:
            self._missing([source, target])
        record = records[0]
        if source == target:
            return [PathResult(nodes=[ref(record["source"])], steps=[])]
        between: dict[frozenset[str], list[RelationView]] = {}
        for view in self.shape.views(record["relations"]):
            between.setdefault(frozenset((view.subject.id, view.object.id)), []).append(view)
        found = [[ref(node) for node in path] for path in record["paths"]]
        return path_results(found, lambda a, b: between.get(frozenset((a, b)), []))

    def neighborhood(self, ident: str, depth: int = 1, at: object = None,
                     types: Iterable[str] | None = None, max_nodes: int = 500) -> Subgraph:
        def check() -> tuple[Span, list[str] | None]:
            limits.check(limits.NEIGHBORHOOD_DEPTH, depth)
            limits.check(limits.NEIGHBORHOOD_ENTITIES, max_nodes)
            span = Span.of(at)
            return span, self._neo4j_types(types)

        span, chosen = self._checked([ident], check)
        record = self._one("entity", ident, cypher.NEIGHBORHOOD, id=ident, depth=depth, maxNodes=max_nodes,
                           types=chosen, **self.shape.params(span))
        check_reach(record["count"], depth, max_nodes)
        nodes = {row[0]: ref(row) for row in record["nodes"]}
        return Subgraph(nodes=list(nodes.values()), edges=self.shape.views(record["relations"], nodes))

    def timeline(self, ident: str, start: object = None, end: object = None) -> list[TimelineItem]:
        span = self._checked([ident], lambda: time_span(None, start, end))
        record = self._one("entity", ident, cypher.TIMELINE, id=ident, **self.shape.params())
        links = []
        for row, other_start in record["links"]:
            other = row[12] if row[11][0] == ident else row[11]
            links.append((self.shape.view(row), ref(other), date_of(other_start)))
        return timeline_of(self.schema, ref(record["entity"]), date_of(record["start"]), date_of(record["end"]),
                           links, span)

    def snapshot(self, at: object) -> Subgraph:
        if at is None:
            raise BadParameterError("date", at, "a snapshot needs a date")
        span = Span.of(at)
        rows = [r["row"] for r in self._read(cypher.VALID_DURING, **self.shape.params(span))]
        edges = sort_relations(self.shape.views(rows))
        nodes = self.shape.endpoints(rows)
        return Subgraph(nodes=[nodes[i] for i in sorted(nodes)], edges=edges)

    def changes(self, start: object, end: object, around: str | None = None, depth: int = 1) -> Changes:
        first, last = check_period(start, end)
        params = self.shape.params(Span.between(first, last))
        if around is None:
            limits.check(limits.NEIGHBORHOOD_DEPTH, depth)
            relations = [r["row"] for r in self._read(cypher.CHANGED_EVERYWHERE, **params)]
            entities = [(r["entity"], r["start"], r["end"]) for r in self._read(cypher.DATED_ENTITIES, **params)]
        else:
            self._checked([around], lambda: limits.check(limits.NEIGHBORHOOD_DEPTH, depth))
            record = self._one("entity", around, cypher.CHANGED_AROUND, id=around, depth=depth, types=None,
                               **params)
            relations, entities = record["relations"], record["entities"]
        refs = {row[0]: ref(row) for row, _, _ in entities}
        views: dict[str, RelationView] = {}
        found = []
        for row, subject, obj in relations:
            rel = self.shape.relation(row)
            views[rel.id] = self.shape.view(row)
            lifetimes = ((date_of(subject[0]), date_of(subject[1])), (date_of(obj[0]), date_of(obj[1])))
            found.append((rel, Interval(*relation_limits(self.schema, rel, *lifetimes))))
        return changes_of(
            self.schema, first, last, found, lambda rel, valid: dated(views[rel.id], valid),
            ((row[0], row[2], date_of(began), date_of(ended)) for row, began, ended in entities),
            lambda ids: [refs[i] for i in ids],
        )

    def centrality(self, at: object = None, types: Iterable[str] | None = None, limit: int = 20) -> list[Ranked]:
        limits.check(limits.RESULTS, limit)
        allowed = self._empty.check_entity_types(types)
        span = Span.of(at)
        record = self._read(cypher.CENTRALITY, allowed=sorted(allowed) if allowed is not None else None,
                            limit=limit, **self.shape.params(span))[0]
        return ranked_of([(ref(row), row[3]) for row in record["top"]], record["linked"])

    def sources(self) -> list[SourceView]:
        return [source_view(source_from_props(r["props"])) for r in self._read(cypher.SOURCES)]

    def source(self, ident: str) -> SourceDetail:
        records = self._read(cypher.SOURCE_DETAIL, id=ident, **self.shape.params())
        if not records:
            raise NotFoundError("source", ident)
        record = records[0]
        entities = {row[0]: ref(row) for row in record["entities"] if row[0] is not None}
        return source_detail_of(source_from_props(record["props"]), list(entities.values()), record["names"],
                                self.shape.views(record["relations"]))



def dated(view: RelationView, valid: Validity) -> RelationView:
    """The view flagged with a validity (views are frozen: a copy)."""
    values = view.__dict__.copy()
    values["valid"] = valid
    return assemble(RelationView, values)
