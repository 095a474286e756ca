"""STIX 2.1: the graph as one JSON bundle for threat-intelligence platforms (OpenCTI, MISP, TAXII feeds).

The bundle is written as plain dicts with :mod:`json`, not built with the ``stix2`` library: the output
is then byte-for-byte the same for the same data (key order, no clock, no random id), the export needs
no extra dependency, and the tests read it back with ``stix2`` and check it with ``stix2-validator``.

What each record becomes
------------------------
* **Groups the graph follows** (organizations of a ``jkg:tracked`` class: militant groups, branches,
  sub-units) are ``threat-actor``, not ``intrusion-set``: STIX 2.1 defines a threat actor as the
  individuals, groups or organizations behind malicious activity, and an intrusion set as a set of
  adversarial behaviours and resources (OpenCTI uses it for the technical clusters of campaigns).
  ``threat_actor_types`` is ``["terrorist"]`` only when the data holds a terrorist designation of the
  group (a relation to a ``Designation`` event) or of a group it is the renaming of (AQIM inherits the
  GSPC's); otherwise it is left out rather than guessed, since the tracked classes also hold separatist
  movements and militias. ``first_seen``/``last_seen`` are the first day of its start and the last of its end.
  ``roles``, ``resource_level`` and ``primary_motivation`` are never written: the data does not state them.
* **Other organizations** (state and international bodies, political movements, military operations) are
  ``identity`` with ``identity_class: organization``; **people** ``identity`` with ``individual`` (the
  graph also holds officials, mediators and victims: what a person did is in their dated relationships,
  not in a permanent label); **communities** ``identity`` with ``class``.
* **Places** are ``location``. STIX requires ``region``, ``country`` or coordinates; the data holds no
  ISO 3166 code nor coordinates, so ``region`` carries the place's name as text (an open vocabulary: the
  validator warns) and ``x_jkg_type`` its class (``Country``, ``City``...).
* **Events** (attacks, killings, designations, renamings...) are ``x-jkg-event``, a new SDO declared by an
  ``extension-definition``: STIX has no event object, a ``report`` is a document about threats (our
  sources are closer to that) and a ``campaign`` a series of attacks, not a killing or a listing.
* **Relation facts** are ``relationship`` objects, ``relationship_type`` our type in kebab-case
  (``leaderOf`` -> ``leader-of``; STIX allows custom types). ``start_time`` is the first day the start
  may mean, ``stop_time`` the end of the last day the end may mean, from the relation's own dates as the
  engine reads them (``tg.intervals[rel.id].start``/``.end``: an instantaneous type ends on its start);
  bounds the engine infers from the endpoints' lifetimes are not written. The dates as written, the status,
  the Admiralty grading, the qualifiers and the note are kept in ``x_jkg_*`` properties.
* **Sources** are ``external_references`` (``source_name`` the publisher, ``external_id`` our source id,
  ``url``, ``description`` the title, publication and date) on every object and relationship citing them;
  external identifiers (Wikidata) too, under their scheme key. **Names**: ``aliases`` on a threat actor and
  an event, ``x_jkg_aliases`` on an identity or location (STIX gives those no aliases); weak aliases only in
  ``x_jkg_weak_aliases``; every name with its kind, language, script, dates and sources in ``x_jkg_names``.

``confidence`` comes from the information credibility alone, by the Admiralty credibility scale of STIX 2.1
(Appendix A): 1 -> 90, 2 -> 70, 3 -> 50, 4 -> 30, 5 -> 10, 6 (truth cannot be judged) -> no confidence.
The source reliability grades the source, not the statement, so it does not move it; it is kept in
``x_jkg_grading``. The ``x_jkg_*`` properties are declared by a ``toplevel-property-extension``.

Ids are UUIDv5 from :data:`NAMESPACE` and our ids, so a re-export updates objects instead of duplicating
them (STIX suggests UUIDv4: the validator warns). ``created`` and ``modified`` are the date of the newest
source in the data (no object can be older than that), never the clock: the same data gives the same
bytes. A fact corrected without a newer source therefore keeps its ``modified``.

Examples
--------
>>> confidence(1), confidence(5), confidence(6), confidence(None)
(90, 10, None, None)
>>> kebab("pledgedAllegianceTo")
'pledged-allegiance-to'
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jkg.graph.dataset.model import Entity, Name, Relation
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exports.registry import Format

__all__ = ["ADMIRALTY_CONFIDENCE", "FORMATS", "NAMESPACE", "PROPERTIES", "STIX_TYPES", "confidence",
           "export_stix", "kebab", "stix_bundle", "uri"]

#: The namespace of every id of the bundle (fixed forever: changing it would duplicate every object).
NAMESPACE = uuid.UUID("9e7bb725-488b-4697-a7a9-7f773efdbeb9")

#: Information credibility (Admiralty 1-6) -> STIX ``confidence``: the Admiralty credibility scale of
#: STIX 2.1, Appendix A. 6 ("truth cannot be judged") means no confidence property at all.
ADMIRALTY_CONFIDENCE: dict[int, int | None] = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10, 6: None}

#: The STIX object of an entity by the most general class of its lineage. Tracked organizations become
#: ``threat-actor`` instead (see the module's docstring).
STIX_TYPES: dict[str, str] = {
    "Organization": "identity", "Person": "identity", "Community": "identity",
    "Place": "location", "Event": "x-jkg-event",
}
#: ``identity_class`` of an identity, by the most general class of its lineage.
IDENTITY_CLASSES: dict[str, str] = {"Organization": "organization", "Person": "individual", "Community": "class"}

#: The custom properties, declared by the bundle's property extension.
PROPERTIES = (
    "x_jkg_id", "x_jkg_type", "x_jkg_names", "x_jkg_aliases", "x_jkg_weak_aliases", "x_jkg_start", "x_jkg_end",
    "x_jkg_start_note", "x_jkg_status", "x_jkg_grading", "x_jkg_qualifiers", "x_jkg_note",
)
_EVENT = "x-jkg-event"
#: The STIX types that have ``aliases`` (STIX defines none on an identity or a location).
_WITH_ALIASES = ("threat-actor", _EVENT)
#: A name kind that never decides alone (see the README's Names): not an alias in STIX.
_WEAK = "weakAlias"
_EPOCH = dt.date(1970, 1, 1)


def confidence(credibility: int | None) -> int | None:
    """STIX ``confidence`` of an information credibility (see :data:`ADMIRALTY_CONFIDENCE`)."""
    return None if credibility is None else ADMIRALTY_CONFIDENCE[credibility]


def kebab(name: str) -> str:
    """A relation type name as a STIX relationship type (``leaderOf`` -> ``leader-of``)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def _id(stix_type: str, key: str) -> str:
    return f"{stix_type}--{uuid.uuid5(NAMESPACE, key)}"


