"""The ontology, as data: what the graph's types, relations and vocabularies mean."""

from __future__ import annotations

from functools import cache

from fastapi import APIRouter
from pydantic import BaseModel, Field

from jkg.api.problems import responses
from jkg.ontology.schema import Concept, load_schema

router = APIRouter(tags=["ontology"], responses=responses(500))


class ClassView(BaseModel):
    """An entity type."""

    name: str
    label: str
    definition: str | None
    abstract: bool = Field(description="Abstract classes group others; no entity has them as its type")
    lineage: list[str] = Field(description="The classes it is, most general first, itself included")


class QualifierView(BaseModel):
    """An extra field some relation types carry."""

    name: str
    label: str
    vocabulary: str | None = Field(description="Key of `vocabularies` whose concepts are the allowed values")
    range: str | None = Field(description="Entity class the value must be, when the value is an entity")


class RelationTypeView(BaseModel):
    """A relation type."""

    name: str
    label: str
    inverse_label: str
    definition: str | None
    category: str
    symmetric: bool
    role: str | None = Field(description="What the queries do with it (renaming, split, merger, succession,"
                             " structure), from `relation_roles`; null for none")
    default_post: str | None = Field(description="The post a relation of this type holds when it names none")
    domain: list[str] = Field(description="Entity classes a subject may be")
    range: list[str] = Field(description="Entity classes an object may be")
    required_qualifiers: list[str]
    qualifiers: list[str] = Field(description="Qualifiers it allows, the required ones included")
    neo4j_type: str = Field(description="The Neo4j relationship type")


class ConceptView(BaseModel):
    """A concept of a controlled vocabulary."""

    name: str
    label: str
    definition: str | None
    rank: int | None


class Vocabularies(BaseModel):
    """The controlled vocabularies."""

    statuses: list[ConceptView]
    posts: list[ConceptView]
    name_kinds: list[ConceptView]
    tie_natures: list[ConceptView]
    relation_categories: list[ConceptView]
    relation_roles: list[ConceptView]


class Ontology(BaseModel):
    """Classes, relation types, qualifiers and vocabularies, as the ontology defines them."""

    classes: list[ClassView]
    relation_types: list[RelationTypeView]
    qualifiers: list[QualifierView]
    vocabularies: Vocabularies
    identifiers: dict[str, str] = Field(description="External identifier schemes: key -> label")


def _concepts(scheme: str) -> list[ConceptView]:
    concepts: dict[str, Concept] = load_schema().vocabulary(scheme)
    return [ConceptView(name=c.name, label=c.label, definition=c.definition, rank=c.rank) for c in concepts.values()]


@cache
def ontology_view() -> Ontology:
    """The ontology as the API shows it (built once: the ontology is fixed for the process)."""
    schema = load_schema()
    return Ontology(
        classes=[
            ClassView(name=c.name, label=c.label, definition=c.definition, abstract=c.abstract, lineage=list(c.lineage))
            for c in schema.classes.values()
        ],
        relation_types=[
            RelationTypeView(
                name=t.name, label=t.label, inverse_label=t.inverse_label, definition=t.definition,
                category=t.category, symmetric=t.symmetric, role=t.role, default_post=t.default_post,
                domain=list(t.domain), range=list(t.range),
                required_qualifiers=list(t.required_qualifiers), qualifiers=list(t.allowed_qualifiers),
                neo4j_type=t.neo4j_type,
            )
            for t in schema.relation_types.values()
        ],
        qualifiers=[
            QualifierView(name=q.name, label=q.label, vocabulary=q.vocabulary, range=q.range_class)
            for q in schema.qualifiers.values()
        ],
        vocabularies=Vocabularies(
            statuses=_concepts("Statuses"), posts=_concepts("Posts"), name_kinds=_concepts("NameKinds"),
            tie_natures=_concepts("TieNatures"), relation_categories=_concepts("RelationCategories"),
            relation_roles=_concepts("RelationRoles"),
        ),
        identifiers={key: ident.label for key, ident in schema.identifiers.items()},
    )


@router.get("/ontology", summary="The ontology: classes, relation types, qualifiers, vocabularies")
async def ontology() -> Ontology:
    """Everything the graph's types and relations mean, read from the ontology itself."""
    return ontology_view()
