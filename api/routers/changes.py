"""What changed between two dates."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jkg.api.deps import StoreDep
from jkg.api.params import ID_BOUNDS, PeriodDep
from jkg.api.problems import responses
from jkg.graph import limits
from jkg.graph.engine.views import Changes

router = APIRouter(tags=["time"], responses=responses(404, 422, 500, 503))


@router.get("/changes", summary="What began, ended or changed between two dates")
def changes(
    store: StoreDep,
    period: PeriodDep,
    around: Annotated[str | None, Query(
        description="Only the entities within `depth` hops of this one, and the relations among them",
        openapi_examples={"aqim": {"value": "aqim"}}, **ID_BOUNDS,
    )] = None,
    depth: Annotated[int, Query(ge=limits.NEIGHBORHOOD_DEPTH.minimum, le=limits.NEIGHBORHOOD_DEPTH.maximum,
                                description="Hops from `around`")] = limits.NEIGHBORHOOD_DEPTH.default,
) -> Changes:
    """Relations not valid at `from` and valid at `to` (began), valid at `from` and no longer at `to` (ended),
    certain at one and only possible at the other (changed); mergers, renamings and events that happened
    between the two dates are among those that began. Entities that began or ended between them. Both dates
    are required; refuted relations are left out; each list is ordered by the day of the change."""
    return store.changes(period.start, period.end, around=around, depth=depth)
