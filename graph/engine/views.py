"""What queries return: plain pydantic models, shared by every store and the API.

Every relation returned carries its dates, status and source ids.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Changes",
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
    "assemble",
    "sorted_by_parts",
]

Validity = Literal["certain", "possible"]

ModelT = TypeVar("ModelT", bound=BaseModel)
T = TypeVar("T")

#: model class -> the names of all its fields, one set shared by every instance :func:`assemble` builds
_ALL_FIELDS: dict[type[BaseModel], set[str]] = {}


def assemble(model: type[ModelT], values: dict[str, Any]) -> ModelT:
    """A model from values known to be valid, every field given in declaration order.

    What ``model.model_construct(**values)`` gives, without its per-field loop and with one fields-set
    shared by all instances: the graph builds thousands of views per answer, from its own validated data.
    ``values`` becomes the model's own ``__dict__``.

    Parameters
    ----------
    model : type of BaseModel
        A model without private attributes, ``model_post_init`` or extra fields.
    values : dict
        Every field, already of its type.

    Returns
    -------
    BaseModel
        An instance equal to ``model(**values)``, with the same ``model_fields_set``.

    Examples
    --------
    >>> ref = assemble(EntityRef, {"id": "aqim", "name": "AQIM", "type": "MilitantGroup"})
    >>> ref == EntityRef(id="aqim", name="AQIM", type="MilitantGroup"), sorted(ref.model_fields_set)
    (True, ['id', 'name', 'type'])
    """
    fields = _ALL_FIELDS.get(model)
    if fields is None:
        if model.__private_attributes__ or model.__pydantic_post_init__ or model.model_config.get("extra") == "allow":
            raise TypeError(f"{model.__name__} needs model_construct: private attributes, post-init or extras")
        fields = _ALL_FIELDS[model] = set(model.model_fields)
    instance = model.__new__(model)
    # what model_construct sets, through BaseModel's slots; sharing the fields set is safe: model_copy copies it
    _set_attribute(instance, "__dict__", values)
    _set_fields_set(instance, fields)
    _set_extra(instance, None)
    _set_private(instance, None)
    return instance


def sorted_by_parts(items: list[T], parts: Callable[[T], tuple[str, str, str]]) -> list[T]:
    """``sorted(items, key=parts)``, comparing each item's parts joined by NUL as one string.

    NUL sorts before every other character, so the joined strings sort as the tuples do when no part holds
    one (otherwise the tuples are compared): several times cheaper than comparing tuples.

    Examples
    --------
    >>> sorted_by_parts([("b", "x", "1"), ("", "y", "2"), ("b", "", "3")], lambda t: t)
    [('', 'y', '2'), ('b', '', '3'), ('b', 'x', '1')]
    """
    keys = ["\0".join(parts(item)) for item in items]
    if "".join(keys).count("\0") != 2 * len(keys):
        return sorted(items, key=parts)
    order = sorted(range(len(items)), key=keys.__getitem__)
    return [items[i] for i in order]


_set_attribute = object.__setattr__
_set_fields_set = vars(BaseModel)["__pydantic_fields_set__"].__set__
_set_extra = vars(BaseModel)["__pydantic_extra__"].__set__
_set_private = vars(BaseModel)["__pydantic_private__"].__set__


class EntityRef(BaseModel):
    """An entity, named."""

    # frozen: a graph shares one ref per entity among all its answers (a comment: docstrings go to the API docs)
    model_config = ConfigDict(frozen=True)

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

    # frozen: a graph shares one view per relation (and per validity) among all its answers; their lists and
    # dicts are shared too, so a caller changing them copies the view first (model_copy(deep=True))
    model_config = ConfigDict(frozen=True)

    id: str
    type: str
    label: str
    symmetric: bool = Field(False, description="The type reads the same both ways (rivalOf, alliedWith): which"
                            " entity is the subject says nothing, and the relation is listed for either direction")
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


class Changes(BaseModel):
    """What changed between two dates: relations that began, ended or whose validity changed, and entities
    that began or ended."""

    from_date: str = Field(description="The earlier date asked about")
    to_date: str = Field(description="The later date asked about")
    began: list[RelationView] = Field(description="Relations not valid at the first date and valid (or that"
                                      " happened) by the second; flagged as of the second date")
    ended: list[RelationView] = Field(description="Relations valid at the first date and no longer at the"
                                      " second; flagged as of the first date")
    changed: list[RelationView] = Field(description="Relations certain at one date and only possible at the"
                                        " other; flagged as of the second date")
    entities_began: list[EntityRef] = Field(description="Entities that began (or events that happened)"
                                            " between the two dates")
    entities_ended: list[EntityRef] = Field(description="Entities that ended between the two dates")
