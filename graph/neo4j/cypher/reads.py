"""The statements of the Neo4j store's reads: one per question."""

from __future__ import annotations

from jkg.graph.neo4j.cypher.base import Cypher

__all__ = [
    "ALL_ENTITIES",
    "CENTRALITY",
    "CHANGED_AROUND",
    "CHANGED_EVERYWHERE",
    "DATED_ENTITIES",
    "ENTITY_DETAIL",
    "ENTITY_EXISTS",
    "LINEAGE",
    "NEIGHBORHOOD",
    "PATHS",
    "RELATIONS_OF",
    "SOURCES",
    "SOURCE_DETAIL",
    "TIMELINE",
    "VALID_DURING",
    "person_succession_statement",
    "succession_statement",
]


# -- reads (the Neo4j store) ----------------------------------------------------------
# One statement per question, anchored on the served generation (``Dataset.current``, read once), that returns the
# answer's rows filtered and ordered: the store only shapes them into the result models
# (:mod:`jkg.graph.neo4j.shape`). Every relation comes as one list (see ``_ROW``):
#   [id, type, status, sources, start, end, startNote, note, reliability, credibility,
#    [[qualifier, value]...], [subject id, name, type], [object id, name, type], validity during $first..$last]
# where validity is 'certain' or 'possible' (the time rule on the stored day bounds) when $dated, else null;
# where the answer lists its entities anyway (a neighborhood), subject and object are ids (``_ROW_BY_ID``).

#: The served generation, read once per statement (a second read could see a switch made meanwhile).
_CURRENT = "MATCH (d:Dataset {id: 'jkg'})\nWITH d.current AS gen\n"

#: The time rule on the stored bounds: possibly valid at some day of $first..$last.
_DURING = "r.possibleFrom <= $last AND r.possibleUntil >= $first"
#: A relation a traversal follows: asserted (not refuted), of the types asked ($types null: all), possibly valid.
_KEPT = "r.status <> 'refuted' AND ($types IS NULL OR type(r) IN $types) AND " + _DURING
#: The entities within $depth (1-3) hops of ``e`` through kept relations, level by level, as ``nodes`` (by id).
_LEVELS = """CALL (e) {
  MATCH (e)-[r]-(n:Entity) WHERE <KEPT>
  RETURN collect(DISTINCT n) AS one
}
CALL (one) {
  UNWIND CASE WHEN $depth >= 2 THEN one ELSE [] END AS f
  MATCH (f)-[r]-(n:Entity) WHERE <KEPT>
  RETURN collect(DISTINCT n) AS two
}
CALL (e, one, two) {
  UNWIND CASE WHEN $depth >= 3 THEN two ELSE [] END AS f
  WITH f WHERE f <> e AND NOT f IN one
  MATCH (f)-[r]-(n:Entity) WHERE <KEPT>
  RETURN collect(DISTINCT n) AS three
}
CALL (e, one, two, three) {
  UNWIND [e] + one + two + three AS n
  WITH DISTINCT n ORDER BY n.id
  RETURN collect(n) AS nodes
}"""

_FIELDS = (
    "r.id, type(r), r.status, r.sources, r.startEdtf, r.endEdtf, r.startNote, r.note, r.reliability,"
    " r.credibility, [k IN $qualifiers WHERE r[k] IS NOT NULL | [k, r[k]]]"
)
#: The validity during $first..$last when the answer is dated ($dated), else null.
_VALID = ("CASE WHEN $dated THEN CASE WHEN r.certainFrom <= $first AND $last <= r.certainUntil"
          " THEN 'certain' ELSE 'possible' END END")
_ROW = (
    f"[{_FIELDS}, [startNode(r).id, startNode(r).name, startNode(r).type],"
    f" [endNode(r).id, endNode(r).name, endNode(r).type], {_VALID}]"
)
#: A relation between entities the answer lists anyway (a neighborhood): endpoints by id only.
_ROW_BY_ID = f"[{_FIELDS}, startNode(r).id, endNode(r).id, {_VALID}]"

#: Answer order (:func:`jkg.graph.queries.entities.sort_relations`): unknown starts first, then the start's
#: day bounds (a known start's are the stored possibleFrom and certainFrom), then the type's name ($names:
#: Neo4j type -> ontology name), then id.
_ORDER = (
    "r.startEdtf IS NOT NULL, CASE WHEN r.startEdtf IS NOT NULL THEN r.possibleFrom END,"
    " CASE WHEN r.startEdtf IS NOT NULL THEN r.certainFrom END, $names[type(r)], r.id"
)


