"""An accepted article proposal, once applied, is in Neo4j after a load, with the article as its source."""

from __future__ import annotations

from pathlib import Path

import pytest

from jkg.graph.engine.dates import PartialDate
from jkg.graph.imports.articles.proposals import KIND, ArticleMeta, apply_judgements, propose
from jkg.graph.imports.articles.report import read
from jkg.graph.imports.articles.text import read_article
from jkg.graph.imports.review import ReviewQueue
from jkg.graph.neo4j.load import load
from jkg.graph.neo4j.store import Neo4jStore
from jkg.graph.pipeline import load_graph
from jkg.graph.store import EmbeddedStore
from tests.conftest import SEED

pytestmark = pytest.mark.neo4j

ARTICLE = Path(__file__).parent / "corpus" / "fr-liberte-2020-06-05-droukdel.txt"


def test_an_accepted_proposal_is_in_neo4j_after_a_load(neo4j_store: Neo4jStore, embedded_store: EmbeddedStore,
                                                      tmp_path: Path) -> None:
    graph = embedded_store.graph
    reading = read(graph, read_article(ARTICLE), "fr", PartialDate.parse("2020-06-05"))
    queue = ReviewQueue(tmp_path / "review")
    propose(queue, graph, [reading], {reading.article.name: ArticleMeta(
        url="https://djazairess.com/fr/liberte/439726", outlet="Liberté", published="2020-06-05")})
    killed = next(p for p in queue.pending(KIND) if p.payload["relation"]["type"] == "killedIn")
    queue.judge(killed.id, "positive", who="analyst", reason="matches the graph")
    out = tmp_path / "articles"
    apply_judgements(queue, out, [SEED])
    load(neo4j_store.driver, load_graph([SEED, out], prepare=False), replace=True)
    try:
        detail = neo4j_store.source("article-fr-liberte-2020-06-05-droukdel")
        assert detail.url == "https://djazairess.com/fr/liberte/439726"
        assert [(r.type, r.subject.id, r.object.id) for r in detail.relations] == [
            ("killedIn", "abdelmalek-droukdel", "killing-droukdel-2020-06-03")]
    finally:  # the other Neo4j tests expect the seed data alone
        load(neo4j_store.driver, graph, replace=True)
