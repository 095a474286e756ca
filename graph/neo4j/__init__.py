"""Neo4j, beside the engine: connection settings (:mod:`.config`), every Cypher statement
as a named constant (:mod:`.cypher`), rows to and from records (:mod:`.rows`), the loader
(:mod:`.load`), read rows shaped into result models (:mod:`.shape`) and the Neo4j store
(:mod:`.store`), which answers each question with one Cypher statement and the same pure
query functions (:mod:`jkg.graph.queries`) as the embedded store.

May import every room below the stores (dataset, engine, search, queries) and
:mod:`jkg.graph.store`; never the API.
"""
