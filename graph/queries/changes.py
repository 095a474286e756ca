"""What changed between two dates: relations that began, ended or became more or less certain, and
entities that began or ended, over the whole graph or around an entity."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from jkg.graph import limits
from jkg.graph.dataset.model import Relation
from jkg.graph.engine.dates import Interval, PartialDate, Span, Validity, order_key, parse_period, validity
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.engine.views import Changes, EntityRef, RelationView
from jkg.graph.exceptions import BadParameterError
from jkg.graph.queries.network import _edge_filter, _levels
from jkg.ontology.schema import Schema

__all__ = ["changes"]

#: A relation found, with what it is ordered by (the day of the change, type, id) and its validity shown.
_Found = tuple[tuple[tuple[int, int], str, str], Relation, Validity]


def changes(tg: TemporalGraph, start: object, end: object, around: str | None = None, depth: int = 1) -> Changes:
    """The relations and entities that began, ended or changed between two dates.

    The time rule decides (see :mod:`jkg.graph.engine.dates`), each date taken as every day it may mean:

    * a relation possibly valid at ``start`` and not at ``end`` *ended*; one not valid at ``start`` and
      valid at ``end`` *began*; one valid only between the two dates began and ended;
    * one certain at a date and only possible at the other *changed*;
    * a relation of a type the ontology marks instantaneous (a merger, a renaming) without an end, and an
      event, *happened*: listed in ``began`` (or ``entities_began``) when its date possibly lies between
      the first day of ``start`` and the last of ``end`` (never when its date is unknown), never as ended
      or changed;
    * entities follow the same rule on their own start and end.

    Refuted relations are left out. Each list is ordered by the day of the change (the start of what
    began, the end of what ended: see :func:`~jkg.graph.engine.dates.order_key`), then by type and id.

    Parameters
    ----------
    tg : TemporalGraph
    start, end : str
        Partial dates, ``end`` not certainly before ``start``.
    around : str, optional
        Only the entities within ``depth`` hops of this one (through relations possibly valid between the
        two dates, as :func:`~jkg.graph.queries.network.neighborhood` finds them) and the relations among them.
    depth : int
        Hops (1-3).

    Returns
    -------
    Changes
        ``began`` and ``changed`` flagged as of ``end``, ``ended`` as of ``start``; what held only between
        the two dates (or happened then), as of the span between them.

    Raises
    ------
    BadParameterError, NotFoundError

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> found = changes(example_graph(), "2004", "2010")
    >>> [(r.type, r.subject.id, r.valid) for r in found.changed]
    [('leaderOf', 'second-emir', 'certain')]
    >>> [(r.type, r.subject.id) for r in found.began], [(r.type, r.subject.id) for r in found.ended]
    ([('basedIn', 'example-front')], [('leaderOf', 'first-emir')])
    >>> found = changes(example_graph(), "1995", "2021", around="old-front")
    >>> [e.id for e in found.entities_began], [e.id for e in found.entities_ended]
    (['example-front'], ['old-front'])
    """
    first, last = check_period(start, end)
    if around is not None:
        tg.entity(around)
    limits.check(limits.NEIGHBORHOOD_DEPTH, depth)
    if around is None:
        nodes: Iterable[str] = tg.entities
        relations: Iterable[Relation] = tg.relations.values()
    else:
        chosen = set(_levels(tg, around, _edge_filter(tg, Span.between(first, last), None), depth))
        nodes = chosen
        relations = (rel for n in chosen for rel in tg.edges(n, "out") if rel.object in chosen)
    entities = tg.entities
    return changes_of(
        tg.schema, first, last, ((rel, tg.intervals[rel.id]) for rel in relations), tg.views.dated_view,
        ((entities[i].id, entities[i].type, entities[i].start, entities[i].end) for i in nodes), tg.views.refs,
    )


def check_period(start: object, end: object) -> tuple[PartialDate, PartialDate]:
    """The two dates changes are asked between.

    Raises
    ------
    BadParameterError, BadDateError
    """
    first, last = parse_period(start, end)
    if first is None or last is None:
        missing = "from" if first is None else "to"
        raise BadParameterError(missing, None, "changes are asked between two dates")
    return first, last


def changes_of(schema: Schema, first: PartialDate, last: PartialDate, relations: Iterable[tuple[Relation, Interval]],
               view: Callable[[Relation, Validity], RelationView],
               entities: Iterable[tuple[str, str, PartialDate | None, PartialDate | None]],
               refs: Callable[[Iterable[str]], list[EntityRef]]) -> Changes:
    """:func:`changes` from the candidates, for every store: the relations (each with its interval bounded by
    its endpoints) and the entities (id, type, start, end) that may have changed between the two dates;
    ``view(rel, valid)`` gives a relation's view flagged so, ``refs`` the refs of entity ids."""
    at_start, at_end, period = Span.of(first), Span.of(last), Span.between(first, last)
    began, ended, changed = _relation_changes(schema, relations, view, at_start, at_end, period)
    entities_began, entities_ended = _entity_changes(schema, entities, at_start, at_end, period)
    return Changes(from_date=str(first), to_date=str(last), began=began, ended=ended, changed=changed,
                   entities_began=refs(entities_began), entities_ended=refs(entities_ended))


