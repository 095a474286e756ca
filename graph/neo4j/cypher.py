"""Every Cypher statement jkg sends, as named constants with ``$parameters``.

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

__all__ = ["Cypher"]


class Cypher(str):
    """A Cypher statement (a marker type, so tests can find every statement)."""


# -- schema ------------------------------------------------------------------------

CONSTRAINTS = (
    Cypher("CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE"),
    Cypher("CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE"),
    Cypher("CREATE CONSTRAINT name_id IF NOT EXISTS FOR (n:Name) REQUIRE n.id IS UNIQUE"),
    Cypher("CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE"),
    Cypher("CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)"),
    Cypher("CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type)"),
    Cypher("CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity|Name) ON EACH [n.name, n.text]"),
)
AWAIT_INDEXES = Cypher("CALL db.awaitIndexes(300)")
SHOW_CONSTRAINTS = Cypher(
    "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties RETURN name, labelsOrTypes, properties"
)

# -- loading -----------------------------------------------------------------------

MERGE_SOURCES = Cypher("""
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s = row
""")

MERGE_CITED_VIA = Cypher("""
UNWIND $rows AS row
MATCH (s:Source {id: row.id})
MATCH (via:Source {id: row.via})
MERGE (s)-[:CITED_VIA]->(via)
""")

MERGE_NAMES = Cypher("""
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
MERGE (n:Name {id: row.props.id})
SET n = row.props
MERGE (e)-[:HAS_NAME]->(n)
WITH n, row
UNWIND row.sources AS sourceId
MATCH (s:Source {id: sourceId})
MERGE (s)-[:SUPPORTS]->(n)
""")

MERGE_ENTITY_SOURCES = Cypher("""
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
UNWIND row.sources AS sourceId
MATCH (s:Source {id: sourceId})
MERGE (s)-[:SUPPORTS]->(e)
""")

MERGE_DATASET = Cypher("""
MERGE (d:Dataset {id: 'jkg'})
SET d.version = $version, d.entities = $entities, d.relations = $relations, d.sources = $sources,
    d.loadedAt = datetime()
""")

# -- replace mode: remove what the data no longer holds -------------------------------

DELETE_STALE_ENTITIES = Cypher("""
MATCH (e:Entity) WHERE NOT e.id IN $ids
DETACH DELETE e
RETURN count(*) AS removed
""")
DELETE_STALE_NAMES = Cypher("""
MATCH (n:Name) WHERE NOT n.id IN $ids
DETACH DELETE n
RETURN count(*) AS removed
""")
DELETE_STALE_SOURCES = Cypher("""
MATCH (s:Source) WHERE NOT s.id IN $ids
DETACH DELETE s
RETURN count(*) AS removed
""")
DELETE_STALE_RELATIONS = Cypher("""
MATCH (:Entity)-[r]->(:Entity)
WHERE NOT r.key IN $keys
DELETE r
RETURN count(*) AS removed
""")
DELETE_STALE_SUPPORTS = Cypher("""
MATCH (s:Source)-[r:SUPPORTS|CITED_VIA]->(t)
WHERE NOT (s.id + '>' + type(r) + '>' + coalesce(t.id, '')) IN $keys
DELETE r
RETURN count(*) AS removed
""")
# -- counts --------------------------------------------------------------------------

COUNTS = Cypher("""
CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relations }
CALL () { MATCH (s:Source) RETURN count(s) AS sources }
CALL () { MATCH (n:Name) RETURN count(n) AS names }
RETURN entities, relations, sources, names
""")
DATASET = Cypher("MATCH (d:Dataset {id: 'jkg'}) RETURN d.version AS version, d.entities AS entities, "
                 "d.relations AS relations, d.sources AS sources")


def merge_entities(labels: tuple[str, ...]) -> Cypher:
    """MERGE entities of one class, with every label of its lineage (names from the ontology)."""
    return Cypher(f"""
UNWIND $rows AS row
MERGE (e:Entity {{id: row.id}})
SET e = row
SET e:{':'.join(labels)}
""")


def remove_stale_label(label: str) -> Cypher:
    """Remove a class label from entities whose type no longer has it (the label from the ontology)."""
    return Cypher(f"""
MATCH (e:Entity:{label})
WHERE NOT e.type IN $types
REMOVE e:{label}
RETURN count(e) AS removed
""")


def relation_constraint(neo4j_type: str) -> Cypher:
    """Uniqueness of relation ids within one relationship type (the type from the ontology)."""
    return Cypher(f"CREATE CONSTRAINT {neo4j_type.lower()}_id IF NOT EXISTS "
                  f"FOR ()-[r:{neo4j_type}]-() REQUIRE r.id IS UNIQUE")


def merge_relations(neo4j_type: str) -> Cypher:
    """MERGE relation facts of one type (the type name from the ontology)."""
    return Cypher(f"""
