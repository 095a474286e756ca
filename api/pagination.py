"""Pages: ``limit`` and an opaque ``cursor`` in, ``items``, ``next_cursor`` and ``total`` out.

The cursor encodes a position in the list; it is only meaningful for the same
request (same path and filters) on the same data.

Examples
--------
>>> decode_cursor(encode_cursor(40))
40
>>> page = paginate(list(range(5)), PageParams(limit=2, offset=0))
>>> page.items, page.total, decode_cursor(page.next_cursor or "")
([0, 1], 5, 2)
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, Field

from jkg.api.deps import SettingsDep
from jkg.api.settings import HARD_MAX_PAGE_SIZE
from jkg.graph.exceptions import BadParameterError

__all__ = ["Page", "PageDep", "PageParams", "decode_cursor", "encode_cursor", "page_params", "paginate"]

T = TypeVar("T")

_PREFIX = "o:"
_OFFSET = re.compile(r"^o:(0|[1-9][0-9]{0,8})$")


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page")
    total: int = Field(description="How many items the whole list holds")


@dataclass(frozen=True)
class PageParams:
    """Where a page starts and how long it is."""

    limit: int
    offset: int


def encode_cursor(offset: int) -> str:
    """The cursor of a position in a list."""
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The position a cursor encodes.

    Raises
    ------
    BadParameterError
        If the cursor is not one this API returned.
    """
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        text = ""
    match = _OFFSET.match(text)
    if match is None or encode_cursor(int(match[1])) != cursor:
        raise BadParameterError("cursor", cursor, "not a cursor this API returned; pass the next_cursor of a page")
    return int(match[1])


async def page_params(
    settings: SettingsDep,
    limit: Annotated[int | None, Query(
        ge=1, le=HARD_MAX_PAGE_SIZE,
        description="Items per page (default and maximum set by the server: 50 and 500 unless configured)",
        examples=[20],
    )] = None,
    cursor: Annotated[str | None, Query(
        max_length=64, description="The `next_cursor` of the previous page; omit for the first page",
    )] = None,
) -> PageParams:
    """The page asked for, within the server's bounds (a coroutine: no threadpool round trip)."""
    if limit is None:
        limit = settings.default_page_size
    elif limit > settings.max_page_size:
        raise BadParameterError("limit", limit, f"must be between 1 and {settings.max_page_size}")
    return PageParams(limit=limit, offset=decode_cursor(cursor) if cursor is not None else 0)


PageDep = Annotated[PageParams, Depends(page_params)]


def paginate(items: Sequence[T], page: PageParams) -> Page[T]:
    """The page of ``items`` asked for."""
    end = page.offset + page.limit
    return Page[T](
        items=list(items[page.offset:end]),
        next_cursor=encode_cursor(end) if end < len(items) else None,
        total=len(items),
    )
