"""The UN list import on the fixtures (tests/graph/imports/fixtures: test data, not facts): every link
right, every weak-only match a review, hostile XML refused with nothing written, a byte-stable report,
negative judgements never proposed again, apply then validate, undo then apply removes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from jkg.graph.exceptions import BadParameterError
from jkg.graph.imports.review import ReviewQueue
from jkg.graph.imports.un_sc.records import HostileXmlError, read_un_list
from jkg.graph.imports.un_sc.run import import_un_sc
from jkg.graph.pipeline import DEFAULT_DATA, load_graph

FIXTURES = Path(__file__).parent / "fixtures"
LIST = FIXTURES / "un-sc-consolidated.xml"

LINKS = {"QDi.232": "abdelmalek-droukdel", "QDi.136": "mokhtar-belmokhtar", "QDe.014": "aqim"}
REVIEWS = {"QDi.901": "mokhtar-belmokhtar",  # a Low alias only
           "QDi.902": "abdelmalek-droukdel",  # a one-word name
           "QDi.903": "hassan-hattab",  # a seed weakAlias
           "QDe.901": "mujao"}  # an f.k.a. name
NEW = {"QDi.904", "QDe.902"}
OUT = {"QDi.905", "QDe.903", "CDi.901"}


def run(tmp: Path, **options: object) -> tuple[dict[str, dict[str, object]], ReviewQueue]:
    queue = options.pop("queue", None) or ReviewQueue(tmp / "review")
    import_un_sc(LIST, tmp / "report.jsonl", queue=queue, **options)  # type: ignore[arg-type]
    lines = [json.loads(line) for line in (tmp / "report.jsonl").read_text(encoding="utf-8").splitlines()]
    return {line["un_ref"]: line for line in lines}, queue


def test_every_decision_on_the_fixtures(tmp_path: Path) -> None:
    report, _ = run(tmp_path)
    assert {ref for ref, line in report.items() if line["decision"] == "link"} == set(LINKS)
    for ref, entity in LINKS.items():
        assert report[ref]["entity_id"] == entity and report[ref]["score"] == 1.0
    for ref, entity in REVIEWS.items():
        line = report[ref]
        assert line["decision"] == "review" and line["entity_id"] is None, line
        assert entity in [c["entity_id"] for c in line["candidates"]]  # type: ignore[union-attr]
    assert {ref for ref, line in report.items() if line["decision"] == "new"} == NEW
    assert {ref for ref, line in report.items() if line["decision"] == "out-of-scope"} == OUT
    assert "nationality and address do not count" in str(report["QDi.905"]["rule"])
    assert "QDi.906" not in report  # fails the structure: set aside, listed, not looked at


def test_without_identifiers_names_and_narrative_still_link_right(tmp_path: Path) -> None:
    report, queue = run(tmp_path, ignore_identifiers=True)
    assert {ref: line["entity_id"] for ref, line in report.items() if line["decision"] == "link"} == LINKS
    assert all(report[ref]["decision"] == "review" for ref in REVIEWS)
    assert queue.proposals() == []  # a measurement: nothing proposed
    with pytest.raises(BadParameterError):
        run(tmp_path, ignore_identifiers=True, apply_to=tmp_path / "un-sc.yaml")


def test_the_report_has_the_issue_format_and_is_byte_stable(tmp_path: Path) -> None:
    run(tmp_path)
    first = (tmp_path / "report.jsonl").read_bytes()
    run(tmp_path)
    assert (tmp_path / "report.jsonl").read_bytes() == first
    line = json.loads(first.splitlines()[0])
    assert list(line) == ["un_ref", "dataid", "schema", "decision", "entity_id", "score", "candidates", "rule"]
    for candidate in (c for raw in first.splitlines() for c in json.loads(raw)["candidates"]):
        assert list(candidate) == ["entity_id", "score", "un_name", "un_quality", "seed_name", "seed_kind"]
        assert 0.0 <= candidate["score"] <= 1.0


def test_the_records_oddities_are_read() -> None:
    un = read_un_list(LIST)
    droukdel = next(r for r in un.records if r.ref == "QDi.232")
    texts = {n.text: (n.quality, n.kind, n.script) for n in droukdel.names}
    assert texts["أبو مصعب عبد الودود"] == ("Good", "alias", "Arab")  # packed with ';', Arabic in parentheses
    assert texts["Abdelmalek Droukdal"] == ("Good", "alias", None)
    assert texts["Abdelmalek"] == ("Low", "weakAlias", None)
    assert droukdel.empty_aliases == 1 and droukdel.cited == ("QDe.014",)
    aqim = next(r for r in un.records if r.ref == "QDe.014")
    assert ("AQMI", "acronym") in {(n.text, n.kind) for n in aqim.names}
    assert ("Salafist Group for Call and Combat", "formerName") in {(n.text, n.kind) for n in aqim.names}
    [broken] = un.invalid
    assert broken.ref == "QDi.906" and "LISTED_ON" in str(broken) and "TYPE_OF_DATE" in str(broken)


@pytest.mark.parametrize("name", ["xxe.xml", "billion-laughs.xml"])
def test_hostile_xml_is_refused_and_nothing_is_written(tmp_path: Path, name: str) -> None:
    with pytest.raises(HostileXmlError, match="DOCTYPE"):
        import_un_sc(FIXTURES / name, tmp_path / "report.jsonl", queue=ReviewQueue(tmp_path / "review"),
                     apply_to=tmp_path / "un-sc.yaml")
    assert list(tmp_path.iterdir()) == []


def test_a_negative_judgement_is_never_proposed_again_and_splits_a_link(tmp_path: Path) -> None:
    _, queue = run(tmp_path)
    assert "un-sc:QDi.901:mokhtar-belmokhtar" in [p.id for p in queue.pending()]
    queue.judge("un-sc:QDi.901:mokhtar-belmokhtar", "negative", who="test")
    queue.judge("un-sc:QDi.232:abdelmalek-droukdel", "negative", who="test", reason="split")
    report, queue = run(tmp_path, queue=queue)
    assert "un-sc:QDi.901:mokhtar-belmokhtar" not in [p.id for p in queue.proposals()]
    assert report["QDi.232"]["decision"] != "link"
    assert "abdelmalek-droukdel" not in [c["entity_id"] for c in report["QDi.232"]["candidates"]]  # type: ignore


def test_apply_validates_with_the_seed_and_undo_removes_what_it_added(tmp_path: Path) -> None:
    out = tmp_path / "imports" / "un-sc.yaml"
    _, queue = run(tmp_path, apply_to=out)
    first = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert {s["id"] for s in first["sources"]} == {"un-sc-list-qdi-232", "un-sc-list-qdi-136", "un-sc-list-qde-014"}
    queue.judge("un-sc:QDi.904:+new", "positive", who="test")
    run(tmp_path, queue=queue, apply_to=out)
    graph = load_graph([DEFAULT_DATA, out], prepare=False)  # validates, SHACL included
    person = graph.entities["sidi-fixtureman-ould"]
    assert ("un_sanctions", "QDi.904") in person.identifiers and person.name == "Sidi Fixtureman Ould"
    designation = graph.entities["designation-un-sc-qdi-904-2018-02-20"]
    assert str(designation.start) == "2018-02-20"
    assert any(r.type == "designatedIn" and r.subject == "sidi-fixtureman-ould" for r in graph.edges(designation.id))
    # AQIM was listed in 2001 under the GSPC's name: the listing goes to its predecessor
    assert any(r.subject == "gspc" for r in graph.edges("designation-un-sc-qde-014-2001-10-06"))
    queue.undo("un-sc:QDi.904:+new", who="test")
    run(tmp_path, queue=queue, apply_to=out)
    assert out.read_text(encoding="utf-8").count("QDi.904") == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8")) == first


def test_a_new_entity_whose_name_another_holds_is_refused_naming_both(tmp_path: Path) -> None:
    out = tmp_path / "un-sc.yaml"
    _, queue = run(tmp_path)
    queue.judge("un-sc:QDe.901:mujao", "negative", who="test")  # its f.k.a. name is MUJAO's, but it is not MUJAO
    report, queue = run(tmp_path, queue=queue)
    assert report["QDe.901"]["decision"] == "new"
    queue.judge("un-sc:QDe.901:+new", "positive", who="test")
    result = import_un_sc(LIST, tmp_path / "report.jsonl", queue=queue, apply_to=out)
    assert result.applied is not None
    [refused] = result.applied.refused
    assert "QDe.901" in refused and "'mujao'" in refused and "Movement for Oneness and Jihad in West Africa" in refused


def test_apply_amends_a_linked_entity_with_the_un_names_and_reference(tmp_path: Path) -> None:
    out = tmp_path / "imports" / "un-sc.yaml"
    _, queue = run(tmp_path, apply_to=out)
    queue.judge("un-sc:QDi.903:hassan-hattab", "positive", who="test")  # a review, judged: the same man
    result = import_un_sc(LIST, tmp_path / "report.jsonl", queue=queue, apply_to=out)
    assert result.applied is not None and result.applied.refused == []
    assert result.applied.amended["hassan-hattab"] == ["identifier un_sanctions: QDi.903",
                                                       "Omar Fixture-Hamzaoui (alias)"]
    amendments = {a["entity"]: a for a in yaml.safe_load(out.read_text(encoding="utf-8"))["amendments"]}
    assert set(amendments) == {"aqim", "mokhtar-belmokhtar", "abdelmalek-droukdel", "hassan-hattab"}
    assert "identifiers" not in amendments["abdelmalek-droukdel"]  # the seed holds QDi.232 already
    graph = load_graph([DEFAULT_DATA, out], prepare=False)  # validates, SHACL included
    un = "un-sc-list-qdi-903"
    hattab = graph.entities["hassan-hattab"]
    assert ("un_sanctions", "QDi.903") in hattab.identifiers and un in hattab.sources
    names = {n.text: n for n in hattab.names}
    assert (names["Omar Fixture-Hamzaoui"].kind, names["Omar Fixture-Hamzaoui"].sources) == ("alias", (un,))
    assert names["Abou Hamza"].kind == "weakAlias" and un in names["Abou Hamza"].sources  # the seed's, now cited
    assert hattab.name == "Hassan Hattab"
    droukdel = {n.text: n for n in graph.entities["abdelmalek-droukdel"].names}
    assert droukdel["Abdelmalek"].kind == "weakAlias"  # a Low alias
    assert (droukdel["أبو مصعب عبد الودود"].kind, droukdel["أبو مصعب عبد الودود"].script) == ("alias", "Arab")
    assert "un-sc-list-qdi-232" in droukdel["Abdelmalek Droukdel"].sources  # the preferred name, cited by the UN
    aqim = {n.text for n in graph.entities["aqim"].names}
    assert "AQMI" in aqim and "GSPC" not in aqim  # its f.k.a. names are the GSPC's, which it succeeds
    assert any(r.type == "designatedIn" and r.subject == "hassan-hattab"
               for r in graph.edges("designation-un-sc-qdi-903-2012-01-01"))
    queue.undo("un-sc:QDi.903:hassan-hattab", who="test")
    run(tmp_path, queue=queue, apply_to=out)
    assert "hassan-hattab" not in out.read_text(encoding="utf-8")
    hattab = load_graph([DEFAULT_DATA, out], prepare=False, checks="python").entities["hassan-hattab"]
    assert hattab.identifiers == () and "Omar Fixture-Hamzaoui" not in {n.text for n in hattab.names}


def test_an_entity_with_another_un_reference_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "un-sc.yaml"
    _, queue = run(tmp_path)
    queue.judge("un-sc:QDi.902:abdelmalek-droukdel", "positive", who="test")  # he is QDi.232
    result = import_un_sc(LIST, tmp_path / "report.jsonl", queue=queue, apply_to=out)
    assert result.applied is not None
    [refused] = result.applied.refused
    assert refused.startswith("QDi.902: 'abdelmalek-droukdel' is already QDi.232")
    assert "QDi.902" not in out.read_text(encoding="utf-8")
    load_graph([DEFAULT_DATA, out], prepare=False, checks="python")
