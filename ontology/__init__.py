"""The ontology: ``jkg.ttl`` (classes, relation types and their meaning, vocabularies),
``shapes.ttl`` (hand-written SHACL rules), the shapes derived from the ontology
(:mod:`.shapes`), and its one reader for code (:mod:`.schema`). Imports nothing of jkg.
"""
