"""JSON-LD: rdflib reads it back as the very graph the Turtle export holds."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exports.jsonld import write_jsonld
from jkg.graph.exports.registry import formats


def test_jsonld_is_the_turtle_export(tg: TemporalGraph, tmp_path: Path) -> None:
    write_jsonld(tg, tmp_path / "jkg.jsonld")
    formats()["rdf"].write(tg, tmp_path / "jkg.ttl")
    from_jsonld = Graph().parse(tmp_path / "jkg.jsonld", format="json-ld")
    from_turtle = Graph().parse(tmp_path / "jkg.ttl", format="turtle")
    assert len(from_jsonld) == len(from_turtle) > 40_000
    assert isomorphic(from_jsonld, from_turtle)


def test_the_context_holds_the_ontology_prefixes(tg: TemporalGraph, tmp_path: Path) -> None:
    write_jsonld(tg, tmp_path / "jkg.jsonld")
    document = json.loads((tmp_path / "jkg.jsonld").read_text(encoding="utf-8"))
    ontology = {prefix: str(ns) for prefix, ns in tg.schema.graph.namespaces()}
    context = document["@context"]
    for prefix in ("jkg", "org", "time", "prov", "skos", "skosxl", "dcterms", "rdfs", "xsd"):
        assert context[prefix] == ontology[prefix], prefix
    # keys are compacted by it: no property is written as a full IRI
    keys = {key for node in document["@graph"] for key in node}
    assert "prov:wasDerivedFrom" in keys and not any(key.startswith("http") for key in keys)
