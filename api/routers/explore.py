"""The explorer page: search an entity, draw its neighborhood, expand it, move through time.

``GET /explore`` returns one static HTML page; its script and styles, and the vendored
graph-drawing library (cytoscape.js, MIT), are served once from ``/static/explore/...``
with cache headers, never inlined per request. The page itself only calls the public
REST endpoints (``/entities``, ``/entities/{id}/neighborhood``, ``/sources/{id}``; for its
timeline ``/organizations/{id}/tenures``, ``/people/{id}/tenures`` and ``/ontology``; for its
changes view ``/changes``), with URLs relative to the page so that the app also works behind
a path prefix.

Neither route is part of the OpenAPI schema: they serve files, not data.

>>> sorted(ASSETS)
['changes.js', 'cytoscape.min.js', 'explore.css', 'explore.js', 'timeline-chart.js', 'timeline.js']
>>> all(path.is_file() for path, _ in ASSETS.values()) and PAGE.is_file()
True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse

__all__ = ["ASSETS", "PAGE", "router"]

STATIC = Path(__file__).resolve().parent.parent / "static"
PAGE = STATIC / "explore.html"

# The files the page loads, by the name it asks for: an allow-list, so no path from the
# request ever reaches the file system.
ASSETS: dict[str, tuple[Path, str]] = {
    "explore.js": (STATIC / "explore.js", "text/javascript; charset=utf-8"),
    "timeline-chart.js": (STATIC / "timeline-chart.js", "text/javascript; charset=utf-8"),
    "timeline.js": (STATIC / "timeline.js", "text/javascript; charset=utf-8"),
    "changes.js": (STATIC / "changes.js", "text/javascript; charset=utf-8"),
    "explore.css": (STATIC / "explore.css", "text/css; charset=utf-8"),
    "cytoscape.min.js": (STATIC / "vendor" / "cytoscape.min.js", "text/javascript; charset=utf-8"),
}

# Browsers may keep the assets for an hour and then revalidate them (ETag and
# Last-Modified come with every file response).
ASSET_CACHE = "public, max-age=3600"

router = APIRouter(tags=["explorer"])


@cache
def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


@router.get("/explore", response_class=HTMLResponse, include_in_schema=False)
def explore() -> HTMLResponse:
    """The explorer page."""
    return HTMLResponse(_page(), headers={"Cache-Control": "no-cache"})


@router.get("/static/explore/{name}", include_in_schema=False)
def explore_asset(name: str) -> FileResponse:
    """A script or stylesheet of the explorer page."""
    asset = ASSETS.get(name)
    if asset is None:
        raise HTTPException(status_code=404, detail=f"no explorer asset named {name!r}")
    path, media_type = asset
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": ASSET_CACHE})
