"""The source registry and the facts each source supports."""

from __future__ import annotations

from jkg.graph.dataset.model import Source
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.engine.viewmaker import source_view
from jkg.graph.engine.views import EntityRef, RelationView, SourceDetail, SourceView
from jkg.graph.queries.entities import sort_relations

__all__ = ["list_sources", "source_detail"]


def list_sources(tg: TemporalGraph) -> list[SourceView]:
    """Every source, by id.

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> [s.id for s in list_sources(example_graph())]
    ['monitor']
    """
    return [tg.views.source_view(tg.sources[i]) for i in sorted(tg.sources)]


def source_detail(tg: TemporalGraph, ident: str) -> SourceDetail:
    """A source and the entities, names and relations that cite it.

    Raises
    ------
    NotFoundError

    Examples
    --------
    >>> from jkg.graph.queries.examples import example_graph
    >>> len(source_detail(example_graph(), "monitor").relations)
    10
    """
    source = tg.source(ident)
    cited = tg.cited_by.get(ident, [])
    return source_detail_of(
        source, tg.views.refs(sorted({i for kind, i in cited if kind == "entity"})),
        [i for kind, i in cited if kind == "name"],
        sort_relations(tg.views.relation_view(tg.relations[i]) for kind, i in cited if kind == "relation"),
    )


def source_detail_of(source: Source, entities: list[EntityRef], names: list[str],
                     relations: list[RelationView]) -> SourceDetail:
    """:func:`source_detail` from the source, the entities (by id) and relations (in answer order) citing it
    and the names (``entity-id: name``) using it, for every store."""
    return SourceDetail(**source_view(source).model_dump(), entities=entities, names=sorted(set(names)),
                        relations=relations)
