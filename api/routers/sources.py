"""The source registry."""

from __future__ import annotations

from fastapi import APIRouter

from jkg.api.deps import StoreDep
from jkg.api.pagination import Page, PageDep, paginate
from jkg.api.params import SourceId
from jkg.api.problems import responses
from jkg.api.stores import call_store
from jkg.graph.engine.views import SourceDetail, SourceView

router = APIRouter(prefix="/sources", tags=["sources"], responses=responses(422, 500, 503))


@router.get("", summary="Every source, by id")
async def sources(store: StoreDep, page: PageDep) -> Page[SourceView]:
    """The registry: publisher, date, title, URL, reliability."""
    return paginate(await call_store(store.sources), page)


@router.get("/{id}", summary="A source and the facts it supports", responses=responses(404))
def source(store: StoreDep, id: SourceId) -> SourceDetail:
    """The entities, names and relations that cite it."""
    return store.source(id)
