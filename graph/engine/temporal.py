"""The in-memory temporal graph: a networkx MultiDiGraph of entities whose edges are
relation facts, with the indexes the queries need.

Examples
--------
>>> from jkg.graph.pipeline import load_graph
>>> tg = load_graph()
>>> tg.entity("aqim").name
'al-Qaeda in the Islamic Maghreb'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
import numpy as np

from jkg.graph.dataset.cache import DataCache
from jkg.graph.dataset.model import Dataset, Entity, Relation, Source
from jkg.graph.engine.collector import paused_collector
from jkg.graph.engine.dates import Interval, PartialDate, Span, Validity, validity
from jkg.graph.engine.in_order import InOrder
from jkg.graph.engine.viewmaker import ViewMaker
from jkg.graph.exceptions import BadParameterError, NotFoundError
from jkg.graph.search.index import NameIndex
from jkg.ontology.schema import Schema, load_schema

__all__ = ["Lifetime", "TemporalGraph", "build_graph", "relation_limits"]

#: The empty set, shared.
_NONE: frozenset[str] = frozenset()


@dataclass
class TemporalGraph:
    """Entities, relations and sources, with a graph view and indexes."""

    schema: Schema
    entities: dict[str, Entity]
    relations: dict[str, Relation]
    sources: dict[str, Source]
    graph: nx.MultiDiGraph
    data_version: str
    #: every index and view built (see :meth:`prepare`)
    _prepared: bool = field(default=False, init=False, repr=False, compare=False)

    @cached_property
    def views(self) -> ViewMaker:
        """The views answers are made of, each built once and shared (see :class:`ViewMaker`)."""
        return ViewMaker(self)

    @cached_property
    def in_order(self) -> InOrder:
        """Every relation in the order answers list them, with arrays to find them (see :class:`InOrder`)."""
        return InOrder(self)

    @cached_property
    def names(self) -> NameIndex:
        """The search index over every name (built on first search)."""
        return NameIndex(self.entities.values())

    @cached_property
    def cited_by(self) -> dict[str, list[tuple[str, str]]]:
        """Source id -> the entities, names and relations citing it, as (kind, id) pairs."""
        cited: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for entity in self.entities.values():
            for src in entity.sources:
                cited[src].append(("entity", entity.id))
            for name in entity.names:
                for src in name.sources:
                    cited[src].append(("name", f"{entity.id}: {name.text}"))
        for rel in self.relations.values():
            for src in rel.sources:
                cited[src].append(("relation", rel.id))
        return dict(cited)

    def prepare(self, cache: DataCache | None = None) -> TemporalGraph:
        """Build every index, and a view of every entity and relation, now rather than on the first query
        that needs them (for servers: a lookup or a neighborhood then only gathers views).

        With a cache, the indexes of data of this version that do not hold objects of the graph (search,
        time, answer order) are taken from it when it has them, and kept in it otherwise (see
        :class:`~jkg.graph.dataset.cache.DataCache`).
        """
        if self._prepared:
            return self
        with paused_collector(freeze=True):
            if not self._take_indexes(cache):
                self._keep_indexes(cache)
            self.qualified  # noqa: B018
            self._refuted_links  # noqa: B018
            self.in_order._arrays  # noqa: B018 - builds the ref of every entity and the view of every relation
        self._prepared = True
        return self

    def _take_indexes(self, cache: DataCache | None) -> bool:
        """Take the indexes the cache keeps for data of this version, if it has them."""
        kept = cache.indexes(self.data_version) if cache is not None and self.data_version else None
        if kept is None or set(kept) != {"names", "ordinals", "order", "grouped"} or not (
                len(kept["ordinals"]) == len(kept["order"]) == len(self.relations)):
            return False
        # kept in relation order: keyed again by the graph's own ids and relations, not copies of them
        relations = list(self.relations.values())
        self.names = NameIndex(self.entities.values(), kept["names"])
        self._ordinals = dict(zip(self.relations, kept["ordinals"], strict=True))
        self.in_order = InOrder(self, [relations[i] for i in kept["order"].tolist()], kept["grouped"])
        return True

    def _keep_indexes(self, cache: DataCache | None) -> None:
        """Build the indexes :meth:`_take_indexes` takes, and keep them in the cache."""
        if cache is None or not self.data_version:
            self.names, self._ordinals, self.in_order.order  # noqa: B018
            return
        position = {rel.id: i for i, rel in enumerate(self.relations.values())}
        cache.put_indexes(self.data_version, {
            "names": self.names.derived(), "ordinals": list(self._ordinals.values()),
            "order": np.fromiter((position[rel.id] for rel in self.in_order.relations), np.int32, len(position)),
            "grouped": self.in_order.order.grouped,
        })

    @cached_property
    def qualified(self) -> dict[tuple[str, str, str], list[tuple[int, Relation]]]:
        """(relation type, qualifier, value) -> (position in data order, relation), for the entity-valued
        qualifiers (``organization``, ``event``): finds the ``succeeded`` statements about an organization
        without reading every relation."""
        index: dict[tuple[str, str, str], list[tuple[int, Relation]]] = defaultdict(list)
        entity_valued = {name for name, q in self.schema.qualifiers.items() if q.range_class}
        for position, rel in enumerate(self.relations.values()):
            for key, value in rel.qualifiers:
                if key in entity_valued:
                    index[(rel.type, key, value)].append((position, rel))
        return dict(index)

    # -- lookups ------------------------------------------------------------

    def entity(self, ident: str) -> Entity:
        """The entity with this id.

        Raises
        ------
        NotFoundError
        """
        try:
            return self.entities[ident]
        except KeyError:
            raise NotFoundError("entity", ident) from None

    def source(self, ident: str) -> Source:
        try:
            return self.sources[ident]
        except KeyError:
            raise NotFoundError("source", ident) from None

    def check_types(self, types: Iterable[str] | None) -> set[str] | None:
        """Validate relation type names; None means all."""
        return None if types is None else _known("relation types", set(types), self.schema.relation_types)

    def check_entity_types(self, types: Iterable[str] | None) -> set[str] | None:
        """Validate entity type names (a class includes its subclasses); None means all."""
        if types is None:
            return None
        chosen = _known("entity types", set(types), self.schema.classes)
        return {c for c in self.schema.classes if any(self.schema.is_a(c, t) for t in chosen)}

    # -- relations ----------------------------------------------------------

    def edges(self, ident: str, direction: str = "both") -> Iterator[Relation]:
        """Relations with this entity as subject (out), object (in) or either (both)."""
        if direction not in ("out", "in", "both"):
            raise BadParameterError("direction", direction, "must be out, in or both")
        # the adjacency dicts themselves, in the order out_edges/in_edges list them, without their views' cost
        if direction in ("out", "both"):
            for keyed in self.graph._succ.get(ident, {}).values():
                for data in keyed.values():
                    yield data["rel"]
        if direction in ("in", "both"):
            for keyed in self.graph._pred.get(ident, {}).values():
                for data in keyed.values():
                    rel = data["rel"]
                    if direction == "in" or rel.subject != rel.object:
                        yield rel

    def validity(self, rel: Relation, span: Span) -> Validity | None:
        """Whether the relation holds during the span (see :mod:`jkg.graph.engine.dates`).

        The same rule as :meth:`Interval.at`, on the interval's day ordinals computed once.
        """
        return validity(self._ordinals[rel.id], span)

    @cached_property
    def _ordinals(self) -> dict[str, tuple[int, int, int, int]]:
        """Each relation's interval as (possible first, certain first, certain last, possible last) days."""
        limits, bounds_of = self._limits, Interval.bounds_of
        return {rid: bounds_of(*limits(rel)) for rid, rel in self.relations.items()}

    @cached_property
    def intervals(self) -> dict[str, Interval]:
        """Each relation's interval, bounded by its endpoints' lifetimes (see :mod:`jkg.graph.engine.dates`)."""
        return {rid: Interval(*self._limits(rel)) for rid, rel in self.relations.items()}

    def _limits(self, rel: Relation) -> tuple[PartialDate | None, PartialDate | None, PartialDate | None,
                                              PartialDate | None]:
        """The fields of the relation's interval bounded by its endpoints: start, end, not before, not after."""
        if rel.start is not None and rel.end is not None:
            return rel.start, rel.end, None, None
        subject, obj = self.entities[rel.subject], self.entities[rel.object]
        return relation_limits(self.schema, rel, (subject.start, subject.end), (obj.start, obj.end))

    @cached_property
    def _refuted_links(self) -> dict[str, frozenset[str]]:
        """Entity id -> :meth:`refuted_only` of it, for the entities that have any."""
        succ, pred = self.graph._succ, self.graph._pred
        found: dict[str, set[str]] = defaultdict(set)
        for rel in self.relations.values():
            if rel.status != "refuted":
                continue
            a, b = rel.subject, rel.object
            pairs = [*succ[a].get(b, {}).values(), *pred[a].get(b, {}).values()]
            if all(data["rel"].status == "refuted" for data in pairs):
                found[a].add(b)
                found[b].add(a)
        return {ident: frozenset(others) for ident, others in found.items()}

    def refuted_only(self, ident: str) -> frozenset[str]:
        """The entities linked to this one by refuted relations only.

        A traversal of the asserted relations gets an entity's neighbors as its adjacency less these (mostly
        none), without looking at each relation.
        """
        return self._refuted_links.get(ident, _NONE)


