"""Amendments merged into the entities they amend: the one place where a file adds names and
identifiers to an entity another file defines (see ``amendments`` in ``seed_data/README.md``).

Reading merges them (:func:`jkg.graph.dataset.files.read_dataset`), so that validation, the
engine, search, the RDF view and every store and export see one entity. The merge does not
depend on the order of files or amendments:

* a name the entity already has (same text, kind, language, script, dates and shared reason)
  gains the amendment's sources; its own sources come first, the added ones sorted;
* other names, the same name from several amendments made one, follow the entity's own names,
  sorted; each keeps where it was written (:attr:`Name.location`), for problems;
* an identifier the entity lacks is added (the smallest value when amendments disagree: that
  is a problem :func:`jkg.graph.dataset.validate.check_dataset` reports, like an amendment of
  an unknown entity, which is left out here);
* the amendments' sources follow the entity's own, sorted.

Examples
--------
>>> from jkg.graph.dataset.model import Location
>>> own = Entity("x", "Person", (Name("X", "preferred", ("a",)), Name("Abu X", "kunya", ("a",))), ("a",))
>>> later = Amendment("x", (Name("Abu X", "kunya", ("un",)), Name("Ixx", "weakAlias", ("un",))),
...                   (("un_sanctions", "QDi.1"),), ("un",), Location("un.yaml", 3))
>>> [merged] = amend([own], [later])
>>> [(n.text, n.sources) for n in merged.names]
[('X', ('a',)), ('Abu X', ('a', 'un')), ('Ixx', ('un',))]
>>> merged.identifiers, merged.sources
((('un_sanctions', 'QDi.1'),), ('a', 'un'))
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from jkg.graph.dataset.model import Amendment, Entity, Location, Name

__all__ = ["amend", "name_key"]

NameKey = tuple[str, str, str, str, str, str, str]


def name_key(name: Name) -> NameKey:
    """What makes two names the same statement, sources and location aside (sortable)."""
    return (name.text, name.kind, name.lang or "", name.script or "", str(name.start or ""),
            str(name.end or ""), name.shared_reason or "")


def _where(location: Location | None) -> tuple[str, int]:
    return (location.file, location.line or 0) if location else ("", 0)


def _merged(entity: Entity, amendments: list[Amendment]) -> Entity:
    own = {name_key(n): i for i, n in enumerate(entity.names)}
    more_sources: dict[NameKey, set[str]] = defaultdict(set)
    added: dict[NameKey, Name] = {}
    identifiers: dict[str, set[str]] = defaultdict(set)
    sources: set[str] = set()
    for amendment in amendments:
        sources.update(amendment.sources)
        for scheme, value in amendment.identifiers:
            identifiers[scheme].add(value)
        for name in amendment.names:
            key = name_key(name)
            more_sources[key].update(name.sources)
            if key not in own:
                first = added.get(key)
                if first is None or _where(name.location) < _where(first.location):
                    added[key] = name
    names = list(entity.names)
    for key, i in own.items():
        extra = more_sources.get(key, set()) - set(names[i].sources)
        if extra:
            names[i] = replace(names[i], sources=names[i].sources + tuple(sorted(extra)))
    for key in sorted(added):
        names.append(replace(added[key], sources=tuple(sorted(more_sources[key]))))
    kept = dict(entity.identifiers)
    for scheme, values in identifiers.items():
        kept.setdefault(scheme, min(values))
    return replace(
        entity, names=tuple(names), identifiers=tuple(sorted(kept.items())),
        sources=entity.sources + tuple(sorted(sources - set(entity.sources))),
    )


def amend(entities: list[Entity], amendments: Iterable[Amendment]) -> list[Entity]:
    """``entities`` in the same order, each amended by the amendments naming it (the first of
    two entities of one id, which validation refuses anyway)."""
    by_target: dict[str, list[Amendment]] = defaultdict(list)
    for amendment in amendments:
        by_target[amendment.entity].append(amendment)
    if not by_target:
        return entities
    merged: list[Entity] = []
    for entity in entities:
        todo = by_target.pop(entity.id, None)
        merged.append(_merged(entity, todo) if todo else entity)
    return merged
