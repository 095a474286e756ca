"""The analysts' formats, one module per format, each declaring its ``FORMATS`` for the
registry (:mod:`.registry`, which also cuts a graph to a date): RDF as Turtle and
N-Triples (:mod:`.rdf`) and JSON-LD (:mod:`.jsonld`), STIX 2.1 (:mod:`.stix`),
FollowTheMoney (:mod:`.ftm`), GEXF 1.3 (:mod:`.gexf`) and GraphML (:mod:`.graphml`), whose
attributes :mod:`.network` shares, and Neo4j's bulk import CSV (:mod:`.neo4j_admin`).

May import :mod:`jkg.ontology`, :mod:`jkg.graph.dataset`, :mod:`jkg.graph.engine` and
:mod:`jkg.graph.neo4j` names; never the stores' query paths or the API.
"""
