"""Entities: search by name, detail, relations, neighborhood."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jkg.api.deps import StoreDep
from jkg.api.pagination import Page, PageDep, paginate
from jkg.api.params import At, Direction, EntityId, EntityType, PeriodDep, RelationType, values
from jkg.api.problems import responses
from jkg.api.stores import call_store
from jkg.graph import limits
from jkg.graph.engine.views import EntityDetail, RelationView, SearchHit, Subgraph

router = APIRouter(prefix="/entities", tags=["entities"], responses=responses(422, 500, 503))


@router.get("", summary="Search entities by name or alias")
def search(
    store: StoreDep,
    page: PageDep,
    q: Annotated[str, Query(
        min_length=1, max_length=limits.QUERY_LENGTH.maximum,
        description="A name, alias, kunya, acronym or spelling variant; case, accents, script and"
        " French/English transliterations are ignored, typos tolerated",
        openapi_examples={
            "kunya": {"summary": "a person by a nom de guerre", "value": "Abou el Hammam"},
            "name": {"summary": "a person", "value": "Okacha"},
            "acronym": {"summary": "a French acronym", "value": "AQMI"},
            "place": {"summary": "a place, without its accent", "value": "Tebessa"},
        },
    )],
    types: Annotated[list[EntityType] | None, Query(
        alias="type", description="Keep these entity types (repeatable); a class keeps its subclasses",
        openapi_examples={"people": {"value": ["Person"]}, "organizations": {"value": ["Organization"]}},
    )] = None,
) -> Page[SearchHit]:
    """Entities whose names match, best first, each with the name that matched, its kind and sources.

    A weak or shared alias never decides alone: every entity holding it comes back, flagged ambiguous.
    """
    return paginate(store.search(q, values(types), limit=limits.RESULTS.maximum), page)


@router.get("/{id}", summary="An entity", responses=responses(404))
async def entity(store: StoreDep, id: EntityId) -> EntityDetail:
    """Names (with kind, language, script and sources), attributes, identifiers, and dated, sourced relations."""
    return await call_store(store.entity, id)


@router.get("/{id}/relations", summary="Relations of an entity, by type, direction and time", responses=responses(404))
async def relations(
    store: StoreDep,
    page: PageDep,
    id: EntityId,
    period: PeriodDep,
    at: At,
    types: Annotated[list[RelationType] | None, Query(
        alias="type", description="Keep these relation types (repeatable)",
        openapi_examples={"leadership": {"value": ["leaderOf", "deputyOf"]}},
    )] = None,
    direction: Annotated[Direction, Query(
        description="out: the entity is the subject; in: the object; both: either. A symmetric relation"
                    " (rivalOf, alliedWith: `symmetric` true) is kept for either direction",
    )] = "both",
) -> Page[RelationView]:
    """Relations in time order, each with its dates, status and sources.

    With `at`, only relations possibly valid then, flagged `certain` or `possible`; with `from`/`to`,
    those possibly valid at some time in that span. `at` excludes `from`/`to`.
    """
    found = await call_store(store.relations, id, values(types), direction, at=at, start=period.start,
                             end=period.end)
    return paginate(found, page)


@router.get("/{id}/neighborhood", summary="Nodes and edges around an entity, for drawing", responses=responses(404))
def neighborhood(
    store: StoreDep,
    id: EntityId,
    at: At,
    depth: Annotated[int, Query(ge=limits.NEIGHBORHOOD_DEPTH.minimum, le=limits.NEIGHBORHOOD_DEPTH.maximum,
                                description="Hops from the entity")] = limits.NEIGHBORHOOD_DEPTH.default,
    types: Annotated[list[RelationType] | None, Query(
        alias="type", description="Follow only these relation types (repeatable)",
    )] = None,
    max_nodes: Annotated[int, Query(
        ge=limits.NEIGHBORHOOD_ENTITIES.minimum, le=limits.NEIGHBORHOOD_ENTITIES.maximum,
        description="Refuse (422) a neighborhood larger than this rather than return a hairball",
    )] = limits.NEIGHBORHOOD_ENTITIES.default,
) -> Subgraph:
    """The entities within `depth` hops (refuted relations left out) and every relation among them."""
    return store.neighborhood(id, depth=depth, at=at, types=values(types), max_nodes=max_nodes)
