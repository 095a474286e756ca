"""The benchmark's questions in SPARQL, over the RDF export (:func:`jkg.graph.dataset.rdf.to_rdf`).

The same functions run on rdflib and on pyoxigraph (through :class:`Engine`). Where
SPARQL cannot say what the embedded store answers (fuzzy name matching, EDTF
partial dates widened by approximation and bounded by the endpoints' lifetimes,
all shortest paths), the query is the nearest a SPARQL user would write, and
the report says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from jkg.graph.engine.dates import Span
from jkg.ontology.namespace import DATA, JKG

__all__ = ["Engine", "affiliations", "lineage", "lookup", "neighborhood", "path_length", "search", "snapshot",
           "succession"]

PREFIXES = f"""PREFIX jkg: <{JKG._NS}>
PREFIX d: <{DATA}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX skosxl: <http://www.w3.org/2008/05/skos-xl#>
"""
_LINEAGE = "jkg:successorOf|^jkg:successorOf|jkg:splinterOf|^jkg:splinterOf|jkg:mergedInto|^jkg:mergedInto"
_STRUCTURE = "jkg:branchOf|^jkg:branchOf|jkg:subUnitOf|^jkg:subUnitOf"
_DATE = "(time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear)"


class Engine:
    """One SPARQL engine over one RDF graph: ``rdflib`` (an rdflib Graph) or ``oxigraph`` (a pyoxigraph Store)."""

    def __init__(self, name: str, store: Any) -> None:
        self.name = name
        self.store = store

    def rows(self, query: str) -> list[tuple[str | None, ...]]:
        """The solutions, each as a tuple of plain strings (IRIs and literal values) or None."""
        text = PREFIXES + query
        if self.name == "rdflib":
            return [tuple(None if v is None else str(v) for v in row) for row in self.store.query(text)]
        out = []
        for solution in self.store.query(text):
            out.append(tuple(None if v is None else v.value for v in solution))
        return out


def _iri(ident: str) -> str:
    return f"<{DATA}{ident}>"


def _id(iri: str | None) -> str:
    return (iri or "")[len(DATA):]


def lookup(engine: Engine, ident: str) -> set[str]:
    """An entity's label and type, and the ids of every relation it takes part in."""
    e = _iri(ident)
    rows = engine.rows(f"""SELECT ?r ?label ?type WHERE {{ {e} rdfs:label ?label ; a ?type .
        OPTIONAL {{ {{ ?r jkg:subject {e} }} UNION {{ ?r jkg:object {e} }} }} }}""")
    return {_id(r[0])[len("relation/"):] for r in rows if r[0]}


def search(engine: Engine, text: str) -> set[str]:
    """Entities with a name equal to ``text`` ignoring case (SPARQL has no fuzzy or transliteration match)."""
    lowered = text.lower().replace("\\", "\\\\").replace('"', '\\"')
    rows = engine.rows(f"""SELECT DISTINCT ?e WHERE {{ ?e jkg:hasName ?n . ?n skosxl:literalForm ?l .
        FILTER(LCASE(STR(?l)) = "{lowered}") }}""")
    return {_id(r[0]) for r in rows}


def succession(engine: Engine, org: str, post: str = "emir") -> list[str]:
    """Holders of a post across the renaming family, from tenures and ``succeeded`` statements, by start."""
    o = _iri(org)
    rows = engine.rows(f"""SELECT ?person (MIN(?start) AS ?first) WHERE {{
        {o} (jkg:successorOf|^jkg:successorOf)* ?org .
        {{ ?r jkg:object ?org ; jkg:subject ?person ; jkg:relationType ?t .
           VALUES ?t {{ jkg:leaderOf jkg:deputyOf jkg:heldPostIn jkg:commanderOf }} }}
        UNION {{ ?r jkg:relationType jkg:succeeded ; jkg:organization ?org ; jkg:subject ?person }}
        UNION {{ ?r jkg:relationType jkg:succeeded ; jkg:organization ?org ; jkg:object ?person }}
        ?r jkg:post jkg:{post} ; jkg:status ?status . FILTER(?status != jkg:refuted)
        OPTIONAL {{ ?r time:hasTime/time:hasBeginning/{_DATE} ?start }}
    }} GROUP BY ?person ORDER BY ?first ?person""")
    return [_id(r[0]) for r in rows]


def lineage(engine: Engine, org: str) -> set[str]:
    """The lineage family (renamings, splits, mergers, either direction) and its branches and sub-units."""
    o = _iri(org)
    rows = engine.rows(f"""SELECT DISTINCT ?n WHERE {{ {{ {o} ({_LINEAGE})* ?n }}
        UNION {{ {o} ({_LINEAGE})* ?m . ?m {_STRUCTURE} ?n }} }}""")
    return {_id(r[0]) for r in rows}


