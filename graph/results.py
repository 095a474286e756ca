"""What queries return: plain pydantic models, shared by every store and the API.

Every relation returned carries its dates, status and source ids.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

__all__ = [
    "EntityDetail",
    "EntityRef",
    "Lineage",
    "NameView",
    "PathResult",
    "PathStep",
    "PersonPost",
    "Ranked",
    "RelationView",
    "SearchHit",
    "SourceDetail",
    "SourceView",
    "StoreInfo",
    "Subgraph",
    "Succession",
    "SuccessionStep",
    "TimelineItem",
]

Validity = Literal["certain", "possible"]


class EntityRef(BaseModel):
    """An entity, named."""

    id: str
    name: str
    type: str


class NameView(BaseModel):
    """A name of an entity, with its kind and the sources that use it."""

    text: str
    kind: str
    lang: str | None = None
    script: str | None = None
    sources: list[str] = Field(default_factory=list)
    start: str | None = None
    end: str | None = None
    shared_reason: str | None = None
    generated: bool = False


class RelationView(BaseModel):
    """A relation as a fact: who, what, when, how sure, who says so."""

    id: str
    type: str
    label: str
    subject: EntityRef
    object: EntityRef
    start: str | None = Field(None, description="EDTF partial date; null when unknown")
    end: str | None = Field(None, description="EDTF partial date; null while ongoing or unknown")
    start_note: str | None = None
    status: str
    sources: list[str]
    grading: str | None = Field(None, description="Admiralty grading, such as B2")
    qualifiers: dict[str, str] = Field(default_factory=dict)
    note: str | None = None
    valid: Validity | None = Field(
        None, description="As of the date asked: certain or only possible; null when no date was asked"
    )


class EntityDetail(BaseModel):
    """An entity with its names, attributes, identifiers and relations."""

    id: str
    type: str
    labels: list[str]
    name: str
    names: list[NameView]
    identifiers: dict[str, str]
    description: str | None = None
    start: str | None = None
    end: str | None = None
    note: str | None = None
    sources: list[str]
    relations: list[RelationView]


class SearchHit(BaseModel):
    """An entity found by name, with the name that matched and how."""

    id: str
    name: str
    type: str
    score: float = Field(description="0-100; sourced names outrank generated variants")
    matched: str = Field(description="The name that matched")
    matched_kind: str = Field(description="Its kind: preferred, alias, kunya, ..., or generated")
    matched_sources: list[str] = Field(default_factory=list)
    ambiguous: bool = Field(False, description="Matched only through a name other entities share")


class Subgraph(BaseModel):
    """Nodes and edges, for drawing."""

    nodes: list[EntityRef]
    edges: list[RelationView]


class SuccessionStep(BaseModel):
    """One holder of a post, in order."""

    position: int
    person: EntityRef
    post: str
    organizations: list[str] = Field(description="Organizations of the lineage where the post was held")
    start: str | None = None
    end: str | None = None
    predecessor: EntityRef | None = None
    successor: EntityRef | None = None
    status: str
    sources: list[str]
    relations: list[str] = Field(description="Ids of the tenures and succession statements behind this step")
    stated: bool = Field(description="An explicit 'succeeded' statement links this holder to the predecessor")
    gap_before: bool = Field(False, description="The post was certainly vacant between predecessor and holder")
    overlap_before: bool = Field(False, description="The tenure certainly overlaps the predecessor's")


class Succession(BaseModel):
    """The ordered holders of a post, following the organization across renamings."""

    organization: EntityRef
    post: str
    organizations: list[EntityRef] = Field(description="The organization and its renamed forms")
    holders: list[SuccessionStep]


class PersonPost(BaseModel):
    """A post a person held, with predecessor and successor in it."""

    post: str
    organization: EntityRef
    start: str | None = None
    end: str | None = None
    predecessor: EntityRef | None = None
    successor: EntityRef | None = None


class Lineage(BaseModel):
    """An organization's family: where it came from and what came of it."""

    organization: EntityRef
    predecessors: list[EntityRef]
    successors: list[EntityRef]
    splinters: list[EntityRef] = Field(description="Groups that broke away from it")
    splintered_from: list[EntityRef]
    merged_from: list[EntityRef] = Field(description="Groups that merged into it")
    merged_into: list[EntityRef]
    branches: list[EntityRef] = Field(description="Its branches, affiliates and sub-units")
    parents: list[EntityRef] = Field(description="What it is a branch, affiliate or sub-unit of")
    graph: Subgraph = Field(description="The dated lineage graph around it")


class PathStep(BaseModel):
    """One hop of a path, with every relation linking the two entities."""

    source: EntityRef
    target: EntityRef
    relations: list[RelationView]


class PathResult(BaseModel):
    """A shortest path between two entities."""

    nodes: list[EntityRef]
    steps: list[PathStep]


class TimelineItem(BaseModel):
    """A dated item around an entity."""

    date: str
    kind: Literal["event", "start", "end", "entity-start", "entity-end"]
    label: str
    entity: EntityRef | None = None
    relation: RelationView | None = None


class Ranked(BaseModel):
    """An entity and its centrality."""

    entity: EntityRef
    score: float
    degree: int


class SourceView(BaseModel):
    """A source in the registry."""

    id: str
    publisher: str
    date: str
    title: str | None = None
    publication: str | None = None
    author: str | None = None
    url: str | None = None
    reliability: str | None = None
    cited_via: str | None = None
    note: str | None = None


class SourceDetail(SourceView):
    """A source and the facts it supports."""

    entities: list[EntityRef]
    names: list[str] = Field(description="'entity-id: name' for each name the source uses")
    relations: list[RelationView]


class StoreInfo(BaseModel):
    """What a store holds."""

    backend: str
    entities: int
    relations: int
    sources: int
    data_version: str
