"""The UN Security Council consolidated sanctions list, imported with review (issue #18).

``records``  hardened XML parsing and the structure check: :class:`records.UnRecord`
``names``    a record's names, unpacked (``;``-packed aliases, Arabic in parentheses, acronyms)
``scope``    which records are the graph's business (the Al-Qaida list, tied to the region's groups)
``resolve``  each record against the graph: link, review, new or out-of-scope, with evidence
``report``   the byte-stable JSON-lines report, and the proposals put to the review queue
``apply``    ``seed_data/imports/un-sc.yaml`` from the links and positive judgements
``run``      the whole import, as ``jkg import un-sc`` calls it

May import what :mod:`jkg.graph.imports` may, and the review queue (:mod:`jkg.graph.imports.review`).
"""
