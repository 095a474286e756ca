"""Reading an article end to end, and its report line.

The report has one JSON object per article, on one line, keys in this order::

    {"article": "<file name without .txt>",
     "mentions": [{"start", "end", "entity_id" (or null), "score"}],
     "dates": [{"start", "end", "edtf"}],
     "relations": [{"type", "subject", "object", "date" (or null), "evidence_start", "evidence_end",
                    "score", "status", "versus", "graph" (or null), "conflict" (or null)}]}

Offsets are Python string indices into the article's text as read (UTF-8, without a
byte-order mark). ``entity_id``, ``subject`` and ``object`` are graph ids, or
``new:<slug>`` for an end the graph does not hold yet (a proposed event). ``type`` is an
ontology relation name; ``status`` an ontology status. ``versus`` says whether the
candidate ``confirms`` a relation the graph holds (``graph`` is its id), ``adds`` a new
one, or ``conflicts`` with one (``conflict``: ``date``, ``status`` or ``person``).
Mentions and dates are in text order; relations by evidence, then type, subject, object.
Scores have two decimals. The same input and data give the same bytes: JSON with
``ensure_ascii=False``, no spaces after separators, one ``\\n`` after each line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from jkg.graph.engine.dates import PartialDate
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.imports.articles.cues import load_cues
from jkg.graph.imports.articles.dates import DateMention, find_dates
from jkg.graph.imports.articles.mentions import Gazetteer, Mention
from jkg.graph.imports.articles.relations import Candidate, find_relations
from jkg.graph.imports.articles.text import Article, Sentence, guess_language, sentences, words

__all__ = ["Reading", "read", "report_line"]


@dataclass(frozen=True)
class Reading:
    """What was read in one article."""

    article: Article
    lang: str
    published: PartialDate | None
    sentences: list[Sentence]
    mentions: list[Mention]
    dates: list[DateMention]
    relations: list[Candidate]


def read(graph: TemporalGraph, article: Article, lang: str | None = None, published: PartialDate | None = None,
         gazetteer: Gazetteer | None = None) -> Reading:
    """Find the mentions, dates and candidate relations of ``article``.

    Raises
    ------
    BadParameterError
        If ``lang`` is not given and the language cannot be told.
    """
    lang = lang or guess_language(article)
    gazetteer = gazetteer or Gazetteer(graph)
    text = article.text
    spans = sentences(text)
    found = gazetteer.as_of(gazetteer.corroborate(gazetteer.find(text, words(text)),
                                                 [(s.start, s.end) for s in spans]), published)
    dates = find_dates(text, lang, published)
    relations = find_relations(graph, load_cues(graph.schema, lang), text, spans, found, dates)
    return Reading(article, lang, published, spans, found, dates, relations)


def report_line(reading: Reading) -> str:
    """The article's report line (see the module for its format), with its ``\\n``."""
    line: dict[str, Any] = {
        "article": reading.article.name,
        "mentions": [{"start": m.start, "end": m.end, "entity_id": m.entity_id, "score": round(m.score, 2)}
                     for m in reading.mentions],
        "dates": [{"start": d.start, "end": d.end, "edtf": d.edtf} for d in reading.dates],
        "relations": [{"type": c.type, "subject": c.subject, "object": c.object, "date": c.date,
                       "evidence_start": c.evidence_start, "evidence_end": c.evidence_end,
                       "score": round(c.score, 2), "status": c.status, "versus": c.versus, "graph": c.graph,
                       "conflict": c.conflict}
                      for c in reading.relations],
    }
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"
