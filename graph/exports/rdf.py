"""RDF exports: the dataset's RDF view (:mod:`jkg.graph.dataset.rdf`, the same view SHACL
validates) serialized as Turtle or N-Triples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jkg.graph.dataset.model import Dataset
from jkg.graph.dataset.rdf import to_rdf
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exports.registry import Format

__all__ = ["FORMATS"]


def _writer(serialization: str) -> Callable[[TemporalGraph, Path], str]:
    def write(tg: TemporalGraph, path: Path) -> str:
        data = Dataset(sources=list(tg.sources.values()), entities=list(tg.entities.values()),
                       relations=list(tg.relations.values()))
        view = to_rdf(data, tg.schema)
        view.graph.serialize(destination=path, format=serialization, encoding="utf-8")
        return f"{len(view.graph)} triples"
    return write


#: The RDF serializations (see :mod:`jkg.graph.exports.registry`).
FORMATS = (
    Format("rdf", "RDF in Turtle: W3C ORG, OWL-Time, PROV-O, SKOS-XL; relation facts reified with their"
           " dates, status, grading and sources", "file", _writer("turtle"), media_type="text/turtle", suffix=".ttl"),
    Format("ntriples", "the same RDF as N-Triples, one triple a line", "file", _writer("nt"),
           media_type="application/n-triples", suffix=".nt"),
)
