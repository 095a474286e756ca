"""Candidate relations from sentence cues, checked against the ontology and compared with the graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from jkg.graph.engine.dates import PartialDate
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.imports.articles import cues as cues_module
from jkg.graph.imports.articles.cues import load_cues
from jkg.graph.imports.articles.mentions import Gazetteer
from jkg.graph.imports.articles.relations import Candidate
from jkg.graph.imports.articles.report import read
from jkg.graph.imports.articles.text import Article
from jkg.ontology.schema import Schema


def _relations(graph: TemporalGraph, gazetteer: Gazetteer, text: str, lang: str,
               published: str | None = None) -> list[Candidate]:
    article = Article("t", text, "0" * 64)
    return read(graph, article, lang, PartialDate.parse(published) if published else None, gazetteer).relations


def _keys(found: list[Candidate]) -> list[tuple[str, str, str, str | None, str, str]]:
    return [(c.type, c.subject, c.object, c.date, c.status, c.versus) for c in found]


def test_a_killing_matches_the_graphs_event_by_victim_and_date(graph: TemporalGraph, gazetteer: Gazetteer) -> None:
    text = "Le 3 juin 2020, l'armée française a tué Abdelmalek Droukdel au Mali."
    found = _relations(graph, gazetteer, text, "fr")
    assert ("killedIn", "abdelmalek-droukdel", "killing-droukdel-2020-06-03", "2020-06-03", "reported",
            "confirms") in _keys(found)
    assert ("perpetratorOf", "french-armed-forces", "killing-droukdel-2020-06-03", "2020-06-03", "reported",
            "confirms") in _keys(found)


def test_an_incompatible_date_is_a_conflict_with_the_graph(graph: TemporalGraph, gazetteer: Gazetteer) -> None:
    text = "Abdelmalek Droukdel a été tué par l'armée française le 4 juin 2020."
    killed = [c for c in _relations(graph, gazetteer, text, "fr") if c.type == "killedIn"]
    assert [(c.object, c.versus, c.conflict, c.date) for c in killed] == [
        ("killing-droukdel-2020-06-03", "conflicts", "date", "2020-06-04")]
    assert killed[0].graph == "killedIn--abdelmalek-droukdel--killing-droukdel-2020-06-03--2020-06-03"


def test_a_killing_the_graph_lacks_is_a_new_event(graph: TemporalGraph, gazetteer: Gazetteer) -> None:
    text = "Iyad Ag Ghaly was killed on 2 May 2024."
    found = _relations(graph, gazetteer, text, "en")
    assert _keys(found) == [("killedIn", "iyad-ag-ghaly", "new:killing-iyad-ag-ghaly-2024-05-02", "2024-05-02",
                             "reported", "adds")]
    assert found[0].new_class == "Killing"


def test_succession_merger_and_pledge(graph: TemporalGraph, gazetteer: Gazetteer) -> None:
    text = ("Abu Ubaida Yusuf al-Annabi was named as Abdelmalek Droukdel's successor. "
            "Le 2 mars 2017, Ansar Dine fusionne et devient le GSIM. ")
    keys = _keys(_relations(graph, gazetteer, text, "en"))
    assert ("succeeded", "abu-ubaydah-yusuf-al-annabi", "abdelmalek-droukdel", None, "reported", "confirms") in keys
    french = _keys(_relations(graph, gazetteer, "Le 2 mars 2017, Ansar Dine fusionne et devient le GSIM.", "fr"))
    assert french == [("mergedInto", "ansar-dine", "jnim", "2017-03-02", "reported", "confirms")]
    pledge = _keys(_relations(graph, gazetteer, "Adnan Abu Walid al-Sahrawi pledged allegiance to Abu Bakr"
                                                " al-Baghdadi on 13 May 2015.", "en"))
    assert pledge == [("pledgedAllegianceTo", "adnan-abu-walid-al-sahrawi", "abu-bakr-al-baghdadi", "2015-05-13",
                       "reported", "adds")]


def test_status_from_the_wording(graph: TemporalGraph, gazetteer: Gazetteer) -> None:
    denied = _relations(graph, gazetteer, "AQIM denied that Abdelmalek Droukdel was killed on 3 June 2020.", "en")
    assert [(c.type, c.status, c.versus, c.conflict) for c in denied] == [("killedIn", "refuted", "conflicts",
                                                                          "status")]
    claimed = _relations(graph, gazetteer, "JNIM claimed it killed Amadou Kouffa.", "en")
    assert [(c.type, c.subject, c.status) for c in claimed] == [("killedIn", "amadou-kouffa", "claimed"),
                                                                ("perpetratorOf", "jnim", "claimed")]


def test_roles_are_checked_against_the_ontology(graph: TemporalGraph, gazetteer: Gazetteer) -> None:
    # a country cannot be the victim of a killing nor lead a group
    assert _relations(graph, gazetteer, "Mali was killed. The leader of AQIM, Mali.", "en") == []


def test_the_cue_file_refuses_a_name_the_ontology_lacks(schema: Schema, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "cues.yaml"
    bad.write_text(cues_module.CUES_PATH.read_text(encoding="utf-8").replace("relation: killedIn",
                                                                            "relation: slainIn"), encoding="utf-8")
    monkeypatch.setattr(cues_module, "CUES_PATH", bad)
    cues_module._raw.cache_clear()
    try:
        with pytest.raises(ValueError, match="slainIn"):
            load_cues(schema, "en")
    finally:
        cues_module._raw.cache_clear()
