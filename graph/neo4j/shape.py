"""Rows of the read statements (:mod:`.cypher`) shaped into records and result models.

A read returns each relation as one list (see the reads of :mod:`.cypher`), already filtered and in
answer order; an entity as ``[id, name, type]``. Nothing here filters or orders: it only turns those
lists into the views answers are made of (:mod:`jkg.graph.engine.views`), or into records for the
shared logic that needs them (a succession's tenures and statements).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from jkg.graph.dataset.model import Relation
from jkg.graph.engine.collector import paused_collector
from jkg.graph.engine.dates import PartialDate, Span
from jkg.graph.engine.views import EntityRef, RelationView, assemble
from jkg.ontology.schema import Schema

__all__ = ["Row", "Shaper", "date_of", "ref"]

#: A relation or entity as a read returns it.
Row = Sequence[Any]

#: The qualifiers of a view of a relation without any, shared (views are frozen).
_NO_QUALIFIERS: dict[str, str] = {}


def ref(row: Row) -> EntityRef:
    """The ref of an entity returned as ``[id, name, type]``."""
    return assemble(EntityRef, {"id": row[0], "name": row[1], "type": row[2]})


def date_of(text: str | None) -> PartialDate | None:
    """A partial date stored as EDTF text (``startEdtf``), or None."""
    return PartialDate.parse(text) if text else None


class Shaper:
    """Shapes rows for one ontology, and gives the parameters every read takes."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        types = schema.relation_types.values()
        #: Neo4j type -> the ontology's name of the type (what answers order by, after the start)
        self.type_names = {t.neo4j_type: t.name for t in types}
        self._labels = {t.neo4j_type: (t.name, t.label, t.symmetric) for t in types}
        self._qualifiers = sorted(schema.qualifiers)

    def params(self, span: Span | None = None) -> dict[str, Any]:
        """What every read takes: type names, qualifier names, and the span asked about (all time if None),
        which the relations are flagged valid during (``dated``) unless it is all time."""
        span = span or Span.of(None)
        return {"names": self.type_names, "qualifiers": self._qualifiers, "dated": not span.everything,
                "first": dt.date.fromordinal(span.first), "last": dt.date.fromordinal(span.last)}

    def view(self, row: Row, refs: Mapping[str, EntityRef] | None = None) -> RelationView:
        """The view of a relation row, flagged with its validity as read; ``refs`` when its subject and object
        are ids (``_ROW_BY_ID``)."""
        (ident, neo4j_type, status, sources, start, end, start_note, note, reliability, credibility, qualifiers,
         subject, obj, valid) = row
        name, label, symmetric = self._labels[neo4j_type]
        return assemble(RelationView, {
            "id": ident, "type": name, "label": label, "symmetric": symmetric,
            "subject": ref(subject) if refs is None else refs[subject],
            "object": ref(obj) if refs is None else refs[obj], "start": start, "end": end, "start_note": start_note,
            "status": status, "sources": list(sources or ()),
            "grading": f"{reliability}{credibility}" if reliability and credibility else None,
            "qualifiers": {k: str(v) for k, v in qualifiers} if qualifiers else _NO_QUALIFIERS, "note": note,
            "valid": valid,
        })

    def views(self, rows: Iterable[Row], refs: Mapping[str, EntityRef] | None = None) -> list[RelationView]:
        """:meth:`view` of each row, in their order (without pauses of the cyclic collector: large answers
        create many objects at once)."""
        with paused_collector():
            return [self.view(row, refs) for row in rows]

    def relation(self, row: Row) -> Relation:
        """The relation record of a row."""
        (ident, neo4j_type, status, sources, start, end, start_note, note, reliability, credibility, qualifiers,
         subject, obj, _) = row
        return Relation(
            id=ident, type=self.type_names[neo4j_type], subject=subject[0], object=obj[0], status=status,
            sources=tuple(sources or ()), start=date_of(start), end=date_of(end), start_note=start_note,
            qualifiers=tuple(sorted((k, str(v)) for k, v in qualifiers)), reliability=reliability,
            credibility=credibility, note=note,
        )

    @staticmethod
    def endpoints(rows: Iterable[Row]) -> dict[str, EntityRef]:
        """The refs of the subjects and objects of relation rows, by id."""
        found: dict[str, EntityRef] = {}
        for row in rows:
            for end in (row[11], row[12]):
                if end[0] not in found:
                    found[end[0]] = ref(end)
        return found
