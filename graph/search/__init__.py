"""Names and name search: normalization and transliteration folding (:mod:`.names`) and
the name index with its candidate filter and ranking (:mod:`.index`).

May import :mod:`jkg.ontology`, :mod:`jkg.graph.dataset`, :mod:`jkg.graph.engine` and
:mod:`jkg.graph.exceptions`; never the queries or the stores.
"""
