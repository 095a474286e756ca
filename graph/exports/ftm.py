"""FollowTheMoney (FtM) export: the graph as FtM entities, one JSON object a line.

FtM is the model of Aleph and OpenSanctions; the file loads with ``ftm`` tools
(``ftm validate``, ``ftm store``...) and into Aleph. It needs the ``exports`` extra
(``pip install 'jkg[exports]'``); without it the writer stops with a message naming it.

What goes where
---------------
* **Entities** by the most specific class of their lineage in :data:`CLASSES`:
  organizations -> ``Organization``; people -> ``Person``; communities ->
  ``Organization`` (FtM has no schema for a group of people that is not a body; the
  ``classification`` says "community"); places -> ``Address`` (FtM has no place schema,
  and the geography links need a thing to point at); events -> ``Event``; designations
  -> ``Sanction`` (below). Every entity carries our class label (``classification``, or
  ``keywords`` for an event or a place), ``description``, ``notes`` (our note),
  ``wikidataId`` and ``idNumber`` (the UN sanctions reference), and its lifetime:
  ``incorporationDate``/``dissolutionDate``, ``birthDate``/``deathDate`` or
  ``startDate``/``endDate`` (a place's, if any, in ``notes``).
* **Names** by kind (:data:`NAME_KINDS`): preferred -> ``name``; alias, kunya,
  transliteration, acronym -> ``alias``; weakAlias -> ``weakAlias``; formerName ->
  ``previousName`` (the search's ``generated`` variants are never data). A name's language,
  script, dates and sources are lost.
* **Relations** by :data:`RELATIONS`, one FtM interval entity per fact: posts
  (``leaderOf``, ``deputyOf``, ``commanderOf``, ``heldPostIn``) -> ``Directorship``
  with ``role`` = the post; ``memberOf``, and ``branchOf``/``subUnitOf`` (the nearest FtM
  has to a part of a body) -> ``Membership``; ``successorOf`` (renamings), ``mergedInto``
  and ``succeeded`` (a person after another in a post) -> ``Succession``; the rest
  (alliances, rivalries, pledges, founders, splinters, community ties, geography,
  events) -> ``UnknownLink`` with ``role`` = the relation's label, since FtM has no
  schema saying more and a sourced link is better kept than dropped. ``Family`` and
  ``Associate`` apply to none: the ontology has no kinship or personal tie.
* **Designations**: each ``designatedIn`` fact is a ``Sanction`` (``entity``, ``program`` =
  the designation's name, ``authority`` = the names of those ``issuerOf`` it, its dates).
  The designation itself and its ``issuerOf`` facts have no entity of their own (their
  sources join the Sanction's; the issuer facts' status and grading are lost); ``issuerOf``
  a statement is an ``UnknownLink``.
* **Dates** at their precision (``2013``, ``2013-08``, ``2013-08-22``). FtM dates have no
  qualifier: an approximate (``~``) or uncertain (``?``) date keeps its precision and
  loses the qualifier there; the date as given is kept in ``notes`` (entities) or
  ``summary`` (relations), with the ``start_note`` of a relation with no start.
* **Sources**: ``sourceUrl`` (the sources' URLs) and ``publisher``; their titles, dates,
  authors, reliability and ``cited_via`` are lost.
* **Status and grading** of a relation go to ``summary`` (``status: reported; grading: B2``,
  with its qualifiers), its note to ``description``, its id to ``recordId``.

Ids are ``make_id("jkg", our id)`` (a SHA-1 of both), so the same data gives the same bytes.

Examples
--------
>>> NAME_KINDS["kunya"], RELATIONS["leaderOf"].schema, _ftm_date(PartialDate.parse("2013-08~"))
('alias', 'Directorship', '2013-08')
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from jkg.graph.dataset.model import Entity, Relation
from jkg.graph.engine.dates import PartialDate
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exports.registry import Format

if TYPE_CHECKING:
    from followthemoney.model import Model
    from followthemoney.proxy import EntityProxy

__all__ = ["CLASSES", "FORMATS", "IDENTIFIERS", "NAME_KINDS", "RELATIONS", "SANCTION_PARTS", "Link", "export_ftm",
           "ftm_entities"]

#: What to install when FtM is missing.
INSTALL_HINT = "pip install 'jkg[exports]'"

#: Our class (the most specific of an entity's lineage found here wins) -> FtM schema.
CLASSES: dict[str, str] = {
    "Organization": "Organization",
    "Person": "Person",
    "Community": "Organization",
    "Place": "Address",
    "Event": "Event",
    "Designation": "Sanction",
}

#: FtM properties of an entity's start and end, by FtM schema (None: the schema has none; the dates go to notes).
LIFETIME: dict[str, tuple[str | None, str | None]] = {
    "Organization": ("incorporationDate", "dissolutionDate"),
    "Person": ("birthDate", "deathDate"),
    "Event": ("startDate", "endDate"),
    "Address": (None, None),
}

#: Every name kind of the ontology -> FtM name property, or None: left out.
NAME_KINDS: dict[str, str | None] = {
    "preferred": "name",
    "alias": "alias",
    "kunya": "alias",
    "transliteration": "alias",
    "acronym": "alias",
    "weakAlias": "weakAlias",
    "formerName": "previousName",
    "generated": None,  # the search's own variants: never a sourced name, never in data
}

#: External identifier key -> FtM property (``idNumber``: LegalEntity's one general identifier).
IDENTIFIERS: dict[str, str] = {"wikidata": "wikidataId", "un_sanctions": "idNumber"}


@dataclass(frozen=True)
class Link:
    """The FtM interval schema a relation type becomes, and which properties hold its subject and object."""

    schema: str
    subject: str
    object: str
    #: What ``role`` holds: the post (the relation's, else its type's default, else its label) or the label.
    role: Literal["post", "label"] = "label"


_UNKNOWN = Link("UnknownLink", "subject", "object")
_POST = Link("Directorship", "director", "organization", "post")

#: Every relation type of the ontology -> its FtM schema, or None for a type folded into a Sanction only.
RELATIONS: dict[str, Link | None] = {
    "leaderOf": _POST, "deputyOf": _POST, "commanderOf": _POST, "heldPostIn": _POST,
    "memberOf": Link("Membership", "member", "organization", "post"),
    "branchOf": Link("Membership", "member", "organization"),
    "subUnitOf": Link("Membership", "member", "organization"),
    # the subject of successorOf and succeeded comes after the object; what merges into another precedes it
    "successorOf": Link("Succession", "successor", "predecessor"),
    "succeeded": Link("Succession", "successor", "predecessor", "post"),
    "mergedInto": Link("Succession", "predecessor", "successor"),
    "designatedIn": None,
    "issuerOf": _UNKNOWN,  # folded into the Sanction when its object is a designation
    **{name: _UNKNOWN for name in (
        "alliedWith", "rivalOf", "pledgedAllegianceTo", "founderOf", "splinterOf", "tiesWithCommunity",
        "basedIn", "operatesIn", "locatedIn", "perpetratorOf", "claimedResponsibilityFor", "participantIn",
        "killedIn", "capturedIn", "surrenderedIn",
    )},
}

#: Relation types whose facts pointing to a designation make its Sanction, and the Sanction property they fill.
SANCTION_PARTS: dict[str, str] = {"designatedIn": "entity", "issuerOf": "authority"}

_QUALIFIER_WORDS = {"~": "approximate", "?": "uncertain", "%": "approximate and uncertain"}


def _model() -> Model:
    try:
        from followthemoney import model
    except ImportError as err:
        raise ModuleNotFoundError(f"the ftm export needs the followthemoney package: {INSTALL_HINT}") from err
    return model


def _ftm_date(date: PartialDate) -> str:
    """An FtM date at the precision of ours, its qualifier dropped (FtM has none)."""
    return date.text.rstrip("~?%")


def _dates_as_given(start: PartialDate | None, end: PartialDate | None, every: bool = False) -> str | None:
    """The qualified dates (``every``: all dates) as written, in words, since FtM keeps only their precision.

    >>> _dates_as_given(PartialDate.parse("2013~"), PartialDate.parse("2015"))
    'dates as given: start 2013~ (approximate)'
    """
    parts = [f"{which} {d.text}" + (f" ({_QUALIFIER_WORDS[d.qualifier]})" if d.qualifier else "")
             for which, d in (("start", start), ("end", end)) if d is not None and (every or d.qualifier)]
    return "dates as given: " + ", ".join(parts) if parts else None


class _Builder:
    """Makes the FtM entities of one graph."""

    def __init__(self, tg: TemporalGraph, model: Model) -> None:
        self.tg = tg
        self.model = model
        self.schemata = {e.id: self.schema_of(e) for e in tg.entities.values()}
        from followthemoney.util import make_entity_id

        # the id proxy.make_id("jkg", our id) gives, for the entities relation facts point to
        self.ids = {e: make_entity_id("jkg", e) for e in tg.entities}

    def schema_of(self, entity: Entity) -> str:
        for cls in reversed(self.tg.schema.classes[entity.type].lineage):
            if cls in CLASSES:
                return CLASSES[cls]
        raise ValueError(f"class {entity.type!r} has no FtM schema: add it or an ancestor to ftm.CLASSES")

    def make(self, schema: str, our_id: str) -> EntityProxy:
        proxy = self.model.make_entity(schema)
        proxy.make_id("jkg", our_id)
        return proxy

    def ref(self, entity_id: str) -> str | None:
        return self.ids[entity_id]

    def add_sources(self, proxy: EntityProxy, source_ids: Iterable[str]) -> None:
        for sid in dict.fromkeys(source_ids):
            source = self.tg.sources[sid]
            if source.url:
                proxy.add("sourceUrl", source.url)
            proxy.add("publisher", source.publisher)

    def entity(self, entity: Entity) -> EntityProxy:
        schema = self.schemata[entity.id]
        proxy = self.make(schema, entity.id)
        names = [(prop, n.text) for n in entity.names if (prop := NAME_KINDS[n.kind]) is not None]
        if not any(prop == "name" for prop, _ in names):
            names.insert(0, ("name", entity.name))  # FtM requires a name: the one the graph shows
        for prop, text in names:
            proxy.add(prop, text)
        # our class: LegalEntity's classification, else the keywords every Thing has (an attack, a city)
        kind = "classification" if proxy.schema.get("classification") else "keywords"
        proxy.add(kind, self.tg.schema.classes[entity.type].label)
        proxy.add("description", entity.description)
        proxy.add("notes", entity.note)
        for key, value in entity.identifiers:
            proxy.add(IDENTIFIERS[key], value)  # not quiet: a schema that cannot hold it fails the export
        start_prop, end_prop = LIFETIME[schema]
        for date_prop, date in ((start_prop, entity.start), (end_prop, entity.end)):
            if date is not None and date_prop is not None:
                proxy.add(date_prop, _ftm_date(date))
        # every date when the schema has no property for them (a place), else the qualified ones
        proxy.add("notes", _dates_as_given(entity.start, entity.end, every=start_prop is None))
        self.add_sources(proxy, entity.sources)
        return proxy

    def summary(self, rel: Relation) -> str:
        """Status, grading, qualifiers and dates as given: what FtM has no property for."""
        parts = [f"{self.tg.schema.relation_types[rel.type].label}", f"status: {rel.status}"]
        if rel.reliability and rel.credibility:
            parts.append(f"grading: {rel.reliability}{rel.credibility}")
        for name, value in rel.qualifiers:
            shown = self.tg.entities[value].name if value in self.tg.entities else value
            parts.append(f"{name}: {shown}")
        if (given := _dates_as_given(rel.start, rel.end)) is not None:
            parts.append(given)
        if rel.start is None and rel.start_note:
            parts.append(f"start unknown: {rel.start_note}")
        return "; ".join(parts)

    def interval(self, proxy: EntityProxy, rel: Relation) -> EntityProxy:
        """The fields every relation fact carries, on its FtM interval entity."""
        if rel.start is not None:
            proxy.add("startDate", _ftm_date(rel.start))
        if rel.end is not None:
            proxy.add("endDate", _ftm_date(rel.end))
        proxy.add("summary", self.summary(rel))
        proxy.add("description", rel.note)
        proxy.add("recordId", rel.id)
        self.add_sources(proxy, rel.sources)
        return proxy

    def role(self, rel: Relation, link: Link) -> str:
        rt = self.tg.schema.relation_types[rel.type]
        post = (rel.qualifier("post") or rt.default_post) if link.role == "post" else None
        return self.tg.schema.vocabulary("Posts")[post].label if post else rt.label

    def relation(self, rel: Relation, link: Link) -> EntityProxy:
        proxy = self.make(link.schema, rel.id)
        proxy.add(link.subject, self.ref(rel.subject))
        proxy.add(link.object, self.ref(rel.object))
        proxy.add("role", self.role(rel, link))
        return self.interval(proxy, rel)

    def sanction(self, rel: Relation, issuers: list[Relation]) -> EntityProxy:
        designation = self.tg.entities[rel.object]
        proxy = self.make("Sanction", rel.id)
        proxy.add("entity", self.ref(rel.subject))
        proxy.add("program", designation.name)
        for issuer in issuers:
            proxy.add("authority", self.tg.entities[issuer.subject].name)
            self.add_sources(proxy, issuer.sources)
        self.interval(proxy, rel)
        proxy.add("description", designation.description)
        proxy.add("description", designation.note)
        # a designated entity is listed when the designation is issued: its date when the fact gives none
        if rel.start is None and designation.start is not None:
            proxy.add("startDate", _ftm_date(designation.start))
        self.add_sources(proxy, designation.sources)
        return proxy

    def all(self) -> Iterator[EntityProxy]:
        for entity in self.tg.entities.values():
            if self.schemata[entity.id] != "Sanction":
                yield self.entity(entity)
        issuers: dict[str, list[Relation]] = {}
        for rel in self.tg.relations.values():
            if self.schemata[rel.object] == "Sanction" and SANCTION_PARTS.get(rel.type) == "authority":
                issuers.setdefault(rel.object, []).append(rel)
        for rel in self.tg.relations.values():
            if self.schemata[rel.object] == "Sanction":
                if SANCTION_PARTS.get(rel.type) == "entity":
                    yield self.sanction(rel, issuers.get(rel.object, []))
                elif rel.type not in SANCTION_PARTS:
                    raise ValueError(f"relation {rel.id}: a {rel.type} fact about a designation has no FtM form")
                continue
            link = RELATIONS[rel.type]
            if link is None:
                raise ValueError(f"relation {rel.id}: {rel.type} has no FtM schema outside a Sanction")
            yield self.relation(rel, link)


def ftm_entities(tg: TemporalGraph) -> list[dict[str, Any]]:
    """The graph as FtM entity dicts (``proxy.to_dict()``), entities first, then relation facts, in data order.

    Raises
    ------
    ModuleNotFoundError
        If followthemoney is not installed (``pip install 'jkg[exports]'``).
    ValueError
        If a class or a relation of the data has no FtM form (see :data:`CLASSES`, :data:`RELATIONS`).
    """
    return [proxy.to_dict() for proxy in _Builder(tg, _model()).all()]


def export_ftm(tg: TemporalGraph, path: Path) -> Counter[str]:
    """Write the graph to ``path`` as FtM JSON lines (sorted keys, UTF-8); return the entities per FtM schema."""
    entities = ftm_entities(tg)
    lines = (json.dumps(e, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n" for e in entities)
    path.write_text("".join(lines), encoding="utf-8")
    return Counter(e["schema"] for e in entities)


def _write(tg: TemporalGraph, path: Path) -> str:
    counts = export_ftm(tg, path)
    return f"{sum(counts.values())} FtM entities (" + ", ".join(f"{k} {v}" for k, v in counts.most_common()) + ")"


#: The FollowTheMoney export (see :mod:`jkg.graph.exports.registry`).
FORMATS = (Format("ftm", "FollowTheMoney entities as JSON lines (Aleph, OpenSanctions): people, organizations,"
                  " directorships, memberships, successions, sanctions; status and grading in summary", "file",
                  _write, media_type="application/x-ndjson", suffix=".ftm.json"),)
