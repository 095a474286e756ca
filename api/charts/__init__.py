"""Charts drawn from store answers: the tenure chart's model and its SVG rendering.

:mod:`.tenures` composes the chart of an organization (followed across renamings) or a
person from the answers of the :class:`~jkg.graph.store.Store` interface (``succession``,
``relations``, ``person_succession``, ``entity``, ``sources``, ``info``), so every backend
draws the same chart; day bounds come from the one date API
(:mod:`jkg.graph.engine.dates`), bands from the ontology's posts and relation categories.
:mod:`.svg` renders that model as a standalone SVG document for reports. The explorer
(``api/static/timeline.js``) draws the same model from ``GET /organizations/{id}/tenures``.

May import :mod:`jkg.ontology` and :mod:`jkg.graph`; never a router.
"""
