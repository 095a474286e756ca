"""GraphML for Cytoscape, yEd and any graph library: the attributed multigraph with typed keys.

Written by ``networkx.write_graphml``: every entity a node (its id the GraphML id), every relation
an edge whose GraphML id is the relation's id (parallel edges between two entities stay apart), and
the attributes of :mod:`.network` as ``<key>`` declarations typed from their values (``credibility``
an ``int``, the rest ``string``), named by their own names (``named_key_ids``). GraphML has no time:
the days a relation may have held are the ``possible_from``/``possible_until`` attributes (ISO dates).

Examples
--------
>>> import io
>>> import networkx as nx
>>> from jkg.graph.queries.examples import example_graph
>>> buffer = io.BytesIO()
>>> nx.write_graphml(attributed_graph(example_graph()), buffer, named_key_ids=True)
>>> back = nx.read_graphml(io.BytesIO(buffer.getvalue()), force_multigraph=True)
>>> back.edges["rival-band", "example-front", "rivalOf--rival-band--example-front--2015"]["status"]
'reported'
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exports.network import attributed_graph
from jkg.graph.exports.registry import Format

__all__ = ["FORMATS", "write_graphml"]


def write_graphml(tg: TemporalGraph, path: Path) -> str:
    """Write the graph as GraphML to ``path``; return a one-line account."""
    graph = attributed_graph(tg)
    nx.write_graphml(graph, path, encoding="utf-8", named_key_ids=True)
    return f"GraphML: {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges"


#: The GraphML format (see :mod:`jkg.graph.exports.registry`).
FORMATS = (
    Format("graphml", "GraphML for Cytoscape and yEd: every node and edge with typed attributes (type, status,"
           " grading, dates as given and the days they may mean, sources, qualifiers)", "file", write_graphml,
           media_type="application/graphml+xml", suffix=".graphml"),
)
