"""The evaluation code, on a tiny hand-made case; and the gold file's consistency with the corpus and the graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exceptions import BadParameterError
from jkg.graph.imports.articles.dates import DateMention
from jkg.graph.imports.articles.evaluate import Scores, prf, read_gold, score_reading
from jkg.graph.imports.articles.mentions import Mention
from jkg.graph.imports.articles.relations import Candidate
from jkg.graph.imports.articles.report import Reading
from jkg.graph.imports.articles.text import Article, Sentence

GOLD = Path(__file__).parent / "corpus" / "gold.json"


def test_prf_counts_sets() -> None:
    counts = prf([1, 2, 3, 3], [2, 3, 4, 5])
    assert (counts.hits, counts.found, counts.wanted) == (2, 3, 4)
    assert counts.precision == pytest.approx(2 / 3) and counts.recall == 0.5
    assert counts.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    empty = prf([], [])
    assert (empty.precision, empty.recall) == (1.0, 1.0)


def _candidate(rtype: str, subject: str, obj: str, start: int, end: int) -> Candidate:
    return Candidate(rtype, subject, obj, None, start, end, 0.8, "reported", "adds")


def test_scoring_a_tiny_hand_made_case() -> None:
    text = "Ann led Bgroup. Bgroup merged into Cgroup."
    reading = Reading(
        article=Article("tiny", text, "0" * 64), lang="en", published=None,
        sentences=[Sentence(0, 15), Sentence(16, 42)],
        mentions=[Mention(0, 3, "ann", 1.0, "name"), Mention(8, 14, "bgroup", 1.0, "name"),
                  Mention(16, 22, "wrong", 1.0, "name"), Mention(35, 41, None, 0.5, "weak")],
        dates=[DateMention(0, 3, "2020")],
        relations=[_candidate("leaderOf", "ann", "bgroup", 0, 15), _candidate("mergedInto", "bgroup", "new:x", 16, 42),
                   _candidate("memberOf", "ann", "bgroup", 0, 15)],
    )
    gold = {
        "mentions": [{"start": 0, "end": 3, "entity_id": "ann"}, {"start": 8, "end": 14, "entity_id": "bgroup"},
                     {"start": 16, "end": 22, "entity_id": "bgroup"}, {"start": 35, "end": 41, "entity_id": None}],
        "dates": [{"start": 0, "end": 3, "edtf": "2020"}, {"start": 30, "end": 34, "edtf": "2019"}],
        "relations": [
            {"type": "leaderOf", "subject": "ann", "object": "bgroup", "evidence": [[16, 42]], "scope": "sentence"},
            {"type": "mergedInto", "subject": "bgroup", "object": "new:y", "evidence": [[16, 42]],
             "scope": "discourse"},
            {"type": "foundedBy", "subject": "x", "object": "y", "evidence": [[0, 15]], "scope": "sentence"},
        ],
    }
    scores = Scores()
    score_reading(reading, gold, scores)
    assert (scores.linking.hits, scores.linking.found, scores.linking.wanted) == (2, 3, 3)
    assert (scores.dates.hits, scores.dates.found, scores.dates.wanted) == (1, 1, 2)
    # 2 of 3 proposed are right (a new end matches a new end); 1 of the 2 sentence-scope gold relations found
    assert scores.relations_precision == pytest.approx(2 / 3)
    assert (scores.relations.hits, scores.relations.wanted) == (1, 2)
    assert (scores.relations_all.hits, scores.relations_all.wanted) == (2, 3)
    # the leaderOf hit cites the first sentence, the gold the second: evidence wrong
    assert scores.evidence_accuracy == 0.0
    assert any("'Bgroup' -> wrong (not in gold)" in e for e in scores.errors)


def test_a_bad_gold_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "gold.json"
    bad.write_text('{"articles": [{"file": "x.txt"}]}', encoding="utf-8")
    with pytest.raises(BadParameterError, match="not a gold file"):
        read_gold(bad)


def test_the_gold_file_matches_the_corpus_the_graph_and_the_ontology(graph: TemporalGraph) -> None:
    gold = read_gold(GOLD)
    langs = [a["lang"] for a in gold.articles]
    assert langs.count("en") >= 3 and langs.count("fr") >= 2
    provenance = (GOLD.parent / "PROVENANCE.md").read_text(encoding="utf-8")
    for article in gold.articles:
        text = (gold.folder / article["file"]).read_text(encoding="utf-8")
        assert article["file"] in provenance and article["url"] in provenance
        for item in article["mentions"] + article["dates"]:
            assert text[item["start"]:item["end"]] == item["text"], (article["file"], item)
        for mention in article["mentions"]:
            assert mention["entity_id"] is None or mention["entity_id"] in graph.entities, mention
        for rel in article["relations"]:
            ends = [graph.entities[e].type for e in (rel["subject"], rel["object"]) if not e.startswith("new:")]
            assert len(ends) == 2 and graph.schema.allows(rel["type"], *ends), rel
            assert rel["scope"] in ("sentence", "discourse")
    json.loads(GOLD.read_text(encoding="utf-8"))
