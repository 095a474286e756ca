"""Entities by id, by name, and their relations."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from jkg.graph.dataset.model import Relation
from jkg.graph.engine.dates import Span
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.engine.views import EntityDetail, RelationView, SearchHit, sorted_by_parts
from jkg.graph.exceptions import BadParameterError

__all__ = ["MAX_LIMIT", "get_entity", "relations_of", "search_entities", "sort_relations"]

#: The most results one call returns.
MAX_LIMIT = 500


def check_limit(limit: int, parameter: str = "limit", maximum: int = MAX_LIMIT) -> None:
    """Refuse a limit outside 1..maximum."""
    if not 1 <= limit <= maximum:
        raise BadParameterError(parameter, limit, f"must be between 1 and {maximum}")


def sort_relations(views: Iterable[RelationView]) -> list[RelationView]:
    """Relations in time order (unknown starts first), then by type and id: one order for every store.

    That is ``sorted(views, key=lambda v: (v.start or "", v.type, v.id))`` (see :func:`sorted_by_parts`).
    """
    return sorted_by_parts(list(views), _start_type_id)


def _start_type_id(view: RelationView) -> tuple[str, str, str]:
    return view.start or "", view.type, view.id


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
    >>> from jkg.graph.pipeline import load_graph
    >>> detail = get_entity(load_graph(), "aqim")
    >>> detail.type, "AQMI" in [n.text for n in detail.names]
    ('MilitantGroup', True)
    """
    entity = tg.entity(ident)
    return EntityDetail(
        id=entity.id, type=entity.type, labels=list(tg.schema.classes[entity.type].lineage),
        name=entity.name, names=tg.name_views(entity), identifiers=dict(entity.identifiers),
        description=entity.description, start=str(entity.start) if entity.start else None,
        end=str(entity.end) if entity.end else None, note=entity.note, sources=list(entity.sources),
        relations=tg.views_at(tg.positions_of(ident)),
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
    >>> from jkg.graph.pipeline import load_graph
    >>> search_entities(load_graph(), "Tebessa")[0].id
    'tebessa'
    """
    if not query or not query.strip():
        raise BadParameterError("q", query, "must not be empty")
    if len(query) > 200:
        raise BadParameterError("q", query[:20] + "...", "must be at most 200 characters")
    check_limit(limit)
    allowed = tg.check_entity_types(types)
    return tg.names.search(query, allowed, limit)


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
    >>> from jkg.graph.pipeline import load_graph
    >>> rels = relations_of(load_graph(), "abdelmalek-droukdel", types=["leaderOf"], at="2013")
    >>> [(r.object.id, r.valid) for r in rels]
    [('aqim', 'certain')]
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
        views.append(tg.relation_view(rel, span))
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
        raise BadParameterError("at", at, "give either 'at' or 'from'/'to', not both")
    if at is not None:
        return Span.of(at)
    return Span.between(start, end)