def _day(day: dt.date, end: bool = False) -> str:
    return day.isoformat() + ("T23:59:59.999Z" if end else "T00:00:00.000Z")


def uri(url: str) -> str:
    """A URL as a URI: an IRI's non-ASCII characters percent-encoded as UTF-8 (RFC 3987, 3.1), since STIX
    wants a URI; what is already ASCII, escapes included, is left as it is.

    >>> uri("https://example.org/algérie?q=1")
    'https://example.org/alg%C3%A9rie?q=1'
    """
    return quote(url, safe="".join(chr(c) for c in range(33, 127)))


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    """Without absent values (STIX forbids null and empty lists)."""
    return {k: v for k, v in values.items() if v is not None and v != [] and v != {}}


class _Bundle:
    """The objects of one export, built in data order."""

    def __init__(self, tg: TemporalGraph) -> None:
        self.tg = tg
        newest = max((s.date.earliest for s in tg.sources.values()), default=_EPOCH)
        self.stamp = _day(newest)
        self.producer = _id("identity", "producer:jkg")
        self.props_ext = _id("extension-definition", "extension:properties")
        self.event_ext = _id("extension-definition", "extension:event")
        self.refs = {eid: self._stix_id(e) for eid, e in tg.entities.items()}

    # -- what each entity is --------------------------------------------------

    def _top(self, entity: Entity) -> str:
        return self.tg.schema.classes[entity.type].lineage[0]

    def _stix_type(self, entity: Entity) -> str:
        cls = self.tg.schema.classes[entity.type]
        if cls.tracked and self.tg.schema.is_a(entity.type, "Organization"):
            return "threat-actor"
        return STIX_TYPES[cls.lineage[0]]

    def _stix_id(self, entity: Entity) -> str:
        return _id(self._stix_type(entity), f"entity:{entity.id}")

    def designated(self) -> set[str]:
        """Entities the data says were designated (a relation to a Designation event), directly or under a
        name they were renamed from."""
        tg, found = self.tg, set()
        for rel in tg.relations.values():
            if rel.status != "refuted" and tg.schema.is_a(tg.entities[rel.object].type, "Designation"):
                found.add(rel.subject)
        renaming = set(tg.schema.relation_types_with_role("renaming"))
        renamings = [r for r in tg.relations.values() if r.status != "refuted" and r.type in renaming]
        grown = True
        while grown:  # the successor of a designated name inherits the designation, transitively
            before = len(found)
            found |= {r.subject for r in renamings if r.object in found}
            grown = len(found) > before
        return found

    # -- common parts ---------------------------------------------------------

    def _common(self, stix_type: str, stix_id: str) -> dict[str, Any]:
        return {"type": stix_type, "spec_version": "2.1", "id": stix_id, "created_by_ref": self.producer,
                "created": self.stamp, "modified": self.stamp}

    def _extensions(self, *, event: bool = False) -> dict[str, Any]:
        ext = {self.props_ext: {"extension_type": "toplevel-property-extension"}}
        if event:
            ext = {self.event_ext: {"extension_type": "new-sdo"}, **ext}
        return {"extensions": ext}

    def _references(self, source_ids: list[str], identifiers: tuple[tuple[str, str], ...] = ()) -> list[Any]:
        refs: list[Any] = []
        for sid in dict.fromkeys(source_ids):
            s = self.tg.sources[sid]
            text = ", ".join(p for p in (s.title, s.publication, s.author) if p)
            refs.append(_compact({
                "source_name": s.publisher, "description": f"{text} ({s.date.text})" if text else s.date.text,
                "url": uri(s.url) if s.url else None, "external_id": s.id,
            }))
        refs.extend({"source_name": key, "external_id": value} for key, value in identifiers)
        return refs

    @staticmethod
    def _name(name: Name) -> dict[str, Any]:
        return _compact({
            "text": name.text, "kind": name.kind, "lang": name.lang, "script": name.script,
            "start": name.start.text if name.start else None, "end": name.end.text if name.end else None,
            "sources": list(name.sources),
        })

    # -- objects --------------------------------------------------------------

    def entity(self, entity: Entity, designated: set[str]) -> dict[str, Any]:
        stix_type = self._stix_type(entity)
        preferred = entity.name
        aliases = list(dict.fromkeys(n.text for n in entity.names if n.kind != _WEAK and n.text != preferred))
        weak = list(dict.fromkeys(n.text for n in entity.names if n.kind == _WEAK))
        obj = self._common(stix_type, self.refs[entity.id])
        obj["name"] = preferred
        obj["description"] = entity.description
        if stix_type == "threat-actor":
            obj["threat_actor_types"] = ["terrorist"] if entity.id in designated else None
            obj["first_seen"] = _day(entity.start.earliest) if entity.start else None
            obj["last_seen"] = _day(entity.end.latest, end=True) if entity.end else None
        elif stix_type == "identity":
            obj["identity_class"] = IDENTITY_CLASSES[self._top(entity)]
        elif stix_type == "location":
            obj["region"] = preferred
        if stix_type in _WITH_ALIASES:
            obj["aliases"] = aliases
        name_sources = [s for n in entity.names for s in n.sources]
        obj.update({
            "external_references": self._references([*entity.sources, *name_sources], entity.identifiers),
            "x_jkg_id": entity.id, "x_jkg_type": entity.type,
            "x_jkg_names": [self._name(n) for n in entity.names],
            "x_jkg_aliases": None if stix_type in _WITH_ALIASES else aliases,
            "x_jkg_weak_aliases": weak,
            "x_jkg_start": entity.start.text if entity.start else None,
            "x_jkg_end": entity.end.text if entity.end else None,
            "x_jkg_note": entity.note,
        })
        return _compact({**obj, **self._extensions(event=stix_type == _EVENT)})

    def relation(self, rel: Relation) -> dict[str, Any]:
        tg = self.tg
        interval = tg.intervals[rel.id]
        rtype = tg.schema.relation_types[rel.type]
        subject, target = tg.entities[rel.subject], tg.entities[rel.object]
        obj = self._common("relationship", _id("relationship", f"relation:{rel.id}"))
        grading = _compact({"reliability": rel.reliability, "credibility": rel.credibility})
        obj.update({
            "relationship_type": kebab(rel.type),
            "description": f"{subject.name} {rtype.label} {target.name}",
            "source_ref": self.refs[rel.subject], "target_ref": self.refs[rel.object],
            "start_time": _day(interval.start.earliest) if interval.start else None,
            "stop_time": _day(interval.end.latest, end=True) if interval.end else None,
            "confidence": confidence(rel.credibility),
            "external_references": self._references(list(rel.sources)),
            "x_jkg_id": rel.id,
            "x_jkg_start": rel.start.text if rel.start else None,
            "x_jkg_end": rel.end.text if rel.end else None,
            "x_jkg_start_note": rel.start_note,
            "x_jkg_status": rel.status,
            "x_jkg_grading": grading,
            "x_jkg_qualifiers": dict(rel.qualifiers),
            "x_jkg_note": rel.note,
        })
        return _compact({**obj, **self._extensions()})

    def preamble(self) -> list[dict[str, Any]]:
        """The producer and the two extension definitions every other object refers to."""
        producer = {
            "type": "identity", "spec_version": "2.1", "id": self.producer, "created": self.stamp,
            "modified": self.stamp, "name": "jkg", "identity_class": "system",
            "description": "jkg, a knowledge graph of jihadist organizations of the Maghreb and the Sahel built"
                           f" from public sources (data version {self.tg.data_version or 'unknown'}).",
        }
        props = {
            **self._common("extension-definition", self.props_ext),
            "name": "jkg properties",
            "description": "Properties jkg adds to every object and relationship it exports.",
            "schema": "x_jkg_id: the jkg id; x_jkg_type: the ontology class; x_jkg_names: every name (text, kind,"
                      " lang, script, start, end, source ids); x_jkg_aliases, x_jkg_weak_aliases: name texts;"
                      " x_jkg_start, x_jkg_end: EDTF level-1 dates as the data gives them (~ approximate,"
                      " ? uncertain, % both); x_jkg_start_note; x_jkg_status: confirmed, reported, claimed,"
                      " disputed or refuted; x_jkg_grading: Admiralty source reliability A-F and information"
                      " credibility 1-6; x_jkg_qualifiers: qualifier name to value (jkg ids or vocabulary"
                      " names); x_jkg_note: free text.",
            "version": "1.0.0", "extension_types": ["toplevel-property-extension"],
            "extension_properties": list(PROPERTIES),
        }
        event = {
            **self._common("extension-definition", self.event_ext),
            "name": "jkg event",
            "description": "x-jkg-event: something that happened at a date (an attack, a killing, a capture,"
                           " a designation, a founding, a renaming...).",
            "schema": "x-jkg-event: name, description, aliases (name texts), external_references, and the jkg"
                      " properties; x_jkg_type is the kind of event, x_jkg_start its date.",
            "version": "1.0.0", "extension_types": ["new-sdo"],
        }
        return [producer, props, event]

    def objects(self) -> list[dict[str, Any]]:
        designated = self.designated()
        return [*self.preamble(), *(self.entity(e, designated) for e in self.tg.entities.values()),
                *(self.relation(r) for r in self.tg.relations.values())]


def stix_bundle(tg: TemporalGraph) -> dict[str, Any]:
    """The graph as a STIX 2.1 bundle, as plain dicts (see the module's docstring)."""
    return {"type": "bundle", "id": _id("bundle", f"bundle:{tg.data_version}"), "objects": _Bundle(tg).objects()}


def export_stix(tg: TemporalGraph, path: Path) -> Counter[str]:
    """Write the bundle of :func:`stix_bundle` to ``path`` as UTF-8 JSON.

    Returns
    -------
    Counter[str]
        Objects written by STIX type.
    """
    bundle = stix_bundle(tg)
    path.write_text(json.dumps(bundle, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return Counter(obj["type"] for obj in bundle["objects"])


def _write(tg: TemporalGraph, path: Path) -> str:
    counts = export_stix(tg, path)
    return f"{sum(counts.values())} STIX 2.1 objects (" + ", ".join(f"{k} {v}" for k, v in counts.items()) + ")"


#: The STIX 2.1 bundle (see :mod:`jkg.graph.exports.registry`).
FORMATS = (Format("stix", "a STIX 2.1 JSON bundle: threat actors, identities, locations, events and dated,"
                  " graded, sourced relationships", "file", _write, media_type="application/stix+json",
                  suffix=".stix.json"),)