def _relation_changes(schema: Schema, relations: Iterable[tuple[Relation, Interval]],
                      view: Callable[[Relation, Validity], RelationView], at_start: Span, at_end: Span,
                      period: Span) -> tuple[list[RelationView], list[RelationView], list[RelationView]]:
    """The relations that began, ended and changed, as views."""
    began: list[_Found] = []
    ended: list[_Found] = []
    changed: list[_Found] = []
    types = schema.relation_types
    for rel, interval in relations:
        if rel.status == "refuted":
            continue
        bounds = interval.bounds()
        during = validity(bounds, period)
        if during is None:
            continue
        began_on = order_key(rel.start or interval.not_before), rel.type, rel.id
        ended_on = order_key(rel.end or interval.not_after, unknown="last"), rel.type, rel.id
        if types[rel.type].instantaneous and rel.end is None:
            if rel.start is not None:  # happened between the dates; at an unknown date, it cannot be told
                began.append((began_on, rel, during))
            continue
        before, after = validity(bounds, at_start), validity(bounds, at_end)
        if before is None:
            began.append((began_on, rel, after or during))
            if after is None:
                ended.append((ended_on, rel, during))
        elif after is None:
            ended.append((ended_on, rel, before))
        elif before != after:
            changed.append((began_on if after == "certain" else ended_on, rel, after))

    def views(found: list[_Found]) -> list[RelationView]:
        return [view(rel, valid) for _, rel, valid in sorted(found, key=lambda item: item[0])]

    return views(began), views(ended), views(changed)


def _entity_changes(schema: Schema, entities: Iterable[tuple[str, str, PartialDate | None, PartialDate | None]],
                    at_start: Span, at_end: Span, period: Span) -> tuple[list[str], list[str]]:
    """The ids of the entities that began and ended, in order."""
    began: list[tuple[tuple[int, int], str]] = []
    ended: list[tuple[tuple[int, int], str]] = []
    for ident, entity_type, start, end in entities:
        if start is None and end is None:
            continue
        event = schema.is_a(entity_type, "Event") and end is None
        bounds = Interval(start, start if event else end).bounds()
        during = validity(bounds, period)
        if during is None:
            continue
        if event:
            began.append((order_key(start), ident))
            continue
        before, after = validity(bounds, at_start), validity(bounds, at_end)
        if before is None:
            began.append((order_key(start), ident))
            if after is None:
                ended.append((order_key(end, unknown="last"), ident))
        elif after is None:
            ended.append((order_key(end, unknown="last"), ident))
    return [ident for _, ident in sorted(began)], [ident for _, ident in sorted(ended)]
