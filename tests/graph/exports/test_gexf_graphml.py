"""GEXF and GraphML: networkx's own readers read every node, edge and attribute back as the graph holds them.

The seed data is written once in each format and read back with ``networkx.read_gexf`` and
``networkx.read_graphml``; every entity and relation is compared, attribute by attribute, with what
the records say (computed here from the records, not from the exporter's helpers), and GEXF's
dynamic ``start``/``end`` with the days the time rule gives each relation and entity.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from jkg.graph.dataset.model import Entity, Relation
from jkg.graph.engine.dates import MAX_DAY, MIN_DAY
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exports.gexf import XSI, write_gexf
from jkg.graph.exports.graphml import write_graphml


@pytest.fixture(scope="module")
def gexf_file(tg: TemporalGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gexf") / "jkg.gexf"
    write_gexf(tg, path)
    return path


@pytest.fixture(scope="module")
def graphml_file(tg: TemporalGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graphml") / "jkg.graphml"
    write_graphml(tg, path)
    return path


def _text(date: Any) -> str | None:
    return None if date is None else str(date.text)


def _day(ordinal: int) -> str | None:
    return None if ordinal in (MIN_DAY, MAX_DAY) else dt.date.fromordinal(ordinal).isoformat()


def expected_node(tg: TemporalGraph, entity: Entity) -> dict[str, Any]:
    values = {
        "label": entity.name, "type": entity.type, "class": tg.schema.classes[entity.type].lineage[0],
        "names": ";".join(n.text for n in entity.names), "start_date": _text(entity.start),
        "end_date": _text(entity.end), "sources": ";".join(entity.sources) or None,
        "description": entity.description, "note": entity.note,
    }
    return {k: v for k, v in values.items() if v is not None}


def expected_edge(tg: TemporalGraph, rel: Relation) -> dict[str, Any]:
    first, _, _, last = tg.intervals[rel.id].bounds()
    values = {
        "label": tg.schema.relation_types[rel.type].label, "relation": rel.type,
        "category": tg.schema.relation_types[rel.type].category, "status": rel.status,
        "grading": f"{rel.reliability}{rel.credibility}" if rel.reliability and rel.credibility else None,
        "reliability": rel.reliability, "credibility": rel.credibility,
        "start_date": _text(rel.start), "end_date": _text(rel.end), "start_note": rel.start_note,
        "possible_from": _day(first), "possible_until": _day(last), "sources": ";".join(rel.sources),
        "note": rel.note, **dict(rel.qualifiers),
    }
    return {k: v for k, v in values.items() if v is not None}


def test_gexf_is_version_1_3_dynamic_by_date(gexf_file: Path) -> None:
    root = ET.parse(gexf_file).getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    assert root.get(f"{{{XSI}}}schemaLocation") == "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
    graph = root.find("{http://gexf.net/1.3}graph")
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == ("dynamic", "date", "directed")
    # the attributes GEXF 1.3's grammar gives a graph (gexf.rnc and dynamics.rnc)
    assert set(graph.attrib) <= {"defaultedgetype", "idtype", "timeformat", "start", "end", "timestamp", "mode",
                                 "timerepresentation", "timezone"}
    assert [child.tag.split("}")[1] for child in root] == ["meta", "graph"]
    assert [child.tag.split("}")[1] for child in graph] == ["attributes", "attributes", "nodes", "edges"]


def test_gexf_reads_back_every_node_with_its_lifetime(tg: TemporalGraph, gexf_file: Path) -> None:
    back = nx.read_gexf(gexf_file)
    assert isinstance(back, nx.MultiDiGraph) and set(back.nodes) == set(tg.entities)
    for ident, entity in tg.entities.items():
        values = dict(back.nodes[ident])
        start, end = values.pop("start", None), values.pop("end", None)
        assert values == expected_node(tg, entity), ident
        assert start == (entity.start.earliest.isoformat() if entity.start else None), ident
        assert end == (entity.end.latest.isoformat() if entity.end else None), ident


def test_gexf_reads_back_every_relation_with_the_days_it_may_have_held(tg: TemporalGraph, gexf_file: Path) -> None:
    back = nx.read_gexf(gexf_file)
    assert back.number_of_edges() == len(tg.relations)
    for rid, rel in tg.relations.items():
        values = dict(back.edges[rel.subject, rel.object, rid])  # keyed by networkx_key, the relation id
        assert values.pop("id") == rid
        start, end = values.pop("start", None), values.pop("end", None)
        expected = expected_edge(tg, rel)
        assert values == expected, rid
        assert (start, end) == (expected.get("possible_from"), expected.get("possible_until")), rid
        assert isinstance(values.get("credibility", 0), int)


def test_graphml_reads_back_every_node_and_edge_with_typed_attributes(tg: TemporalGraph, graphml_file: Path) -> None:
    back = nx.read_graphml(graphml_file, force_multigraph=True)
    assert isinstance(back, nx.MultiDiGraph)
    assert set(back.nodes) == set(tg.entities) and back.number_of_edges() == len(tg.relations)
    for ident, entity in tg.entities.items():
        assert back.nodes[ident] == expected_node(tg, entity), ident
    for rid, rel in tg.relations.items():
        assert back.edges[rel.subject, rel.object, rid] == expected_edge(tg, rel), rid
    keys = {key.get("attr.name"): key.get("attr.type")
            for key in ET.parse(graphml_file).getroot().iter("{http://graphml.graphdrawing.org/xmlns}key")}
    assert keys["credibility"] in ("int", "long") and keys["status"] == "string"


def test_every_qualifier_of_the_data_is_an_attribute(tg: TemporalGraph) -> None:
    used = {key for rel in tg.relations.values() for key, _ in rel.qualifiers}
    assert used == set(tg.schema.qualifiers)  # the data exercises every qualifier the comparisons above check
