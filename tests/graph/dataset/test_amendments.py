"""Amendments: a file adds names and identifiers to an entity another file defines. Merged when
read, whatever the order of files; refused, with file, line and entry, when they amend nothing,
collide with another entity's name, cite no source or contradict an identifier."""

from __future__ import annotations

from pathlib import Path

import pytest

from jkg.graph.dataset.files import read_dataset
from jkg.graph.dataset.validate import validate
from jkg.graph.exceptions import Problem
from jkg.graph.pipeline import load_graph
from jkg.graph.queries.entities import search_entities

BASE = """\
sources:
  - {id: src-a, publisher: Example Monitor, date: 2019-06}
  - {id: un-1, publisher: United Nations Security Council, date: 2020-01}
  - {id: un-2, publisher: United Nations Security Council, date: 2021-01}
entities:
  - id: leader-a
    type: Person
    names:
      - {text: Leader A, kind: preferred, sources: [src-a]}
      - {text: Abu Leader, kind: kunya, sources: [src-a]}
    sources: [src-a]
  - id: group-b
    type: MilitantGroup
    names: [{text: Group B, kind: preferred, sources: [src-a]}]
    sources: [src-a]
"""

AMEND = """\
amendments:
  - entity: leader-a
    identifiers: {un_sanctions: QDi.901}
    sources: [un-1]
    names:
      - {text: Abu Leader, kind: kunya, sources: [un-1]}
      - {text: Leadr Ay, kind: transliteration, sources: [un-1]}
      - {text: Ahmed, kind: weakAlias, sources: [un-1]}
      - {text: Old Leader Name, kind: formerName, sources: [un-1]}
      - {text: أبو القائد, kind: alias, lang: ar, script: Arab, sources: [un-1]}
"""

MORE = """\
amendments:
  - entity: leader-a
    sources: [un-2]
    names:
      - {text: Ahmed, kind: weakAlias, sources: [un-2]}
      - {text: Abu Leader, kind: kunya, sources: [un-2]}
"""


def write(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name.replace("_", ".")).write_text(text, encoding="utf-8")
    return folder


def problems(folder: Path, code: str) -> list[Problem]:
    return [p for p in validate([folder], root=folder).problems if p.code == code]


def test_an_amendment_merges_names_identifiers_and_sources(tmp_path: Path) -> None:
    folder = write(tmp_path, base_yaml=BASE, un_yaml=AMEND)
    report = validate([folder], root=folder)
    assert report.problems == []
    leader = {e.id: e for e in report.data.entities}["leader-a"]
    assert [(n.text, n.kind, n.sources) for n in leader.names] == [
        ("Leader A", "preferred", ("src-a",)),
        ("Abu Leader", "kunya", ("src-a", "un-1")),  # the name it had gains the UN source
        ("Ahmed", "weakAlias", ("un-1",)),
        ("Leadr Ay", "transliteration", ("un-1",)),
        ("Old Leader Name", "formerName", ("un-1",)),
        ("أبو القائد", "alias", ("un-1",)),
    ]
    assert leader.names[-1].script == "Arab" and leader.name == "Leader A"
    assert leader.identifiers == (("un_sanctions", "QDi.901"),) and leader.sources == ("src-a", "un-1")
    assert leader.location is not None and leader.location.file == "base.yaml"


def test_everything_downstream_sees_the_merged_entity(tmp_path: Path) -> None:
    folder = write(tmp_path, base_yaml=BASE, un_yaml=AMEND)
    graph = load_graph([folder], prepare=False)  # SHACL included
    assert ("un_sanctions", "QDi.901") in graph.entities["leader-a"].identifiers
    assert [hit.id for hit in search_entities(graph, "Old Leader Name")][:1] == ["leader-a"]


def test_the_merge_does_not_depend_on_the_order_of_files(tmp_path: Path) -> None:
    one = write(tmp_path / "one", base_yaml=BASE, a_yaml=AMEND, z_yaml=MORE)
    two = write(tmp_path / "two", base_yaml=BASE, a_yaml=MORE, z_yaml=AMEND)
    first, problems_one = read_dataset([one])
    second, problems_two = read_dataset([two])
    assert problems_one == problems_two == []
    [a] = [e for e in first.entities if e.id == "leader-a"]
    [b] = [e for e in second.entities if e.id == "leader-a"]
    assert a == b and a.names == b.names  # the same names, in the same order, with the same sources
    assert dict((n.text, n.sources) for n in a.names)["Ahmed"] == ("un-1", "un-2")
    assert a.sources == ("src-a", "un-1", "un-2")


