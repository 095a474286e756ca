"""Who succeeded whom."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jkg.api.deps import StoreDep
from jkg.api.pagination import Page, PageDep, paginate
from jkg.api.params import ID_BOUNDS, PersonId, Post
from jkg.api.problems import responses
from jkg.api.stores import call_store
from jkg.graph.engine.views import PersonPost, Succession

router = APIRouter(tags=["succession"], responses=responses(404, 422, 500, 503))


@router.get("/succession", summary="The ordered holders of a post in an organization, across renamings")
async def succession(
    store: StoreDep,
    org: Annotated[str, Query(
        description="Organization id",
        openapi_examples={"aqim": {"value": "aqim"}, "gia": {"value": "gia"}, "jnim": {"value": "jnim"}},
        **ID_BOUNDS,
    )],
    post: Annotated[Post | None, Query(
        description="A post of the ontology; by default the organization's top post",
        openapi_examples={"emir": {"value": "emir"}},
    )] = None,
) -> Succession:
    """Each holder with dates, predecessor, successor, status and sources; gaps and overlaps flagged.

    The chain follows the organization across renamings (the GSPC's emirs continue as AQIM's).
    """
    return await call_store(store.succession, org, None if post is None else str(post))


@router.get("/people/{id}/succession", summary="For each post a person held: predecessor and successor")
async def person_succession(store: StoreDep, page: PageDep, id: PersonId) -> Page[PersonPost]:
    """One item per post and organization lineage, in time order."""
    return paginate(await call_store(store.person_succession, id), page)
