"""The ontology's structural terms as a closed rdflib namespace.

Only the terms the code names directly are listed; a misspelt one raises
``AttributeError`` at import time instead of minting a wrong IRI. Classes, relation
types and vocabularies are read from ``jkg.ttl`` by :mod:`jkg.ontology.schema`, never
listed here. A test checks that every term below is defined in ``jkg.ttl``.
"""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = ["DATA", "JKG", "SCHEMA", "SKOSXL"]

SCHEMA = Namespace("https://schema.org/")
SKOSXL = Namespace("http://www.w3.org/2008/05/skos-xl#")
#: Where entity, relation and source IRIs live.
DATA = Namespace("https://w3id.org/jkg/id/")


class JKG(DefinedNamespace):
    """Structural terms of the jkg ontology."""

    _NS = Namespace("https://w3id.org/jkg/ontology#")
    _fail = True

    # classes
    Entity: URIRef
    Name: URIRef
    Relation: URIRef
    RelationType: URIRef
    Source: URIRef
    Event: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    # vocabularies (SKOS concept schemes)
    Statuses: URIRef
    NameKinds: URIRef
    Posts: URIRef
    TieNatures: URIRef
    RelationCategories: URIRef
    RelationRoles: URIRef
    # annotations read by the schema module
    abstract: URIRef
    category: URIRef
    inverseLabel: URIRef
    requiresQualifier: URIRef
    allowsQualifier: URIRef
    reifiedAs: URIRef
    rank: URIRef
    valuesFrom: URIRef
    objectMayHaveEnded: URIRef
    instantaneous: URIRef
    key: URIRef
    relationRole: URIRef
    defaultPost: URIRef
    requiresIncoming: URIRef
    tracked: URIRef
    # fields of facts, names and sources
    subject: URIRef
    object: URIRef
    relationType: URIRef
    status: URIRef
    sourceReliability: URIRef
    informationCredibility: URIRef
    approximate: URIRef
    uncertain: URIRef
    startNote: URIRef
    hasName: URIRef
    nameKind: URIRef
    script: URIRef
    sharedReason: URIRef
    citedVia: URIRef
    publication: URIRef
    # name kinds the code treats specially
    preferred: URIRef
    generated: URIRef
    weakAlias: URIRef
