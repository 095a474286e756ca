"""The export formats by name, discovered from the modules of this room.

Each format module declares ``FORMATS``, a tuple of :class:`Format`; :func:`formats`
collects them, so a new format is a new module and nothing else. The CLI (``jkg export
FORMAT``) and the API list and run them from here.

Examples
--------
>>> sorted(formats())[:2]
['neo4j-admin', 'ntriples']
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from jkg.graph.engine.temporal import TemporalGraph

__all__ = ["Format", "formats"]


@dataclass(frozen=True)
class Format:
    """An export format: its name, what it is for, whether it writes a file or a folder, and the writer."""

    name: str
    summary: str
    writes: Literal["file", "folder"]
    #: writes the graph to the path and returns a one-line account of what it wrote
    write: Callable[[TemporalGraph, Path], str]


@cache
def formats() -> dict[str, Format]:
    """Every format of the modules of :mod:`jkg.graph.exports`, by name.

    Raises
    ------
    ValueError
        If two modules declare the same name.
    """
    import jkg.graph.exports as package

    found: dict[str, Format] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for fmt in getattr(module, "FORMATS", ()):
            if fmt.name in found:
                raise ValueError(f"export format {fmt.name!r} is declared twice (in {info.name})")
            found[fmt.name] = fmt
    return dict(sorted(found.items()))
