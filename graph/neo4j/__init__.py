"""Neo4j, beside the engine: connection settings (:mod:`.config`), every Cypher statement
as a named constant (:mod:`.cypher`), rows to and from records (:mod:`.rows`), the loader
(:mod:`.load`) and the Neo4j store (:mod:`.store`), which answers through the same query
functions as the embedded store.

May import every room below the stores (dataset, engine, search, queries) and
:mod:`jkg.graph.store`; never the API.
"""
