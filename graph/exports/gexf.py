"""GEXF 1.3 for Gephi: a dynamic graph whose nodes and edges appear and disappear on the timeline.

Written by networkx's GEXF writer (``version="1.3"``, which networkx 3.6 knows): the graph is
``mode="dynamic"`` with ``timeformat="date"``; each edge's ``start``/``end`` are the days the
relation may have held by the time rule (the earliest day of its start, the latest day of its end,
bounded by its endpoints' lifetimes, an instantaneous relation only at its date), each node's the
days its entity may have existed; an unknown bound is left open. Gephi's timeline then shows the
graph as of any day. Attributes are those of :mod:`.network` (type, label, status, grading, the
EDTF texts of the dates, sources, each qualifier...); the edge's GEXF ``id`` is the relation id, and
networkx adds it again as ``networkx_key``, which its reader takes as the edge's key.

Two corrections to what networkx 3.6 writes for 1.3: it declares the ``xsi`` namespace as
``http://w3.org/2001/XMLSchema-instance`` (``www.`` missing), which puts ``xsi:schemaLocation`` in an
unknown namespace, so the root element is given the W3C's namespace; and it writes ``name=""`` on the
``graph`` element, an attribute GEXF 1.3's grammar does not have, which is dropped.

Examples
--------
>>> from jkg.graph.queries.examples import example_graph
>>> g = dynamic_graph(example_graph())
>>> edge = g.edges["third-emir", "example-front", "leaderOf--third-emir--example-front--emir--2020-11"]
>>> g.graph["mode"], edge["start"], edge["start_date"], "end" in edge  # no end known: open
('dynamic', '2020-11-01', '2020-11', False)
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from jkg.graph.engine.dates import MAX_DAY, MIN_DAY
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exports.network import attributed_graph, day_bounds
from jkg.graph.exports.registry import Format

__all__ = ["FORMATS", "GEXF_VERSION", "XSI", "dynamic_graph", "write_gexf"]

#: The GEXF version written.
GEXF_VERSION = "1.3"
#: The XML Schema instance namespace, as the W3C names it.
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _spell(values: dict[str, object], first: int, last: int) -> None:
    """Set ``start``/``end`` (GEXF's own attributes) from day ordinals; an open end is left out."""
    start, end = day_bounds(first, last)
    if start is not None:
        values["start"] = start
    if end is not None:
        values["end"] = end


def dynamic_graph(tg: TemporalGraph) -> nx.MultiDiGraph:
    """The attributed graph (:func:`~jkg.graph.exports.network.attributed_graph`) with GEXF's time: the
    days each node and edge may have existed, and each edge's id as its GEXF id."""
    graph = attributed_graph(tg)
    graph.graph["mode"] = "dynamic"
    for ident, values in graph.nodes(data=True):
        entity = tg.entities[ident]
        _spell(values, entity.start.days[0] if entity.start else MIN_DAY,
               entity.end.days[1] if entity.end else MAX_DAY)
    for _, _, key, values in graph.edges(keys=True, data=True):
        possible_from, _, _, possible_until = tg.intervals[key].bounds()
        _spell(values, possible_from, possible_until)
        values["id"] = key
    return graph


def write_gexf(tg: TemporalGraph, path: Path) -> str:
    """Write the graph as GEXF 1.3 to ``path``; return a one-line account."""
    graph = dynamic_graph(tg)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version=GEXF_VERSION)
    writer.xml.set("xmlns:xsi", XSI)  # see the module's docstring
    writer.add_graph(graph)
    writer.graph_element.attrib.pop("name", None)  # networkx writes name="", which GEXF 1.3's graph does not have
    with path.open("wb") as handle:
        writer.write(handle)
    return f"GEXF {GEXF_VERSION}: {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges, dated by day"


#: The GEXF format (see :mod:`jkg.graph.exports.registry`).
FORMATS = (
    Format("gexf", "GEXF 1.3 for Gephi: a dynamic graph, every node and edge with the days it may have held, its"
           " type, status, grading, dates as given and sources", "file", write_gexf,
           media_type="application/gexf+xml", suffix=".gexf"),
)
