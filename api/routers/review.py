"""The review queue of the imports (UN list, articles): pending pairs, and judging them.

Both endpoints need the admin token (``Authorization: Bearer <JKG_ADMIN_TOKEN>``), like
``/admin``: judging changes what ``--apply`` writes. The queue lives in the folder
``JKG_REVIEW_DIR`` names, else ``review/`` in the first data folder (``seed_data/review``);
see :mod:`jkg.graph.imports.review.queue`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Security
from fastapi import Path as PathParam
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from jkg.api.deps import SettingsDep
from jkg.api.problems import Problem, responses
from jkg.api.routers.admin import require_admin
from jkg.graph.imports.review import Judgement, Proposal, ReviewQueue
from jkg.graph.imports.review.queue import MAX_REASON, MAX_WHO

router = APIRouter(prefix="/review", tags=["review"], dependencies=[Security(require_admin)],
                   responses=responses(401, 403, 409, 422))

_KIND = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$"
_PAIR = r"^[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9][A-Za-z0-9._-]*:(\+new|[A-Za-z0-9][A-Za-z0-9._-]*)$"


async def get_queue(request: Request, settings: SettingsDep) -> ReviewQueue:
    """The queue: the app's own (tests), else ``JKG_REVIEW_DIR``, else ``review/`` in the first data folder."""
    queue = getattr(request.app.state, "review_queue", None)
    if isinstance(queue, ReviewQueue):
        return queue
    folder = os.environ.get("JKG_REVIEW_DIR")
    if folder:
        return ReviewQueue(Path(folder))
    first = settings.data[0] if settings.data else Path("seed_data")
    return ReviewQueue((first if first.is_dir() else first.parent) / "review")


QueueDep = Annotated[ReviewQueue, Depends(get_queue)]


class ProposalView(BaseModel):
    """A pair a producer proposes: a record of its input and a graph entity (or a new one)."""

    id: str = Field(description="The pair id, kind:record:entity (entity '+new' for a new entity)")
    kind: str = Field(description="The producer: un-sc (the UN list), article (article ingestion)")
    record: str = Field(description="The producer's record (a UN reference such as QDi.232)")
    entity: str | None = Field(description="The graph entity proposed; null for a new entity")
    status: Literal["pending", "linked"]
    score: float
    evidence: list[str] = Field(description="Why it is proposed, in words")
    payload: dict[str, Any] = Field(description="What to show side by side: 'record' and 'entity'")

    @classmethod
    def of(cls, p: Proposal) -> ProposalView:
        return cls(id=p.id, kind=p.kind, record=p.record, entity=p.entity, status=p.status, score=p.score,
                   evidence=list(p.evidence), payload=p.payload)


class PendingPage(BaseModel):
    """The pairs waiting for a judgement, by pair id."""

    count: int = Field(description="How many pairs are pending (all of them, not only this page)")
    pending: list[ProposalView]


class JudgementIn(BaseModel):
    """A judgement on a pair, or ``undo`` to cancel the latest one standing."""

    verdict: Literal["positive", "negative", "unsure", "undo"]
    who: str = Field(min_length=1, max_length=MAX_WHO, pattern=r"^[^\n\r]*\S[^\n\r]*$",
                     description="Who judges (one line)")
    reason: str = Field("", max_length=MAX_REASON, description="Why, in words")


class JudgementView(BaseModel):
    """A line appended to the judgements file."""

    pair: str
    kind: str
    record: str
    entity: str | None
    verdict: str | None = Field(description="positive, negative or unsure; null on an undo (a tombstone)")
    who: str
    when: str = Field(description="UTC, YYYY-MM-DDTHH:MM:SSZ")
    reason: str
    undo: bool

    @classmethod
    def of(cls, j: Judgement) -> JudgementView:
        return cls(**j.as_json())


@router.get("", summary="Pairs waiting for a judgement (admin token required)")
async def pending(
    queue: QueueDep,
    kind: Annotated[str | None, Query(pattern=_KIND, description="Only this producer's (un-sc, article)")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many pairs")] = 100,
) -> PendingPage:
    """Proposals of every producer (or one) that no standing judgement settles, in pair order; a pair
    judged negative is never proposed again."""
    found = await run_in_threadpool(queue.pending, kind)
    return PendingPage(count=len(found), pending=[ProposalView.of(p) for p in found[:limit]])


@router.post("/{pair}", summary="Judge a pair, or undo its latest judgement (admin token required)",
             responses={**responses(404), 400: {"model": Problem, "description": "The body is not JSON"}})
async def judge(
    queue: QueueDep,
    pair: Annotated[str, PathParam(pattern=_PAIR, max_length=420, description="The pair id, as GET /review gives it")],
    body: JudgementIn,
) -> JudgementView:
    """Append the judgement (positive, negative or unsure) or, with ``undo``, a tombstone; answers the line
    appended. 404 when no producer proposes the pair, or (undo) no judgement stands on it."""
    if body.verdict == "undo":
        made = await run_in_threadpool(lambda: queue.undo(pair, who=body.who, reason=body.reason))
    else:
        made = await run_in_threadpool(lambda: queue.judge(pair, body.verdict, who=body.who, reason=body.reason))
    return JudgementView.of(made)
