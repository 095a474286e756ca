"""Validation refuses each kind of bad input with a precise, located message."""

from __future__ import annotations

from pathlib import Path

import pytest

from jkg.graph.dataset.validate import load_valid_dataset, validate
from jkg.graph.exceptions import DataValidationError

FIXTURES = Path(__file__).parents[1] / "fixtures"
BAD = FIXTURES / "bad"

# fixture -> (problem code, words the message must contain, line of the entry)
CASES = {
    "yaml-syntax.yaml": ("yaml", "not valid YAML", 4),
    "unknown-type.yaml": ("unknown-term", "unknown entity type 'MilitantGroop' (did you mean 'MilitantGroup'?)", 3),
    "abstract-type.yaml": ("unknown-term", "type 'Organization' is abstract", 3),
    "unknown-relation-type.yaml": ("unknown-term", "unknown relation type 'leadOf' (did you mean 'leaderOf'?)", 6),
    "unknown-entity.yaml": ("unknown-reference", "object 'nowhere' is not a known entity", 5),
    "unknown-source.yaml": ("unknown-reference", "unknown source 'ghost'", 3),
    "missing-source.yaml": ("shacl", "a relation must cite at least one source", 6),
    "alias-without-source.yaml": ("shacl", "every name cites at least one source", 3),
    "duplicate-id.yaml": ("duplicate-id", "duplicate entity id 'x' (first defined at", 4),
    "end-before-start.yaml": ("bad-date", "end (2010-05) is before start (2012)", 6),
    "impossible-date.yaml": ("bad-date", "field 'start': 2019-02 has no day 30", 6),
    "outside-lifetime.yaml": ("lifetime", "starts (2012) after its subject 'x' ended (2010-03-01)", 6),
    "domain-violation.yaml": ("shacl", "the subject of leaderOf must be a Person", 6),
    "missing-qualifier.yaml": ("shacl", "leaderOf requires the qualifier 'post'", 6),
    "unknown-post.yaml": ("unknown-term", "post 'emirr' is not in the ontology's Posts (did you mean 'emir'?)", 6),
    "unknown-status.yaml": ("unknown-term", "unknown status 'rumoured'", 6),
    "no-start.yaml": ("shacl", "a relation needs a start, or a start_note", 6),
    "bad-grading.yaml": ("structure", "grading 'G7' is not an Admiralty grading", 6),
    "shared-alias.yaml": ("name-collision", "name 'Abu Hamza' is also a name of 'x'", 7),
    "two-preferred.yaml": ("shacl", "exactly one name of kind 'preferred'", 3),
    "unknown-field.yaml": ("structure", "unknown field 'born' in an entity", 3),
    "generated-name.yaml": ("shacl", "generated variants are made by the code", 3),
    "bad-identifier.yaml": ("shacl", "a Wikidata identifier looks like Q12345", 3),
    "killing-without-person.yaml": ("incomplete-event", "a killing or death needs at least one 'killedIn'", 4),
    "capture-without-date.yaml": ("incomplete-event", "a capture or arrest needs a date", 4),
}


def test_every_bad_fixture_has_a_case() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(CASES)


def test_good_fixture_is_valid() -> None:
    report = validate([FIXTURES / "good.yaml"])
    assert report.problems == []
    assert [e.id for e in report.data.entities] == ["group-a", "leader-a"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_fixture_gives_its_precise_error(name: str) -> None:
    code, words, line = CASES[name]
    report = validate([BAD / name], root=BAD)
    matching = [p for p in report.problems if p.code == code and words in p.message]
    assert matching, f"expected a {code} problem containing {words!r}, got:\n" + "\n".join(
        f"{p.code}: {p}" for p in report.problems)
    problem = matching[0]
    assert problem.file == name
    assert problem.line == line


def test_shared_alias_names_both_entries() -> None:
    report = validate([BAD / "shared-alias.yaml"], root=BAD)
    [problem] = [p for p in report.problems if p.code == "name-collision"]
    assert problem.entry == "y"
    assert "'x'" in problem.message and "shared-alias.yaml:3" in problem.message


def test_load_refuses_bad_data_with_every_problem() -> None:
    with pytest.raises(DataValidationError) as caught:
        load_valid_dataset([BAD / "unknown-status.yaml", BAD / "unknown-source.yaml"], root=BAD)
    messages = [p.message for p in caught.value.problems]
    assert any("rumoured" in m for m in messages)
    assert any("ghost" in m for m in messages)
    assert "nothing was loaded" in str(caught.value)


def test_deliberately_shared_name_is_accepted(tmp_path: Path) -> None:
    text = (BAD / "shared-alias.yaml").read_text().replace(
        "{text: Abu Hamza, kind: kunya, sources: [s]}]\n    sources: [s]\n  - id: y",
        "{text: Abu Hamza, kind: kunya, sources: [s], shared_reason: both used it}]\n"
        "    sources: [s]\n  - id: y", 1)
    (tmp_path / "f.yaml").write_text(text)
    assert [p for p in validate([tmp_path]).problems if p.code == "name-collision"] == []


def test_weak_alias_may_be_shared(tmp_path: Path) -> None:
    text = (BAD / "shared-alias.yaml").read_text().replace("kind: kunya", "kind: weakAlias")
    (tmp_path / "f.yaml").write_text(text)
    assert validate([tmp_path]).problems == []
