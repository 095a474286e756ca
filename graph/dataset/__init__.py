"""Reading and validating the dataset: the records (:mod:`.model`), the YAML reader of one
file (:mod:`.reader`) and of many (:mod:`.files`), name normalization (:mod:`.names`,
shared by the collision check and search), the dataset's RDF view that SHACL validates
and the RDF exports serialize (:mod:`.rdf`), the checks SHACL cannot express and the
SHACL run (:mod:`.validate`), and the cache of files read and datasets found valid
(:mod:`.cache`).

May import :mod:`jkg.ontology`, :mod:`jkg.graph.exceptions` and the date API of
:mod:`jkg.graph.engine.dates` (a record's dates are partial dates); nothing else of the graph.
"""
