"""The analysts' formats, one module per format, each declaring its ``FORMATS`` for the
registry (:mod:`.registry`): RDF as Turtle and N-Triples (:mod:`.rdf`) and Neo4j's bulk
import CSV (:mod:`.neo4j_admin`).

May import :mod:`jkg.ontology`, :mod:`jkg.graph.dataset`, :mod:`jkg.graph.engine` and
:mod:`jkg.graph.neo4j` names; never the stores' query paths or the API.
"""
