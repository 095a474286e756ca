"""The RDF export keeps every relation's properties: read back from Turtle, each relation node gives its
start and end as written (qualifier included), its status, its grading and its sources."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef, namespace

from jkg.graph.dataset.rdf import instant_date, relation_iri, source_iri
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exports.registry import formats
from jkg.ontology.namespace import JKG


@pytest.fixture(scope="module")
def turtle(tg: TemporalGraph, tmp_path_factory: pytest.TempPathFactory) -> Graph:
    path = tmp_path_factory.mktemp("rdf") / "jkg.ttl"
    formats()["rdf"].write(tg, path)
    return Graph().parse(path, format="turtle")


def _date(graph: Graph, node: URIRef, bound: URIRef) -> str | None:
    interval = graph.value(node, namespace.TIME.hasTime)
    instant = graph.value(interval, bound) if interval is not None else None
    return None if instant is None else instant_date(graph, instant).text  # type: ignore[arg-type]


def test_every_relation_keeps_its_dates_status_grading_and_sources(tg: TemporalGraph, turtle: Graph) -> None:
    qualifiers: set[str] = set()
    for rid, rel in tg.relations.items():
        node = relation_iri(rid)
        assert _date(turtle, node, namespace.TIME.hasBeginning) == (rel.start.text if rel.start else None), rid
        assert _date(turtle, node, namespace.TIME.hasEnd) == (rel.end.text if rel.end else None), rid
        assert turtle.value(node, JKG.status) == tg.schema.term(rel.status), rid
        reliability = turtle.value(node, JKG.sourceReliability)
        credibility = turtle.value(node, JKG.informationCredibility)
        assert (None if reliability is None else str(reliability)) == rel.reliability, rid
        assert (None if credibility is None else credibility.toPython()) == rel.credibility, rid  # type: ignore[attr-defined]
        assert set(turtle.objects(node, namespace.PROV.wasDerivedFrom)) == {source_iri(s) for s in rel.sources}, rid
        qualifiers.update(d.qualifier for d in (rel.start, rel.end) if d is not None and d.qualifier)
    assert {"~", "?"} <= qualifiers  # approximate and uncertain dates were among them, and came back as written