UNWIND $rows AS row
MATCH (s:Entity {{id: row.subject}})
MATCH (o:Entity {{id: row.object}})
MERGE (s)-[r:{neo4j_type} {{id: row.props.id}}]->(o)
SET r = row.props
""")


# -- reads (the Neo4j store) ----------------------------------------------------------
# Each returns relation facts as (type, props, subject, object), or entities as
# (props, names), which the store turns back into records.

ENTITIES = Cypher("""
UNWIND $ids AS id
MATCH (e:Entity {id: id})
OPTIONAL MATCH (e)-[:HAS_NAME]->(n:Name)
WITH e, n ORDER BY n.position
RETURN properties(e) AS props, collect(properties(n)) AS names
""")

ALL_ENTITIES = Cypher("""
MATCH (e:Entity)
OPTIONAL MATCH (e)-[:HAS_NAME]->(n:Name)
WITH e, n ORDER BY n.position
RETURN properties(e) AS props, collect(properties(n)) AS names
""")

EXPAND = Cypher("""
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]-(b:Entity)
WHERE ($types IS NULL OR type(r) IN $types)
  AND r.possibleFrom <= $last AND r.possibleUntil >= $first
  AND ($refuted OR r.status <> 'refuted')
RETURN DISTINCT type(r) AS type, properties(r) AS props, startNode(r).id AS subject, endNode(r).id AS object
""")

BETWEEN = Cypher("""
UNWIND $pairs AS pair
MATCH (a:Entity {id: pair[0]})-[r]-(b:Entity {id: pair[1]})
WHERE ($types IS NULL OR type(r) IN $types)
  AND r.possibleFrom <= $last AND r.possibleUntil >= $first
  AND r.status <> 'refuted'
RETURN DISTINCT type(r) AS type, properties(r) AS props, startNode(r).id AS subject, endNode(r).id AS object
""")

AMONG = Cypher("""
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b:Entity)
WHERE b.id IN $ids
  AND ($types IS NULL OR type(r) IN $types)
  AND r.possibleFrom <= $last AND r.possibleUntil >= $first
  AND r.status <> 'refuted'
RETURN type(r) AS type, properties(r) AS props, a.id AS subject, b.id AS object
""")

VALID_AT = Cypher("""
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.status <> 'refuted' AND r.possibleFrom <= $last AND r.possibleUntil >= $first
RETURN type(r) AS type, properties(r) AS props, a.id AS subject, b.id AS object
""")

# Relations possibly valid during a period (the changes between two dates), among some entities or all
# ($ids null): one branch finds the entities by their index, the other scans.
CHANGED = Cypher("""
CALL () {
  WITH $ids AS ids WHERE ids IS NOT NULL
  UNWIND ids AS id
  MATCH (a:Entity {id: id})-[r]->(b:Entity)
  WHERE b.id IN ids
  RETURN a, r, b
  UNION
  WITH $ids AS ids WHERE ids IS NULL
  MATCH (a:Entity)-[r]->(b:Entity)
  RETURN a, r, b
}
WITH a, r, b WHERE r.status <> 'refuted' AND r.possibleFrom <= $last AND r.possibleUntil >= $first
RETURN type(r) AS type, properties(r) AS props, a.id AS subject, b.id AS object
""")

# Entities that may have begun or ended during a period: a start or end (its first day, as stored) within
# two years of it, which every day a partial date may mean lies within; the query keeps those that did.
DATED_ENTITIES = Cypher("""
MATCH (e:Entity)
WHERE (e.start >= $first - duration('P2Y') AND e.start <= $last + duration('P2Y'))
   OR (e.end >= $first - duration('P2Y') AND e.end <= $last + duration('P2Y'))
OPTIONAL MATCH (e)-[:HAS_NAME]->(n:Name)
WITH e, n ORDER BY n.position
RETURN properties(e) AS props, collect(properties(n)) AS names
""")

# Only relation facts carry possibleFrom, so the predicate also keeps paths off names
# and sources. Every predicate is on relationships, so the search stays breadth-first
# (no exhaustive fallback); the caller drops paths longer than it asked for.
SHORTEST_PATHS = Cypher("""
MATCH (a:Entity {id: $source})
MATCH (b:Entity {id: $target})
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE all(r IN relationships(p) WHERE ($types IS NULL OR type(r) IN $types)
          AND r.status <> 'refuted' AND r.possibleFrom <= $last AND r.possibleUntil >= $first)
RETURN [n IN nodes(p) | n.id] AS ids
""")

CITING = Cypher("""
MATCH (a:Entity)-[r]->(b:Entity)
WHERE $id IN r.sources
RETURN type(r) AS type, properties(r) AS props, a.id AS subject, b.id AS object
""")

SUPPORTED_BY = Cypher("""
MATCH (:Source {id: $id})-[:SUPPORTS]->(x)
RETURN coalesce(x.entity, x.id) AS id
""")

SOURCES = Cypher("MATCH (s:Source) RETURN properties(s) AS props ORDER BY s.id")

SOURCE = Cypher("MATCH (s:Source {id: $id}) RETURN properties(s) AS props")


def posted_by_statement(neo4j_type: str) -> Cypher:
    """Succession statements about a post in some organizations (the type from the ontology)."""
    return Cypher(f"""
MATCH (a:Entity)-[r:{neo4j_type}]->(b:Entity)
WHERE r.organization IN $organizations
RETURN type(r) AS type, properties(r) AS props, a.id AS subject, b.id AS object
""")


def generated(labels: list[tuple[str, ...]], label_names: list[str], neo4j_types: list[str]) -> list[Cypher]:
    """Every statement the generator functions above can build for these ontology names."""
    return [
        *(merge_entities(lineage) for lineage in labels),
        *(remove_stale_label(label) for label in label_names),
        *(statement for t in neo4j_types for statement in
          (relation_constraint(t), merge_relations(t), posted_by_statement(t))),
    ]
