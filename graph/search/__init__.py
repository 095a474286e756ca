"""Name search: the name index and its ranking (:mod:`.index`) over the candidates a
bitset filter keeps (:mod:`.candidates`); names are normalized and folded by
:mod:`jkg.graph.dataset.names`.

May import :mod:`jkg.ontology`, :mod:`jkg.graph.dataset`, :mod:`jkg.graph.engine` and
:mod:`jkg.graph.exceptions`; never the queries or the stores.
"""
