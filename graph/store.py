"""The one store interface the API talks to, and its embedded (networkx) implementation.

Every store answers the same questions with the same result models; the contract
suite (``tests/graph/test_store_contract.py``) fixes the answers on seed data, and
each backend must pass it unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol, runtime_checkable

from jkg.graph import queries
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.engine.views import (
    Changes,
    EntityDetail,
    Lineage,
    PathResult,
    PersonPost,
    Ranked,
    RelationView,
    SearchHit,
    SourceDetail,
    SourceView,
    StoreInfo,
    Subgraph,
    Succession,
    TimelineItem,
)
from jkg.graph.pipeline import load_graph

__all__ = ["EmbeddedStore", "Store"]


@runtime_checkable
class Store(Protocol):
    """What every backend answers. Parameters and errors are those of :mod:`jkg.graph.queries`."""

    def info(self) -> StoreInfo: ...

    def entity(self, ident: str) -> EntityDetail: ...

    def search(self, query: str, types: Iterable[str] | None = None, limit: int = 20) -> list[SearchHit]: ...

    def relations(self, ident: str, types: Iterable[str] | None = None, direction: str = "both",
                  at: object = None, start: object = None, end: object = None) -> list[RelationView]: ...

    def leaders(self, org: str, at: object = None) -> list[RelationView]: ...

    def succession(self, org: str, post: str | None = None) -> Succession: ...

    def person_succession(self, person: str) -> list[PersonPost]: ...

    def lineage(self, org: str, depth: int | None = None) -> Lineage: ...

    def affiliations(self, org: str, at: object = None) -> list[RelationView]: ...

    def paths(self, source: str, target: str, at: object = None, types: Iterable[str] | None = None,
              max_hops: int = 4, limit: int = 5) -> list[PathResult]: ...

    def neighborhood(self, ident: str, depth: int = 1, at: object = None,
                     types: Iterable[str] | None = None, max_nodes: int = 500) -> Subgraph: ...

    def timeline(self, ident: str, start: object = None, end: object = None) -> list[TimelineItem]: ...

    def snapshot(self, at: object) -> Subgraph: ...

    def changes(self, start: object, end: object, around: str | None = None, depth: int = 1) -> Changes: ...

    def centrality(self, at: object = None, types: Iterable[str] | None = None, limit: int = 20) -> list[Ranked]: ...

    def sources(self) -> list[SourceView]: ...

    def source(self, ident: str) -> SourceDetail: ...

    def close(self) -> None: ...


class EmbeddedStore:
    """The in-process store: the validated data as a networkx temporal graph."""

    backend = "embedded"

    def __init__(self, graph: TemporalGraph) -> None:
        self.graph = graph

    @classmethod
    def from_paths(cls, paths: Iterable[Path] | None = None, cache_dir: Path | None = None) -> EmbeddedStore:
        """Validate the data (seed data by default) and build the store, with every index.

        ``cache_dir`` keeps files read, data found valid and its indexes (see :func:`jkg.graph.pipeline.load_graph`).

        Raises
        ------
        DataValidationError
        """
        return cls(load_graph(paths, cache_dir=cache_dir))

    def info(self) -> StoreInfo:
        tg = self.graph
        return StoreInfo(backend=self.backend, entities=len(tg.entities), relations=len(tg.relations),
                         sources=len(tg.sources), data_version=tg.data_version)

    def entity(self, ident: str) -> EntityDetail:
        return queries.get_entity(self.graph, ident)

    def search(self, query: str, types: Iterable[str] | None = None, limit: int = 20) -> list[SearchHit]:
        return queries.search_entities(self.graph, query, types, limit)

    def relations(self, ident: str, types: Iterable[str] | None = None, direction: str = "both",
                  at: object = None, start: object = None, end: object = None) -> list[RelationView]:
        return queries.relations_of(self.graph, ident, types, direction, at, start, end)

    def leaders(self, org: str, at: object = None) -> list[RelationView]:
        return queries.leaders(self.graph, org, at)

    def succession(self, org: str, post: str | None = None) -> Succession:
        return queries.succession(self.graph, org, post)

    def person_succession(self, person: str) -> list[PersonPost]:
        return queries.person_succession(self.graph, person)

    def lineage(self, org: str, depth: int | None = None) -> Lineage:
        return queries.lineage(self.graph, org, depth)

    def affiliations(self, org: str, at: object = None) -> list[RelationView]:
        return queries.affiliations(self.graph, org, at)

    def paths(self, source: str, target: str, at: object = None, types: Iterable[str] | None = None,
              max_hops: int = 4, limit: int = 5) -> list[PathResult]:
        return queries.paths(self.graph, source, target, at, types, max_hops, limit)

    def neighborhood(self, ident: str, depth: int = 1, at: object = None,
                     types: Iterable[str] | None = None, max_nodes: int = 500) -> Subgraph:
        return queries.neighborhood(self.graph, ident, depth, at, types, max_nodes)

    def timeline(self, ident: str, start: object = None, end: object = None) -> list[TimelineItem]:
        return queries.timeline(self.graph, ident, start, end)

    def snapshot(self, at: object) -> Subgraph:
        return queries.snapshot(self.graph, at)

    def changes(self, start: object, end: object, around: str | None = None, depth: int = 1) -> Changes:
        return queries.changes(self.graph, start, end, around, depth)

    def centrality(self, at: object = None, types: Iterable[str] | None = None, limit: int = 20) -> list[Ranked]:
        return queries.centrality(self.graph, at, types, limit)

    def sources(self) -> list[SourceView]:
        return queries.list_sources(self.graph)

    def source(self, ident: str) -> SourceDetail:
        return queries.source_detail(self.graph, ident)

    def close(self) -> None:
        """Nothing to release."""
