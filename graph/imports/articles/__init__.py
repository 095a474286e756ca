"""Reading articles: an article's mentions linked to the graph, its dates, and the
relations it states, proposed with their evidence for an analyst to review (issue #21).

Its modules, in the order an article goes through them: :mod:`.text` (reading the file,
sentences, words), :mod:`.mentions` (the graph's names as a gazetteer), :mod:`.dates`
(English and French dates as EDTF at the precision written), :mod:`.cues` (the cue words,
as data in ``cues.yaml``, checked against the ontology), :mod:`.relations` (candidate
relations, compared with the graph), :mod:`.report` (the byte-stable JSON-lines report),
:mod:`.evaluate` (precision and recall against a hand-annotated gold file),
:mod:`.proposals` (what goes to the review queue, and the YAML an accepted one writes).

May import what :mod:`jkg.graph.imports` may import (the ontology, the dataset, the engine,
the search, the queries, the pipeline, limits and exceptions); never the stores or the API.
"""
