"""Organizations: leaders, lineage, affiliations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jkg.api.deps import StoreDep
from jkg.api.pagination import Page, PageDep, paginate
from jkg.api.params import At, OrgId
from jkg.api.problems import renamed_parameter, responses
from jkg.api.stores import call_store
from jkg.graph import limits
from jkg.graph.engine.views import Lineage, RelationView

router = APIRouter(prefix="/organizations", tags=["organizations"], responses=responses(404, 422, 500, 503))


@router.get("/{id}/leaders", summary="Leadership timeline of an organization, or its holders as of a date")
async def leaders(store: StoreDep, page: PageDep, id: OrgId, at: At) -> Page[RelationView]:
    """Leader, deputy, commander, founder and other posted relations, in time order.

    With `at`, only the holders possibly in post then, flagged `certain` or `possible`.
    """
    with renamed_parameter(organization="id"):
        return paginate(await call_store(store.leaders, id, at=at), page)


@router.get("/{id}/lineage", summary="Where an organization came from and what came of it")
async def lineage(
    store: StoreDep,
    id: OrgId,
    depth: Annotated[int | None, Query(ge=limits.LINEAGE_DEPTH.minimum, le=limits.LINEAGE_DEPTH.maximum,
                                       description="Hops of lineage to follow; all by default")] = None,
) -> Lineage:
    """Predecessors, successors, splinters, mergers, branches and parents, with the dated lineage graph."""
    with renamed_parameter(organization="id"):
        return await call_store(store.lineage, id, depth=depth)


@router.get("/{id}/affiliations", summary="Affiliations and alliances of an organization")
async def affiliations(store: StoreDep, page: PageDep, id: OrgId, at: At) -> Page[RelationView]:
    """Branch of, sub-unit of, allegiance, alliance and rivalry relations, in time order; as of `at` if given."""
    with renamed_parameter(organization="id"):
        return paginate(await call_store(store.affiliations, id, at=at), page)
