"""The analyst's questions, as plain functions over a :class:`~jkg.graph.engine.temporal.TemporalGraph`.

Each function validates its parameters first and raises the exceptions of
:mod:`jkg.graph.exceptions`; every relation it returns carries dates, status and sources.

May import :mod:`jkg.ontology`, the dataset, the engine, search, the limits and the
pipeline (for its examples); never a store, Neo4j or the API.

Besides the questions in each module's ``__all__``, the modules hold the checks of the
parameters and the functions that shape rows into answers (``succession_of``,
``lineage_of``, ...); the Neo4j store calls those same functions on the rows of its
Cypher, so both stores validate and shape alike. They are not part of the public API.
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
