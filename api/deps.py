"""Dependencies: the store and the settings, read from the application's state.

They are coroutines: FastAPI runs a plain function dependency in the threadpool, a round trip
between threads that costs more than these lookups themselves.
"""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from jkg.api.settings import Settings
from jkg.api.stores import StoreHolder
from jkg.graph.store import Store

__all__ = ["SettingsDep", "StoreDep", "StoreHolderDep", "get_settings", "get_store", "get_store_holder"]


async def get_settings(request: Request) -> Settings:
    """The application's settings."""
    return cast(Settings, request.app.state.settings)


async def get_store_holder(request: Request) -> StoreHolder:
    """What holds the current store (for reloading it)."""
    return cast(StoreHolder, request.app.state.stores)


async def get_store(request: Request) -> Store:
    """The current store.

    Raises
    ------
    StoreUnavailableError
        If the store could not be built or cannot be reached (answered as 503).
    """
    holder = cast(StoreHolder, request.app.state.stores)  # not through get_store_holder: one dependency less
    store = holder.current
    if store is not None:
        return store
    # building it (first use without a lifespan) may read files or reach Neo4j: not on the event loop
    return await run_in_threadpool(lambda: holder.store)


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreHolderDep = Annotated[StoreHolder, Depends(get_store_holder)]
StoreDep = Annotated[Store, Depends(get_store)]
