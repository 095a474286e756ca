"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from jkg.api.deps import StoreDep
from jkg.api.problems import responses
from jkg.api.stores import call_store
from jkg.graph.engine.views import StoreInfo

router = APIRouter(tags=["health"], responses=responses(500))


class Health(BaseModel):
    status: str


@router.get("/health", summary="Liveness")
async def health() -> Health:
    """The process is up (it says nothing about the store: see /ready)."""
    return Health(status="ok")


@router.get("/ready", summary="Readiness: the store is loaded and reachable", responses=responses(503))
async def ready(store: StoreDep) -> StoreInfo:
    """The store's backend, its counts of entities, relations and sources, and the data version; 503 if down."""
    return await call_store(store.info)
