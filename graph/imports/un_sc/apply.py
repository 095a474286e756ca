"""``seed_data/imports/un-sc.yaml``, regenerated whole from the links and positive judgements.

For each UN record applied:

* **one source** (the list, its date, the reference): ``un-sc-list-qdi-232``;
* **a Designation event** dated with the listing date, ``designatedIn`` from the entity and
  ``issuerOf`` from the Security Council (the graph's entity named so);
* for a **new** entity (a ``new`` record judged positive): the entity itself, with the UN
  reference as its ``un_sanctions`` identifier and every UN name with its kind (the full name
  preferred; Good and a.k.a. ``alias``, ``kunya`` for an Abu name, ``transliteration`` when
  it spells another of its names otherwise; Low ``weakAlias``; f.k.a. ``formerName``;
  original script ``alias`` with its script). A name another entity holds is refused, and the
  record with it, naming both.

An entity already in the graph is defined in its own file, which this one cannot amend: the
UN names and reference it lacks are listed (:attr:`Applied.to_add`) for the analyst to add
there. Since the file is regenerated from the standing judgements, undoing a judgement and
applying again removes what it had added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from jkg.graph.dataset.names import normalize, phonetic_key
from jkg.graph.engine.dates import PartialDate, after, before
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.imports.review import Judgement
from jkg.graph.imports.un_sc.names import UnName
from jkg.graph.imports.un_sc.records import UnRecord
from jkg.graph.imports.un_sc.resolve import Resolution

__all__ = ["Applied", "apply_text"]

_LIST = "ISIL (Da'esh) and Al-Qaida Sanctions List"
_ISSUER_NAME = "United Nations Security Council"
#: The lineage relation saying that its subject is its object renamed or transformed.
_SUCCESSOR = "successorOf"


@dataclass
class Applied:
    """What applying produced: the file's text, and what it could not do."""

    text: str
    #: reference -> the entity it was applied to
    applied: dict[str, str] = field(default_factory=dict)
    #: records refused, with why (a name collision, contradictory judgements)
    refused: list[str] = field(default_factory=list)
    #: entity -> UN names and reference it lacks (to add in its own file)
    to_add: dict[str, list[str]] = field(default_factory=dict)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize(text)).strip("-")


def _display(text: str) -> str:
    """A name as the graph writes it: the UN's upper-case Latin names of several words in title case."""
    return text.title() if text.isupper() and " " in text.strip() else text


def _subject_at(graph: TemporalGraph, entity_id: str, day: str) -> tuple[str | None, str]:
    """Who was listed on ``day``: the entity, or the earlier body it is the successor of (a group
    listed under its former name); None when the date falls outside both lifetimes."""
    seen: set[str] = set()
    current: str | None = entity_id
    when = PartialDate.parse(day)
    while current is not None and current not in seen:
        seen.add(current)
        entity = graph.entities[current]
        if not (entity.start and before(when, entity.start)) and not (entity.end and after(when, entity.end)):
            return current, "" if current == entity_id else f" (listed before it became {entity_id})"
        current = next((r.object for r in graph.edges(current, "out") if r.type == _SUCCESSOR), None)
    return None, f"listed on {day}, outside the lifetime of {entity_id}"


def _issuer(graph: TemporalGraph) -> str | None:
    for entity in sorted(graph.entities.values(), key=lambda e: e.id):
        if any(normalize(n.text) == normalize(_ISSUER_NAME) for n in entity.names):
            return entity.id
    return None


def _targets(res: Resolution, positives: dict[str, Judgement]) -> set[str | None]:
    if res.decision == "link" and res.entity_id:
        return {res.entity_id}
    return {j.entity for j in positives.values() if j.record == res.record.ref}


def _name_entry(name: UnName, kind: str, source: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"text": _display(name.text) if kind != "acronym" else name.text, "kind": kind}
    if name.script:
        entry.update(lang="ar", script=name.script)
    entry["sources"] = [source]
    return entry


