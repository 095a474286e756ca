"""The tenure chart: who held which post when, and the ties beside them, as bands of bars.

One model, two renderings: the explorer draws it from JSON, :mod:`jkg.api.charts.svg` as
SVG. It is composed from the answers of the :class:`~jkg.graph.store.Store` interface,
so both backends give the same chart.

* An organization's chart follows it across renamings (the family ``succession`` gives,
  GSPC then AQIM). One band per post of the ontology's ``Posts`` vocabulary held in it
  (the post a relation names, or its type's ``jkg:defaultPost``), one per other
  leadership type (founder), and one band of its ties: the relations of the
  ``membership``, ``affiliation`` and ``lineage`` categories.
* A person's chart: one band per post held, a row per organization, and the ties band;
  ``posts`` gives, for each post, the predecessor and successor (``person_succession``).

Each bar carries its possible span (from the earliest day its start may mean to the
latest its end may mean) and its certain span (from the latest day of its start to the
earliest of its end), by :meth:`Interval.bounds_of`: a missing start is open to the past
(``first`` null, no certain span), a missing end goes on (``last`` null) unless an
endpoint ended (a death, a dissolution), which caps it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Literal

from pydantic import BaseModel, Field

from jkg.graph.engine.dates import MAX_DAY, MIN_DAY, Interval, PartialDate, order_key
from jkg.graph.engine.views import EntityRef, PersonPost, RelationView
from jkg.graph.store import Store
from jkg.ontology.schema import Schema, load_schema

__all__ = ["TIES", "Band", "Bar", "DaySpan", "Row", "TenureChart", "organization_chart", "person_chart"]

#: Relation categories of the ontology drawn on the ties band.
TIES = ("membership", "affiliation", "lineage")


class DaySpan(BaseModel):
    """Days, inclusive."""

    first: dt.date | None = Field(description="First day; null when open to the past (an unknown start)")
    last: dt.date | None = Field(description="Last day; null while it goes on (no end known)")


class Bar(BaseModel):
    """One relation, drawn as a bar."""

    relation: str = Field(description="The relation's id")
    type: str
    label: str
    subject: EntityRef
    object: EntityRef
    start: str | None = Field(None, description="EDTF partial date, as given")
    end: str | None = Field(None, description="EDTF partial date, as given")
    possible: DaySpan = Field(description="Every day the relation may have held")
    certain: DaySpan | None = Field(description="The days it certainly held; null when none is certain")
    instantaneous: bool = Field(description="Happens at its date (a split, a merger, a renaming)")
    status: str
    grading: str | None = None
    sources: list[str]
    note: str | None = None
    lane: int = Field(default=0, description="Line of the row it is drawn on, where bars of one row overlap")


class Row(BaseModel):
    """A line of a band: one holder (a person in a post, an organization for a person), or one tie."""

    entity: EntityRef = Field(description="Whom or what the row is about")
    label: str
    lanes: int = Field(description="Lines the row needs so that no two of its bars overlap")
    bars: list[Bar]
    predecessor: EntityRef | None = Field(default=None, description="For a person's post: who held it before")
    successor: EntityRef | None = Field(default=None, description="For a person's post: who held it next")


class Band(BaseModel):
    """A post, another leadership role, or the ties."""

    key: str = Field(description="The post (emir...), the relation type (founderOf), or `ties`")
    label: str
    kind: Literal["post", "role", "ties"]
    rows: list[Row] = Field(description="In order of their first day")


class TenureChart(BaseModel):
    """The tenures and ties of an organization or a person, ready to draw."""

    subject: EntityRef
    organizations: list[EntityRef] = Field(description="The organization and its renamed forms (empty for a person)")
    bands: list[Band]
    posts: list[PersonPost] = Field(default_factory=list, description="A person's posts with predecessor and "
                                    "successor")
    first_day: dt.date | None = Field(description="The earliest day a bar may start; null when there is no bar")
    last_day: dt.date = Field(description="The date of the data, or a later day a bar may reach")
    statuses: list[str] = Field(description="Every status of the ontology, for the legend")
    data_version: str
    data_date: str | None = Field(description="The date of the data: the latest date of its sources")


def _day(ordinal: int) -> dt.date | None:
    return None if ordinal in (MIN_DAY, MAX_DAY) else dt.date.fromordinal(ordinal)


def _parse(text: str | None) -> PartialDate | None:
    return None if text is None else PartialDate.parse(text)


def _bar(schema: Schema, rel: RelationView, not_after: PartialDate | None) -> Bar:
    start, end = _parse(rel.start), _parse(rel.end)
    instantaneous = schema.relation_types[rel.type].instantaneous
    if instantaneous and end is None and start is not None:
        end = start
    possible_first, certain_first, certain_last, possible_last = Interval.bounds_of(start, end, None, not_after)
    certain = None
    if certain_first <= certain_last and certain_first != MAX_DAY:
        certain = DaySpan(first=_day(certain_first), last=_day(certain_last))
    return Bar(
        relation=rel.id, type=rel.type, label=rel.label, subject=rel.subject, object=rel.object,
        start=rel.start, end=rel.end, possible=DaySpan(first=_day(possible_first), last=_day(possible_last)),
        certain=certain, instantaneous=instantaneous, status=rel.status, grading=rel.grading,
        sources=rel.sources, note=rel.note,
    )


def _first(bar: Bar) -> int:
    """Where a bar begins, for ordering: its first possible day; an unknown start just before its end."""
    if bar.possible.first is not None:
        return bar.possible.first.toordinal()
    if bar.possible.last is not None:
        return bar.possible.last.toordinal() - 1
    return MAX_DAY


def _lanes(bars: list[Bar]) -> int:
    """Give each bar the lowest lane free when it begins; the number of lanes used.

    Bars share a lane when their certain spans (else possible spans) do not overlap: fuzzy ends may.
    """
    ends: list[int] = []
    for bar in sorted(bars, key=lambda b: (_first(b), b.relation)):
        span = bar.certain or bar.possible
        first = MIN_DAY if span.first is None else span.first.toordinal()
        last = MAX_DAY if span.last is None else span.last.toordinal()
        lane = next((i for i, end in enumerate(ends) if end < first), len(ends))
        if lane == len(ends):
            ends.append(last)
        else:
            ends[lane] = last
        bar.lane = lane
    return max(len(ends), 1)


def _rows(grouped: dict[str, tuple[EntityRef, str, list[Bar]]]) -> list[Row]:
    rows = [Row(entity=entity, label=label, lanes=_lanes(bars), bars=sorted(bars, key=lambda b: (b.lane, _first(b))))
            for entity, label, bars in grouped.values()]
    return sorted(rows, key=lambda r: (min(_first(b) for b in r.bars), r.label))


class _Ends:
    """When entities ended, asked of the store once each (a bar without an end stops there)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.known: dict[str, PartialDate | None] = {}

    def of(self, ident: str) -> PartialDate | None:
        if ident not in self.known:
            self.known[ident] = _parse(self.store.entity(ident).end)
        return self.known[ident]

    def cap(self, rel: RelationView) -> PartialDate | None:
        """The earliest end of its endpoints, for a relation without an end."""
        if rel.end is not None:
            return None
        ends = [e for e in (self.of(rel.subject.id), self.of(rel.object.id)) if e is not None]
        return min(ends, key=order_key) if ends else None