Lifetime = tuple[PartialDate | None, PartialDate | None]


def relation_limits(schema: Schema, rel: Relation, subject: Lifetime, obj: Lifetime) -> tuple[
        PartialDate | None, PartialDate | None, PartialDate | None, PartialDate | None]:
    """The fields of a relation's interval bounded by its endpoints' lifetimes (start, end): start, end, not
    before, not after (for every store; see :attr:`TemporalGraph.intervals`)."""
    start, end = rel.start, rel.end
    if start is not None and end is not None:
        return start, end, None, None
    rtype = schema.relation_types[rel.type]
    if rtype.instantaneous and start is not None:
        return start, start, None, None
    endpoints = [subject] if rtype.object_may_have_ended else [subject, obj]
    begins = [e[0] for e in endpoints if e[0] is not None] if start is None else None
    ends = [e[1] for e in endpoints if e[1] is not None] if end is None else None
    return (
        start, end,
        max(begins, key=lambda d: d.earliest) if begins else None,
        min(ends, key=lambda d: d.latest) if ends else None,
    )


def _known(concept: str, chosen: set[str], known: Iterable[str]) -> set[str]:
    """``chosen``, if the ontology knows every name in it; else the error naming the unknown ones."""
    unknown = chosen - set(known)
    if unknown:
        raise BadParameterError(concept, sorted(unknown), f"not {concept} of the ontology (known: {', '.join(known)})")
    return chosen


