"""Paths, neighborhoods, snapshots and centrality over the graph as of a date."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice, pairwise

import networkx as nx

from jkg.graph.dates import Span
from jkg.graph.exceptions import BadParameterError
from jkg.graph.model import Relation
from jkg.graph.queries.entities import check_limit, sort_relations
from jkg.graph.results import PathResult, PathStep, Ranked, RelationView, Subgraph
from jkg.graph.temporal import TemporalGraph

__all__ = ["MAX_DEPTH", "MAX_HOPS", "MAX_PATHS", "centrality", "neighborhood", "paths", "snapshot"]

#: Bounds on how far a traversal may go.
MAX_HOPS = 6
MAX_DEPTH = 3
MAX_PATHS = 20


def _edge_filter(tg: TemporalGraph, span: Span, types: set[str] | None) -> Callable[[Relation], bool]:
    def keep(rel: Relation) -> bool:
        if rel.status == "refuted":
            return False
        if types is not None and rel.type not in types:
            return False
        return span.everything or tg.validity(rel, span) is not None

    return keep


def _view(tg: TemporalGraph, keep: Callable[[Relation], bool]) -> nx.MultiGraph:
    """An undirected view of the relations kept."""
    undirected = tg.graph.to_undirected(as_view=True)
    return nx.subgraph_view(undirected, filter_edge=lambda u, v, k: keep(tg.relations[k]))


def _between(tg: TemporalGraph, a: str, b: str, keep: Callable[[Relation], bool],
             span: Span) -> list[RelationView]:
    rels = [tg.relations[k] for k in tg.graph.get_edge_data(a, b, default={})]
    rels += [tg.relations[k] for k in tg.graph.get_edge_data(b, a, default={}) if a != b]
    return sort_relations(tg.relation_view(r, span) for r in rels if keep(r))


def paths(tg: TemporalGraph, source: str, target: str, at: object = None,
          types: Iterable[str] | None = None, max_hops: int = 4, limit: int = 5) -> list[PathResult]:
    """Shortest paths between two entities, ignoring direction.

    Parameters
    ----------
    tg : TemporalGraph
    source, target : str
        Entity ids.
    at : str, optional
        Only relations possibly valid at this partial date.
    types : iterable of str, optional
        Only these relation types.
    max_hops : int
        Longest path accepted (1-6).
    limit : int
        At most this many shortest paths (1-20).

    Returns
    -------
    list of PathResult
        Every shortest path (up to ``limit``), in a stable order; empty if none is
        within ``max_hops``. Each hop lists every relation linking its two entities.

    Raises
    ------
    NotFoundError, BadParameterError, BadDateError

    Examples
    --------
    >>> from jkg.graph.temporal import load_graph
    >>> [n.id for n in paths(load_graph(), "gspc", "aqim")[0].nodes]
    ['gspc', 'aqim']
    """
    tg.entity(source)
    tg.entity(target)
    if not 1 <= max_hops <= MAX_HOPS:
        raise BadParameterError("max_hops", max_hops, f"must be between 1 and {MAX_HOPS}")
    check_limit(limit, "limit", MAX_PATHS)
    span = Span.of(at)
    keep = _edge_filter(tg, span, tg.check_types(types))
    view = _view(tg, keep)
    if source == target:
        return [PathResult(nodes=[tg.ref(source)], steps=[])]
    try:
        length = nx.shortest_path_length(view, source, target)
    except nx.NetworkXNoPath:
        return []
    if length > max_hops:
        return []
    found = sorted(nx.all_shortest_paths(view, source, target))
    result = []
    for nodes in islice(found, limit):
        steps = [PathStep(source=tg.ref(a), target=tg.ref(b), relations=_between(tg, a, b, keep, span))
                 for a, b in pairwise(nodes)]
        result.append(PathResult(nodes=[tg.ref(n) for n in nodes], steps=steps))
    return result


def _subgraph(tg: TemporalGraph, nodes: Iterable[str], keep: Callable[[Relation], bool],
              span: Span) -> Subgraph:
    chosen = set(nodes)
    edges = [
        tg.relation_view(rel, span)
        for rel in tg.relations.values()
        if rel.subject in chosen and rel.object in chosen and keep(rel)
    ] if len(chosen) > len(tg.relations) // 50 else [
        tg.relation_view(rel, span)
        for n in chosen for rel in tg.edges(n, "out")
        if rel.object in chosen and keep(rel)
    ]
    return Subgraph(nodes=sorted((tg.ref(n) for n in chosen), key=lambda e: e.id),
                    edges=sort_relations(edges))


def neighborhood(tg: TemporalGraph, ident: str, depth: int = 1, at: object = None,
                 types: Iterable[str] | None = None, max_nodes: int = 500) -> Subgraph:
    """The entities within ``depth`` hops of an entity, and the relations among them.

    Parameters
    ----------
    tg : TemporalGraph
    ident : str
    depth : int
        Hops (1-3).
    at : str, optional
        Only relations possibly valid at this partial date.
    types : iterable of str, optional
        Only these relation types.
    max_nodes : int
        Refuse neighborhoods larger than this (1-5000) rather than return a hairball.

    Returns
    -------
    Subgraph

    Raises
    ------
    NotFoundError, BadParameterError, BadDateError

    Examples
    --------
    >>> from jkg.graph.temporal import load_graph
    >>> "gspc" in [n.id for n in neighborhood(load_graph(), "aqim").nodes]
    True
    """
    tg.entity(ident)
    if not 1 <= depth <= MAX_DEPTH:
        raise BadParameterError("depth", depth, f"must be between 1 and {MAX_DEPTH}")
    check_limit(max_nodes, "max_nodes", 5000)
    span = Span.of(at)
    keep = _edge_filter(tg, span, tg.check_types(types))
    nodes = nx.single_source_shortest_path_length(_view(tg, keep), ident, cutoff=depth)
    if len(nodes) > max_nodes:
        raise BadParameterError("depth", depth, f"reaches {len(nodes)} entities, more than max_nodes={max_nodes}")
    return _subgraph(tg, nodes, keep, span)


def snapshot(tg: TemporalGraph, at: object) -> Subgraph:
    """The whole graph as of a date: every relation possibly valid then, and its entities.

    Parameters
    ----------
    tg : TemporalGraph
    at : str
        Partial date.

    Returns
    -------
    Subgraph

    Raises
    ------
    BadDateError, BadParameterError

    Examples
    --------
    >>> from jkg.graph.temporal import load_graph
    >>> tg = load_graph()
    >>> "jnim" in {n.id for n in snapshot(tg, "2018").nodes}, "jnim" in {n.id for n in snapshot(tg, "2010").nodes}
    (True, False)
    """
    if at is None:
        raise BadParameterError("at", at, "a snapshot needs a date")
    span = Span.of(at)
    keep = _edge_filter(tg, span, None)
    edges = [rel for rel in tg.relations.values() if keep(rel)]
    nodes = {r.subject for r in edges} | {r.object for r in edges}
    return Subgraph(nodes=sorted((tg.ref(n) for n in nodes), key=lambda e: e.id),
                    edges=sort_relations(tg.relation_view(r, span) for r in edges))


def centrality(tg: TemporalGraph, at: object = None, types: Iterable[str] | None = None,
               limit: int = 20) -> list[Ranked]:
    """Entities ranked by degree centrality in the graph as of a date.

    Parameters
    ----------
    tg : TemporalGraph
    at : str, optional
        Partial date; all time by default.
    types : iterable of str, optional
        Entity types to rank (a class includes its subclasses).
    limit : int
        1-500.

    Returns
    -------
    list of Ranked
        Highest first; ties by id.

    Raises
    ------
    BadParameterError, BadDateError

    Examples
    --------
    >>> from jkg.graph.temporal import load_graph
    >>> centrality(load_graph(), at="2018", types=["Organization"], limit=1)[0].entity.id
    'aqim'
    """
    check_limit(limit)
    allowed = tg.check_entity_types(types)
    span = Span.of(at)
    keep = _edge_filter(tg, span, None)
    degree: dict[str, int] = {}
    for rel in tg.relations.values():
        if keep(rel):
            degree[rel.subject] = degree.get(rel.subject, 0) + 1
            degree[rel.object] = degree.get(rel.object, 0) + 1
    total = max(len(degree) - 1, 1)
    ranked = sorted(
        (i for i in degree if allowed is None or tg.entities[i].type in allowed),
        key=lambda i: (-degree[i], i),
    )
    return [Ranked(entity=tg.ref(i), score=round(degree[i] / total, 6), degree=degree[i]) for i in ranked[:limit]]


