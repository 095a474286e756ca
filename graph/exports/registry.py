"""The export formats by name, discovered from the modules of this room.

Each format module declares ``FORMATS``, a tuple of :class:`Format`; :func:`formats`
collects them, so a new format is a new module and nothing else. The CLI (``jkg export
FORMAT``) and the API list and run them from here. :func:`restricted` cuts a graph to a span of time
before any format writes it (``jkg export FORMAT --at 2013``, ``GET /export/FORMAT?at=2013``).

Examples
--------
>>> {"rdf", "ntriples", "neo4j-admin"} <= set(formats())
True
>>> formats()["rdf"].media_type, formats()["rdf"].suffix
('text/turtle', '.ttl')
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from jkg.graph.dataset.model import Dataset, Entity
from jkg.graph.engine.dates import MAX_DAY, MIN_DAY, Span, overlaps
from jkg.graph.engine.temporal import TemporalGraph, build_graph

__all__ = ["Format", "formats", "restricted"]


@dataclass(frozen=True)
class Format:
    """An export format: its name, what it is for, whether it writes a file or a folder, and the writer."""

    name: str
    summary: str
    writes: Literal["file", "folder"]
    #: writes the graph to the path and returns a one-line account of what it wrote
    write: Callable[[TemporalGraph, Path], str]
    #: the media type of the file written (a folder is served as a zip archive, whatever this says)
    media_type: str = "application/octet-stream"
    #: the file name's ending (``.ttl``), for a file served or written without a name given
    suffix: str = ""


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


def restricted(tg: TemporalGraph, span: Span) -> TemporalGraph:
    """The graph as of ``span``: what a format writes for ``--at`` or ``--from``/``--to``.

    Kept: every relation possibly valid during the span by the time rule (``tg.validity``); every
    entity that is an endpoint of a kept relation, named by one of its qualifiers (``organization``,
    ``event``), or whose lifetime overlaps the span (an entity without dates, a place, always does);
    every source cited by what is kept, and the sources those are cited via. Each relation keeps its own
    dates: the graph is cut, never its facts. The whole graph is returned as it is when the span is
    every day.

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> tg = example_graph()
    >>> cut = restricted(tg, Span.of("1995"))
    >>> len(cut.relations) < len(tg.relations), cut.data_version.endswith("@1995-01-01..1995-12-31")
    (True, True)
    """
    if span.everything:
        return tg
    relations = [rel for rel in tg.relations.values() if tg.validity(rel, span) is not None]
    entity_valued = {name for name, q in tg.schema.qualifiers.items() if q.range_class}
    wanted = {ident for rel in relations for ident in (rel.subject, rel.object)}
    wanted.update(value for rel in relations for key, value in rel.qualifiers if key in entity_valued)
    entities = [e for e in tg.entities.values() if e.id in wanted or overlaps(_lifetime(e), span)]
    cited = _cited(tg, (src for e in entities for src in (*e.sources, *(s for n in e.names for s in n.sources))),
                   (src for rel in relations for src in rel.sources))
    data = Dataset(sources=[s for s in tg.sources.values() if s.id in cited], entities=entities,
                   relations=relations)
    return build_graph(data, tg.schema, f"{tg.data_version}@{_span_text(span)}")


def _lifetime(entity: Entity) -> Span:
    """The days an entity may have existed: open to the past or the future where a date is unknown."""
    return Span(entity.start.days[0] if entity.start else MIN_DAY, entity.end.days[1] if entity.end else MAX_DAY)


def _cited(tg: TemporalGraph, *citations: Iterable[str]) -> set[str]:
    """The sources cited, with those they were cited via (``cited_via``), transitively."""
    found: set[str] = set()
    todo = [src for cited in citations for src in cited]
    while todo:
        ident = todo.pop()
        if ident in found or ident not in tg.sources:
            continue
        found.add(ident)
        via = tg.sources[ident].cited_via
        if via:
            todo.append(via)
    return found


def _span_text(span: Span) -> str:
    """``2013-01-01..2013-12-31``, an open end left empty (``..2013-12-31``)."""
    first = "" if span.first == MIN_DAY else dt.date.fromordinal(span.first).isoformat()
    last = "" if span.last == MAX_DAY else dt.date.fromordinal(span.last).isoformat()
    return f"{first}..{last}"
