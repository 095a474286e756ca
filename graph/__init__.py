"""The knowledge graph: reading the data, the temporal engine, the questions, the stores.

Rooms, in the one direction data flows (each imports only from rooms before it, and
from :mod:`jkg.ontology`):

``dataset``  reading and validating the YAML records (model, reader, checks, cache)
``engine``   the in-memory temporal graph: partial dates and the time rule, views, answer order
``search``   names and name search (normalization, transliteration folding, the index)
``queries``  the analyst's questions, as plain functions over the engine
``store.py`` the store interface, and the embedded store that answers from the engine
``neo4j``    the Neo4j store and loader (settings, Cypher, rows), beside the engine
``exports``  the analysts' formats (RDF, neo4j-admin CSV, ...), one module per format
``imports``  official lists and other outside material turned into reviewed seed data

``pipeline.py`` turns paths into a prepared graph (read, check, build, prepare, cache);
``exceptions.py`` holds every error the rooms raise; ``limits.py`` every bound on an answer.
"""