def _new_names(record: UnRecord, source: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    keys: list[str] = []
    for i, name in enumerate(record.names):
        kind = "preferred" if i == 0 else name.kind
        if kind in ("alias", "kunya") and not name.script and phonetic_key(name.text) in keys:
            kind = "transliteration"
        keys.append(phonetic_key(name.text))
        entries.append(_name_entry(name, kind, source))
    return entries


def apply_text(graph: TemporalGraph, resolutions: list[Resolution], positives: dict[str, Judgement], *,
               list_date: str | None, origin: str) -> Applied:
    """The generated file for ``resolutions`` and the standing positive judgements of this producer."""
    issuer = _issuer(graph)
    held: dict[str, set[str]] = {}
    for entity in graph.entities.values():
        for n in entity.names:
            if n.kind != "weakAlias" and not n.shared_reason:
                held.setdefault(normalize(n.text), set()).add(entity.id)
    result = Applied("")
    sources: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    for res in resolutions:
        if res.decision == "out-of-scope":
            continue
        record, targets = res.record, _targets(res, positives)
        if not targets:
            continue
        if len(targets) > 1:
            result.refused.append(f"{record.ref}: judged the same as {', '.join(sorted(map(str, targets)))};"
                                  " undo all but one")
            continue
        target = targets.pop()
        source = f"un-sc-list-{_slug(record.ref)}"
        ref_slug = _slug(record.ref)
        if target is None:
            target = _slug(record.primary) or ref_slug
            if target in graph.entities:
                target = f"{target}-{ref_slug}"
            names = _new_names(record, source)
            clashes = [f"{n['text']!r} is already a name of {other!r} ({graph.entities[other].name!r})"
                       for n in names if n["kind"] != "weakAlias"
                       for other in sorted(held.get(normalize(n["text"]), ()))]
            if clashes:
                result.refused.append(f"{record.ref} (new entity {target!r}): refused, {'; '.join(clashes)}")
                continue
            entities.append({"id": target, "type": "Person" if record.schema == "Person" else "MilitantGroup",
                             "names": names, "identifiers": {"un_sanctions": record.ref},
                             "description": f"Listed by the UN Security Council ({record.ref}); "
                                            "entity created from the list after an analyst's judgement.",
                             "sources": [source]})
        else:
            entity = graph.entities[target]
            have = {normalize(n.text) for n in entity.names}
            lacks = [f"{_display(n.text)} ({n.kind})" for n in record.names if normalize(n.text) not in have]
            if ("un_sanctions", record.ref) not in entity.identifiers:
                lacks.insert(0, f"identifier un_sanctions: {record.ref}")
            if lacks:
                result.to_add[target] = lacks
        subject, why = _subject_at(graph, target, record.listed_on) if target in graph.entities else (target, "")
        if subject is None:
            result.refused.append(f"{record.ref}: {why}")
            continue
        result.applied[record.ref] = target
        sources.append({"id": source, "publisher": "United Nations Security Council", "publication": _LIST,
                        "title": f"{record.ref}: {_display(record.primary)}", "date": list_date or record.listed_on,
                        "reliability": "A",
                        "note": f"UN reference {record.ref}, DATAID {record.dataid}; from {origin}"})
        event = f"designation-un-sc-{ref_slug}-{record.listed_on}"
        entities.append({"id": event, "type": "Designation",
                         "names": [{"text": f"{record.ref}: UN Security Council listing of {_display(record.primary)}",
                                    "kind": "preferred", "lang": "en", "sources": [source]}],
                         "start": record.listed_on, "sources": [source]})
        designated = {"type": "designatedIn", "subject": subject, "object": event, "start": record.listed_on,
                      "status": "confirmed", "grading": "A1", "sources": [source]}
        if why:
            designated["note"] = f"Listed as {subject}{why}."
        relations.append(designated)
        if issuer:
            relations.append({"type": "issuerOf", "subject": issuer, "object": event, "start": record.listed_on,
                              "status": "confirmed", "grading": "A1", "sources": [source]})
    header = (f"# Generated by `jkg import un-sc --apply` from {origin}: do not edit by hand.\n"
              "# Judge pairs with `jkg review un-sc` and apply again; every record here is a link\n"
              "# the import made on strong evidence or a pair an analyst judged positive.\n")
    body = {"sources": sources, "entities": entities, "relations": relations}
    result.text = header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=120)
    return result