class _Reads:
    """Fills the fragments above into read statements (a class, so that tests do not take it for a generator)."""

    @staticmethod
    def statement(text: str) -> Cypher:
        """A read statement from its text, with the fragments (``<CURRENT>``, ``<LEVELS>``, ``<KEPT>``,
        ``<DURING>``, ``<ROW>``, ``<ROW_BY_ID>``, ``<ORDER>``) filled in, in this order."""
        for name, fragment in (("<CURRENT>", _CURRENT), ("<LEVELS>", _LEVELS), ("<KEPT>", _KEPT),
                               ("<DURING>", _DURING), ("<ROW>", _ROW), ("<ROW_BY_ID>", _ROW_BY_ID),
                               ("<ORDER>", _ORDER)):
            text = text.replace(name, fragment)
        return Cypher(text)

    @staticmethod
    def succession_parts(succession_types: tuple[str, ...]) -> str:
        """The subqueries of a succession around an organization ``o``: its renaming family (asserted relations
        of the types $renaming, any number of hops), the asserted tenures of the types $posted in it, and the
        statements of the succession types about it (in id order)."""
        statements = "|".join(succession_types)
        return f"""
CALL (o) {{
  MATCH ANY SHORTEST (o)-[r WHERE type(r) IN $renaming AND r.status <> 'refuted']-*(m:Entity)
  RETURN collect(DISTINCT m) AS family
}}
CALL (family) {{
  UNWIND family AS m
  MATCH (:Entity)-[r]->(m) WHERE type(r) IN $posted AND r.status <> 'refuted'
  RETURN collect(<ROW>) AS tenures
}}
CALL (gen, family) {{
  MATCH (a:Entity)-[r:{statements}]->(:Entity)
  WHERE r.organization IN [m IN family | m.id] AND a.gen = gen
  WITH r ORDER BY r.id
  RETURN collect(<ROW>) AS statements
}}"""


_read = _Reads.statement


#: An entity's type, if it exists (a parameter error is reported only about an entity that does).
ENTITY_EXISTS = _read("""<CURRENT>
MATCH (e:Entity {id: $id, gen: gen})
RETURN e.type AS type
""")

#: An entity, its names in order and every relation it takes part in, in answer order.
ENTITY_DETAIL = _read("""<CURRENT>
MATCH (e:Entity {id: $id, gen: gen})
CALL (e) {
  OPTIONAL MATCH (e)-[:HAS_NAME]->(n:Name)
  WITH n ORDER BY n.position
  RETURN collect(properties(n)) AS names
}
CALL (e) {
  MATCH (e)-[r]-(:Entity)
  WITH r ORDER BY <ORDER>
  RETURN collect(<ROW>) AS relations
}
RETURN properties(e) AS props, names, relations
""")

#: An entity's relations of some types ($types null: all), in a direction ('out': as subject, 'in': as object,
#: 'both'; a symmetric type's either way), possibly valid during $first..$last, refuted ones included.
RELATIONS_OF = _read("""<CURRENT>
MATCH (e:Entity {id: $id, gen: gen})
CALL (e) {
  MATCH (e)-[r]-(o:Entity)
  WHERE ($types IS NULL OR type(r) IN $types) AND <DURING>
    AND ($direction = 'both' OR ($direction = 'out' AND startNode(r) = e) OR ($direction = 'in' AND endNode(r) = e)
         OR (type(r) IN $symmetric AND o <> e))
  WITH r ORDER BY <ORDER>
  RETURN collect(<ROW>) AS relations
}
RETURN [e.id, e.name, e.type] AS entity, relations
""")

#: The entities within $depth (1-3) hops of one through kept relations, level by level, how many, and (when
#: at most $maxNodes) the kept relations among them.
NEIGHBORHOOD = _read("""<CURRENT>
MATCH (e:Entity {id: $id, gen: gen})
<LEVELS>
CALL (nodes) {
  UNWIND CASE WHEN size(nodes) <= $maxNodes THEN nodes ELSE [] END AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b IN nodes AND <KEPT>
  WITH r ORDER BY <ORDER>
  RETURN collect(<ROW_BY_ID>) AS relations
}
RETURN size(nodes) AS count, [n IN nodes | [n.id, n.name, n.type]] AS nodes, relations
""")