def _post_of(schema: Schema, rel: RelationView) -> str | None:
    return rel.qualifiers.get("post") or schema.relation_types[rel.type].default_post


def _band_order(schema: Schema) -> Callable[[Band], tuple[int, int, str]]:
    posts = schema.vocabulary("Posts")

    def key(band: Band) -> tuple[int, int, str]:
        if band.kind == "post":
            return 0, posts[band.key].rank or 99, band.key
        return (1 if band.kind == "role" else 2), 0, band.key
    return key


def _chart(store: Store, schema: Schema, subject: EntityRef, leadership: Iterable[RelationView],
           ties: Iterable[RelationView], row_of: Callable[[RelationView], EntityRef],
           organizations: list[EntityRef], posts: list[PersonPost]) -> TenureChart:
    ends = _Ends(store)
    posts_vocabulary = schema.vocabulary("Posts")
    bands: dict[str, tuple[Band, dict[str, tuple[EntityRef, str, list[Bar]]]]] = {}
    seen: set[str] = set()
    for rel in leadership:
        if rel.id in seen:
            continue
        seen.add(rel.id)
        post = _post_of(schema, rel)
        kind: Literal["post", "role"] = "post" if post else "role"
        key = post or rel.type
        label = posts_vocabulary[post].label if post else rel.label
        band = bands.setdefault(key, (Band(key=key, label=label, kind=kind, rows=[]), {}))
        who = row_of(rel)
        band[1].setdefault(who.id, (who, who.name, []))[2].append(_bar(schema, rel, ends.cap(rel)))
    tie_rows: dict[str, tuple[EntityRef, str, list[Bar]]] = {}
    for rel in ties:
        if rel.id in seen:
            continue
        seen.add(rel.id)
        outgoing = rel.subject.id == subject.id or rel.subject in organizations
        other = rel.object if outgoing else rel.subject
        key = f"{rel.subject.id} {rel.type} {rel.object.id}"
        label = f"{rel.label} {other.name}" if outgoing else f"{other.name} — {rel.label}"
        tie_rows.setdefault(key, (other, label, []))[2].append(_bar(schema, rel, ends.cap(rel)))
    if tie_rows:
        bands["ties"] = (Band(key="ties", label="memberships, affiliations, lineage", kind="ties", rows=[]), tie_rows)
    drawn: list[Band] = []
    for made, grouped in bands.values():
        made.rows = _rows(grouped)
        drawn.append(made)
    drawn.sort(key=_band_order(schema))
    _link_posts(drawn, posts)
    info = store.info()
    data_date = max((s.date for s in store.sources()), key=lambda d: order_key(_parse(d)), default=None)
    bars = [bar for band in drawn for row in band.rows for bar in row.bars]
    firsts = [b.possible.first for b in bars if b.possible.first is not None]
    lasts = [b.possible.last for b in bars if b.possible.last is not None]
    if data_date is not None:
        lasts.append(PartialDate.parse(data_date).latest)
    return TenureChart(
        subject=subject, organizations=organizations, bands=drawn, posts=posts,
        first_day=min(firsts, default=None), last_day=max(lasts, default=dt.date.today()),
        statuses=sorted(schema.vocabulary("Statuses")), data_version=info.data_version, data_date=data_date,
    )


