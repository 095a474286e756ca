"""JSON-LD: the RDF export (:mod:`.rdf`, the dataset's RDF view) as JSON, for web and linked-data tools.

The same triples as the Turtle export, serialized by rdflib with a context that maps the
ontology's own prefixes (``jkg``, ``org``, ``time``, ``prov``, ``skos``, ``skosxl``, ``dcterms``,
``rdfs``, ``xsd``...) and the data's (``jkgid``) to their namespaces, so that keys read
``prov:wasDerivedFrom`` rather than full IRIs. Only the prefixes whose namespace the data uses
are put in the context. Any JSON-LD processor expands it back to the same graph.

Examples
--------
>>> from jkg.graph.dataset.model import Dataset
>>> from jkg.graph.dataset.rdf import to_rdf
>>> from jkg.graph.queries.examples import example_graph
>>> tg = example_graph()
>>> view = to_rdf(Dataset(list(tg.sources.values()), list(tg.entities.values()), list(tg.relations.values())),
...               tg.schema)
>>> sorted(context(view.graph, tg.schema))[:4]
['dcterms', 'jkg', 'jkgid', 'org']
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef

from jkg.graph.dataset.model import Dataset
from jkg.graph.dataset.rdf import to_rdf
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exports.registry import Format
from jkg.ontology.schema import Schema

__all__ = ["FORMATS", "context", "write_jsonld"]


def context(graph: Graph, schema: Schema) -> dict[str, str]:
    """Prefix -> namespace, for the prefixes of the ontology and of the data graph that name an IRI or
    datatype the data graph uses."""
    # each IRI cut after its last '/' or '#': a few stems, however large the data
    stems: set[str] = set()
    for triple in graph:
        for term in triple:
            iri = str(term.datatype or "") if isinstance(term, Literal) else str(term) if isinstance(term, URIRef) \
                else ""
            stems.add(iri[:max(iri.rfind("/"), iri.rfind("#")) + 1])
    found: dict[str, str] = {}
    for prefix, namespace in (*schema.graph.namespaces(), *graph.namespaces()):
        iri = str(namespace)
        if prefix and prefix not in found and any(stem.startswith(iri) for stem in stems if stem):
            found[prefix] = iri
    return dict(sorted(found.items()))


def write_jsonld(tg: TemporalGraph, path: Path) -> str:
    """Write the dataset's RDF view as JSON-LD to ``path``; return a one-line account."""
    data = Dataset(sources=list(tg.sources.values()), entities=list(tg.entities.values()),
                   relations=list(tg.relations.values()))
    graph = to_rdf(data, tg.schema).graph
    graph.serialize(destination=path, format="json-ld", context=context(graph, tg.schema), encoding="utf-8")
    return f"{len(graph)} triples as JSON-LD"


#: The JSON-LD format (see :mod:`jkg.graph.exports.registry`).
FORMATS = (
    Format("jsonld", "the RDF export as JSON-LD, with a context of the ontology's prefixes", "file", write_jsonld,
           media_type="application/ld+json", suffix=".jsonld"),
)
