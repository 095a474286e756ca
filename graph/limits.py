"""Every bound on a question or an answer, in one list.

The queries enforce them (:func:`check`), the API states them as its parameters' bounds
(``ge``/``le`` from the same :class:`Limit`), and the Neo4j store uses the same numbers
in its Cypher parameters. A bound is named by the concept it bounds, never by an API
parameter name: the API maps concepts to its own names (:mod:`jkg.api.params`).

Examples
--------
>>> check(PATH_HOPS, 4)
>>> check(PATH_HOPS, 9)
Traceback (most recent call last):
...
jkg.graph.exceptions.BadParameterError: hops=9: must be between 1 and 6
"""

from __future__ import annotations

from dataclasses import dataclass

from jkg.graph.exceptions import BadParameterError

__all__ = [
    "LINEAGE_DEPTH",
    "NEIGHBORHOOD_DEPTH",
    "NEIGHBORHOOD_ENTITIES",
    "PATHS",
    "PATH_HOPS",
    "QUERY_LENGTH",
    "RESULTS",
    "Limit",
    "check",
]


@dataclass(frozen=True)
class Limit:
    """A bound: the concept it bounds, its default and the range accepted."""

    concept: str
    default: int
    minimum: int
    maximum: int
    #: what it bounds, in words, for documentation
    description: str


#: Results one call returns at most (search hits, centrality ranks; the API's pages are cut from them).
RESULTS = Limit("results", 20, 1, 500, "results one call returns")
#: Characters of a name search.
QUERY_LENGTH = Limit("query", 200, 1, 200, "characters of a name search")
#: Hops of a shortest path.
PATH_HOPS = Limit("hops", 4, 1, 6, "hops of a path accepted")
#: Shortest paths computed between two entities (pages are cut from them).
PATHS = Limit("paths", 20, 1, 20, "shortest paths computed")
#: Hops of a neighborhood around an entity.
NEIGHBORHOOD_DEPTH = Limit("depth", 1, 1, 3, "hops from the entity")
#: Entities a neighborhood may hold before it is refused as a hairball.
NEIGHBORHOOD_ENTITIES = Limit("neighborhood size", 500, 1, 5000, "entities a neighborhood may hold")
#: Levels of lineage followed (splits, mergers, renamings) from an organization.
LINEAGE_DEPTH = Limit("depth", 20, 1, 20, "levels of lineage followed")


def check(limit: Limit, value: int) -> None:
    """Refuse ``value`` outside the limit's range, naming its concept.

    Raises
    ------
    BadParameterError
    """
    if not limit.minimum <= value <= limit.maximum:
        raise BadParameterError(limit.concept, value, f"must be between {limit.minimum} and {limit.maximum}")
