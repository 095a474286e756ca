"""The report: its format, byte for byte, and the same bytes for the same input."""

from __future__ import annotations

import json
from pathlib import Path

from jkg.graph.engine.dates import PartialDate
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.imports.articles.mentions import Gazetteer
from jkg.graph.imports.articles.report import read, report_line
from jkg.graph.imports.articles.text import read_article, sentences

CORPUS = Path(__file__).parent / "corpus"


def test_the_report_line_has_the_documented_keys_in_order(graph: TemporalGraph, gazetteer: Gazetteer) -> None:
    article = read_article(CORPUS / "fr-tv5monde-2020-06-droukdal.txt")
    line = report_line(read(graph, article, "fr", PartialDate.parse("2020-06"), gazetteer))
    assert line.endswith("\n") and line.count("\n") == 1
    data = json.loads(line)
    assert list(data) == ["article", "mentions", "dates", "relations"]
    assert data["article"] == "fr-tv5monde-2020-06-droukdal"
    assert all(list(m) == ["start", "end", "entity_id", "score"] for m in data["mentions"])
    assert all(list(d) == ["start", "end", "edtf"] for d in data["dates"])
    assert all(list(r) == ["type", "subject", "object", "date", "evidence_start", "evidence_end", "score", "status",
                           "versus", "graph", "conflict"] for r in data["relations"])
    # offsets are Python string indices into the text as read
    text = article.text
    assert [text[m["start"]:m["end"]] for m in data["mentions"]][:2] == ["Abdelmalek Droukdal", "Maghreb"]
    assert [(text[d["start"]:d["end"]], d["edtf"]) for d in data["dates"]] == [("4 juin", "2020-06-04")]
    killed = next(r for r in data["relations"] if r["type"] == "killedIn")
    assert (killed["versus"], killed["conflict"]) == ("conflicts", "date")
    assert (killed["evidence_start"], killed["evidence_end"]) == (sentences(text)[0].start, sentences(text)[0].end)
    # no spaces after separators, non-ASCII kept as is
    assert ", " not in line.split('"mentions"')[0] and '"entity_id":"abdelmalek-droukdel"' in line


def test_the_same_input_gives_the_same_bytes(graph: TemporalGraph) -> None:
    lines = []
    for _ in range(2):
        gazetteer = Gazetteer(graph)  # a fresh index each time: nothing carried over
        lines.append("".join(report_line(read(graph, read_article(path), None, None, gazetteer))
                             for path in sorted(CORPUS.glob("*.txt"))))
    assert lines[0] == lines[1]
    assert lines[0].count("\n") == len(list(CORPUS.glob("*.txt")))