def _link_posts(bands: list[Band], posts: list[PersonPost]) -> None:
    """Give a person's rows the predecessor and successor of the post they held there."""
    for post in posts:
        for band in bands:
            if band.key != post.post:
                continue
            for row in band.rows:
                if row.entity.id == post.organization.id or any(
                        b.start == post.start or (b.end is not None and b.end == post.end) for b in row.bars):
                    row.predecessor, row.successor = post.predecessor, post.successor


def organization_chart(store: Store, org: str) -> TenureChart:
    """The tenure chart of an organization, across its renamings.

    Raises
    ------
    NotFoundError, BadParameterError
        As ``store.succession`` does for an unknown id or an entity that is not an organization.
    """
    schema = load_schema()
    family = store.succession(org).organizations
    leadership = [rel for o in family for rel in store.relations(
        o.id, types=schema.relation_types_in("leadership"), direction="in")]
    ties = [rel for o in family for rel in store.relations(o.id, types=_tie_types(schema))]
    subject = next(o for o in family if o.id == org)
    return _chart(store, schema, subject, leadership, ties, lambda rel: rel.subject, family, [])


def person_chart(store: Store, person: str) -> TenureChart:
    """The posts a person held (with predecessor and successor) and the person's ties.

    Raises
    ------
    NotFoundError, BadParameterError
        As ``store.person_succession`` does for an unknown id or an entity that is not a person.
    """
    schema = load_schema()
    posts = store.person_succession(person)
    detail = store.entity(person)
    subject = EntityRef(id=detail.id, name=detail.name, type=detail.type)
    leadership = store.relations(person, types=schema.relation_types_in("leadership"), direction="out")
    ties = store.relations(person, types=_tie_types(schema))
    return _chart(store, schema, subject, leadership, ties, lambda rel: rel.object, [], posts)


def _tie_types(schema: Schema) -> list[str]:
    return sorted(t for category in TIES for t in schema.relation_types_in(category))
