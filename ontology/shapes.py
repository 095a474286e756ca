"""SHACL shapes derived from the ontology: the rules that depend on its terms.

For each relation type ``R`` (a relation fact is typed with ``R`` itself, by OWL 2
punning), a node shape targeting class ``R`` requires the subject to be one of
``R``'s ``schema:domainIncludes`` classes and the object one of its
``schema:rangeIncludes`` classes, requires the qualifiers ``R`` requires, forbids the
ones it does not allow, and checks qualifier values against their vocabulary or
class. Statuses and name kinds must come from their concept schemes, and an instance
of an abstract class must be one of its concrete kinds. These are core SHACL
constraints, checked by pyshacl together with ``shapes.ttl``.

Examples
--------
>>> from jkg.ontology.schema import load_schema
>>> graph = derived_shapes(load_schema())
>>> from rdflib.namespace import SH
>>> (None, SH.targetClass, load_schema().relation_types["leaderOf"].iri) in graph
True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from jkg.ontology.namespace import JKG
from jkg.ontology.schema import Schema, load_schema, shapes_path

__all__ = ["all_shapes", "derived_shapes"]


def _list(graph: Graph, items: Iterable[URIRef | BNode]) -> BNode:
    head = BNode()
    Collection(graph, head, list(items))
    return head


def _one_of_classes(graph: Graph, classes: Iterable[str], schema: Schema) -> BNode:
    alternatives = []
    for name in classes:
        node = BNode()
        graph.add((node, SH["class"], schema.term(name)))
        alternatives.append(node)
    return _list(graph, alternatives)


def _property(graph: Graph, shape: URIRef | BNode, path: URIRef, message: str) -> BNode:
    prop = BNode()
    graph.add((shape, SH.property, prop))
    graph.add((prop, SH.path, path))
    graph.add((prop, SH.message, Literal(message)))
    return prop


def derived_shapes(schema: Schema) -> Graph:
    """Build the ontology-derived shapes (see the module docstring)."""
    g = Graph()
    g.bind("sh", SH)
    g.bind("jkg", JKG._NS)
    qualifiers = schema.qualifiers

    for rtype in schema.relation_types.values():
        shape = URIRef(f"{JKG._NS}{rtype.name}Shape")
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetClass, rtype.iri))
        prop = _property(g, shape, JKG.subject,
                         f"the subject of {rtype.name} must be a {' or '.join(rtype.domain)}")
        g.add((prop, SH["or"], _one_of_classes(g, rtype.domain, schema)))
        prop = _property(g, shape, JKG.object,
                         f"the object of {rtype.name} must be a {' or '.join(rtype.range)}")
        g.add((prop, SH["or"], _one_of_classes(g, rtype.range, schema)))
        for name, qualifier in qualifiers.items():
            if name in rtype.required_qualifiers:
                prop = _property(g, shape, qualifier.iri, f"{rtype.name} requires the qualifier '{name}'")
                g.add((prop, SH.minCount, Literal(1)))
                g.add((prop, SH.maxCount, Literal(1)))
            elif name not in rtype.allowed_qualifiers:
                prop = _property(g, shape, qualifier.iri, f"{rtype.name} does not take the qualifier '{name}'")
                g.add((prop, SH.maxCount, Literal(0)))
                continue
            prop = _property(g, shape, qualifier.iri, f"the {name} of {rtype.name} must be "
                             + (f"one of the ontology's {qualifier.vocabulary}" if qualifier.vocabulary
                                else f"a {qualifier.range_class}"))
            if qualifier.vocabulary:
                concepts = schema.vocabulary(qualifier.vocabulary).values()
                g.add((prop, SH["in"], _list(g, [c.iri for c in concepts])))
            elif qualifier.range_class:
                g.add((prop, SH["class"], schema.term(qualifier.range_class)))

    for target, path, scheme, what in (
        (JKG.Relation, JKG.status, "Statuses", "status"),
        (JKG.Name, JKG.nameKind, "NameKinds", "name kind"),
    ):
        shape = URIRef(f"{JKG._NS}{scheme}Shape")
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetClass, target))
        prop = _property(g, shape, path, f"the {what} must be one of the ontology's {scheme}: "
                         + ", ".join(schema.vocabulary(scheme)))
        g.add((prop, SH["in"], _list(g, [c.iri for c in schema.vocabulary(scheme).values()])))

    for cls in schema.classes.values():
        kinds = schema.kinds_of(cls.name)
        if not cls.abstract or not kinds:
            continue
        shape = URIRef(f"{JKG._NS}{cls.name}KindShape")
        g.add((shape, RDF.type, SH.NodeShape))
        g.add((shape, SH.targetClass, cls.iri))
        g.add((shape, SH["or"], _one_of_classes(g, kinds, schema)))
        g.add((shape, SH.message, Literal(f"{cls.name} is abstract: use one of {', '.join(kinds)}")))
    return g


@lru_cache(maxsize=4)
def all_shapes(schema: Schema | None = None) -> Graph:
    """The hand-written shapes (``shapes.ttl``) and the derived ones, in one graph."""
    graph = Graph().parse(shapes_path(), format="turtle")
    for triple in derived_shapes(schema or load_schema()):
        graph.add(triple)
    return graph
