"""What the graph knows of each organization it follows, and where its story has holes.

For each organization of a tracked class (``jkg:tracked`` in the ontology: the groups
whose story the graph follows to today, not state bodies), :func:`coverage` gives its
founding, the holders of its top post (relation types of the ``headship`` role), the last of them
and the start of his tenure, the date of its latest fact, and the open questions:

* a top post with no known holder for more than two years while the group existed;
* a last holder with no end whose sources are all more than two years old;
* a group with no end whose latest fact is older than two years, with no note saying why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jkg.graph.dataset.model import Relation
from jkg.graph.engine.dates import PartialDate, order_key
from jkg.graph.engine.temporal import TemporalGraph

__all__ = ["Coverage", "coverage"]

#: How long a silence may last before it is an open question.
SILENCE = dt.timedelta(days=2 * 365)


@dataclass(frozen=True)
class Coverage:
    """What the graph holds on one organization."""

    id: str
    name: str
    type: str
    founded: str | None
    ended: str | None
    leaders: int
    last_leader: str | None
    last_leader_since: str | None
    latest_fact: str | None
    #: a note on the group or its last tenure says what the sources do (not) say
    noted: bool
    questions: list[str] = field(default_factory=list)


def coverage(tg: TemporalGraph, today: dt.date | None = None) -> list[Coverage]:
    """Coverage of every tracked organization, by id.

    Parameters
    ----------
    tg : TemporalGraph
    today : datetime.date, optional
        The date silences are measured to (today by default).

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> row = coverage(example_graph(), today=dt.date(2026, 12, 5))[0]
    >>> row.id, row.founded, row.leaders, row.last_leader
    ('example-front', '1998', 3, 'third-emir')
    """
    today = today or dt.date.today()
    schema = tg.schema
    tracked = [e for e in tg.entities.values() if e.type in schema.classes and schema.classes[e.type].tracked]
    headship = set(schema.relation_types_with_role("headship"))
    rows = []
    for org in sorted(tracked, key=lambda e: e.id):
        facts = [r for r in tg.edges(org.id) if r.status != "refuted"]
        tenures = sorted((r for r in facts if r.type in headship and r.object == org.id),
                         key=lambda r: (order_key(r.start), order_key(r.end, "last"), r.id))
        last = tenures[-1] if tenures else None
        days = [d for r in facts for d in (r.start, r.end) if d is not None]
        latest = max(days, key=lambda d: (order_key(d)[::-1], d.text), default=None)
        questions = _questions(tg, org.start, org.end, tenures, today)
        if org.end is None and latest is not None and today - latest.latest > SILENCE and not org.note:
            questions.append(f"latest fact {latest}, and no note saying why")
        rows.append(Coverage(
            id=org.id, name=org.name, type=org.type,
            founded=str(org.start) if org.start else None, ended=str(org.end) if org.end else None,
            leaders=len({r.subject for r in tenures}),
            last_leader=last.subject if last else None,
            last_leader_since=str(last.start) if last and last.start else None,
            latest_fact=str(latest) if latest else None,
            noted=bool(org.note or (last and last.note)),
            questions=questions,
        ))
    return rows


def _questions(tg: TemporalGraph, founded: PartialDate | None, ended: PartialDate | None,
               tenures: list[Relation], today: dt.date) -> list[str]:
    """Gaps in the top post while the group existed, and a current holder the sources fell silent on."""
    if not tenures:
        return ["no known holder of its top post"]
    questions = []
    held_until = founded.latest if founded else None
    for rel in tenures:
        begins = rel.start.latest if rel.start else None
        if held_until is not None and begins is not None and begins - held_until > SILENCE:
            questions.append(f"no known holder of its top post from {held_until.year} to {begins.year}")
        ends = rel.end.earliest if rel.end else (ended.earliest if ended else today)
        held_until = ends if held_until is None else max(held_until, ends)
    stop = ended.earliest if ended else today
    if held_until is not None and stop - held_until > SILENCE:
        questions.append(f"no known holder of its top post since {held_until.year}")
    last = tenures[-1]
    if last.end is None and ended is None:
        dates = [tg.sources[s].date for s in last.sources if s in tg.sources]
        newest = max((d.latest for d in dates), default=None)
        if newest is None or today - newest > SILENCE:
            questions.append(f"{last.subject}: no source on the tenure after {newest.year if newest else '?'}"
                             + ("" if last.note else ", and no note"))
    return questions
