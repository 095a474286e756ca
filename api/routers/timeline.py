"""Time: an entity's timeline, the graph as of a date, centrality."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jkg.api.deps import StoreDep
from jkg.api.pagination import Page, PageDep, paginate
from jkg.api.params import At, EntityId, EntityType, PeriodDep, RequiredAt, values
from jkg.api.problems import responses
from jkg.api.stores import call_store
from jkg.graph import limits
from jkg.graph.engine.views import Ranked, Subgraph, TimelineItem

router = APIRouter(tags=["time"], responses=responses(422, 500, 503))


@router.get("/timeline/{id}", summary="Dated events and changes around an entity", responses=responses(404))
async def timeline(store: StoreDep, page: PageDep, id: EntityId, period: PeriodDep) -> Page[TimelineItem]:
    """Events it is linked to, starts and ends of its relations, its own start and end; oldest first."""
    return paginate(await call_store(store.timeline, id, start=period.start, end=period.end), page)


@router.get("/snapshot", summary="The graph as of a date")
def snapshot(store: StoreDep, at: RequiredAt) -> Subgraph:
    """Every relation possibly valid at `at` (refuted ones left out), flagged certain or possible, and its entities."""
    return store.snapshot(at)


@router.get("/centrality", summary="Entities ranked by degree centrality, as of a date")
def centrality(
    store: StoreDep,
    page: PageDep,
    at: At,
    types: Annotated[list[EntityType] | None, Query(
        alias="type", description="Rank only these entity types (repeatable); a class keeps its subclasses",
        openapi_examples={"organizations": {"value": ["Organization"]}},
    )] = None,
) -> Page[Ranked]:
    """Highest first, ties by id; at most 500 entities are ranked."""
    return paginate(store.centrality(at=at, types=values(types), limit=limits.RESULTS.maximum), page)
