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

* for an entity **already in the graph** (defined in its own file): an **amendment** (see
  ``amendments`` in ``seed_data/README.md``) adding the UN reference as its ``un_sanctions``
  identifier and the UN names with the kinds above (``transliteration`` also when it spells one
  of the entity's names otherwise). A UN name the entity already has is written as the entity
  writes it, so that reading adds the UN source to that name. A name another entity holds is
  left out, naming both (:attr:`Applied.refused`), unless it is a former name held by a body
  the entity succeeds (the UN lists AQIM with the GSPC's names: the GSPC is its own entity);
  an entity with another UN reference, or linked from two records, is refused.

Since the file is regenerated whole from the links and the standing judgements, undoing a
judgement and applying again removes what it had added, amendments included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from jkg.graph.dataset.model import Entity, Name
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
#: The ontology's identifier scheme of UN references.
_SCHEME = "un_sanctions"
#: The UN's quality of a name the entity was formerly known by.
_FORMER = "f.k.a."
#: Kinds a UN name takes that become ``transliteration`` when they spell a name already there.
_SPELLINGS = ("alias", "kunya")


@dataclass
class Applied:
    """What applying produced: the file's text, and what it could not do."""

    text: str
    #: reference -> the entity it was applied to
    applied: dict[str, str] = field(default_factory=dict)
    #: records refused, or names left out, with why (a name collision, contradictory judgements)
    refused: list[str] = field(default_factory=list)
    #: entity already in the graph -> what its amendment adds (the reference, names as "text (kind)")
    amended: dict[str, list[str]] = field(default_factory=dict)


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


def _predecessors(graph: TemporalGraph, entity_id: str) -> set[str]:
    """The bodies ``entity_id`` is, directly or not, the successor of (renamed or transformed)."""
    found: set[str] = set()
    todo = [entity_id]
    while todo:
        for rel in graph.edges(todo.pop(), "out"):
            if rel.type == _SUCCESSOR and rel.object not in found:
                found.add(rel.object)
                todo.append(rel.object)
    return found


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


def _as_written(name: Name, source: str) -> dict[str, Any]:
    """A name the entity has, as its file writes it, cited by ``source`` too."""
    entry: dict[str, Any] = {"text": name.text, "kind": name.kind}
    for key in ("lang", "script", "start", "end", "shared_reason"):
        value = getattr(name, key)
        if value is not None:
            entry[key] = str(value)
    entry["sources"] = [source]
    return entry


def _names(record: UnRecord, source: str, entity: Entity | None) -> list[tuple[UnName, dict[str, Any]]]:
    """The record's names, each with its seed name: for a new entity (the first preferred), or
    for an amendment of ``entity`` (a name it has as it writes it)."""
    own = {normalize(n.text): n for n in reversed(entity.names)} if entity else {}
    keys = [phonetic_key(n.text) for n in entity.names] if entity else []
    entries: list[tuple[UnName, dict[str, Any]]] = []
    seen: set[str] = set()
    for i, name in enumerate(record.names):
        key = normalize(name.text)
        if entity is not None and (not key or key in seen):
            continue
        seen.add(key)
        if key in own:
            entries.append((name, _as_written(own[key], source)))
            continue
        kind = "preferred" if i == 0 and entity is None else name.kind
        if kind in _SPELLINGS and not name.script and phonetic_key(name.text) in keys:
            kind = "transliteration"
        keys.append(phonetic_key(name.text))
        entries.append((name, _name_entry(name, kind, source)))
    return entries


def _clashes(names: list[dict[str, Any]], held: dict[str, set[str]], graph: TemporalGraph,
             target: str, added: dict[str, str]) -> list[str]:
    """Why each non-weak name is another entity's, naming both (by the graph's, or this file's); a
    name shared with a stated reason is the entity's own, written as it writes it."""
    return [f"{n['text']!r} is already a name of {other!r}"
            f" ({graph.entities[other].name if other in graph.entities else added.get(other, other)!r})"
            for n in names if n["kind"] != "weakAlias" and not n.get("shared_reason")
            for other in sorted(held.get(normalize(n["text"]), set()) - {target})]


def _hold(held: dict[str, set[str]], names: list[dict[str, Any]], target: str) -> None:
    for n in names:
        if n["kind"] != "weakAlias":
            held.setdefault(normalize(n["text"]), set()).add(target)


def _amendment(graph: TemporalGraph, entity: Entity, record: UnRecord, source: str, held: dict[str, set[str]],
               added: dict[str, str], claimed: dict[str, str], result: Applied) -> dict[str, Any] | None:
    """The amendment adding the record's reference and names to ``entity``; None if refused."""
    have = dict(entity.identifiers).get(_SCHEME)
    other = claimed.get(entity.id)
    if (have and have != record.ref) or other:
        result.refused.append(f"{record.ref}: {entity.id!r} is already {have or other}, and an entity has"
                              " one UN reference; undo the judgement that links the other")
        return None
    claimed[entity.id] = record.ref
    names: list[dict[str, Any]] = []
    notes: list[str] = []
    earlier = _predecessors(graph, entity.id)
    for un, name in _names(record, source, entity):
        holders = held.get(normalize(name["text"]), set()) - {entity.id}
        if un.quality == _FORMER and holders and holders <= earlier:
            # the earlier body is its own entity, which holds the name: nothing to add, nothing wrong
            notes.append(f"left out {name['text']!r} (f.k.a.): a name of {', '.join(sorted(holders))},"
                         " which it succeeds")
            continue
        clashes = _clashes([name], held, graph, entity.id, added)
        if clashes:
            result.refused.append(f"{record.ref}: name left out of {entity.id!r}: {'; '.join(clashes)}")
        else:
            names.append(name)
    _hold(held, names, entity.id)
    had = {normalize(n.text) for n in entity.names}
    result.amended[entity.id] = [*([] if have else [f"identifier {_SCHEME}: {record.ref}"]),
                                 *(f"{n['text']} ({n['kind']})" for n in names if normalize(n["text"]) not in had),
                                 *notes]
    return {"entity": entity.id, **({} if have else {"identifiers": {_SCHEME: record.ref}}),
            "sources": [source], "names": names}


def apply_text(graph: TemporalGraph, resolutions: list[Resolution], positives: dict[str, Judgement], *,
               list_date: str | None, origin: str) -> Applied:
    """The generated file for ``resolutions`` and the standing positive judgements of this producer."""
    issuer = _issuer(graph)
    held: dict[str, set[str]] = {}
    for entity in graph.entities.values():
        _hold(held, [{"text": n.text, "kind": n.kind} for n in entity.names if not n.shared_reason], entity.id)
    result = Applied("")
    sources: list[dict[str, Any]] = []
    entities: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    amendments: list[dict[str, Any]] = []
    added: dict[str, str] = {}  # new entity -> its preferred name
    claimed: dict[str, str] = {}  # entity already in the graph -> the reference applied to it
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
            if target in graph.entities or target in added:
                target = f"{target}-{ref_slug}"
            names = [entry for _, entry in _names(record, source, None)]
            clashes = _clashes(names, held, graph, target, added)
            if clashes:
                result.refused.append(f"{record.ref} (new entity {target!r}): refused, {'; '.join(clashes)}")
                continue
            _hold(held, names, target)
            added[target] = names[0]["text"]
            entities.append({"id": target, "type": "Person" if record.schema == "Person" else "MilitantGroup",
                             "names": names, "identifiers": {_SCHEME: record.ref},
                             "description": f"Listed by the UN Security Council ({record.ref}); "
                                            "entity created from the list after an analyst's judgement.",
                             "sources": [source]})
            subject, why = target, ""
        else:
            found, why = _subject_at(graph, target, record.listed_on)
            if found is None:
                result.refused.append(f"{record.ref}: {why}")
                continue
            subject = found
            amendment = _amendment(graph, graph.entities[target], record, source, held, added, claimed, result)
            if amendment is None:
                continue
            amendments.append(amendment)
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
    body = {"sources": sources, "entities": entities, "relations": relations, "amendments": amendments}
    result.text = header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=120)
    return result
