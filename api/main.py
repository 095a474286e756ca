"""The FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI
from jkg.api.routers import health
from jkg.api.settings import Settings

__all__ = ["create_app"]


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application; tests pass their own settings."""
    settings = settings or Settings()
    app = FastAPI(
        title="jkg",
        summary="A knowledge graph of jihadist organizations, their leaders and affiliations.",
        version="0.1.0",
    )
    app.state.settings = settings
    app.include_router(health.router)
    return app
