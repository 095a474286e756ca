"""Paths, neighborhoods, snapshots and centrality over the graph as of a date."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import pairwise

from jkg.graph import limits
from jkg.graph.dataset.model import Relation
from jkg.graph.engine.dates import Span, validity
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.engine.views import EntityRef, PathResult, PathStep, Ranked, RelationView, Subgraph
from jkg.graph.exceptions import BadParameterError
from jkg.graph.queries.entities import sort_relations

__all__ = ["centrality", "neighborhood", "paths", "snapshot"]


def _asserted(rel: Relation) -> bool:
    return rel.status != "refuted"


def _edge_filter(tg: TemporalGraph, span: Span, types: set[str] | None) -> Callable[[Relation], bool]:
    everything = span.everything

    def keep(rel: Relation) -> bool:
        if rel.status == "refuted":
            return False
        if types is not None and rel.type not in types:
            return False
        return everything or tg.validity(rel, span) is not None

    # the common case (no filter) is told apart: traversals then skip looking at the relations themselves
    return _asserted if types is None and everything else keep


def _neighbors(tg: TemporalGraph, node: str, keep: Callable[[Relation], bool]) -> set[str]:
    """Entities linked to ``node`` by a kept relation, in either direction (the undirected view's adjacency)."""
    succ, pred = tg.graph._succ[node], tg.graph._pred[node]
    if keep is _asserted:
        linked: set[str] = succ.keys() | pred.keys()
        excluded = tg.refuted_only(node)
        return linked - excluded if excluded else linked
    relations = tg.relations
    found = set()
    for adjacency in (succ, pred):
        for other, keyed in adjacency.items():
            if other in found:
                continue
            for k in keyed:
                if keep(relations[k]):
                    found.add(other)
                    break
    return found


def _levels(tg: TemporalGraph, start: str, keep: Callable[[Relation], bool], depth: int) -> dict[str, int]:
    """Hops from ``start`` to every entity within ``depth`` hops (a breadth-first search of the kept relations)."""
    seen = {start: 0}
    frontier = [start]
    for hops in range(1, depth + 1):
        following = []
        for node in frontier:
            for other in _neighbors(tg, node, keep):
                if other not in seen:
                    seen[other] = hops
                    following.append(other)
        if not following:
            break
        frontier = following
    return seen


def _shortest_paths(tg: TemporalGraph, source: str, target: str, keep: Callable[[Relation], bool],
                    max_hops: int, limit: int) -> list[list[str]]:
    """The first ``limit`` shortest paths in lexicographic order (as ``sorted(nx.all_shortest_paths(...))``
    would give), or none if the shortest is longer than ``max_hops``.

    A bidirectional breadth-first search finds the length and the middle layer; a depth-first walk in
    sorted order then yields the paths in order without listing them all.
    """
    known: dict[str, set[str]] = {}

    def neighbors(node: str) -> set[str]:
        # the walk back from the middle asks again for nodes the search expanded: each is listed once
        found = known.get(node)
        if found is None:
            found = known[node] = _neighbors(tg, node, keep)
        return found

    dist = ({source: 0}, {target: 0})
    frontiers: tuple[list[str], list[str]] = ([source], [target])
    depth = [0, 0]
    length = None
    while length is None and depth[0] + depth[1] < max_hops and frontiers[0] and frontiers[1]:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        mine, other = dist[side], dist[1 - side]
        following = []
        depth[side] += 1
        for node in frontiers[side]:
            for nxt in neighbors(node):
                if nxt not in mine:
                    mine[nxt] = depth[side]
                    following.append(nxt)
        frontiers[side].clear()
        frontiers[side].extend(following)
        meets = [mine[n] + other[n] for n in following if n in other]
        if meets:
            length = min(meets)
    if length is None:
        return []
    a = min(depth[0], length)
    b = length - a
    from_source, to_target = dist
    # nodes of the source side that lie on a shortest path, level by level from the middle back
    good: list[set[str]] = [set() for _ in range(a + 1)]
    good[a] = {n for n, d in from_source.items() if d == a and to_target.get(n) == b}
    by_level: dict[int, list[str]] = {}
    for n, d in from_source.items():
        by_level.setdefault(d, []).append(n)
    for level in range(a - 1, -1, -1):
        good[level] = {n for n in by_level.get(level, ()) if not neighbors(n).isdisjoint(good[level + 1])}
    result: list[list[str]] = []

    def walk(path: list[str]) -> None:
        if len(result) >= limit:
            return
        position = len(path) - 1
        node = path[-1]
        if position == length:
            result.append(list(path))
            return
        if position < a:
            choices = sorted(neighbors(node) & good[position + 1])
        else:
            remaining = length - position - 1
            choices = sorted(n for n in neighbors(node) if to_target.get(n) == remaining)
        for nxt in choices:
            path.append(nxt)
            walk(path)
            path.pop()
            if len(result) >= limit:
                return

    walk([source])
    return result


def _between(tg: TemporalGraph, a: str, b: str, keep: Callable[[Relation], bool],
             span: Span) -> list[RelationView]:
    rels = [tg.relations[k] for k in tg.graph.get_edge_data(a, b, default={})]
    rels += [tg.relations[k] for k in tg.graph.get_edge_data(b, a, default={}) if a != b]
    return sort_relations(tg.views.relation_view(r, span) for r in rels if keep(r))


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
    >>> from jkg.graph.queries.examples import example_graph
    >>> [[n.id for n in p.nodes] for p in paths(example_graph(), "old-front", "rival-band")]
    [['old-front', 'example-front', 'rival-band']]
    """
    tg.entity(source)
    tg.entity(target)
    limits.check(limits.PATH_HOPS, max_hops)
    limits.check(limits.PATHS, limit)
    span = Span.of(at)
    keep = _edge_filter(tg, span, tg.check_types(types))
    if source == target:
        return [PathResult(nodes=[tg.views.ref(source)], steps=[])]
    found = [tg.views.refs(nodes) for nodes in _shortest_paths(tg, source, target, keep, max_hops, limit)]
    return path_results(found, lambda a, b: _between(tg, a, b, keep, span))


def path_results(found: list[list[EntityRef]],
                 between: Callable[[str, str], list[RelationView]]) -> list[PathResult]:
    """:func:`paths` from the paths found (their entities in order), for every store: ``between(a, b)`` gives
    the kept relations linking two entities, in answer order."""
    return [PathResult(nodes=nodes, steps=[PathStep(source=a, target=b, relations=between(a.id, b.id))
                                           for a, b in pairwise(nodes)])
            for nodes in found]


#: From this many entities on, a subgraph's relations are found in one pass over all relations as arrays
#: (see :meth:`TemporalGraph.among`), not entity by entity.
_AMONG_NODES = 300


def _subgraph(tg: TemporalGraph, nodes: Iterable[str], keep: Callable[[Relation], bool],
              span: Span) -> Subgraph:
    chosen = set(nodes)
    if len(chosen) >= _AMONG_NODES:
        refs, among = tg.in_order.among(chosen)
        # positions in answer order: the views come in the order of sort_relations
        if keep is _asserted:  # no date asked: undated views
            return Subgraph(nodes=refs, edges=tg.in_order.views_at(among, asserted=True))
        kept = [rel for rel in tg.in_order.relations_at(among) if keep(rel)]
        return Subgraph(nodes=refs, edges=tg.views.relation_views(kept, span))
    rels: list[Relation] = []
    # out-neighbors outside the set are skipped whole (a set intersection), not edge by edge
    for n in chosen:
        adjacency = tg.graph._succ[n]
        for other in adjacency.keys() & chosen:
            rels.extend(data["rel"] for data in adjacency[other].values() if keep(data["rel"]))
    # the order of sort_relations and of ids is total (ids are unique): how the lists were gathered does not matter
    return Subgraph(nodes=tg.views.refs(sorted(chosen)), edges=sort_relations(tg.views.relation_views(rels, span)))


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
    >>> from jkg.graph.queries.examples import example_graph
    >>> [n.id for n in neighborhood(example_graph(), "old-front").nodes]
    ['example-front', 'first-emir', 'old-front']
    """
    tg.entity(ident)
    limits.check(limits.NEIGHBORHOOD_DEPTH, depth)
    limits.check(limits.NEIGHBORHOOD_ENTITIES, max_nodes)
    span = Span.of(at)
    keep = _edge_filter(tg, span, tg.check_types(types))
    nodes = _levels(tg, ident, keep, depth)
    check_reach(len(nodes), depth, max_nodes)
    return _subgraph(tg, nodes, keep, span)


def check_reach(count: int, depth: int, max_nodes: int) -> None:
    """A neighborhood of ``count`` entities must hold at most ``max_nodes`` (for every store).

    Raises
    ------
    BadParameterError
    """
    if count > max_nodes:
        raise BadParameterError(limits.NEIGHBORHOOD_DEPTH.concept, depth,
                                f"reaches {count} entities, more than the {max_nodes} asked for at most")


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
    >>> from jkg.graph.queries.examples import example_graph
    >>> [n.id for n in snapshot(example_graph(), "2005").nodes]
    ['example-front', 'second-emir']
    """
    if at is None:
        raise BadParameterError("date", at, "a snapshot needs a date")
    span = Span.of(at)
    everything = span.everything
    edges: list[RelationView] = []
    nodes: set[str] = set()
    # as _edge_filter's keep, each relation's validity computed once (for the filter and the view), over the
    # relations already in the order of sort_relations
    for bounds, rel in zip(*tg.in_order.asserted_in_order(), strict=True):
        valid = None if everything else validity(bounds, span)
        if valid is None and not everything:
            continue
        edges.append(tg.views.dated_view(rel, valid))
        nodes.add(rel.subject)
        nodes.add(rel.object)
    return Subgraph(nodes=[tg.views.ref(n) for n in sorted(nodes)], edges=edges)


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
    >>> from jkg.graph.queries.examples import example_graph
    >>> [(r.entity.id, r.degree) for r in centrality(example_graph(), types=["Person"], limit=1)]
    [('second-emir', 3)]
    """
    limits.check(limits.RESULTS, limit)
    allowed = tg.check_entity_types(types)
    span = Span.of(at)
    keep = _edge_filter(tg, span, None)
    degree: dict[str, int] = {}
    for rel in tg.relations.values():
        if keep(rel):
            degree[rel.subject] = degree.get(rel.subject, 0) + 1
            degree[rel.object] = degree.get(rel.object, 0) + 1
    ranked = sorted(
        (i for i in degree if allowed is None or tg.entities[i].type in allowed),
        key=lambda i: (-degree[i], i),
    )
    return ranked_of([(tg.views.ref(i), degree[i]) for i in ranked[:limit]], len(degree))


def ranked_of(top: list[tuple[EntityRef, int]], linked: int) -> list[Ranked]:
    """:func:`centrality` from the top entities and their degrees, highest first, among ``linked`` entities with
    a relation (for every store)."""
    total = max(linked - 1, 1)
    return [Ranked(entity=ref, score=round(degree / total, 6), degree=degree) for ref, degree in top]


