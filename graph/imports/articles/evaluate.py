"""Scoring the reading of articles against a hand-annotated gold file.

The gold file (JSON) lists articles, each with its file (beside the gold file), language,
publication date, address and outlet, and by hand: every name of an entity with its
span and graph id (null for a name the graph does not hold: not scored), every date with
its span and EDTF, every relation with its type, ends, date, the sentences that are its
evidence and its scope (``sentence``: one sentence names both ends; ``discourse``: it
takes more than one sentence, such as "the new group" for a name given earlier).

Per language, over all its articles, and apart over the articles of a ``split`` (``held-out``:
annotated before the reader ever ran on them, never used to tune it):

* **linking**: precision and recall of (start, end, entity id) over linked mentions;
* **dates**: precision and recall of (start, end, EDTF);
* **relations**: precision of (type, subject, object) against every gold relation, recall
  against those of sentence scope (and, apart, against all of them); a proposed new end
  (``new:...``) matches a gold ``new:...`` end;
* **evidence accuracy**: the share of the relations matched whose evidence overlaps one
  of the gold sentences.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jkg.graph.engine.dates import PartialDate
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exceptions import BadParameterError
from jkg.graph.imports.articles.mentions import Gazetteer
from jkg.graph.imports.articles.report import Reading, read
from jkg.graph.imports.articles.text import read_article

__all__ = ["Gold", "Scores", "evaluate", "format_scores", "prf", "read_gold", "score_reading"]


@dataclass(frozen=True)
class Gold:
    """The gold file as read, and where its articles are."""

    folder: Path
    articles: list[dict[str, Any]]


def read_gold(path: Path) -> Gold:
    """Read a gold file.

    Raises
    ------
    BadParameterError
        If it cannot be read or is not a gold file.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        articles = data["articles"]
        assert isinstance(articles, list)
        for article in articles:
            for key in ("file", "lang", "mentions", "dates", "relations"):
                article[key]
    except (OSError, ValueError, KeyError, TypeError, AssertionError) as error:
        raise BadParameterError("gold", str(path), f"not a gold file ({error!r})") from None
    return Gold(path.parent, articles)


@dataclass
class Counts:
    """True positives, system items, gold items."""

    hits: int = 0
    found: int = 0
    wanted: int = 0

    def add(self, other: Counts) -> None:
        self.hits += other.hits
        self.found += other.found
        self.wanted += other.wanted

    @property
    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.wanted if self.wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def prf(found: Iterable[object], wanted: Iterable[object]) -> Counts:
    """Counts of two sets of comparable items (each counted once)."""
    found_set, wanted_set = set(found), set(wanted)
    return Counts(len(found_set & wanted_set), len(found_set), len(wanted_set))


@dataclass
class Scores:
    """One language's counts, and the errors seen (for the README)."""

    articles: int = 0
    linking: Counts = field(default_factory=Counts)
    dates: Counts = field(default_factory=Counts)
    #: relations: hits of sentence scope, found, gold of sentence scope (its precision is not the score's)
    relations: Counts = field(default_factory=Counts)
    #: relations against every gold relation, discourse scope included: its precision is the relations' precision
    relations_all: Counts = field(default_factory=Counts)
    evidence_hits: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def relations_precision(self) -> float:
        return self.relations_all.precision

    @property
    def evidence_accuracy(self) -> float:
        return self.evidence_hits / self.relations.hits if self.relations.hits else 1.0


def _end(value: str) -> str:
    return "new:" if value.startswith("new:") else value


