"""Entities by id, by name, and their relations."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from jkg.graph import limits
from jkg.graph.dataset.model import Entity, Relation
from jkg.graph.engine.dates import Span, order_text
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.engine.viewmaker import name_views
from jkg.graph.engine.views import EntityDetail, RelationView, SearchHit, sorted_by_parts
from jkg.graph.exceptions import BadParameterError
from jkg.graph.search.index import NameIndex
from jkg.ontology.schema import Schema

__all__ = ["get_entity", "relations_of", "search_entities", "sort_relations"]


def sort_relations(views: Iterable[RelationView]) -> list[RelationView]:
    """Relations in time order by start day (unknown starts first), then by type and id: one order for every store.

    That is ``sorted(views, key=lambda v: (order_key(start), v.type, v.id))``: the start's earliest day, then its
    latest (see :func:`~jkg.graph.engine.dates.order_key`), compared as text (see :func:`sorted_by_parts`).

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> tg = example_graph()
    >>> [(v.start, v.type) for v in sort_relations(tg.views.relation_view(r) for r in tg.edges("third-emir"))]
    [('2015', 'deputyOf'), ('2020-11', 'leaderOf'), ('2020-11', 'succeeded')]
    """
    return sorted_by_parts(list(views), _start_type_id)


def _start_type_id(view: RelationView) -> tuple[str, str, str]:
    return order_text(view.start), view.type, view.id


def get_entity(tg: TemporalGraph, ident: str) -> EntityDetail:
    """An entity with its names, identifiers and every relation it takes part in.

    Parameters
    ----------
    tg : TemporalGraph
    ident : str
        Entity id, such as ``"aqim"``.

    Returns
    -------
    EntityDetail

    Raises
    ------
    NotFoundError
        If no entity has this id.

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> detail = get_entity(example_graph(), "example-front")
    >>> detail.type, [n.text for n in detail.names]
    ('MilitantGroup', ['Example Front', 'Front Exemple'])
    """
    entity = tg.entity(ident)
    return entity_detail(tg.schema, entity, tg.in_order.views_at(tg.in_order.positions_of(ident)))


def entity_detail(schema: Schema, entity: Entity, relations: list[RelationView]) -> EntityDetail:
    """:func:`get_entity` from the entity and its relations' views in answer order, for every store."""
    return EntityDetail(
        id=entity.id, type=entity.type, labels=list(schema.classes[entity.type].lineage),
        name=entity.name, names=name_views(entity), identifiers=dict(entity.identifiers),
        description=entity.description, start=str(entity.start) if entity.start else None,
        end=str(entity.end) if entity.end else None, note=entity.note, sources=list(entity.sources),
        relations=relations,
    )


def search_entities(tg: TemporalGraph, query: str, types: Iterable[str] | None = None,
                    limit: int = 20) -> list[SearchHit]:
    """Entities whose names or aliases match ``query``, best first.

    Matching ignores case, accents and script, folds French and English
    transliterations, and tolerates typos; see :mod:`jkg.graph.search.index` for ranking.

    Parameters
    ----------
    tg : TemporalGraph
    query : str
        A name, alias, acronym or spelling variant.
    types : iterable of str, optional
        Entity types to keep; a class keeps its subclasses (``["Organization"]``).
    limit : int
        At most this many hits (1-500).

    Returns
    -------
    list of SearchHit

    Raises
    ------
    BadParameterError
        Empty query, unknown type, or limit out of range.

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> search_entities(example_graph(), "Ain Mithal")[0].id
    'ain-mithal'
    """
    return search_names(tg.names, query, lambda: tg.check_entity_types(types), limit)


def search_names(names: NameIndex, query: str, allowed: Callable[[], set[str] | None], limit: int) -> list[SearchHit]:
    """:func:`search_entities` in a name index, for every store: ``allowed()`` checks the types asked for
    (after the query and the limit) and gives the entity types to keep."""
    if not query or not query.strip():
        raise BadParameterError(limits.QUERY_LENGTH.concept, query, "must not be empty")
    if len(query) > limits.QUERY_LENGTH.maximum:
        raise BadParameterError(limits.QUERY_LENGTH.concept, query[:20] + "...",
                                f"must be at most {limits.QUERY_LENGTH.maximum} characters")
    limits.check(limits.RESULTS, limit)
    return names.search(query, allowed(), limit)


def relations_of(tg: TemporalGraph, ident: str, types: Iterable[str] | None = None,
                 direction: str = "both", at: object = None, start: object = None,
                 end: object = None) -> list[RelationView]:
    """Relations of an entity, filtered by type, direction and time.

    Parameters
    ----------
    tg : TemporalGraph
    ident : str
    types : iterable of str, optional
        Relation types to keep.
    direction : {"both", "out", "in"}
        ``out``: the entity is the subject; ``in``: the object. A relation of a symmetric
        type (``owl:SymmetricProperty``, such as ``rivalOf``) reads the same both ways: it
        is kept for either direction, and its view says ``symmetric``.
    at : str, optional
        Keep relations possibly valid at this partial date (flagged certain or possible).
    start, end : str, optional
        Keep relations possibly valid at some time between these dates.

    Returns
    -------
    list of RelationView

    Raises
    ------
    NotFoundError, BadParameterError, BadDateError

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> tg = example_graph()
    >>> [(r.object.id, r.valid) for r in relations_of(tg, "second-emir", types=["leaderOf"], at="2010")]
    [('example-front', 'certain')]
    >>> [(r.subject.id, r.symmetric) for r in relations_of(tg, "example-front", types=["rivalOf"], direction="out")]
    [('rival-band', True)]
    """
    tg.entity(ident)
    chosen = tg.check_types(types)
    span = time_span(at, start, end)
    views = []
    for rel in _directed(tg, ident, direction):
        if chosen is not None and rel.type not in chosen:
            continue
        if not span.everything and tg.validity(rel, span) is None:
            continue
        views.append(tg.views.relation_view(rel, span))
    return sort_relations(views)


def _directed(tg: TemporalGraph, ident: str, direction: str) -> Iterator[Relation]:
    """Relations of the entity in a direction, symmetric ones whichever side the entity is on."""
    yield from tg.edges(ident, direction)
    symmetric = tg.schema.symmetric_types
    if direction != "both" and symmetric:
        other = "in" if direction == "out" else "out"
        yield from (r for r in tg.edges(ident, other) if r.type in symmetric and r.subject != r.object)


def time_span(at: object = None, start: object = None, end: object = None) -> Span:
    """The span a query asks about: ``at``, or ``start``..``end``, or all time."""
    if at is not None and (start is not None or end is not None):
        raise BadParameterError("date", at, "give either 'at' or 'from'/'to', not both")
    if at is not None:
        return Span.of(at)
    return Span.between(start, end)
