"""The statements of the schema step and of loads: constraints and indexes, a new generation written beside
the served one, the switch, the clean-up, and the counts."""

from __future__ import annotations

from jkg.graph.neo4j.cypher.base import Cypher

__all__ = [
    "AWAIT_INDEXES",
    "BEGIN_LOAD",
    "CONSTRAINTS",
    "CREATE_CITED_VIA",
    "CREATE_ENTITY_SUPPORTS",
    "CREATE_NAMES",
    "CREATE_NAME_SUPPORTS",
    "CREATE_SOURCES",
    "DATASET",
    "DATASET_STATE",
    "DELETE_OTHER_GENERATIONS",
    "DROP_OLD_CONSTRAINTS",
    "GENERATION_COUNTS",
    "GENERATION_ENTITIES",
    "GENERATION_RELATIONS",
    "GENERATION_SOURCES",
    "REMOVED_SINCE",
    "SHOW_CONSTRAINTS",
    "SWITCH_GENERATION",
    "create_entities",
    "create_relations",
    "drop_old_relation_constraint",
    "qualifier_index",
    "relation_constraint",
]


# -- schema ------------------------------------------------------------------------
# Every node a load writes carries ``gen``, the generation of that load: ids are unique per generation.

CONSTRAINTS = (
    Cypher("CREATE CONSTRAINT entity_id_gen IF NOT EXISTS FOR (n:Entity) REQUIRE (n.id, n.gen) IS UNIQUE"),
    Cypher("CREATE CONSTRAINT source_id_gen IF NOT EXISTS FOR (n:Source) REQUIRE (n.id, n.gen) IS UNIQUE"),
    Cypher("CREATE CONSTRAINT name_id_gen IF NOT EXISTS FOR (n:Name) REQUIRE (n.id, n.gen) IS UNIQUE"),
    Cypher("CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE"),
    Cypher("CREATE INDEX entity_gen IF NOT EXISTS FOR (n:Entity) ON (n.gen)"),
    Cypher("CREATE INDEX source_gen IF NOT EXISTS FOR (n:Source) ON (n.gen)"),
    Cypher("CREATE INDEX name_gen IF NOT EXISTS FOR (n:Name) ON (n.gen)"),
    Cypher("CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)"),
    Cypher("CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type)"),
    Cypher("CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity|Name) ON EACH [n.name, n.text]"),
)
#: The constraints of loads before generations (ids unique across the database), which two generations break.
DROP_OLD_CONSTRAINTS = (
    Cypher("DROP CONSTRAINT entity_id IF EXISTS"),
    Cypher("DROP CONSTRAINT source_id IF EXISTS"),
    Cypher("DROP CONSTRAINT name_id IF EXISTS"),
)
AWAIT_INDEXES = Cypher("CALL db.awaitIndexes(300)")
SHOW_CONSTRAINTS = Cypher(
    "SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties RETURN name, labelsOrTypes, properties"
)

# -- loading: a new generation beside the served one, then one switch ------------------

#: The served generation (``current``) and the one being written (``loading``), if any, among the properties.
DATASET_STATE = Cypher("OPTIONAL MATCH (d:Dataset {id: 'jkg'}) RETURN properties(d) AS props")

BEGIN_LOAD = Cypher("""
MERGE (d:Dataset {id: 'jkg'})
SET d.loading = $gen, d.loadToken = $token
""")

#: Nodes (and their relationships) of every generation but ``$keep``: what an unfinished load left,
#: or the previous generation once the switch is made; in batches, each its own transaction.
DELETE_OTHER_GENERATIONS = Cypher("""
MATCH (n:Entity|Name|Source)
WHERE n.gen IS NULL OR n.gen <> $keep
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS
""")

# The statements below that look nodes up name the (id, gen) index: planned while a generation is still
# being written (few nodes, stale statistics), Neo4j would otherwise scan the gen index for every row.

CREATE_SOURCES = Cypher("""
UNWIND $rows AS row
CREATE (s:Source)
SET s = row, s.gen = $gen
""")

CREATE_CITED_VIA = Cypher("""
UNWIND $rows AS row
MATCH (s:Source {id: row.id, gen: $gen}) USING INDEX s:Source(id, gen)
MATCH (via:Source {id: row.via, gen: $gen}) USING INDEX via:Source(id, gen)
CREATE (s)-[:CITED_VIA]->(via)
""")

CREATE_NAMES = Cypher("""
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity, gen: $gen}) USING INDEX e:Entity(id, gen)
CREATE (e)-[:HAS_NAME]->(n:Name)
SET n = row.props, n.gen = $gen
""")

CREATE_ENTITY_SUPPORTS = Cypher("""
UNWIND $rows AS row
MATCH (s:Source {id: row.source, gen: $gen}) USING INDEX s:Source(id, gen)
MATCH (e:Entity {id: row.target, gen: $gen}) USING INDEX e:Entity(id, gen)
CREATE (s)-[:SUPPORTS]->(e)
""")

CREATE_NAME_SUPPORTS = Cypher("""
UNWIND $rows AS row
MATCH (s:Source {id: row.source, gen: $gen}) USING INDEX s:Source(id, gen)
MATCH (n:Name {id: row.target, gen: $gen}) USING INDEX n:Name(id, gen)
CREATE (s)-[:SUPPORTS]->(n)
""")

