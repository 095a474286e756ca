"""The graph as a networkx multigraph with flat, typed attributes: what GEXF and GraphML write.

Graph tools (Gephi, Cytoscape, yEd) read a node or an edge as a row of scalar attributes, so each
record is flattened here once, for both formats: lists are joined with :data:`SEPARATOR`, each
qualifier is an attribute of its own (named as the ontology names it), and an attribute whose value
is unknown is left out rather than written empty. Nodes are entities keyed by id; edges are relation
facts keyed by relation id, from subject to object.

Node attributes
    ``label`` (the preferred name), ``type`` (the class), ``class`` (its most general class:
    Organization, Person...), ``names`` (every name), ``start_date``, ``end_date`` (EDTF texts, ``2013~``),
    ``sources``, ``description``, ``note``.
Edge attributes
    ``label`` (the relation type's label), ``relation`` (its name), ``category``, ``status``,
    ``grading`` (Admiralty, ``B2``), ``reliability``, ``credibility``, ``start_date``, ``end_date``,
    ``start_note``, ``possible_from``, ``possible_until`` (the days it may have held by the time rule,
    ISO dates), ``sources``, one attribute per qualifier (``post``, ``nature``, ``organization``,
    ``event``), ``note``.

Examples
--------
>>> from jkg.graph.queries.examples import example_graph
>>> g = attributed_graph(example_graph())
>>> g.nodes["example-front"]["label"], g.nodes["example-front"]["class"]
('Example Front', 'Organization')
>>> edge = next(data for _, _, data in g.edges(data=True) if data["relation"] == "rivalOf")
>>> edge["status"], edge["start_date"], edge["possible_from"]
('reported', '2015', '2015-01-01')
"""

from __future__ import annotations

import datetime as dt

import networkx as nx

from jkg.graph.dataset.model import Entity, Relation
from jkg.graph.engine.dates import MAX_DAY, MIN_DAY
from jkg.graph.engine.temporal import TemporalGraph

__all__ = ["SEPARATOR", "Attributes", "attributed_graph", "day_bounds", "edge_attributes", "node_attributes"]

#: Joins the elements of a list (sources, names) in one attribute value: no id or name of the data holds it.
SEPARATOR = ";"

Attributes = dict[str, str | int]


def day_bounds(first: int, last: int) -> tuple[str | None, str | None]:
    """Two day ordinals as ISO dates, None for an open end (the time rule's first or last day).

    >>> day_bounds(MIN_DAY, dt.date(2013, 12, 31).toordinal())
    (None, '2013-12-31')
    """
    return (None if first <= MIN_DAY else dt.date.fromordinal(first).isoformat(),
            None if last >= MAX_DAY else dt.date.fromordinal(last).isoformat())


def _kept(values: dict[str, str | int | None]) -> Attributes:
    return {key: value for key, value in values.items() if value is not None and value != ""}


def node_attributes(tg: TemporalGraph, entity: Entity) -> Attributes:
    """The attributes of an entity's node."""
    return _kept({
        "label": entity.name, "type": entity.type, "class": tg.schema.classes[entity.type].lineage[0],
        "names": SEPARATOR.join(name.text for name in entity.names),
        "start_date": entity.start.text if entity.start else None, "end_date": entity.end.text if entity.end else None,
        "sources": SEPARATOR.join(entity.sources), "description": entity.description, "note": entity.note,
    })


def edge_attributes(tg: TemporalGraph, rel: Relation) -> Attributes:
    """The attributes of a relation's edge; its qualifiers last, under their own names.

    Raises
    ------
    ValueError
        If a qualifier of the ontology has the name of another edge attribute (it would hide it).
    """
    rtype = tg.schema.relation_types[rel.type]
    possible_from, _, _, possible_until = tg.intervals[rel.id].bounds()
    first, last = day_bounds(possible_from, possible_until)
    fields: dict[str, str | int | None] = {
        "label": rtype.label, "relation": rel.type, "category": rtype.category, "status": rel.status,
        "grading": f"{rel.reliability}{rel.credibility}" if rel.reliability and rel.credibility else None,
        "reliability": rel.reliability, "credibility": rel.credibility,
        "start_date": rel.start.text if rel.start else None, "end_date": rel.end.text if rel.end else None,
        "start_note": rel.start_note, "possible_from": first, "possible_until": last,
        "sources": SEPARATOR.join(rel.sources), "note": rel.note,
    }
    clash = fields.keys() & tg.schema.qualifiers.keys()
    if clash:
        raise ValueError(f"qualifiers named as edge attributes: {sorted(clash)}")
    return _kept({**fields, **dict(rel.qualifiers)})


def attributed_graph(tg: TemporalGraph) -> nx.MultiDiGraph:
    """Every entity as a node and every relation as an edge keyed by its id, with their attributes."""
    graph = nx.MultiDiGraph()
    for entity in tg.entities.values():
        graph.add_node(entity.id, **node_attributes(tg, entity))
    for rel in tg.relations.values():
        graph.add_edge(rel.subject, rel.object, key=rel.id, **edge_attributes(tg, rel))
    return graph