def _span_filter(span: Span) -> str:
    first = dt.date.fromordinal(span.first).isoformat()
    last = dt.date.fromordinal(span.last).isoformat()
    # a partial date's literal sorts before any day it contains, so: starts on or before the span's
    # last day, and ends (year or month padded to its last possible day) on or after its first day
    return f"""OPTIONAL {{ ?r time:hasTime/time:hasBeginning/{_DATE} ?s }}
        OPTIONAL {{ ?r time:hasTime/time:hasEnd/{_DATE} ?e }}
        FILTER(!BOUND(?s) || STR(?s) <= "{last}")
        FILTER(!BOUND(?e) || CONCAT(STR(?e), SUBSTR("-12-31", STRLEN(STR(?e)) - 3)) >= "{first}")"""


def affiliations(engine: Engine, org: str, types: Iterable[str], at: object = None) -> set[str]:
    """Affiliation relations of an organization, possibly valid at a date."""
    o = _iri(org)
    values = " ".join(f"jkg:{t}" for t in types)
    span = Span.of(at)
    rows = engine.rows(f"""SELECT DISTINCT ?r WHERE {{
        {{ ?r jkg:subject {o} }} UNION {{ ?r jkg:object {o} }}
        ?r jkg:relationType ?t . VALUES ?t {{ {values} }}
        {"" if span.everything else _span_filter(span)} }}""")
    return {_id(r[0])[len("relation/"):] for r in rows}


def neighborhood(engine: Engine, ident: str) -> set[str]:
    """Entities within two hops, over relations not refuted."""
    e = _iri(ident)
    rows = engine.rows(f"""SELECT DISTINCT ?m ?n WHERE {{
        {{ ?r1 jkg:subject {e} ; jkg:object ?m }} UNION {{ ?r1 jkg:object {e} ; jkg:subject ?m }}
        ?r1 jkg:status ?s1 . FILTER(?s1 != jkg:refuted)
        OPTIONAL {{ {{ ?r2 jkg:subject ?m ; jkg:object ?n }} UNION {{ ?r2 jkg:object ?m ; jkg:subject ?n }}
                   ?r2 jkg:status ?s2 . FILTER(?s2 != jkg:refuted) }} }}""")
    found = {ident}
    for m, n in rows:
        found.add(_id(m))
        if n:
            found.add(_id(n))
    return found


def _step(engine: Engine, frontier: set[str]) -> set[str]:
    if engine.name == "rdflib":
        # rdflib joins a VALUES block by nested loops (quadratic): one query per node is far faster there
        found: set[str] = set()
        for node in sorted(frontier):
            e = _iri(node)
            rows = engine.rows(f"""SELECT DISTINCT ?n WHERE {{
                {{ ?r jkg:subject {e} ; jkg:object ?n }} UNION {{ ?r jkg:object {e} ; jkg:subject ?n }}
                ?r jkg:status ?s . FILTER(?s != jkg:refuted) }}""")
            found.update(_id(r[0]) for r in rows)
        return found
    values = " ".join(_iri(i) for i in sorted(frontier))
    rows = engine.rows(f"""SELECT DISTINCT ?n WHERE {{ VALUES ?m {{ {values} }}
        {{ ?r jkg:subject ?m ; jkg:object ?n }} UNION {{ ?r jkg:object ?m ; jkg:subject ?n }}
        ?r jkg:status ?s . FILTER(?s != jkg:refuted) }}""")
    return {_id(r[0]) for r in rows}


def path_length(engine: Engine, source: str, target: str, max_hops: int = 6, max_frontier: int = 20_000) -> int | None:
    """Length of a shortest path (SPARQL has no shortest path: a bidirectional search, one query per level)."""
    if source == target:
        return 0
    seen = [{source: 0}, {target: 0}]
    frontiers = [{source}, {target}]
    depth = [0, 0]
    while sum(depth) < max_hops and all(frontiers):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        if len(frontiers[side]) > max_frontier:
            return None
        found = _step(engine, frontiers[side]) - seen[side].keys()
        depth[side] += 1
        meet = [depth[0 if side == 0 else 1] + seen[1 - side][n] for n in found if n in seen[1 - side]]
        if meet:
            return min(meet)
        for n in found:
            seen[side][n] = depth[side]
        frontiers[side] = found
    return None


def snapshot(engine: Engine, at: object) -> int:
    """How many relations (not refuted) are possibly valid at a date."""
    rows = engine.rows(f"""SELECT (COUNT(DISTINCT ?r) AS ?count) WHERE {{ ?r a jkg:Relation ; jkg:status ?st .
        FILTER(?st != jkg:refuted) {_span_filter(Span.of(at))} }}""")
    return int(rows[0][0] or 0)