def score_reading(reading: Reading, gold: dict[str, Any], into: Scores) -> None:
    """Add one article's counts (and its errors, named) to ``into``."""
    name = reading.article.name
    text = reading.article.text
    found_m = {(m.start, m.end, m.entity_id) for m in reading.mentions if m.entity_id}
    wanted_m = {(m["start"], m["end"], m["entity_id"]) for m in gold["mentions"] if m["entity_id"]}
    into.linking.add(prf(found_m, wanted_m))
    for s, e, ident in sorted(found_m - wanted_m):
        into.errors.append(f"{name}: mention {text[s:e]!r} -> {ident} (not in gold)")
    for s, e, ident in sorted(wanted_m - found_m):
        into.errors.append(f"{name}: mention {text[s:e]!r} -> {ident} missed")
    found_d = {(d.start, d.end, d.edtf) for d in reading.dates}
    wanted_d = {(d["start"], d["end"], d["edtf"]) for d in gold["dates"]}
    into.dates.add(prf(found_d, wanted_d))
    for s, e, edtf in sorted(found_d ^ wanted_d):
        verdict = "not in gold" if (s, e, edtf) in found_d else "missed"
        into.errors.append(f"{name}: date {text[s:e]!r} {edtf} {verdict}")
    found_r = {(c.type, _end(c.subject), _end(c.object)): c for c in reading.relations}
    gold_r = {(r["type"], _end(r["subject"]), _end(r["object"])): r for r in gold["relations"]}
    sentence_r = {key for key, r in gold_r.items() if r.get("scope", "sentence") == "sentence"}
    hits = set(found_r) & set(gold_r)
    into.relations.add(Counts(len(hits & sentence_r), len(found_r), len(sentence_r)))
    into.relations_all.add(Counts(len(hits), len(found_r), len(gold_r)))
    for key in hits:
        candidate = found_r[key]
        if any(candidate.evidence_start < e and s < candidate.evidence_end for s, e in gold_r[key]["evidence"]):
            into.evidence_hits += key in sentence_r
    for key in sorted(set(found_r) - set(gold_r)):
        into.errors.append(f"{name}: relation {key} (not in gold)")
    for key in sorted(set(gold_r) - set(found_r)):
        into.errors.append(f"{name}: relation {key} missed ({gold_r[key].get('scope', 'sentence')})")


def evaluate(graph: TemporalGraph, gold: Gold, gazetteer: Gazetteer | None = None) -> dict[str, Scores]:
    """Read every article of ``gold`` and score it; language (and "language split") -> scores."""
    gazetteer = gazetteer or Gazetteer(graph)
    scores: dict[str, Scores] = {}
    for entry in gold.articles:
        article = read_article(gold.folder / entry["file"])
        published = PartialDate.parse(entry["published"]) if entry.get("published") else None
        reading = read(graph, article, entry["lang"], published, gazetteer)
        keys = [entry["lang"]] + ([f"{entry['lang']} {entry['split']}"] if entry.get("split") else [])
        for key in keys:
            into = scores.setdefault(key, Scores())
            into.articles += 1
            score_reading(reading, entry, into)
    return dict(sorted(scores.items()))


def format_scores(scores: dict[str, Scores], errors: bool = True) -> str:
    """A Markdown table of the scores per language (then the errors, one a line)."""
    lines = [
        "| lang | articles | linking P | linking R | dates P | dates R | dates F1 | relations P | relations R"
        " | relations R (incl. discourse) | evidence accuracy |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for lang, s in scores.items():
        lines.append(
            f"| {lang} | {s.articles} | {s.linking.precision:.2f} ({s.linking.hits}/{s.linking.found})"
            f" | {s.linking.recall:.2f} ({s.linking.hits}/{s.linking.wanted})"
            f" | {s.dates.precision:.2f} | {s.dates.recall:.2f} | {s.dates.f1:.2f}"
            f" | {s.relations_all.precision:.2f} ({s.relations_all.hits}/{s.relations_all.found})"
            f" | {s.relations.recall:.2f} ({s.relations.hits}/{s.relations.wanted})"
            f" | {s.relations_all.recall:.2f} ({s.relations_all.hits}/{s.relations_all.wanted})"
            f" | {s.evidence_accuracy:.2f} |")
    if errors:
        for lang, s in scores.items():
            if " " not in lang:  # a split's errors are its language's too
                lines.extend(f"- {lang}: {e}" for e in s.errors)
    return "\n".join(lines)
