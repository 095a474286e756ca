"""The analyst's questions, as plain functions over a :class:`~jkg.graph.engine.temporal.TemporalGraph`.

Each function validates its parameters first and raises the exceptions of
:mod:`jkg.graph.exceptions`; every relation it returns carries dates, status and sources.

May import :mod:`jkg.ontology`, the dataset, the engine, search, the limits and the
pipeline (for its examples); never a store, Neo4j or the API.
"""

from jkg.graph.queries.changes import changes
from jkg.graph.queries.coverage import coverage
from jkg.graph.queries.entities import get_entity, relations_of, search_entities
from jkg.graph.queries.leadership import leaders, person_succession, succession
from jkg.graph.queries.lineage import affiliations, lineage
from jkg.graph.queries.network import centrality, neighborhood, paths, snapshot
from jkg.graph.queries.sources import list_sources, source_detail
from jkg.graph.queries.timeline import timeline

__all__ = [
    "affiliations",
    "centrality",
    "changes",
    "coverage",
    "get_entity",
    "leaders",
    "lineage",
    "list_sources",
    "neighborhood",
    "paths",
    "person_succession",
    "relations_of",
    "search_entities",
    "snapshot",
    "source_detail",
    "succession",
    "timeline",
]
