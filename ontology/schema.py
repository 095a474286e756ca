"""The ontology as data: classes, relation types, qualifiers and vocabularies.

Everything else in jkg (validation, the graph engine, Neo4j names and constraints,
API enums and docs) reads types and relation names from here; nothing restates them.

Examples
--------
>>> schema = load_schema()
>>> schema.relation_types["leaderOf"].label
'leader of'
>>> schema.relation_types["leaderOf"].neo4j_type
'LEADER_OF'
>>> schema.is_a("MilitantGroup", "Organization")
True
>>> sorted(schema.vocabulary("Statuses"))
['claimed', 'confirmed', 'disputed', 'refuted', 'reported']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from jkg.ontology.namespace import JKG, SCHEMA

__all__ = [
    "Concept",
    "EntityClass",
    "Identifier",
    "Qualifier",
    "RelationType",
    "Schema",
    "load_schema",
    "ontology_path",
    "shapes_path",
]


def ontology_path() -> Path:
    """Path of the ontology file, ``jkg.ttl``."""
    return Path(str(resources.files("jkg.ontology").joinpath("jkg.ttl")))


def shapes_path() -> Path:
    """Path of the SHACL shapes file, ``shapes.ttl``."""
    return Path(str(resources.files("jkg.ontology").joinpath("shapes.ttl")))


def _local(iri: object) -> str:
    return re.split(r"[#/]", str(iri))[-1]


def _upper_snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper()


@dataclass(frozen=True)
class EntityClass:
    """An entity type, such as ``MilitantGroup`` or ``City``."""

    name: str
    iri: URIRef
    label: str
    definition: str | None
    abstract: bool
    #: jkg classes this one is, itself included, most general first.
    lineage: tuple[str, ...]
    #: The post a succession of an organization of this class asks about when no holder names one
    #: (``jkg:defaultPost`` of the most specific class that has one).
    default_post: str | None = None
    #: Relation types an entity of this class must be the object of, one at least each, and so be dated
    #: (``jkg:requiresIncoming`` of the class and its ancestors: a killing names who died in it).
    required_incoming: tuple[str, ...] = ()
    #: Whether the graph follows the story of entities of this class to today (``jkg:tracked`` on it or an
    #: ancestor): coverage reports list them.
    tracked: bool = False

    @property
    def neo4j_labels(self) -> tuple[str, ...]:
        """Neo4j labels of a node of this type: each jkg class it is, PascalCase."""
        return self.lineage


@dataclass(frozen=True)
class Qualifier:
    """An extra field some relation types carry (``post``, ``nature``, ...)."""

    name: str
    iri: URIRef
    label: str
    #: Concept scheme whose concepts are the allowed values, if any.
    vocabulary: str | None
    #: Entity class the value must be, if the value is an entity.
    range_class: str | None


@dataclass(frozen=True)
class RelationType:
    """A relation type such as ``leaderOf``, with its domain, range and rules."""

    name: str
    iri: URIRef
    label: str
    inverse_label: str
    definition: str | None
    category: str
    symmetric: bool
    domain: tuple[str, ...]
    range: tuple[str, ...]
    required_qualifiers: tuple[str, ...]
    allowed_qualifiers: tuple[str, ...]
    reified_as: URIRef | None
    #: The relation may start after its object ended (a successor looks back).
    object_may_have_ended: bool = False
    #: The relation happens at its start (a renaming, a handover) rather than lasting.
    instantaneous: bool = False
    #: What the queries do with it (``jkg:relationRole``): ``renaming``, ``split``, ``merger``,
    #: ``succession``, ``structure``, or None.
    role: str | None = None
    #: The post a relation of this type holds when it names none (``jkg:defaultPost``).
    default_post: str | None = None

    @property
    def neo4j_type(self) -> str:
        """Neo4j relationship type, UPPER_SNAKE_CASE (``leaderOf`` -> ``LEADER_OF``)."""
        return _upper_snake(self.name)


@dataclass(frozen=True)
class Concept:
    """A concept of a controlled vocabulary (a status, a post, a name kind)."""

    name: str
    iri: URIRef
    label: str
    definition: str | None
    rank: int | None


@dataclass(frozen=True)
class Identifier:
    """An external identifier scheme (Wikidata, UN sanctions)."""

    key: str
    iri: URIRef
    label: str


class Schema:
    """Read-only view of the ontology graph."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    # -- helpers -------------------------------------------------------------

    def _text(self, subject: URIRef, predicate: URIRef) -> str | None:
        values = [o for o in self.graph.objects(subject, predicate) if isinstance(o, Literal)]
        english = [v for v in values if v.language in (None, "en")]
        chosen = english or values
        return str(chosen[0]) if chosen else None

    def _is_jkg(self, iri: object) -> bool:
        return isinstance(iri, URIRef) and str(iri).startswith(str(JKG._NS))

    # -- classes -------------------------------------------------------------

    @cached_property
    def classes(self) -> dict[str, EntityClass]:
        """Entity classes (subclasses of ``jkg:Entity``, itself included) by local name."""
        result: dict[str, EntityClass] = {}
        for iri in self.graph.transitive_subjects(RDFS.subClassOf, JKG.Entity):
            if not self._is_jkg(iri):
                continue
            assert isinstance(iri, URIRef)
            ancestors = [
                a for a in self.graph.transitive_objects(iri, RDFS.subClassOf) if self._is_jkg(a)
            ]
            # most general first: Entity, Organization, MilitantGroup
            lineage = tuple(_local(a) for a in reversed(ancestors) if a != JKG.Entity)
            name = _local(iri)
            posts = [self.graph.value(JKG._NS[c], JKG.defaultPost) for c in reversed(lineage or (name,))]
            default_post = next((_local(p) for p in posts if isinstance(p, URIRef)), None)
            result[name] = EntityClass(
                name=name,
                iri=iri,
                label=self._text(iri, RDFS.label) or name,
                definition=self._text(iri, SKOS.definition),
                abstract=(iri, JKG.abstract, Literal(True)) in self.graph,
                lineage=lineage or (name,),
                default_post=default_post,
                tracked=any((JKG._NS[c], JKG.tracked, Literal(True)) in self.graph for c in lineage or (name,)),
                required_incoming=tuple(sorted({
                    _local(t) for c in lineage or (name,) for t in self.graph.objects(JKG._NS[c], JKG.requiresIncoming)
                })),
            )
        return dict(sorted(result.items()))

    def concrete_classes(self) -> list[str]:
        """Entity types data may use (the non-abstract classes)."""
        return [name for name, cls in self.classes.items() if not cls.abstract]

    def is_a(self, name: str, ancestor: str) -> bool:
        """Whether entity type ``name`` is ``ancestor`` or one of its subclasses."""
        cls = self.classes.get(name)
        return cls is not None and ancestor in cls.lineage

    def kinds_of(self, ancestor: str) -> list[str]:
        """Concrete entity types that are ``ancestor`` (``kinds_of("Place")``)."""
        return [n for n in self.concrete_classes() if self.is_a(n, ancestor)]

    # -- relation types ------------------------------------------------------

    @cached_property
    def relation_types(self) -> dict[str, RelationType]:
        """Relation types (instances of ``jkg:RelationType``) by local name."""
        result: dict[str, RelationType] = {}
        for iri in self.graph.subjects(RDF.type, JKG.RelationType):
            assert isinstance(iri, URIRef)
            name = _local(iri)
            required = tuple(sorted(_local(q) for q in self.graph.objects(iri, JKG.requiresQualifier)))
            allowed = tuple(sorted(_local(q) for q in self.graph.objects(iri, JKG.allowsQualifier)))
            category = self.graph.value(iri, JKG.category)
            reified = self.graph.value(iri, JKG.reifiedAs)
            role = self.graph.value(iri, JKG.relationRole)
            post = self.graph.value(iri, JKG.defaultPost)
            result[name] = RelationType(
                name=name,
                iri=iri,
                label=self._text(iri, RDFS.label) or name,
                inverse_label=self._text(iri, JKG.inverseLabel) or name,
                definition=self._text(iri, SKOS.definition),
                category=self._text(category, SKOS.prefLabel) or "" if isinstance(category, URIRef) else "",
                symmetric=(iri, RDF.type, OWL.SymmetricProperty) in self.graph,
                domain=tuple(sorted(_local(c) for c in self.graph.objects(iri, SCHEMA.domainIncludes))),
                range=tuple(sorted(_local(c) for c in self.graph.objects(iri, SCHEMA.rangeIncludes))),
                required_qualifiers=required,
                allowed_qualifiers=tuple(sorted(set(required) | set(allowed))),
                reified_as=reified if isinstance(reified, URIRef) else None,
                object_may_have_ended=(iri, JKG.objectMayHaveEnded, Literal(True)) in self.graph,
                instantaneous=(iri, JKG.instantaneous, Literal(True)) in self.graph,
                role=self._text(role, SKOS.prefLabel) or _local(role) if isinstance(role, URIRef) else None,
                default_post=_local(post) if isinstance(post, URIRef) else None,
            )
        return dict(sorted(result.items()))

    def relation_types_in(self, category: str) -> list[str]:
        """Relation types of one category (``"lineage"``, ``"affiliation"``, ...)."""
        return [n for n, t in self.relation_types.items() if t.category == category]

    @cached_property
    def symmetric_types(self) -> frozenset[str]:
        """Relation types that read the same both ways (``owl:SymmetricProperty``)."""
        return frozenset(n for n, t in self.relation_types.items() if t.symmetric)

    @cached_property
    def roles(self) -> list[str]:
        """Roles a relation type may play in the queries (``jkg:RelationRoles``), as the ontology names them."""
        return sorted(c.label for c in self.vocabulary("RelationRoles").values())

    def relation_types_with_role(self, role: str) -> list[str]:
        """Relation types that play a role in the queries (``"renaming"``, ``"structure"``, ...).

        Raises
        ------
        KeyError
            If the ontology defines no such role (a typo in code, never an empty answer).

        Examples
        --------
        >>> load_schema().relation_types_with_role("renaming")
        ['successorOf']
        """
        if role not in self.roles:
            raise KeyError(f"the ontology has no relation role {role!r} (known: {', '.join(self.roles)})")
        return [n for n, t in self.relation_types.items() if t.role == role]

    def allows(self, relation_type: str, subject_type: str, object_type: str) -> bool:
        """Whether a relation of this type may link these entity types."""
        rt = self.relation_types[relation_type]
        return any(self.is_a(subject_type, d) for d in rt.domain) and any(
            self.is_a(object_type, r) for r in rt.range
        )

    @cached_property
    def categories(self) -> list[str]:
        """Relation categories, as the ontology names them."""
        return sorted(c.label for c in self.vocabulary("RelationCategories").values())

    # -- qualifiers and vocabularies ------------------------------------------

    @cached_property
    def qualifiers(self) -> dict[str, Qualifier]:
        """Qualifiers any relation type requires or allows, by local name."""
        iris = set(self.graph.objects(None, JKG.requiresQualifier)) | set(
            self.graph.objects(None, JKG.allowsQualifier)
        )
        result = {}
        for iri in iris:
            assert isinstance(iri, URIRef)
            scheme = self.graph.value(iri, JKG.valuesFrom)
            rng = self.graph.value(iri, RDFS.range)
            result[_local(iri)] = Qualifier(
                name=_local(iri),
                iri=iri,
                label=self._text(iri, RDFS.label) or _local(iri),
                vocabulary=_local(scheme) if isinstance(scheme, URIRef) else None,
                range_class=_local(rng) if isinstance(rng, URIRef) else None,
            )
        return dict(sorted(result.items()))

    @cache  # noqa: B019 - a schema lives as long as the process
    def vocabulary(self, scheme: str) -> dict[str, Concept]:
        """Concepts of a SKOS concept scheme (``"Statuses"``, ``"Posts"``), by local name.

        Raises
        ------
        KeyError
            If the ontology has no concept scheme of that name.
        """
        scheme_iri = JKG._NS[scheme]
        if (scheme_iri, RDF.type, SKOS.ConceptScheme) not in self.graph:
            raise KeyError(f"the ontology has no vocabulary named {scheme!r}")
        result = {}
        for iri in self.graph.subjects(SKOS.inScheme, scheme_iri):
            assert isinstance(iri, URIRef)
            rank = self.graph.value(iri, JKG.rank)
            result[_local(iri)] = Concept(
                name=_local(iri),
                iri=iri,
                label=self._text(iri, SKOS.prefLabel) or _local(iri),
                definition=self._text(iri, SKOS.definition),
                rank=int(rank) if isinstance(rank, Literal) else None,
            )
        return dict(sorted(result.items()))

    @cached_property
    def identifiers(self) -> dict[str, Identifier]:
        """External identifier schemes, by the key seed data writes them under."""
        result = {}
        for iri, key in self.graph.subject_objects(JKG.key):
            assert isinstance(iri, URIRef)
            result[str(key)] = Identifier(
                key=str(key), iri=iri, label=self._text(iri, RDFS.label) or str(key)
            )
        return dict(sorted(result.items()))

    def term(self, name: str) -> URIRef:
        """IRI of an ontology term by local name (``term("leaderOf")``)."""
        return URIRef(f"{JKG._NS}{name}")


@lru_cache(maxsize=4)
def load_schema(path: Path | None = None) -> Schema:
    """Parse the ontology (``jkg.ttl`` by default) into a :class:`Schema`.

    Parameters
    ----------
    path : Path, optional
        Another ontology file, for tests.

    Returns
    -------
    Schema
    """
    graph = Graph()
    graph.parse(path or ontology_path(), format="turtle")
    return Schema(graph)