def test_an_amendment_of_an_unknown_entity_is_refused_naming_file_and_entry(tmp_path: Path) -> None:
    folder = write(tmp_path, base_yaml=BASE, un_yaml=AMEND.replace("entity: leader-a", "entity: leader-aa"))
    [problem] = problems(folder, "unknown-reference")
    assert (problem.file, problem.line, problem.entry) == ("un.yaml", 2, "amendment of leader-aa")
    assert "amends 'leader-aa', which is not a known entity (did you mean 'leader-a'?)" in problem.message


def test_a_name_another_entity_holds_is_refused_naming_both(tmp_path: Path) -> None:
    clash = AMEND.replace("{text: Leadr Ay, kind: transliteration", "{text: GROUP-B, kind: alias")
    folder = write(tmp_path, base_yaml=BASE, un_yaml=clash)
    [problem] = problems(folder, "name-collision")
    assert (problem.file, problem.line, problem.entry) == ("un.yaml", 7, "leader-a")
    assert "name 'GROUP-B' is also a name of 'group-b' ('Group B' at base.yaml:12)" in problem.message
    weak = AMEND.replace("{text: Leadr Ay, kind: transliteration", "{text: GROUP-B, kind: weakAlias")
    assert problems(write(tmp_path / "weak", base_yaml=BASE, un_yaml=weak), "name-collision") == []


def test_a_name_without_a_source_is_refused_where_it_is_written(tmp_path: Path) -> None:
    folder = write(tmp_path, base_yaml=BASE, un_yaml=AMEND.replace("formerName, sources: [un-1]", "formerName"))
    [problem] = problems(folder, "shacl")
    assert (problem.file, problem.line) == ("un.yaml", 9)
    assert "every name cites at least one source" in problem.message


def test_identifiers_without_sources_and_unknown_sources_are_refused(tmp_path: Path) -> None:
    folder = write(tmp_path, base_yaml=BASE, un_yaml=AMEND.replace("    sources: [un-1]\n", "", 1))
    [problem] = problems(folder, "structure")
    assert problem.line == 2 and "the identifiers an amendment adds need its 'sources'" in problem.message
    ghost = write(tmp_path / "ghost", base_yaml=BASE, un_yaml=AMEND.replace("sources: [un-1]\n", "sources: [un-9]\n"))
    [problem] = problems(ghost, "unknown-reference")  # once, where the amendment is: not again at the entity
    assert (problem.file, problem.line, problem.entry) == ("un.yaml", 2, "amendment of leader-a")


@pytest.mark.parametrize(("change", "code", "words"), [
    ("{text: Ahmed, kind: preferred", "structure", "cannot add a 'preferred' name"),
    ("{text: Ahmed, kind: weakAliass", "unknown-term", "unknown name kind 'weakAliass'"),
    ("un_sanctions: QDi.901", "unknown-term", "unknown identifier scheme 'un_sanction'"),
])
def test_the_names_follow_the_rules_of_any_name(tmp_path: Path, change: str, code: str, words: str) -> None:
    text = AMEND.replace("un_sanctions: QDi.901", "un_sanction: QDi.901") if change.startswith("un_") else \
        AMEND.replace("{text: Ahmed, kind: weakAlias", change)
    found = problems(write(tmp_path, base_yaml=BASE, un_yaml=text), code)
    assert any(words in p.message and p.file == "un.yaml" for p in found), found


def test_a_contradicting_identifier_is_refused(tmp_path: Path) -> None:
    other = MORE.replace("    sources: [un-2]\n", "    identifiers: {un_sanctions: QDi.902}\n    sources: [un-2]\n")
    folder = write(tmp_path, base_yaml=BASE, a_yaml=AMEND, z_yaml=other)
    [problem] = problems(folder, "identifier-conflict")
    assert problem.file == "z.yaml" and "un_sanctions 'QDi.902' contradicts 'QDi.901'" in problem.message