#: An organization's lineage: the family reached through lineage relations ($lineage, any status) up to
#: $depth hops (null: all), its lineage relations and its members' structure relations ($structure), and
#: its own asserted relations of the lineage roles ($roles).
LINEAGE = _read("""<CURRENT>
MATCH (o:Entity {id: $id, gen: gen})
CALL (o) {
  MATCH p = ANY SHORTEST (o)-[r WHERE type(r) IN $lineage]-*(m:Entity)
  WHERE $depth IS NULL OR length(p) <= $depth
  RETURN collect(DISTINCT m) AS family
}
CALL (family) {
  UNWIND family AS m
  MATCH (m)-[r]-(x:Entity)
  WHERE (type(r) IN $lineage AND x IN family) OR type(r) IN $structure
  WITH DISTINCT r
  ORDER BY <ORDER>
  RETURN collect(<ROW>) AS edges
}
CALL (o) {
  MATCH (o)-[r]-(:Entity) WHERE r.status <> 'refuted' AND type(r) IN $roles
  RETURN collect(<ROW>) AS own
}
RETURN [o.id, o.name, o.type] AS entity, edges, own
""")

#: The shortest paths ($maxHops at most, up to 6) between two entities through kept relations: the first
#: $limit in the order of their entities' ids, and every kept relation between two entities next on one.
PATHS = _read("""<CURRENT>
MATCH (a:Entity {id: $source, gen: gen})
MATCH (b:Entity {id: $target, gen: gen})
CALL (a, b) {
  WITH a, b WHERE a <> b
  MATCH p = ALL SHORTEST (a)-[r WHERE <KEPT>]-{1,6}(b)
  WHERE length(p) <= $maxHops
  WITH DISTINCT nodes(p) AS found
  ORDER BY [n IN found | n.id]
  LIMIT $limit
  RETURN collect(found) AS paths
}
CALL (paths) {
  UNWIND paths AS found
  UNWIND range(0, size(found) - 2) AS i
  WITH DISTINCT found[i] AS x, found[i + 1] AS y
  MATCH (x)-[r]-(y) WHERE <KEPT>
  WITH DISTINCT r
  ORDER BY <ORDER>
  RETURN collect(<ROW>) AS relations
}
RETURN [a.id, a.name, a.type] AS source, [b.id, b.name, b.type] AS target,
       [found IN paths | [n IN found | [n.id, n.name, n.type]]] AS paths, relations
""")

#: An entity, with every relation it takes part in (in id order) and the other entity's start.
TIMELINE = _read("""<CURRENT>
MATCH (e:Entity {id: $id, gen: gen})
CALL (e) {
  MATCH (e)-[r]-(o:Entity)
  WITH r, o ORDER BY r.id
  RETURN collect([<ROW>, o.startEdtf]) AS links
}
RETURN [e.id, e.name, e.type] AS entity, e.startEdtf AS start, e.endEdtf AS end, links
""")

#: Every asserted relation possibly valid during $first..$last, one row each.
VALID_DURING = _read("""<CURRENT>
MATCH (:Entity {gen: gen})-[r]->(:Entity)
WHERE r.status <> 'refuted' AND <DURING>
RETURN <ROW> AS row
""")

#: Degree of every entity in the asserted relations possibly valid during $first..$last, how many have any,
#: and the $limit highest of the types allowed ($allowed null: all), ties by id.
CENTRALITY = _read("""<CURRENT>
MATCH (a:Entity {gen: gen})-[r]-(b:Entity)
WHERE r.status <> 'refuted' AND <DURING>
WITH a, sum(CASE WHEN a = b THEN 2 ELSE 1 END) AS degree
WITH count(a) AS linked, collect([a, degree]) AS degrees
CALL (degrees) {
  UNWIND degrees AS pair
  WITH pair[0] AS a, pair[1] AS degree
  WHERE $allowed IS NULL OR a.type IN $allowed
  WITH a, degree ORDER BY degree DESC, a.id LIMIT $limit
  RETURN collect([a.id, a.name, a.type, degree]) AS top
}
RETURN linked, top
""")

#: Every source of the served generation, by id.
SOURCES = _read("""<CURRENT>
MATCH (s:Source {gen: gen})
RETURN properties(s) AS props ORDER BY s.id
""")

