"""Shortest paths between two entities."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jkg.api.deps import StoreDep
from jkg.api.pagination import Page, PageDep, paginate
from jkg.api.params import ID_BOUNDS, At, RelationType, values
from jkg.api.problems import responses
from jkg.graph import limits
from jkg.graph.engine.views import PathResult

router = APIRouter(tags=["paths"], responses=responses(404, 422, 500, 503))


@router.get("/paths", summary="Shortest paths between two entities")
def paths(
    store: StoreDep,
    page: PageDep,
    source: Annotated[str, Query(
        alias="from", description="Entity id where paths start",
        openapi_examples={"gspc": {"value": "gspc"}, "okacha": {"value": "djamel-okacha"}}, **ID_BOUNDS,
    )],
    target: Annotated[str, Query(
        alias="to", description="Entity id where paths end",
        openapi_examples={"aqim": {"value": "aqim"}, "al-qaeda": {"value": "al-qaeda"}}, **ID_BOUNDS,
    )],
    at: At,
    max_hops: Annotated[int, Query(ge=limits.PATH_HOPS.minimum, le=limits.PATH_HOPS.maximum,
                                   description="Longest path accepted")] = limits.PATH_HOPS.default,
    types: Annotated[list[RelationType] | None, Query(
        description="Follow only these relation types (repeatable)",
    )] = None,
) -> Page[PathResult]:
    """Every shortest path (at most 20), ignoring direction and refuted relations, in a stable order.

    Each hop lists every relation linking its two entities. Empty if none is within `max_hops`.
    """
    return paginate(store.paths(source, target, at=at, types=values(types), max_hops=max_hops,
                                limit=limits.PATHS.maximum), page)
