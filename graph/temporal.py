"""The in-memory temporal graph: a networkx MultiDiGraph of entities whose edges are
relation facts, with the indexes the queries need.

Examples
--------
>>> from jkg.graph.temporal import load_graph
>>> tg = load_graph()
>>> tg.entity("aqim").name
'al-Qaeda in the Islamic Maghreb'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import networkx as nx

from jkg.graph.collector import paused_collector
from jkg.graph.data_cache import DataCache
from jkg.graph.dates import Interval, Span, Validity, validity
from jkg.graph.exceptions import BadParameterError, NotFoundError
from jkg.graph.model import Dataset, Entity, Relation, Source
from jkg.graph.reader import data_version, file_contents
from jkg.graph.results import EntityRef, NameView, RelationView, SourceView
from jkg.graph.search import NameIndex
from jkg.graph.validate import load_valid_dataset
from jkg.ontology.schema import Schema, load_schema

__all__ = ["DEFAULT_DATA", "TemporalGraph", "build_graph", "load_graph"]

#: The seed data folder of a source checkout.
DEFAULT_DATA = Path(__file__).resolve().parent.parent / "seed_data"


@dataclass
class TemporalGraph:
    """Entities, relations and sources, with a graph view and indexes."""

    schema: Schema
    entities: dict[str, Entity]
    relations: dict[str, Relation]
    sources: dict[str, Source]
    graph: nx.MultiDiGraph
    data_version: str
    #: source id -> ids of the entities, names and relations citing it
    cited_by: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    @cached_property
    def names(self) -> NameIndex:
        """The search index over every name (built on first search)."""
        return NameIndex(self.entities.values())

    def prepare(self) -> TemporalGraph:
        """Build every index now rather than on the first query that needs it (for servers)."""
        with paused_collector():
            self.names  # noqa: B018
            self.qualified  # noqa: B018
            self._ordinals  # noqa: B018
        return self

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

    def check_types(self, types: Iterable[str] | None, parameter: str = "types") -> set[str] | None:
        """Validate relation type names; None means all."""
        if types is None:
            return None
        chosen = set(types)
        unknown = chosen - set(self.schema.relation_types)
        if unknown:
            raise BadParameterError(parameter, sorted(unknown), "not relation types of the ontology"
                                    f" (known: {', '.join(self.schema.relation_types)})")
        return chosen

    def check_entity_types(self, types: Iterable[str] | None, parameter: str = "type") -> set[str] | None:
        """Validate entity type names (a class includes its subclasses); None means all."""
        if types is None:
            return None
        chosen = set(types)
        unknown = chosen - set(self.schema.classes)
        if unknown:
            raise BadParameterError(parameter, sorted(unknown), "not entity types of the ontology"
                                    f" (known: {', '.join(self.schema.classes)})")
        return {c for c in self.schema.classes if any(self.schema.is_a(c, t) for t in chosen)}

    # -- relations ----------------------------------------------------------

    def edges(self, ident: str, direction: str = "both") -> Iterator[Relation]:
        """Relations with this entity as subject (out), object (in) or either (both)."""
        if direction not in ("out", "in", "both"):
            raise BadParameterError("direction", direction, "must be out, in or both")
        if direction in ("out", "both"):
            for _, _, rel in self.graph.out_edges(ident, data="rel"):
                yield rel
        if direction in ("in", "both"):
            for _, _, rel in self.graph.in_edges(ident, data="rel"):
                if direction == "in" or rel.subject != rel.object:
                    yield rel

    def validity(self, rel: Relation, span: Span) -> Validity | None:
        """Whether the relation holds during the span (see :mod:`jkg.graph.dates`).

        The same rule as :meth:`Interval.at`, on the interval's day ordinals computed once.
        """
        return validity(self._ordinals[rel.id], span)

    @cached_property
    def _ordinals(self) -> dict[str, tuple[int, int, int, int]]:
        """Each relation's interval as (possible first, certain first, certain last, possible last) days."""
        return {rid: interval.bounds() for rid, interval in self.intervals.items()}

    @cached_property
    def intervals(self) -> dict[str, Interval]:
        """Each relation's interval, bounded by its endpoints' lifetimes (see :mod:`jkg.graph.dates`)."""
        return {rid: self._bounded(rel) for rid, rel in self.relations.items()}

    def _bounded(self, rel: Relation) -> Interval:
        if rel.start is not None and rel.end is not None:
            return rel.interval
        rtype = self.schema.relation_types[rel.type]
        if rtype.instantaneous and rel.start is not None:
            return Interval(rel.start, rel.start)
        endpoints = [self.entities[rel.subject]]
        if not rtype.object_may_have_ended:
            endpoints.append(self.entities[rel.object])
        begins = [e.start for e in endpoints if e.start is not None]
        ends = [e.end for e in endpoints if e.end is not None]
        return Interval(
            rel.start, rel.end,
            not_before=max(begins, key=lambda d: d.earliest) if rel.start is None and begins else None,
            not_after=min(ends, key=lambda d: d.latest) if rel.end is None and ends else None,
        )

    # -- views --------------------------------------------------------------

    def ref(self, ident: str) -> EntityRef:
        entity = self.entities[ident]
        return EntityRef(id=entity.id, name=entity.name, type=entity.type)

    def relation_view(self, rel: Relation, span: Span | None = None) -> RelationView:
        rtype = self.schema.relation_types[rel.type]
        grading = f"{rel.reliability}{rel.credibility}" if rel.reliability and rel.credibility else None
        return RelationView(
            id=rel.id, type=rel.type, label=rtype.label,
            subject=self.ref(rel.subject), object=self.ref(rel.object),
            start=str(rel.start) if rel.start else None, end=str(rel.end) if rel.end else None,
            start_note=rel.start_note, status=rel.status, sources=list(rel.sources), grading=grading,
            qualifiers=dict(rel.qualifiers), note=rel.note,
            valid=None if span is None or span.everything else self.validity(rel, span),
        )

    def name_views(self, entity: Entity) -> list[NameView]:
        return [
            NameView(text=n.text, kind=n.kind, lang=n.lang, script=n.script, sources=list(n.sources),
                     start=str(n.start) if n.start else None, end=str(n.end) if n.end else None,
                     shared_reason=n.shared_reason)
            for n in entity.names
        ]

    def source_view(self, source: Source) -> SourceView:
        return SourceView(
            id=source.id, publisher=source.publisher, date=str(source.date), title=source.title,
            publication=source.publication, author=source.author, url=source.url,
            reliability=source.reliability, cited_via=source.cited_via, note=source.note,
        )