#: A source, the entities it supports, the names it supports (``entity-id: name``) and the relations citing it.
SOURCE_DETAIL = _read("""<CURRENT>
MATCH (s:Source {id: $id, gen: gen})
CALL (s) {
  OPTIONAL MATCH (s)-[:SUPPORTS]->(e:Entity)
  WITH e ORDER BY e.id
  RETURN collect([e.id, e.name, e.type]) AS entities
}
CALL (s) {
  OPTIONAL MATCH (s)-[:SUPPORTS]->(n:Name)
  RETURN collect(n.entity + ': ' + n.text) AS names
}
CALL (gen, s) {
  MATCH (:Entity {gen: gen})-[r]->(:Entity)
  WHERE s.id IN r.sources
  WITH r ORDER BY <ORDER>
  RETURN collect(<ROW>) AS relations
}
RETURN properties(s) AS props, entities, names, relations
""")

#: Every entity of the served generation with its names in order (the in-memory name index is built from them).
ALL_ENTITIES = _read("""<CURRENT>
MATCH (e:Entity {gen: gen})
OPTIONAL MATCH (e)-[:HAS_NAME]->(n:Name)
WITH e, n ORDER BY n.position
RETURN properties(e) AS props, collect(properties(n)) AS names
""")

#: Entities that may have begun or ended during a period: a start or end (its first day, as stored) within
#: two years of it, which every day a partial date may mean lies within; the store keeps those that did.
DATED_ENTITIES = _read("""<CURRENT>
MATCH (e:Entity {gen: gen})
WHERE (e.start >= $first - duration('P2Y') AND e.start <= $last + duration('P2Y'))
   OR (e.end >= $first - duration('P2Y') AND e.end <= $last + duration('P2Y'))
RETURN [e.id, e.name, e.type] AS entity, e.startEdtf AS start, e.endEdtf AS end
""")

#: What changed during a period: asserted relations possibly valid then, among the entities within $depth
#: hops of $id through them (or everywhere when $id is null), with their endpoints' starts and ends (an
#: unknown start or end of a relation is bounded by them), and those entities' own dates.
CHANGED_AROUND = _read("""<CURRENT>
MATCH (e:Entity {id: $id, gen: gen})
<LEVELS>
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b IN nodes AND <KEPT>
  RETURN collect([<ROW>, [a.startEdtf, a.endEdtf], [b.startEdtf, b.endEdtf]]) AS relations
}
RETURN [n IN nodes | [[n.id, n.name, n.type], n.startEdtf, n.endEdtf]] AS entities, relations
""")

CHANGED_EVERYWHERE = _read("""<CURRENT>
MATCH (a:Entity {gen: gen})-[r]->(b:Entity)
WHERE r.status <> 'refuted' AND <DURING>
RETURN [<ROW>, [a.startEdtf, a.endEdtf], [b.startEdtf, b.endEdtf]] AS row
""")


def succession_statement(succession_types: tuple[str, ...]) -> Cypher:
    """The succession in an organization (the succession role's types, from the ontology): the organization,
    its renaming family (with each member's start) and the records the chain is made of."""
    return _read(f"""<CURRENT>
MATCH (o:Entity {{id: $id, gen: gen}})
{_Reads.succession_parts(succession_types)}
RETURN [o.id, o.name, o.type] AS entity, [m IN family | [m.id, m.name, m.type, m.startEdtf]] AS family,
       tenures, statements
""")


def person_succession_statement(succession_types: tuple[str, ...]) -> Cypher:
    """A person's asserted tenures and, for each organization they were held in, the records of its succession
    (as :func:`succession_statement`)."""
    return _read(f"""<CURRENT>
MATCH (p:Entity {{id: $id, gen: gen}})
CALL (p) {{
  MATCH (p)-[r]->(:Entity) WHERE type(r) IN $posted AND r.status <> 'refuted'
  RETURN collect(<ROW>) AS tenures, collect(DISTINCT endNode(r)) AS organizations
}}
CALL (gen, organizations) {{
  UNWIND organizations AS o
  {_Reads.succession_parts(succession_types)}
  RETURN collect([[o.id, o.name, o.type], [m IN family | [m.id, m.name, m.type, m.startEdtf]], tenures,
                  statements]) AS chains
}}
RETURN [p.id, p.name, p.type] AS entity, tenures, chains
""")
