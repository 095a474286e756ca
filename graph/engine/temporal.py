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
from typing import ClassVar

import networkx as nx
import numpy as np

from jkg.graph.dataset.cache import DataCache
from jkg.graph.dataset.model import SOURCE_FIELDS, Dataset, Entity, Relation, Source
from jkg.graph.engine.answer_order import AnswerOrder
from jkg.graph.engine.collector import paused_collector
from jkg.graph.engine.dates import Interval, PartialDate, Span, Validity, validity
from jkg.graph.engine.views import EntityRef, NameView, RelationView, SourceView, assemble, sorted_by_parts
from jkg.graph.exceptions import BadParameterError, NotFoundError
from jkg.graph.search.index import NameIndex
from jkg.ontology.schema import Schema, load_schema

__all__ = ["TemporalGraph", "build_graph"]

#: The empty set, shared.
_NONE: frozenset[str] = frozenset()
#: The qualifiers of a view of a relation without any, shared (views are frozen; see RelationView).
_NO_QUALIFIERS: dict[str, str] = {}


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
            self._arrays  # noqa: B018 - builds the ref of every entity and the view of every relation
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
        self._answer_order = [relations[i] for i in kept["order"].tolist()]
        self._order = AnswerOrder(self._answer_order, sorted(self.entities), kept["grouped"])
        return True

    def _keep_indexes(self, cache: DataCache | None) -> None:
        """Build the indexes :meth:`_take_indexes` takes, and keep them in the cache."""
        if cache is None or not self.data_version:
            self.names, self._ordinals, self._order  # noqa: B018
            return
        position = {rel.id: i for i, rel in enumerate(self.relations.values())}
        cache.put_indexes(self.data_version, {
            "names": self.names.derived(), "ordinals": list(self._ordinals.values()),
            "order": np.fromiter((position[rel.id] for rel in self._answer_order), np.int32, len(position)),
            "grouped": self._order.grouped,
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
        if types is None:
            return None
        chosen = set(types)
        unknown = chosen - set(self.schema.relation_types)
        if unknown:
            raise BadParameterError("relation types", sorted(unknown), "not relation types of the ontology"
                                    f" (known: {', '.join(self.schema.relation_types)})")
        return chosen

    def check_entity_types(self, types: Iterable[str] | None) -> set[str] | None:
        """Validate entity type names (a class includes its subclasses); None means all."""
        if types is None:
            return None
        chosen = set(types)
        unknown = chosen - set(self.schema.classes)
        if unknown:
            raise BadParameterError("entity types", sorted(unknown), "not entity types of the ontology"
                                    f" (known: {', '.join(self.schema.classes)})")
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
        start, end = rel.start, rel.end
        if start is not None and end is not None:
            return start, end, None, None
        rtype = self.schema.relation_types[rel.type]
        if rtype.instantaneous and start is not None:
            return start, start, None, None
        endpoints = [self.entities[rel.subject]]
        if not rtype.object_may_have_ended:
            endpoints.append(self.entities[rel.object])
        begins = [e.start for e in endpoints if e.start is not None] if start is None else None
        ends = [e.end for e in endpoints if e.end is not None] if end is None else None
        return (
            start, end,
            max(begins, key=lambda d: d.earliest) if begins else None,
            min(ends, key=lambda d: d.latest) if ends else None,
        )

    # -- views --------------------------------------------------------------
    # Answers are mostly views of entities and relations (building them was most of a neighborhood's or a
    # snapshot's time). The graph does not change once built and the views are frozen, so each is built once,
    # when first asked for, and shared by every later answer. The caches start empty on first use, so a
    # graph pickled without them loads as it is.

    #: At most this many views flagged certain, and as many flagged possible, are kept: they are kept for the
    #: dates asked about, and keeping them all would double what the undated views (one per relation) take.
    dated_views_cached: ClassVar[int] = 300_000

    @cached_property
    def _refs(self) -> dict[str, EntityRef]:
        """Entity id -> its ref, as built so far."""
        return {}

    @cached_property
    def _views(self) -> dict[Validity | None, dict[int, RelationView]]:
        """Validity -> ``id()`` of a relation -> its view flagged so (None: undated), as built so far.

        Keyed by identity, the cheapest lookup: relations are frozen, and each relation cached is kept (in
        :attr:`_viewed`), so that its ``id()`` names it for as long as the graph lives.
        """
        return {None: {}, "certain": {}, "possible": {}}

    @cached_property
    def _viewed(self) -> list[Relation]:
        """The relations whose views are cached (the graph's own, but for callers passing others)."""
        return []

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

    @cached_property
    def _answer_order(self) -> list[Relation]:
        """Every relation, in the order answers list them: sort_relations' (start day, type, id)."""
        return sorted_by_parts(list(self.relations.values()), _answer_key)

    @cached_property
    def _asserted_in_order(self) -> tuple[list[tuple[int, int, int, int]], list[Relation]]:
        ordered = [rel for rel in self._answer_order if rel.status != "refuted"]
        return [self._ordinals[rel.id] for rel in ordered], ordered

    def asserted_in_order(self) -> tuple[list[tuple[int, int, int, int]], list[Relation]]:
        """The relations not refuted, in the order answers list them, and their day bounds (see :meth:`validity`).

        The order is :func:`~jkg.graph.queries.entities.sort_relations`' (start day, type, id): a snapshot filters
        these by date in one pass and needs no sort. Built on first use.
        """
        return self._asserted_in_order

    @cached_property
    def _order(self) -> AnswerOrder:
        """The relations in answer order, grouped by entity as arrays."""
        return AnswerOrder(self._answer_order, sorted(self.entities))

    def positions_of(self, ident: str) -> np.ndarray:
        """The positions in answer order of the relations of an entity (subject or object), ascending
        (see :meth:`views_at`).

        Raises
        ------
        KeyError
            If no entity has this id.
        """
        return self._order.of(ident)

    @cached_property
    def _arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """As object arrays, to be indexed by arrays of numbers: each entity's ref by number; each relation,
        its undated view, and whether it is asserted (not refuted), in answer order."""
        order = self._answer_order
        # fromiter stores each object as it is (assigning a list would probe every view as a sequence)
        relations = np.fromiter(order, object, len(order))
        views = np.fromiter(self.relation_views(order), object, len(order))
        ids = self._order.ids
        refs = np.fromiter(self.refs(ids), object, len(ids))
        asserted = np.fromiter((rel.status != "refuted" for rel in order), bool, len(order))
        return refs, relations, views, asserted

    def among(self, nodes: Iterable[str]) -> tuple[list[EntityRef], np.ndarray]:
        """The refs of the entities given, sorted by id, and the positions in answer order of every relation
        between two of them, ascending (see :meth:`relations_at`).

        Found with arrays, without a Python step per relation looked at: for large sets of entities.

        Raises
        ------
        KeyError
            If an id is not an entity's.
        """
        numbers, positions = self._order.among(nodes)
        return self._arrays[0][numbers].tolist(), positions

    def relations_at(self, positions: np.ndarray, asserted: bool = False) -> list[Relation]:
        """The relations at these positions in answer order (only those not refuted if ``asserted``)."""
        _, relations, _, kept = self._arrays
        found: list[Relation] = relations[positions[kept[positions]] if asserted else positions].tolist()
        return found

    def views_at(self, positions: np.ndarray, asserted: bool = False) -> list[RelationView]:
        """The undated views of :meth:`relations_at`."""
        _, _, views, kept = self._arrays
        found: list[RelationView] = views[positions[kept[positions]] if asserted else positions].tolist()
        return found

    @cached_property
    def _type_labels(self) -> dict[str, tuple[str, str, bool]]:
        """Relation type -> its name, label and whether it is symmetric, as views show them."""
        return {name: (rtype.name, rtype.label, rtype.symmetric) for name, rtype in self.schema.relation_types.items()}

    def ref(self, ident: str) -> EntityRef:
        """The entity as a ref: one shared, frozen object per entity.

        Raises
        ------
        KeyError
            If no entity has this id.
        """
        found = self._refs.get(ident)
        if found is None:
            entity = self.entities[ident]
            found = self._refs[ident] = assemble(EntityRef, {"id": entity.id, "name": entity.name, "type": entity.type})
        return found

    def refs(self, idents: Iterable[str]) -> list[EntityRef]:
        """:meth:`ref` of each id."""
        built = self._refs
        return [built.get(ident) or self.ref(ident) for ident in idents]

    def relation_views(self, rels: Iterable[Relation], span: Span | None = None) -> list[RelationView]:
        """:meth:`relation_view` of each relation (for large answers: without a call per relation when no date
        is asked)."""
        if span is None or span.everything:
            built = self._views[None]
            return [built.get(id(rel)) or self.dated_view(rel, None) for rel in rels]
        return [self.relation_view(rel, span) for rel in rels]

    def relation_view(self, rel: Relation, span: Span | None = None) -> RelationView:
        """The relation as a fact, flagged with its validity during ``span`` when one is given.

        Parameters
        ----------
        rel : Relation
        span : Span, optional
            The span asked about; none (or all time) leaves ``valid`` null.

        Returns
        -------
        RelationView
            Shared and frozen (see :meth:`dated_view`).
        """
        return self.dated_view(rel, None if span is None or span.everything else self.validity(rel, span))

    def dated_view(self, rel: Relation, valid: Validity | None) -> RelationView:
        """The relation's view with ``valid`` as given, for callers that computed the validity already.

        A relation gets one shared, frozen view per ``valid``, built on first use; a dated view shares
        everything but ``valid`` with the undated one.
        """
        views = self._views[valid]
        found = views.get(id(rel))
        if found is not None:
            return found
        if valid is None:
            type_name, label, symmetric = self._type_labels[rel.type]
            # the graph's data is validated: assembling skips revalidating every field of every view; a type,
            # a date or an empty qualifier map is one object, shared by the views that show it
            refs = self._refs
            found = assemble(RelationView, {
                "id": rel.id, "type": type_name, "label": label, "symmetric": symmetric,
                "subject": refs.get(rel.subject) or self.ref(rel.subject),
                "object": refs.get(rel.object) or self.ref(rel.object),
                "start": rel.start.text if rel.start else None,
                "end": rel.end.text if rel.end else None,
                "start_note": rel.start_note, "status": rel.status, "sources": list(rel.sources),
                "grading": f"{rel.reliability}{rel.credibility}" if rel.reliability and rel.credibility else None,
                "qualifiers": dict(rel.qualifiers) if rel.qualifiers else _NO_QUALIFIERS, "note": rel.note,
                "valid": None,
            })
        else:
            values = self.dated_view(rel, None).__dict__.copy()
            values["valid"] = valid
            found = assemble(RelationView, values)
        if valid is None:
            self._viewed.append(rel)
            views[id(rel)] = found
        elif len(views) < self.dated_views_cached:
            views[id(rel)] = found  # the undated view, cached first, keeps the relation
        return found

    def name_views(self, entity: Entity) -> list[NameView]:
        return [
            NameView(text=n.text, kind=n.kind, lang=n.lang, script=n.script, sources=list(n.sources),
                     start=str(n.start) if n.start else None, end=str(n.end) if n.end else None,
                     shared_reason=n.shared_reason)
            for n in entity.names
        ]

    def source_view(self, source: Source) -> SourceView:
        return SourceView.model_validate({**{key: getattr(source, key) for key in SOURCE_FIELDS},
                                          "date": str(source.date)})


def _answer_key(rel: Relation) -> tuple[str, str, str]:
    """What answers sort relations by (see :func:`~jkg.graph.queries.entities.sort_relations`), on a relation:
    the start's day bounds (:func:`~jkg.graph.engine.dates.order_text`), then type, then id."""
    return rel.start.order_text if rel.start is not None else "", rel.type, rel.id  # order_text(rel.start), inlined


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

