"""Records to Neo4j properties and back, in one place so that both directions agree.

Property names are camelCase; identifier and qualifier names are the ontology's own.
A partial date ``X`` is stored as ``X`` (a ``DATE``, the first day it names),
``XPrecision``, ``XApproximate`` (``~`` or ``%``), ``XUncertain`` (``?`` or ``%``) and
``XEdtf`` (the exact text with its qualifier, read back losslessly).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping
from typing import Any

from jkg.graph.dataset.model import SOURCE_TEXT_FIELDS, Entity, Name, Relation, Source
from jkg.graph.engine.dates import Interval, PartialDate
from jkg.ontology.schema import Schema

__all__ = [
    "entity_from_props",
    "entity_props",
    "generation",
    "name_from_props",
    "name_props",
    "relation_from_props",
    "relation_key",
    "relation_props",
    "source_from_props",
    "source_props",
]

Props = dict[str, Any]


def generation(version: str) -> str:
    """The generation (``gen`` of every node) a load or bulk import of this data version writes.

    The data version itself (a content hash), so the same data always makes the same generation;
    data with no version gets a new one each time (``t`` and the time in nanoseconds).

    >>> generation("3f2a9c01b7de")
    '3f2a9c01b7de'
    >>> generation("").startswith("t")
    True
    """
    return version or f"t{time.time_ns()}"


def _date_props(prefix: str, date: PartialDate | None) -> Props:
    if date is None:
        return {}
    return {
        prefix: dt.date(date.year, date.month or 1, date.day or 1),
        f"{prefix}Precision": date.precision,
        f"{prefix}Approximate": date.approximate,
        f"{prefix}Uncertain": date.uncertain,
        f"{prefix}Edtf": str(date),
    }


def _date(props: Mapping[str, Any], prefix: str) -> PartialDate | None:
    text = props.get(f"{prefix}Edtf")
    return PartialDate.parse(text) if text else None


def _clean(props: Props) -> Props:
    return {k: v for k, v in props.items() if v is not None}


def entity_props(entity: Entity, schema: Schema) -> Props:
    """Node properties of an entity."""
    props: Props = {
        "id": entity.id, "name": entity.name, "type": entity.type,
        "description": entity.description, "note": entity.note, "sources": list(entity.sources),
        **_date_props("start", entity.start), **_date_props("end", entity.end),
    }
    for key, value in entity.identifiers:
        props[schema.identifiers[key].iri.split("#")[-1]] = value
    return _clean(props)


def entity_from_props(props: Mapping[str, Any], names: tuple[Name, ...], schema: Schema) -> Entity:
    """The entity a node stands for."""
    identifiers = tuple(sorted(
        (key, str(props[ident.iri.split("#")[-1]]))
        for key, ident in schema.identifiers.items() if ident.iri.split("#")[-1] in props
    ))
    return Entity(
        id=props["id"], type=props["type"], names=names, sources=tuple(props.get("sources") or ()),
        identifiers=identifiers, description=props.get("description"),
        start=_date(props, "start"), end=_date(props, "end"), note=props.get("note"),
    )


def name_props(entity: Entity, position: int, name: Name) -> Props:
    """Node properties of an entity's name."""
    return _clean({
        "id": f"{entity.id}#{position}", "entity": entity.id, "position": position,
        "text": name.text, "kind": name.kind, "lang": name.lang, "script": name.script,
        "sources": list(name.sources), "sharedReason": name.shared_reason,
        **_date_props("start", name.start), **_date_props("end", name.end),
    })


def name_from_props(props: Mapping[str, Any]) -> Name:
    return Name(
        text=props["text"], kind=props["kind"], sources=tuple(props.get("sources") or ()),
        lang=props.get("lang"), script=props.get("script"), start=_date(props, "start"),
        end=_date(props, "end"), shared_reason=props.get("sharedReason"),
    )


def relation_key(rel: Relation) -> str:
    """What identifies a stored relationship: a changed type or endpoint is a new one."""
    return f"{rel.type}|{rel.id}|{rel.subject}|{rel.object}"


def relation_props(rel: Relation, interval: Interval) -> Props:
    """Relationship properties of a relation fact, with the bounds of its effective interval."""
    possible_from, certain_from, certain_until, possible_until = (dt.date.fromordinal(d) for d in interval.bounds())
    return _clean({
        "id": rel.id, "key": relation_key(rel), "status": rel.status, "sources": list(rel.sources),
        "startNote": rel.start_note, "note": rel.note, "reliability": rel.reliability,
        "credibility": rel.credibility,
        **_date_props("start", rel.start), **_date_props("end", rel.end),
        **dict(rel.qualifiers),
        "possibleFrom": possible_from, "certainFrom": certain_from,
        "certainUntil": certain_until, "possibleUntil": possible_until,
    })


def relation_from_props(props: Mapping[str, Any], rtype: str, subject: str, obj: str, schema: Schema) -> Relation:
    """The relation fact a relationship stands for."""
    return Relation(
        id=props["id"], type=rtype, subject=subject, object=obj, status=props["status"],
        sources=tuple(props.get("sources") or ()), start=_date(props, "start"), end=_date(props, "end"),
        start_note=props.get("startNote"),
        qualifiers=tuple(sorted((k, str(props[k])) for k in schema.qualifiers if k in props)),
        reliability=props.get("reliability"), credibility=props.get("credibility"), note=props.get("note"),
    )


def source_props(source: Source) -> Props:
    """Node properties of a source."""
    return _clean({
        "id": source.id, "publisher": source.publisher, **_date_props("date", source.date),
        **{_camel(key): getattr(source, key) for key in SOURCE_TEXT_FIELDS},
    })


def source_from_props(props: Mapping[str, Any]) -> Source:
    date = _date(props, "date")
    assert date is not None
    return Source(id=props["id"], publisher=props["publisher"], date=date,
                  **{key: props.get(_camel(key)) for key in SOURCE_TEXT_FIELDS})


def _camel(key: str) -> str:
    """A field's Neo4j property name (``cited_via`` -> ``citedVia``)."""
    head, *rest = key.split("_")
    return head + "".join(word.capitalize() for word in rest)
