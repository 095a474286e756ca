"""Which UN records are the graph's business, decided from the graph itself.

**The region's groups** are the graph's non-state organizations (not a state body, an
international body or a military operation) that the graph places somewhere: a relation from
the group to a place (``operatesIn``, ``basedIn``...). Since the graph's places are those of
the Maghreb and the Sahel, these are the groups of the region. **The region's people** are
the persons the graph ties to one of those groups by a relation of their own (leader,
member, founder...). Their UN references (identifier ``un_sanctions``) are the region's
references. No list of ids is typed here: adding a group and its places to the seed data
brings it into scope.

A record of the **Al-Qaida list** is in scope when its own reference is one of the region's,
when its narrative (``COMMENTS1``) cites one (or cites another record found in scope: the
rule runs to a fixed point), when its narrative names one of the region's groups, or when
one of its names matches an entity of the region. Nationality and address never count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jkg.graph.dataset.names import normalize
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.imports.un_sc.records import UnRecord

__all__ = ["AL_QAIDA_LIST", "Region", "region_of"]

#: The UN_LIST_TYPE of the ISIL (Da'esh) and Al-Qaida list.
AL_QAIDA_LIST = "Al-Qaida"
_NOT_GROUPS = ("StateBody", "InternationalBody", "MilitaryOperation")
_SCHEME = "un_sanctions"


@dataclass
class Region:
    """The region's entities as the graph knows them."""

    #: entity id -> why it is of the region
    entities: dict[str, str] = field(default_factory=dict)
    #: UN reference -> the entity holding it (every entity of the graph, of the region or not)
    refs: dict[str, str] = field(default_factory=dict)
    #: normalized names of the region's groups fit to be looked for in a narrative -> group id
    group_names: dict[str, str] = field(default_factory=dict)

    def region_refs(self) -> dict[str, str]:
        return {ref: entity for ref, entity in self.refs.items() if entity in self.entities}


def region_of(graph: TemporalGraph) -> Region:
    """The region's groups and people, their references and names (see the module docstring)."""
    schema = graph.schema
    entities = graph.entities
    region = Region()

    def is_group(ident: str) -> bool:
        kind = entities[ident].type
        return schema.is_a(kind, "Organization") and not any(schema.is_a(kind, t) for t in _NOT_GROUPS)

    for rel in sorted(graph.relations.values(), key=lambda r: r.id):
        if rel.subject in entities and rel.object in entities and is_group(rel.subject) \
                and schema.is_a(entities[rel.object].type, "Place"):
            region.entities.setdefault(rel.subject, f"{rel.type} {rel.object}")
    groups = set(region.entities)
    for rel in sorted(graph.relations.values(), key=lambda r: r.id):
        for person, group in ((rel.subject, rel.object), (rel.object, rel.subject)):
            if group in groups and person in entities and entities[person].type == "Person":
                region.entities.setdefault(person, f"{rel.type} {group}" if person == rel.subject
                                           else f"{group} {rel.type} them")
    for entity in entities.values():
        for scheme, value in entity.identifiers:
            if scheme == _SCHEME:
                region.refs[value] = entity.id
    for group in sorted(groups):
        for name in entities[group].names:
            norm = normalize(name.text)
            if name.kind == "weakAlias" or not norm:
                continue
            if len(norm.split()) >= 2 or (name.kind == "acronym" and len(norm) >= 4):
                region.group_names.setdefault(norm, group)
    for norm in set(region.group_names) & graph.names.shared:  # a name two entities share names neither
        del region.group_names[norm]
    return region


def tie(record: UnRecord, region: Region, in_scope_refs: dict[str, str], matched: list[str]) -> str | None:
    """Why ``record`` is in scope, in words, or None when it is not.

    ``in_scope_refs`` maps the references known in scope (the region's and the records' found
    so far) to what holds them; ``matched`` lists the entities its names match.
    """
    own = region.refs.get(record.ref)
    if own is not None and own in region.entities:
        return f"its reference is held by {own}, of the region ({region.entities[own]})"
    for ref in record.cited:
        if ref in in_scope_refs:
            return f"its narrative cites {ref} ({in_scope_refs[ref]})"
    narrative = f" {normalize(record.comments)} "
    for norm, group in sorted(region.group_names.items()):
        if f" {norm} " in narrative:
            return f"its narrative names {group}"
    for entity in matched:
        if entity in region.entities:
            return f"a name matches {entity}, of the region"
    return None
