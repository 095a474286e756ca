"""The one review queue of every import (see :mod:`.queue`): proposals written by the
producers (the UN list importer, the article ingester), judgements appended by analysts.

May import what :mod:`jkg.graph.imports` may; the producers import it, never the reverse.
"""

from jkg.graph.imports.review.queue import (
    DEFAULT_REVIEW_DIR,
    NEW,
    VERDICTS,
    Judgement,
    Proposal,
    ReviewQueue,
    pair_id,
)

__all__ = ["DEFAULT_REVIEW_DIR", "NEW", "VERDICTS", "Judgement", "Proposal", "ReviewQueue", "pair_id"]
