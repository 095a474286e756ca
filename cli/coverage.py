"""``jkg stats --coverage``: what the graph knows of each group it follows, as a table or Markdown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.console import Console
from rich.table import Table

from jkg.graph.queries.coverage import Coverage

__all__ = ["print_coverage"]

#: Columns: heading, and how a row fills it.
_COLUMNS: tuple[tuple[str, Callable[[Coverage], str]], ...] = (
    ("organization", lambda r: f"{r.name} ({r.id})"),
    ("founded", lambda r: r.founded or "?"),
    ("ended", lambda r: r.ended or ""),
    ("top-post holders", lambda r: str(r.leaders)),
    ("last holder (since)", lambda r: f"{r.last_leader} ({r.last_leader_since or '?'})" if r.last_leader else ""),
    ("latest fact", lambda r: r.latest_fact or "?"),
    ("open questions", lambda r: "; ".join(r.questions)),
    ("note", lambda r: "yes" if r.noted else ""),
)


def print_coverage(rows: list[Coverage], console: Console, markdown: bool, made: dt.date) -> None:
    """Print the coverage rows, as a rich table or as a Markdown table with the date it was made."""
    if markdown:
        heads = [h for h, _ in _COLUMNS]
        console.print(f"Coverage of the seed data as of {made.isoformat()} (`jkg stats --coverage --markdown`):\n",
                      markup=False, highlight=False, soft_wrap=True)
        console.print("| " + " | ".join(heads) + " |", markup=False, highlight=False, soft_wrap=True)
        console.print("|" + "---|" * len(heads), markup=False, highlight=False, soft_wrap=True)
        for row in rows:
            cells = [fill(row).replace("|", "\\|") for _, fill in _COLUMNS]
            console.print("| " + " | ".join(cells) + " |", markup=False, highlight=False, soft_wrap=True)
        return
    table = Table(title=f"Coverage as of {made.isoformat()}")
    for heading, _ in _COLUMNS:
        table.add_column(heading, overflow="fold")
    for row in rows:
        table.add_row(*(fill(row) for _, fill in _COLUMNS))
    console.print(table)