#: The switch: readers move to the new generation in this one small transaction, if this load still owns it.
SWITCH_GENERATION = Cypher("""
MATCH (d:Dataset {id: 'jkg'})
WHERE d.loadToken = $token AND d.loading = $gen
SET d.current = $gen, d.version = $version, d.entities = $entities, d.relations = $relations,
    d.sources = $sources, d.loadedAt = datetime()
REMOVE d.loading, d.loadToken
RETURN d.current AS current
""")

#: What a generation holds.
GENERATION_COUNTS = Cypher("""
CALL () { MATCH (e:Entity {gen: $gen}) RETURN count(e) AS entities }
CALL () { MATCH (:Entity {gen: $gen})-[r]->(:Entity) RETURN count(r) AS relations }
CALL () { MATCH (s:Source {gen: $gen}) RETURN count(s) AS sources }
CALL () { MATCH (n:Name {gen: $gen}) RETURN count(n) AS names }
RETURN entities, relations, sources, names
""")

#: What generation $old held that generation $gen does not (replace mode reports it): entities, names and
#: sources by id, relation facts by key (type, id and endpoints), links of sources, and class labels.
REMOVED_SINCE = Cypher("""
CALL () {
  MATCH (o:Entity {gen: $old}) WHERE NOT EXISTS { MATCH (:Entity {id: o.id, gen: $gen}) }
  RETURN count(o) AS entities
}
CALL () {
  MATCH (o:Name {gen: $old}) WHERE NOT EXISTS { MATCH (:Name {id: o.id, gen: $gen}) }
  RETURN count(o) AS names
}
CALL () {
  MATCH (o:Source {gen: $old}) WHERE NOT EXISTS { MATCH (:Source {id: o.id, gen: $gen}) }
  RETURN count(o) AS sources
}
CALL () {
  MATCH (a:Entity {gen: $old})-[r]->(:Entity)
  OPTIONAL MATCH (n:Entity {id: a.id, gen: $gen})
  WITH r, n WHERE n IS NULL OR NOT EXISTS { MATCH (n)-[q]->(:Entity) WHERE q.key = r.key }
  RETURN count(r) AS relations
}
CALL () {
  MATCH (s:Source {gen: $old})-[r:SUPPORTS|CITED_VIA]->(t)
  OPTIONAL MATCH (n:Source {id: s.id, gen: $gen})
  WITH r, t, n WHERE n IS NULL OR NOT EXISTS { MATCH (n)-[q]->(u) WHERE type(q) = type(r) AND u.id = t.id }
  RETURN count(r) AS supports
}
CALL () {
  MATCH (o:Entity {gen: $old})
  MATCH (n:Entity {id: o.id, gen: $gen})
  RETURN sum(size([label IN labels(o) WHERE NOT label IN labels(n)])) AS labels
}
RETURN entities, names, sources, relations, supports, labels
""")

# -- merge mode: what the served generation holds, read back to keep what the data does not touch -------

GENERATION_ENTITIES = Cypher("""
MATCH (e:Entity {gen: $gen})
OPTIONAL MATCH (e)-[:HAS_NAME]->(n:Name)
WITH e, n ORDER BY n.position
RETURN properties(e) AS props, collect(properties(n)) AS names
""")

GENERATION_RELATIONS = Cypher("""
MATCH (a:Entity {gen: $gen})-[r]->(b:Entity)
RETURN type(r) AS type, properties(r) AS props, a.id AS subject, b.id AS object
""")

GENERATION_SOURCES = Cypher("MATCH (s:Source {gen: $gen}) RETURN properties(s) AS props")

# -- counts --------------------------------------------------------------------------

DATASET = Cypher("MATCH (d:Dataset {id: 'jkg'}) WHERE d.current IS NOT NULL "
                 "RETURN d.version AS version, d.entities AS entities, d.relations AS relations, d.sources AS sources")


def create_entities(labels: tuple[str, ...]) -> Cypher:
    """Create entities of one class in a new generation, with every label of its lineage (names from the ontology)."""
    return Cypher(f"""
UNWIND $rows AS row
CREATE (e:Entity:{':'.join(labels)})
SET e = row, e.gen = $gen
""")


def relation_constraint(neo4j_type: str) -> Cypher:
    """Uniqueness of relation ids within one relationship type and generation (the type from the ontology)."""
    return Cypher(f"CREATE CONSTRAINT {neo4j_type.lower()}_id_gen IF NOT EXISTS "
                  f"FOR ()-[r:{neo4j_type}]-() REQUIRE (r.id, r.gen) IS UNIQUE")


def drop_old_relation_constraint(neo4j_type: str) -> Cypher:
    """Drop the id uniqueness of loads before generations (the type from the ontology)."""
    return Cypher(f"DROP CONSTRAINT {neo4j_type.lower()}_id IF EXISTS")


def create_relations(neo4j_type: str) -> Cypher:
    """Create relation facts of one type in a new generation (the type name from the ontology)."""
    return Cypher(f"""
UNWIND $rows AS row
MATCH (s:Entity {{id: row.subject, gen: $gen}}) USING INDEX s:Entity(id, gen)
MATCH (o:Entity {{id: row.object, gen: $gen}}) USING INDEX o:Entity(id, gen)
CREATE (s)-[r:{neo4j_type}]->(o)
SET r = row.props, r.gen = $gen
""")


def qualifier_index(neo4j_type: str, qualifier: str) -> Cypher:
    """A range index on an entity-valued qualifier of a relationship type (both names from the ontology): finds
    the succession statements about an organization without reading every relationship of the type."""
    return Cypher(f"CREATE INDEX {neo4j_type.lower()}_{qualifier.lower()} IF NOT EXISTS "
                  f"FOR ()-[r:{neo4j_type}]-() ON (r.{qualifier})")

