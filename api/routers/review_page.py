"""The review page of article proposals, and what it needs beside the review API.

``GET /review/articles`` serves one static page (``api/static/review.html`` and its script
``/static/review/review.js``): for each pending proposal of the article reader, the
sentence with its mentions highlighted, the proposed fact, the graph's current facts
beside it, and accept / edit / reject with a reason. The page asks for the admin token and
calls, relative to itself, the review API (``GET /review?kind=article``,
``POST /review/{pair}``) and the two token-protected endpoints here:

* ``POST /review/articles/{pair}/edit``: change the proposed fact (date, status, subject,
  object) before judging it;
* ``POST /review/articles/apply``: write the accepted proposals as seed data
  (``imports/articles/`` in the first data folder), checked with the data first; then
  ``POST /admin/reload`` serves them.

The page routes are not part of the OpenAPI schema: they serve files, not data.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Security
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from jkg.api.deps import SettingsDep
from jkg.api.problems import responses
from jkg.api.routers.admin import require_admin
from jkg.api.routers.review import _PAIR, ProposalView, QueueDep
from jkg.graph.imports.articles.proposals import apply_judgements, edit_proposal

__all__ = ["ASSETS", "PAGE", "router"]

STATIC = Path(__file__).resolve().parent.parent / "static"
PAGE = STATIC / "review.html"
#: The files the page loads, by name: an allow-list, no request path reaches the file system.
ASSETS: dict[str, tuple[Path, str]] = {"review.js": (STATIC / "review.js", "text/javascript; charset=utf-8")}

router = APIRouter(tags=["review"])


@cache
def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


@router.get("/review/articles", response_class=HTMLResponse, include_in_schema=False)
def review_page() -> HTMLResponse:
    """The review page of the article proposals."""
    return HTMLResponse(_page(), headers={"Cache-Control": "no-cache"})


@router.get("/static/review/{name}", include_in_schema=False)
def review_asset(name: str) -> FileResponse:
    """The page's script."""
    if name not in ASSETS:
        raise HTTPException(404, f"no asset {name!r}")
    path, media = ASSETS[name]
    return FileResponse(path, media_type=media, headers={"Cache-Control": "public, max-age=3600"})


class EditIn(BaseModel):
    """The fields of a proposed fact an analyst changes (those left out stay)."""

    date: str | None = Field(None, max_length=20, description="EDTF date, such as 2020-06-03")
    status: str | None = Field(None, max_length=20, description="An ontology status: reported, claimed...")
    subject: str | None = Field(None, max_length=200, pattern=r"^(new:)?[a-z0-9][a-z0-9-]*$")
    object: str | None = Field(None, max_length=200, pattern=r"^(new:)?[a-z0-9][a-z0-9-]*$")


class AppliedView(BaseModel):
    """The seed files written from the accepted proposals."""

    files: list[str] = Field(description="Files written, one per article with accepted proposals")


@router.post("/review/articles/{pair}/edit", dependencies=[Security(require_admin)],
             summary="Edit an article proposal before judging it (admin token required)",
             responses=responses(401, 403, 404, 422))
async def edit(queue: QueueDep, pair: Annotated[str, PathParam(pattern=_PAIR, max_length=420)],
               body: EditIn) -> ProposalView:
    """Change the proposed fact of a pending article proposal (the fields given); answers the proposal as
    edited. 404 when no such proposal; 422 on a date or status the ontology refuses."""
    changes = body.model_dump(exclude_unset=True)
    edited = await run_in_threadpool(edit_proposal, queue, pair, changes)
    return ProposalView.of(edited)


@router.post("/review/articles/apply", dependencies=[Security(require_admin)],
             summary="Write the accepted article proposals as seed data (admin token required)",
             responses=responses(401, 403, 422))
async def apply(queue: QueueDep, settings: SettingsDep) -> AppliedView:
    """Checked with the data before anything is written (422 naming the problems otherwise); reload to serve."""
    data = settings.data or [Path("seed_data")]
    first = data[0] if data[0].is_dir() else data[0].parent
    written = await run_in_threadpool(apply_judgements, queue, first / "imports" / "articles", data)
    return AppliedView(files=[str(path) for path in written])