def build_graph(data: Dataset, schema: Schema | None = None, data_version: str = "") -> TemporalGraph:
    """Build the temporal graph from a validated dataset.

    Parameters
    ----------
    data : Dataset
        Validated data (see :func:`jkg.graph.validate.load_valid_dataset`).
    schema : Schema, optional
    data_version : str
        A label of the data (a content hash), reported by the store.

    Returns
    -------
    TemporalGraph
    """
    schema = schema or load_schema()
    graph = nx.MultiDiGraph()
    for entity in data.entities:
        graph.add_node(entity.id)
    for rel in data.relations:
        graph.add_edge(rel.subject, rel.object, key=rel.id, rel=rel)
    cited_by: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for entity in data.entities:
        for src in entity.sources:
            cited_by[src].append(("entity", entity.id))
        for name in entity.names:
            for src in name.sources:
                cited_by[src].append(("name", f"{entity.id}: {name.text}"))
    for rel in data.relations:
        for src in rel.sources:
            cited_by[src].append(("relation", rel.id))
    return TemporalGraph(
        schema=schema,
        entities={e.id: e for e in data.entities},
        relations={r.id: r for r in data.relations},
        sources={s.id: s for s in data.sources},
        graph=graph,
        data_version=data_version,
        cited_by=dict(cited_by),
    )


def load_graph(paths: Iterable[Path] | None = None, cache_dir: Path | None = None,
               progress: Callable[[str, int], None] | None = None) -> TemporalGraph:
    """Validate data files and build the graph (the seed data by default).

    The graph of unchanged files is reused within a process: files are hashed, and
    only new content is validated and built again.

    Parameters
    ----------
    paths : iterable of Path, optional
        Data files or folders; the seed data by default.
    cache_dir : Path, optional
        Keep files read, and data found valid, there (see :mod:`jkg.graph.data_cache`),
        so that the next process does not parse or validate unchanged data again.
    progress : callable, optional
        Called with each file's name and size in bytes once it is read.

    Raises
    ------
    DataValidationError
        If the data has any problem; nothing is built.
    """
    chosen = tuple(p.resolve() for p in (paths if paths is not None else [DEFAULT_DATA]))
    key = (chosen, data_version(file_contents(chosen)), cache_dir)
    graph = _built.get(key)
    if graph is None:
        schema = load_schema()
        cache = DataCache(cache_dir) if cache_dir else None
        with paused_collector():
            data = load_valid_dataset(chosen, schema, cache=cache, progress=progress)
            graph = build_graph(data, schema, data.version)
        while len(_built) >= 2:  # a large graph is most of the process's memory
            del _built[next(iter(_built))]
        _built[key] = graph
    return graph


#: The graphs last built, by the files' paths and content (and the cache they used).
_built: dict[tuple[tuple[Path, ...], str, Path | None], TemporalGraph] = {}
