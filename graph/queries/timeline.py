"""Dated events and changes around an entity."""

from __future__ import annotations

from jkg.graph.engine.dates import PartialDate, order_key, overlaps
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.engine.views import TimelineItem
from jkg.graph.queries.entities import time_span

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
    items: list[tuple[PartialDate, TimelineItem]] = []

    def add(date: PartialDate | None, item: TimelineItem) -> None:
        if date is not None and overlaps(date, span):
            items.append((date, item))

    own = tg.views.ref(ident)
    if tg.schema.is_a(entity.type, "Event"):
        add(entity.start, TimelineItem(date=str(entity.start), kind="event", label=entity.name, entity=own))
    else:
        add(entity.start, TimelineItem(date=str(entity.start), kind="entity-start",
                                       label=f"{entity.name} begins", entity=own))
        add(entity.end, TimelineItem(date=str(entity.end), kind="entity-end",
                                     label=f"{entity.name} ends", entity=own))
    seen_events: set[str] = set()
    # in id order, so that an event reached by several relations is shown with the same one by every store
    for rel in sorted(tg.edges(ident), key=lambda r: r.id):
        view = tg.views.relation_view(rel)
        other = rel.object if rel.subject == ident else rel.subject
        other_entity = tg.entities[other]
        if tg.schema.is_a(other_entity.type, "Event"):
            if other not in seen_events:
                seen_events.add(other)
                item = TimelineItem(date=str(other_entity.start), kind="event", label=other_entity.name,
                                    entity=tg.views.ref(other), relation=view)
                add(other_entity.start, item)
            continue
        phrase = f"{view.subject.name} {view.label} {view.object.name}"
        add(rel.start, TimelineItem(date=str(rel.start), kind="start", label=phrase, relation=view))
        add(rel.end, TimelineItem(date=str(rel.end), kind="end", label=f"{phrase}: ends", relation=view))
    items.sort(key=lambda pair: (order_key(pair[0]), _KIND_ORDER[pair[1].kind], pair[1].label,
                                 pair[1].relation.id if pair[1].relation else ""))
    return [item for _, item in items]
