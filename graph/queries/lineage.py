"""Where an organization came from, what came of it, and whom it was tied to.

Which relation types are renamings, splits, mergers or structure (a branch, a sub-unit)
is the ontology's ``jkg:relationRole``; nothing here names a relation type.
"""

from __future__ import annotations

from collections import deque

from jkg.graph import limits
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.engine.views import EntityRef, Lineage, RelationView, Subgraph
from jkg.graph.queries.entities import relations_of, sort_relations
from jkg.graph.queries.leadership import _check_organization
from jkg.ontology.schema import Schema

__all__ = ["affiliations", "lineage"]


def lineage(tg: TemporalGraph, org: str, depth: int | None = None) -> Lineage:
    """An organization's lineage: predecessors, successors, splinters, mergers, branches.

    The lists hold the direct relatives; ``graph`` holds the whole dated family
    reachable through lineage relations (renamings, splits, mergers, in either
    direction, up to ``depth`` hops), with the branches and sub-units of each member.

    Parameters
    ----------
    tg : TemporalGraph
    org : str
        Organization id.
    depth : int, optional
        Hops of lineage to follow (1-20); all by default.

    Returns
    -------
    Lineage

    Raises
    ------
    NotFoundError, BadParameterError

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> [o.id for o in lineage(example_graph(), "example-front").predecessors]
    ['old-front']
    """
    _check_organization(tg, org)
    if depth is not None:
        limits.check(limits.LINEAGE_DEPTH, depth)
    schema = tg.schema
    lineage_types = set(schema.relation_types_in("lineage"))
    structure_types = set(schema.relation_types_with_role("structure"))
    seen = {org}
    queue = deque([(org, 0)])
    while queue:
        current, hops = queue.popleft()
        if depth is not None and hops >= depth:
            continue
        for rel in tg.edges(current):
            other = rel.object if rel.subject == current else rel.subject
            if rel.type in lineage_types and other not in seen:
                seen.add(other)
                queue.append((other, hops + 1))
    edges: dict[str, RelationView] = {}
    for member in seen:
        for rel in tg.edges(member):
            among = rel.subject in seen and rel.object in seen
            if (rel.type in lineage_types and among) or rel.type in structure_types:
                edges[rel.id] = tg.views.relation_view(rel)
    own = [tg.views.relation_view(r) for r in tg.edges(org) if r.status != "refuted"]
    return lineage_of(schema, tg.views.ref(org), own, sort_relations(edges.values()))


def lineage_of(schema: Schema, org: EntityRef, own: list[RelationView], edges: list[RelationView]) -> Lineage:
    """:func:`lineage` from the views it is made of, for every store.

    Parameters
    ----------
    schema : Schema
    org : EntityRef
    own : list of RelationView
        The organization's relations that are not refuted (the direct relatives are read from them).
    edges : list of RelationView
        The family's lineage relations and its members' structure relations, in answer order.
    """
    ident = org.id

    def related(role: str, direction: str) -> list[EntityRef]:
        types = set(schema.relation_types_with_role(role))
        found = {
            (v.object if direction == "out" else v.subject).id: (v.object if direction == "out" else v.subject)
            for v in own
            if v.type in types and (v.subject if direction == "out" else v.object).id == ident
        }
        return [found[i] for i in sorted(found)]

    nodes = {e.subject.id: e.subject for e in edges} | {e.object.id: e.object for e in edges} | {ident: org}
    return Lineage(
        organization=org,
        predecessors=related("renaming", "out"),
        successors=related("renaming", "in"),
        splinters=related("split", "in"),
        splintered_from=related("split", "out"),
        merged_from=related("merger", "in"),
        merged_into=related("merger", "out"),
        branches=related("structure", "in"),
        parents=related("structure", "out"),
        graph=Subgraph(nodes=[nodes[i] for i in sorted(nodes)], edges=edges),
    )


def affiliations(tg: TemporalGraph, org: str, at: object = None) -> list[RelationView]:
    """Affiliations and alliances of an organization (branch of, sub-unit of, allegiance,
    alliance, rivalry), as of a date if given.

    Parameters
    ----------
    tg : TemporalGraph
    org : str
    at : str, optional
        Partial date; relations possibly valid then, flagged certain or possible.

    Returns
    -------
    list of RelationView

    Raises
    ------
    NotFoundError, BadParameterError, BadDateError

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> [(r.type, r.subject.id, r.object.id) for r in affiliations(example_graph(), "example-front", at="2018")]
    [('rivalOf', 'rival-band', 'example-front')]
    """
    _check_organization(tg, org)
    return relations_of(tg, org, types=tg.schema.relation_types_in("affiliation"), at=at)
