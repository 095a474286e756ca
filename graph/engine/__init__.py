"""The in-memory temporal engine: partial dates and the one time rule (:mod:`.dates`),
the temporal graph over networkx (:mod:`.temporal`), the views answers are made of
(:mod:`.views`), the answer-order arrays (:mod:`.answer_order`) and the collector
guard used while building (:mod:`.collector`).

May import :mod:`jkg.ontology`, :mod:`jkg.graph.dataset`, :mod:`jkg.graph.exceptions`
and :mod:`jkg.graph.limits`; never the queries, the stores, Neo4j or the API.
"""
