"""Dated events and changes around an entity."""

from __future__ import annotations

from collections.abc import Iterable

from jkg.graph.engine.dates import PartialDate, Span, order_key, overlaps
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.engine.views import EntityRef, RelationView, TimelineItem
from jkg.graph.queries.entities import time_span
from jkg.ontology.schema import Schema

__all__ = ["timeline"]

_KIND_ORDER = {"entity-start": 0, "event": 1, "start": 2, "end": 3, "entity-end": 4}


def timeline(tg: TemporalGraph, ident: str, start: object = None, end: object = None) -> list[TimelineItem]:
    """Dated items around an entity, oldest first (by the date's earliest day, then its latest), then by kind,
    label and relation id.

    Items are the events it is linked to (attacks, killings, mergers, statements...),
    the starts and ends of its relations, and its own start and end.

    Parameters
    ----------
    tg : TemporalGraph
    ident : str
    start, end : str, optional
        Partial dates bounding the items.

    Returns
    -------
    list of TimelineItem

    Raises
    ------
    NotFoundError, BadDateError

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> [(i.date, i.kind) for i in timeline(example_graph(), "second-emir", start="2020")]
    [('2020-06-03', 'event'), ('2020-06-03', 'end'), ('2020-06-03', 'entity-end'), ('2020-11', 'start')]
    """
    entity = tg.entity(ident)
    span = time_span(None, start, end)
    links = []
    # in id order, so that an event reached by several relations is shown with the same one by every store
    for rel in sorted(tg.edges(ident), key=lambda r: r.id):
        other = tg.entities[rel.object if rel.subject == ident else rel.subject]
        links.append((tg.views.relation_view(rel), tg.views.ref(other.id), other.start))
    return timeline_of(tg.schema, tg.views.ref(ident), entity.start, entity.end, links, span)


def timeline_of(schema: Schema, own: EntityRef, began: PartialDate | None, ended: PartialDate | None,
                links: Iterable[tuple[RelationView, EntityRef, PartialDate | None]], span: Span) -> list[TimelineItem]:
    """:func:`timeline` from the entity (its ref, start and end) and its relations (each with the other
    entity's ref and start), in relation id order, for every store."""
    items: list[tuple[PartialDate, TimelineItem]] = []

    def add(date: PartialDate | None, item: TimelineItem) -> None:
        if date is not None and overlaps(date, span):
            items.append((date, item))

    if schema.is_a(own.type, "Event"):
        add(began, TimelineItem(date=str(began), kind="event", label=own.name, entity=own))
    else:
        add(began, TimelineItem(date=str(began), kind="entity-start", label=f"{own.name} begins", entity=own))
        add(ended, TimelineItem(date=str(ended), kind="entity-end", label=f"{own.name} ends", entity=own))
    seen_events: set[str] = set()
    for view, other, other_start in links:
        if schema.is_a(other.type, "Event"):
            if other.id not in seen_events:
                seen_events.add(other.id)
                item = TimelineItem(date=str(other_start), kind="event", label=other.name, entity=other,
                                    relation=view)
                add(other_start, item)
            continue
        phrase = f"{view.subject.name} {view.label} {view.object.name}"
        rel_start = PartialDate.parse(view.start) if view.start else None
        rel_end = PartialDate.parse(view.end) if view.end else None
        add(rel_start, TimelineItem(date=str(rel_start), kind="start", label=phrase, relation=view))
        add(rel_end, TimelineItem(date=str(rel_end), kind="end", label=f"{phrase}: ends", relation=view))
    items.sort(key=lambda pair: (order_key(pair[0]), _KIND_ORDER[pair[1].kind], pair[1].label,
                                 pair[1].relation.id if pair[1].relation else ""))
    return [item for _, item in items]
