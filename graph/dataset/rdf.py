"""The dataset as RDF: W3C ORG, OWL-Time, PROV-O and SKOS-XL terms with jkg's own.

Each relation is a ``jkg:Relation`` node (subject, object, type, interval, status,
sources), also typed with the standard class its type is reified as
(``org:Membership`` for leadership), and the direct triple ``subject type object`` is
added as its view. The same graph feeds SHACL validation and the RDF export.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import DCTERMS, RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import ORG, PROV, TIME
from rdflib.term import Node

from jkg.graph.dataset.model import SOURCE_TEXT_FIELDS, Dataset, Location
from jkg.graph.engine.dates import Interval, PartialDate
from jkg.ontology.namespace import DATA, JKG, SKOSXL
from jkg.ontology.schema import Schema

__all__ = [
    "SOURCE_PREDICATES", "RdfView", "entity_iri", "instant_date", "relation_iri", "source_iri", "to_rdf",
]

_UNIT = {"year": TIME.unitYear, "month": TIME.unitMonth, "day": TIME.unitDay}


#: The RDF predicate of each optional field of a source (jkg.graph.dataset.model.SOURCE_TEXT_FIELDS), and how
#: its value becomes a term.
SOURCE_PREDICATES: dict[str, tuple[URIRef, Callable[[str], Node]]] = {
    "title": (DCTERMS.title, Literal),
    "publication": (JKG.publication, Literal),
    "author": (DCTERMS.creator, Literal),
    "url": (RDFS.seeAlso, URIRef),
    "reliability": (JKG.sourceReliability, Literal),
    "cited_via": (JKG.citedVia, lambda ident: source_iri(ident)),
    "note": (RDFS.comment, Literal),
}


def entity_iri(ident: str) -> URIRef:
    return URIRef(f"{DATA}{ident}")


def relation_iri(ident: str) -> URIRef:
    return URIRef(f"{DATA}relation/{ident}")


def source_iri(ident: str) -> URIRef:
    return URIRef(f"{DATA}source/{ident}")


@dataclass
class RdfView:
    """The RDF graph of a dataset, and where each node was written."""

    graph: Graph
    #: node -> (location, entry id), to report SHACL results by file and line
    origins: dict[URIRef, tuple[Location | None, str]] = field(default_factory=dict)


#: Flags an uncertain instant (EDTF ``?``; ``%`` sets both flags). Not yet declared in ``jkg.ttl``, so not a term
#: of the closed :class:`JKG` namespace: minted here until the ontology declares it beside ``jkg:approximate``.

#: The OWL-Time property holding a date of each precision.
_IN_XSD = {"day": (TIME.inXSDDate, XSD.date), "month": (TIME.inXSDgYearMonth, XSD.gYearMonth),
           "year": (TIME.inXSDgYear, XSD.gYear)}


def _instant(graph: Graph, node: URIRef, date: PartialDate) -> None:
    graph.add((node, RDF.type, TIME.Instant))
    predicate, datatype = _IN_XSD[date.precision]
    graph.add((node, predicate, Literal(date.plain, datatype=datatype)))
    graph.add((node, TIME.unitType, _UNIT[date.precision]))
    if date.approximate:
        graph.add((node, JKG.approximate, Literal(True)))
    if date.uncertain:
        graph.add((node, JKG.uncertain, Literal(True)))


def instant_date(graph: Graph, node: URIRef) -> PartialDate:
    """The partial date an instant written by :func:`to_rdf` stands for, qualifier included (``2013?``).

    Raises
    ------
    ValueError
        If the node holds no date.
    """
    for predicate, _ in _IN_XSD.values():
        value = graph.value(node, predicate)
        if value is not None:
            approximate = bool(graph.value(node, JKG.approximate))
            uncertain = bool(graph.value(node, JKG.uncertain))
            qualifier = "%" if approximate and uncertain else "~" if approximate else "?" if uncertain else ""
            return PartialDate.parse(f"{value}{qualifier}")
    raise ValueError(f"{node} holds no date")


def _interval(graph: Graph, owner: URIRef, interval: Interval) -> None:
    node = URIRef(f"{owner}/interval")
    graph.add((owner, TIME.hasTime, node))
    graph.add((node, RDF.type, TIME.Interval))
    if interval.start is not None:
        _instant(graph, URIRef(f"{node}/start"), interval.start)
        graph.add((node, TIME.hasBeginning, URIRef(f"{node}/start")))
    if interval.end is not None:
        _instant(graph, URIRef(f"{node}/end"), interval.end)
        graph.add((node, TIME.hasEnd, URIRef(f"{node}/end")))


def _optional(graph: Graph, node: URIRef | BNode, predicate: URIRef, value: object) -> None:
    if value is not None:
        graph.add((node, predicate, Literal(value)))


def to_rdf(data: Dataset, schema: Schema) -> RdfView:
    """Express a dataset in RDF.

    Parameters
    ----------
    data : Dataset
    schema : Schema
        Supplies the IRIs of types, relation types and vocabulary terms.

    Returns
    -------
    RdfView
    """
    g = Graph()
    for prefix, ns in (("jkg", JKG._NS), ("jkgid", DATA), ("org", ORG), ("time", TIME),
                       ("prov", PROV), ("skosxl", SKOSXL), ("skos", SKOS), ("dcterms", DCTERMS)):
        g.bind(prefix, ns)
    view = RdfView(g)
    term = schema.term

    for source in data.sources:
        node = source_iri(source.id)
        view.origins[node] = (source.location, source.id)
        g.add((node, RDF.type, JKG.Source))
        g.add((node, DCTERMS.publisher, Literal(source.publisher)))
        g.add((node, DCTERMS.date, Literal(str(source.date))))
        for key in SOURCE_TEXT_FIELDS:
            value = getattr(source, key)
            if value:
                predicate, make = SOURCE_PREDICATES[key]
                g.add((node, predicate, make(value)))

    for entity in data.entities:
        node = entity_iri(entity.id)
        view.origins[node] = (entity.location, entity.id)
        g.add((node, RDF.type, term(entity.type)))
        g.add((node, RDFS.label, Literal(entity.name)))
        _optional(g, node, DCTERMS.description, entity.description)
        _optional(g, node, RDFS.comment, entity.note)
        for src in entity.sources:
            g.add((node, PROV.wasDerivedFrom, source_iri(src)))
        for key, value in entity.identifiers:
            g.add((node, schema.identifiers[key].iri, Literal(value)))
        if entity.start or entity.end:
            _interval(g, node, entity.lifetime)
        for i, name in enumerate(entity.names):
            label = URIRef(f"{node}/name/{i}")
            view.origins[label] = (name.location or entity.location, f"{entity.id} name {name.text!r}")
            g.add((node, JKG.hasName, label))
            g.add((label, RDF.type, JKG.Name))
            g.add((label, SKOSXL.literalForm, Literal(name.text, lang=name.lang)))
            g.add((label, JKG.nameKind, term(name.kind)))
            _optional(g, label, JKG.script, name.script)
            _optional(g, label, JKG.sharedReason, name.shared_reason)
            for src in name.sources:
                g.add((label, PROV.wasDerivedFrom, source_iri(src)))
            # the SKOS view of the names, for SKOS consumers
            plain = SKOS.prefLabel if name.kind == "preferred" else SKOS.altLabel
            g.add((node, plain, Literal(name.text, lang=name.lang)))

    for rel in data.relations:
        node = relation_iri(rel.id)
        view.origins[node] = (rel.location, rel.id)
        rtype = schema.relation_types.get(rel.type)
        predicate = rtype.iri if rtype else term(rel.type)
        g.add((node, RDF.type, JKG.Relation))
        # typed with its relation type too (OWL 2 punning), which the derived shapes target
        g.add((node, RDF.type, predicate))
        if rtype and rtype.reified_as is not None:
            g.add((node, RDF.type, rtype.reified_as))
        g.add((node, JKG.relationType, predicate))
        g.add((node, JKG.subject, entity_iri(rel.subject)))
        g.add((node, JKG.object, entity_iri(rel.object)))
        g.add((entity_iri(rel.subject), predicate, entity_iri(rel.object)))
        g.add((node, JKG.status, term(rel.status)))
        for src in rel.sources:
            g.add((node, PROV.wasDerivedFrom, source_iri(src)))
        _interval(g, node, rel.interval)
        _optional(g, node, JKG.startNote, rel.start_note)
        _optional(g, node, JKG.sourceReliability, rel.reliability)
        if rel.credibility is not None:
            g.add((node, JKG.informationCredibility, Literal(rel.credibility, datatype=XSD.integer)))
        _optional(g, node, RDFS.comment, rel.note)
        for key, value in rel.qualifiers:
            qualifier = schema.qualifiers[key]
            target = entity_iri(value) if qualifier.range_class else term(value)
            g.add((node, qualifier.iri, target))
    return view

