"""Every Cypher statement jkg sends, as named constants with ``$parameters``: those of the schema
and of loads in :mod:`.writes`, those of reads in :mod:`.reads`, all importable from here.

Statements that depend on the ontology (one per label set or relationship type,
since Cypher takes neither as a parameter) are built from the ontology's names by
the functions below, never from user input. Tests collect every :class:`Cypher`
constant and every generated statement, and run each with ``EXPLAIN`` on a live server.

The graph in Neo4j
------------------
* ``(:Entity:<Class>...)`` one node per entity, labelled with each jkg class it is
  (``:Entity:Organization:MilitantGroup``), properties camelCase.
* ``(:Entity)-[:HAS_NAME]->(:Name)`` one node per name (text, kind, lang, script, sources).
* ``(:Source)`` the registry; ``(:Source)-[:SUPPORTS]->(:Entity|:Name)`` for what it
  supports; ``(:Source)-[:CITED_VIA]->(:Source)``.
* ``(:Entity)-[:LEADER_OF {id, status, sources, post, ...}]->(:Entity)`` one relationship
  per relation fact, typed UPPER_SNAKE_CASE from the ontology. Dates are Neo4j ``DATE``
  values with their precision (``startPrecision``), approximate and uncertain flags
  (``startApproximate``, ``startUncertain``) and EDTF text (``startEdtf``, ``2013?`` as given)
  kept, plus the four bounds of the time rule (``possibleFrom``, ``certainFrom``,
  ``certainUntil``, ``possibleUntil``) that as-of queries compare with.
* ``(:Dataset {id: 'jkg'})`` the loaded data's version and counts.
"""

from __future__ import annotations

from jkg.graph.neo4j.cypher.base import Cypher
from jkg.graph.neo4j.cypher.reads import *  # noqa: F403
from jkg.graph.neo4j.cypher.reads import __all__ as _reads
from jkg.graph.neo4j.cypher.reads import person_succession_statement, succession_statement
from jkg.graph.neo4j.cypher.writes import *  # noqa: F403
from jkg.graph.neo4j.cypher.writes import __all__ as _writes
from jkg.graph.neo4j.cypher.writes import (
    create_entities,
    create_relations,
    drop_old_relation_constraint,
    qualifier_index,
    relation_constraint,
)

__all__ = ["Cypher", "generated", *_reads, *_writes]


def generated(labels: list[tuple[str, ...]], label_names: list[str], neo4j_types: list[str]) -> list[Cypher]:
    """Every statement the generator functions of :mod:`.writes` and :mod:`.reads` build for these names."""
    return [
        *(create_entities(lineage) for lineage in labels),
        *(statement for t in neo4j_types for statement in
          (relation_constraint(t), drop_old_relation_constraint(t), create_relations(t),
           succession_statement((t,)), person_succession_statement((t,)), qualifier_index(t, "organization"))),
    ]
