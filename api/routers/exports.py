"""The export formats over HTTP: the graph the API serves, whole or as of a date, as a file to download.

Every format of the registry (:mod:`jkg.graph.exports.registry`) is served, with no edit here
for a new one: ``GET /export`` lists them, ``GET /export/{format}`` writes the graph in one to a
temporary file and streams it (a format that writes a folder, such as ``neo4j-admin``, as a zip
archive), removed once sent. ``at``, or ``from`` and ``to``, cut the graph first
(:func:`~jkg.graph.exports.registry.restricted`), by the time rule the queries follow.

Exports are written from the embedded store's graph; a server on the Neo4j backend answers 501.
The endpoint is a plain function: writing takes seconds, in the threadpool, not on the event loop.
The last answers are kept in memory (:class:`_Kept`, up to :data:`KEPT_BYTES`) by format, data version
and days: the same download asked again (the whole graph, typically) is not written again.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections import OrderedDict
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import APIRouter, HTTPException
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from jkg.api.deps import StoreDep
from jkg.api.params import At, PeriodDep
from jkg.api.problems import Problem, responses
from jkg.graph.engine.dates import Span
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exceptions import BadParameterError
from jkg.graph.exports.registry import Format, formats, restricted
from jkg.graph.store import EmbeddedStore

__all__ = ["ExportFormatView", "router"]

#: A folder is served as this archive.
ZIP = "application/zip"
#: At most this many bytes of answers are kept in memory; a larger answer is written again when asked again.
KEPT_BYTES = 64 * 1024 * 1024

if TYPE_CHECKING:
    ExportName = str
else:
    #: The formats of the registry.
    ExportName = StrEnum("ExportName", {name: name for name in formats()})

router = APIRouter(tags=["exports"], responses=responses(422, 500, 503))


class ExportFormatView(BaseModel):
    """An export format, and the file ``GET /export/{name}`` answers with."""

    name: str = Field(description="The format's name, as `GET /export/{format}` and `jkg export` take it")
    summary: str = Field(description="What it is for and what it carries")
    writes: Literal["file", "folder"] = Field(description="Whether the format writes one file or a folder of them")
    media_type: str = Field(description="The media type of the answer (a folder is sent as a zip archive)")
    filename: str = Field(description="The name the answer is offered under")


def _served(fmt: Format) -> ExportFormatView:
    folder = fmt.writes == "folder"
    return ExportFormatView(name=fmt.name, summary=fmt.summary, writes=fmt.writes,
                            media_type=ZIP if folder else fmt.media_type,
                            filename=f"jkg-{fmt.name}{'.zip' if folder else fmt.suffix}")


@router.get("/export", summary="The export formats", responses=responses(500))
async def export_formats() -> list[ExportFormatView]:
    """Every format `GET /export/{format}` writes, by name."""
    return [_served(fmt) for fmt in formats().values()]


_FILE_TYPES = sorted({_served(fmt).media_type for fmt in formats().values()})


@router.get(
    "/export/{format}", summary="The graph in an export format, whole or as of a date",
    response_class=FileResponse,
    responses={
        200: {"description": "The file (a folder as a zip archive)", "content": {t: {} for t in _FILE_TYPES}},
        501: {"model": Problem, "description": "This server's store cannot be exported (the Neo4j backend)"},
    },
)
def export(
    store: StoreDep,
    format: Annotated[ExportName, PathParam(description="The format (see `GET /export`)",
                                            openapi_examples={"rdf": {"value": "rdf"}})],
    at: At,
    period: PeriodDep,
) -> Response:
    """Every entity, relation and source; with `at` (or `from`/`to`), only what possibly held then, with the
    entities it links and the sources it cites (each relation keeps its own dates)."""
    if at is not None and (period.start is not None or period.end is not None):
        raise BadParameterError("at", at, "give either at or from/to, not both")
    if not isinstance(store, EmbeddedStore):
        raise HTTPException(501, "exports are written from the embedded store's graph; this server runs another"
                                 " backend: run `jkg export` on the data files")
    fmt = formats()[str(format)]
    span = Span.of(at) if at is not None else Span.between(period.start, period.end)
    served = _served(fmt)
    headers = {"Content-Disposition": f'attachment; filename="{served.filename}"'}
    key = (fmt.name, store.graph.data_version, span.first, span.last) if store.graph.data_version else None
    content = _kept.get(key)
    if content is None:
        workdir = Path(tempfile.mkdtemp(prefix="jkg-export-"))
        target = _write(fmt, restricted(store.graph, span), workdir, served.filename)
        if key is None or target.stat().st_size > KEPT_BYTES:
            return FileResponse(target, media_type=served.media_type, filename=served.filename,
                                background=BackgroundTask(shutil.rmtree, workdir, ignore_errors=True))
        try:
            content = target.read_bytes()
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        _kept.put(key, content)
    return Response(content, media_type=served.media_type, headers=headers)


def _write(fmt: Format, graph: TemporalGraph, workdir: Path, filename: str) -> Path:
    """Write the graph in the format into ``workdir``; the file to send (a folder zipped).

    The folder is removed if writing fails.
    """
    try:
        if fmt.writes == "folder":
            folder = workdir / fmt.name
            folder.mkdir()
            fmt.write(graph, folder)
            return Path(shutil.make_archive(str(workdir / fmt.name), "zip", root_dir=folder))
        fmt.write(graph, workdir / filename)
        return workdir / filename
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise


Key = tuple[str, str, int, int]


class _Kept:
    """The latest answers, by (format, data version, first day, last day), least recently used dropped first
    once they hold more than :data:`KEPT_BYTES`."""

    def __init__(self) -> None:
        self._answers: OrderedDict[Key, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key | None) -> bytes | None:
        with self._lock:
            if key is None or key not in self._answers:
                return None
            self._answers.move_to_end(key)
            return self._answers[key]

    def put(self, key: Key, content: bytes) -> None:
        with self._lock:
            self._answers[key] = content
            while sum(len(kept) for kept in self._answers.values()) > KEPT_BYTES:
                self._answers.popitem(last=False)


_kept = _Kept()