def build_graph(data: Dataset, schema: Schema | None = None, data_version: str = "") -> TemporalGraph:
    """Build the temporal graph from a validated dataset.

    Parameters
    ----------
    data : Dataset
        Validated data (see :func:`jkg.graph.dataset.validate.load_valid_dataset`).
    schema : Schema, optional
    data_version : str
        A label of the data (a content hash), reported by the store.

    Returns
    -------
    TemporalGraph
    """
    schema = schema or load_schema()
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(entity.id for entity in data.entities)
    # what graph.add_edge(rel.subject, rel.object, key=rel.id, rel=rel) does for a new key, written into the
    # adjacency dicts directly (several times faster at a million relations): the key dict of a pair is
    # shared by the successor and the predecessor maps, as networkx keeps it
    succ, pred = graph._succ, graph._pred
    for rel in data.relations:
        keyed = succ[rel.subject].get(rel.object)
        if keyed is None:
            keyed = succ[rel.subject][rel.object] = pred[rel.object][rel.subject] = {}
        keyed[rel.id] = {"rel": rel}
    return TemporalGraph(
        schema=schema,
        entities={e.id: e for e in data.entities},
        relations={r.id: r for r in data.relations},
        sources={s.id: s for s in data.sources},
        graph=graph,
        data_version=data_version,
    )
