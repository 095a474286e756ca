"""Proposals into the shared review queue; an accepted one written as seed data that validates, citing the
article; a rejected one never proposed again."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from jkg.graph.engine.dates import PartialDate
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exceptions import BadParameterError
from jkg.graph.imports.articles.mentions import Gazetteer
from jkg.graph.imports.articles.proposals import (
    GENERATED,
    KIND,
    ArticleMeta,
    apply_judgements,
    edit_proposal,
    propose,
)
from jkg.graph.imports.articles.report import Reading, read
from jkg.graph.imports.articles.text import read_article
from jkg.graph.imports.review import ReviewQueue
from jkg.graph.pipeline import load_graph
from tests.conftest import SEED

CORPUS = Path(__file__).parent / "corpus"
META = ArticleMeta(url="https://information.tv5monde.com/afrique/x-7564", outlet="TV5Monde", published="2020-06")


def _reading(graph: TemporalGraph, gazetteer: Gazetteer, name: str, published: str, lang: str) -> Reading:
    return read(graph, read_article(CORPUS / name), lang, PartialDate.parse(published), gazetteer)


def test_an_accepted_proposal_becomes_seed_data_citing_the_article(graph: TemporalGraph, gazetteer: Gazetteer,
                                                                   tmp_path: Path) -> None:
    queue = ReviewQueue(tmp_path / "review")
    reading = _reading(graph, gazetteer, "fr-tv5monde-2020-06-droukdal.txt", "2020-06", "fr")
    assert propose(queue, graph, [reading], {reading.article.name: META}) == len(reading.relations)
    pending = {p.payload["relation"]["type"]: p for p in queue.pending(KIND)}
    killed = pending["killedIn"]
    assert killed.entity == "abdelmalek-droukdel"
    assert killed.payload["versus"] == "conflicts" and killed.payload["conflict"] == "date"
    assert killed.payload["sentence"].startswith("Abdelmalek Droukdal, chef historique")
    assert killed.payload["mentions"][0][2] == "abdelmalek-droukdel"
    assert any(f["type"] == "killedIn" for f in killed.payload["graph_facts"])

    queue.judge(killed.id, "positive", who="analyst", reason="TV5 says 4 June")
    queue.judge(pending["perpetratorOf"].id, "negative", who="analyst", reason="same fact, already sourced")
    out = tmp_path / "articles"
    # 4 June is after the death the graph holds (3 June): the file would not validate, and nothing is written
    with pytest.raises(BadParameterError, match="after its subject 'abdelmalek-droukdel' ended"):
        apply_judgements(queue, out, [SEED])
    assert list(out.glob("*.yaml")) == []
    # the analyst edits the date to the one the other sources give, and accepts again
    queue.undo(killed.id, who="analyst", reason="to edit")
    edit_proposal(queue, killed.id, {"date": "2020-06-03"})
    queue.judge(killed.id, "positive", who="analyst", reason="TV5 confirms the killing; its date is a day late")
    [written] = apply_judgements(queue, out, [SEED])
    text = written.read_text(encoding="utf-8")
    assert text.startswith(GENERATED)
    data = yaml.safe_load(text)
    [source] = data["sources"]
    assert source["url"] == META.url and source["publisher"] == "TV5Monde" and str(source["date"]) == "2020-06"
    assert reading.article.sha256 in source["note"]
    [relation] = data["relations"]
    assert (relation["type"], relation["object"], str(relation["start"])) == (
        "killedIn", "killing-droukdel-2020-06-03", "2020-06-03")

    # it validates like any other file, and the graph then holds it with the article as its source
    built = load_graph([SEED, out], prepare=False)
    assert built.relations[relation["id"]].sources == (source["id"],)
    assert built.sources[source["id"]].url == META.url

    # the rejected proposal never returns; the accepted one stays
    propose(queue, graph, [reading], {reading.article.name: META})
    types = {p.payload["relation"]["type"] for p in queue.proposals(KIND)}
    assert "perpetratorOf" not in types and "killedIn" in types

    # undoing the acceptance and applying again removes the file
    queue.undo(killed.id, who="analyst", reason="judged too fast")
    assert apply_judgements(queue, out, [SEED]) == [] and not written.exists()


def test_proposing_an_article_keeps_the_other_articles_proposals(graph: TemporalGraph, gazetteer: Gazetteer,
                                                                 tmp_path: Path) -> None:
    queue = ReviewQueue(tmp_path)
    first = _reading(graph, gazetteer, "fr-tv5monde-2020-06-droukdal.txt", "2020-06", "fr")
    second = _reading(graph, gazetteer, "fr-dw-2020-02-ag-ghaly.txt", "2020-02", "fr")
    propose(queue, graph, [first], {})
    propose(queue, graph, [second], {})
    assert {p.payload["article"] for p in queue.proposals(KIND)} == {first.article.name, second.article.name}


def test_a_new_event_is_written_with_its_victim(graph: TemporalGraph, gazetteer: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "new-killing.txt"
    path.write_text("Iyad Ag Ghaly was killed by French forces on 2 May 2024 in Mali, officials said.\n",
                    encoding="utf-8")
    reading = read(graph, read_article(path), "en", PartialDate.parse("2024-05-03"), gazetteer)
    queue = ReviewQueue(tmp_path / "review")
    propose(queue, graph, [reading], {reading.article.name: ArticleMeta(outlet="Test", published="2024-05-03")})
    for proposal in queue.pending(KIND):
        queue.judge(proposal.id, "positive", who="analyst")
    out = tmp_path / "out"
    apply_judgements(queue, out, [SEED])
    built = load_graph([SEED, out], prepare=False)
    event = built.entities["killing-iyad-ag-ghaly-2024-05-02"]
    assert event.type == "Killing" and event.start is not None and event.start.text == "2024-05-02"
