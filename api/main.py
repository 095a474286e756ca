"""The FastAPI application."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from jkg.api.middleware import BodySizeLimit
from jkg.api.problems import install_problem_handlers
from jkg.api.routers import (
    admin,
    changes,
    entities,
    explore,
    exports,
    health,
    neo4j_browser,
    ontology,
    organizations,
    paths,
    review,
    review_page,
    sources,
    succession,
    tenures,
    timeline,
)
from jkg.api.settings import Settings
from jkg.api.stores import StoreHolder, freeze_heap
from jkg.graph.store import Store

__all__ = ["ROUTERS", "create_app"]

#: The routers every app serves (the admin router is added when a token is set).
ROUTERS = (health, entities, organizations, succession, paths, timeline, tenures, changes, sources, ontology, explore,
           neo4j_browser, exports, review, review_page)

DESCRIPTION = """\
Read-only queries over a knowledge graph of jihadist organizations of the Maghreb and
the Sahel: who led what and when, who succeeded whom, where a group came from, who was
allied with whom as of a date. Every relation carries its dates, status and sources.

* Dates (`at`, `from`, `to`) are EDTF partial dates: `2007`, `2017-03`, `2019-02-21`.
  "As of" a partial date returns what possibly held then, flagged `certain` or `possible`.
* Lists are paged: `limit` and the opaque `cursor` (the `next_cursor` of the previous page).
* Errors are RFC 9457 problem details (`application/problem+json`) naming the bad
  parameter and the value given.
"""


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the application.

    Parameters
    ----------
    settings : Settings, optional
        By default read from ``JKG_`` environment variables.
    store : Store, optional
        A store to serve (tests); by default one is built from the settings at startup.
    """
    settings = settings or Settings()
    holder = StoreHolder(settings, store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(holder.start)
        freeze_heap()
        try:
            yield
        finally:
            await run_in_threadpool(holder.close)
            gc.unfreeze()  # a process that serves several apps in turn (tests) gets their memory back

    app = FastAPI(
        title="jkg",
        summary="A knowledge graph of jihadist organizations, their leaders and affiliations.",
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.stores = holder
    install_problem_handlers(app)

    for module in ROUTERS:
        app.include_router(module.router)
    if settings.admin_token is not None:
        app.include_router(admin.router)

    @app.get("/", include_in_schema=False)
    def index() -> RedirectResponse:
        return RedirectResponse("/docs")

    # outermost last: CORS headers go on every answer, the 413 included
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "HEAD", "OPTIONS"],
            # Neo4j Browser fetches the style and guide with Cache-Control and Pragma headers
            allow_headers=["Accept", "Accept-Language", "Content-Type", "Authorization", "Cache-Control", "Pragma"],
            max_age=600,
        )
    return app
