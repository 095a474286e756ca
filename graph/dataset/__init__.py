"""Reading and validating the dataset: the records (:mod:`.model`), the YAML reader,
the checks SHACL cannot express and the SHACL run (:mod:`.validate`), and the cache of
files read and datasets found valid (:mod:`.cache`).

May import :mod:`jkg.ontology`, :mod:`jkg.graph.exceptions` and the date API of
:mod:`jkg.graph.engine.dates` (a record's dates are partial dates); nothing else of the graph.
"""
