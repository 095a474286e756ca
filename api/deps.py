"""Dependencies: the store and the settings, read from the application's state."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from jkg.api.settings import Settings
from jkg.api.stores import StoreHolder
from jkg.graph.store import Store

__all__ = ["SettingsDep", "StoreDep", "StoreHolderDep", "get_settings", "get_store", "get_store_holder"]


def get_settings(request: Request) -> Settings:
    """The application's settings."""
    return cast(Settings, request.app.state.settings)


def get_store_holder(request: Request) -> StoreHolder:
    """What holds the current store (for reloading it)."""
    return cast(StoreHolder, request.app.state.stores)


def get_store(holder: Annotated[StoreHolder, Depends(get_store_holder)]) -> Store:
    """The current store.

    Raises
    ------
    StoreUnavailableError
        If the store could not be built or cannot be reached (answered as 503).
    """
    return holder.store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreHolderDep = Annotated[StoreHolder, Depends(get_store_holder)]
StoreDep = Annotated[Store, Depends(get_store)]
