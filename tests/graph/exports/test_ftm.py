"""The FollowTheMoney export: every line is an entity FtM's own model accepts, the links point inside
the file, the mapping covers the ontology, and each field FtM can hold survives the trip."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from jkg.graph.dataset.model import Dataset
from jkg.graph.dataset.reader import Terms, read_file
from jkg.graph.dataset.validate import check_dataset
from jkg.graph.engine.temporal import TemporalGraph, build_graph
from jkg.graph.exports.ftm import (
    CLASSES,
    FORMATS,
    IDENTIFIERS,
    NAME_KINDS,
    RELATIONS,
    SANCTION_PARTS,
    export_ftm,
    ftm_entities,
)
from jkg.graph.exports.registry import formats
from jkg.graph.store import EmbeddedStore
from jkg.ontology.schema import Schema
from tests.conftest import SEED
from tests.requirements import require_module

require_module("followthemoney", "the ftm export needs it: pip install 'jkg[exports]'")

from click.testing import CliRunner  # noqa: E402 - after the requirement: click comes with followthemoney
from followthemoney import model  # noqa: E402
from followthemoney.cli.cli import cli as ftm_cli  # noqa: E402
from followthemoney.exc import InvalidData  # noqa: E402
from followthemoney.util import make_entity_id  # noqa: E402

Line = dict[str, Any]

#: A made-up graph holding each field the export carries, with values to find again.
TINY = """
sources:
  - {id: monitor, publisher: Example Monitor, date: 2021-01, url: "https://monitor.example.org/report", reliability: B}
  - {id: wire, publisher: Example Wire, date: 2020-05}
entities:
  - id: old-front
    type: MilitantGroup
    names: [{text: Old Front, kind: preferred, sources: [monitor]}]
    start: 1990
    end: 1998
    sources: [monitor]
  - id: example-front
    type: MilitantGroup
    names:
      - {text: Example Front, kind: preferred, lang: en, sources: [monitor]}
      - {text: Front Exemple, kind: alias, lang: fr, sources: [monitor]}
      - {text: EF, kind: acronym, sources: [monitor]}
      - {text: Exampel Front, kind: transliteration, sources: [monitor]}
      - {text: The Front, kind: weakAlias, sources: [monitor]}
      - {text: Sample Front, kind: formerName, sources: [monitor]}
    identifiers: {wikidata: Q4115189, un_sanctions: QDe.999}
    description: A made-up group.
    note: Its founding month is approximate.
    start: 1998-08~
    sources: [monitor, wire]
  - id: emir-one
    type: Person
    names:
      - {text: Emir One, kind: preferred, sources: [monitor]}
      - {text: Abou Wahid, kind: kunya, sources: [monitor]}
    end: 2016-03-12
    sources: [monitor]
  - id: emir-two
    type: Person
    names: [{text: Emir Two, kind: preferred, sources: [monitor]}]
    sources: [monitor]
  - id: ain-mithal
    type: City
    names: [{text: Aïn Mithal, kind: preferred, sources: [monitor]}]
    sources: [monitor]
  - id: ministry
    type: StateBody
    names: [{text: Example Ministry, kind: preferred, sources: [monitor]}]
    sources: [monitor]
  - id: listing-2003
    type: Designation
    names: [{text: Example listing of the Front, kind: preferred, sources: [monitor]}]
    description: The ministry listed the Front.
    start: 2003-05-02
    sources: [monitor]
relations:
  - {type: successorOf, subject: example-front, object: old-front, start: 1998-08~, status: confirmed,
     sources: [monitor]}
  - {type: leaderOf, subject: emir-one, object: example-front, post: emir, start: 2001?, end: 2016-03-12,
     status: reported, grading: B2, sources: [monitor, wire], note: Sources differ on the year he took over.}
  - {type: deputyOf, subject: emir-two, object: example-front, post: deputyEmir, start: 2010-04, status: claimed,
     sources: [wire]}
  - {type: memberOf, subject: emir-two, object: example-front, start: 2005, status: confirmed, sources: [monitor]}
  - {type: basedIn, subject: example-front, object: ain-mithal, start: 2007, status: reported, sources: [monitor]}
  - {type: designatedIn, subject: example-front, object: listing-2003, start: 2003-05-02, status: confirmed,
     sources: [monitor]}
  - {type: issuerOf, subject: ministry, object: listing-2003, start: 2003-05-02, status: confirmed, sources: [monitor]}
"""


def _ftm_id(our_id: str) -> str:
    found = make_entity_id("jkg", our_id)
    assert found is not None
    return found


@pytest.fixture(scope="module")
def tiny(schema: Schema) -> TemporalGraph:
    read = read_file("tiny.yaml", TINY.encode(), Terms.of(schema))
    data = Dataset(sources=read.sources, entities=read.entities, relations=read.relations, files=[read.file],
                   version="tiny")
    problems = read.problems or check_dataset(data, schema)
    assert not problems, problems
    return build_graph(data, schema, data.version)


@pytest.fixture(scope="module")
def tiny_lines(tiny: TemporalGraph) -> dict[str, Line]:
    """The tiny graph's export by entity id, and by ``"type subject object"`` for relation facts."""
    lines = {e["id"]: e for e in ftm_entities(tiny)}
    ours = {e: e for e in tiny.entities} | {f"{r.type} {r.subject} {r.object}": r.id for r in tiny.relations.values()}
    return {key: lines[_ftm_id(i)] for key, i in ours.items() if _ftm_id(i) in lines}


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory: pytest.TempPathFactory, embedded_store: EmbeddedStore) -> Path:
    path = tmp_path_factory.mktemp("ftm") / "seed.ftm.json"
    export_ftm(embedded_store.graph, path)
    return path


@pytest.fixture(scope="module")
def seed_lines(seed_file: Path) -> list[Line]:
    return [json.loads(line) for line in seed_file.read_text(encoding="utf-8").splitlines()]


def _problems(data: Line) -> list[str]:
    """What FtM's model finds wrong in one line, strictly: what the proxy would silently drop counts too."""
    schema = model.get(data.get("schema", ""))
    if schema is None or schema.abstract:
        return [f"schema {data.get('schema')!r} is not a concrete FtM schema"]
    found = []
    props = data["properties"]
    found += [f"unknown property {p}" for p in props if p not in schema.properties]
    found += [f"property {p} cannot be written" for p in props if p in schema.properties and schema.properties[p].stub]
    found += [f"required {p} missing" for p in schema.required if not props.get(p)]
    try:
        schema.validate(data)  # type: ignore[arg-type]  # a line is the dict its TypedDict describes
    except InvalidData as error:
        found.append(f"invalid: {error.errors}")
    # re-cleaning every value (cleaned=False) must give the same entity: nothing normalized away
    if model.get_proxy(data, cleaned=False).to_dict() != {"id": data["id"], "schema": data["schema"],
                                                           "properties": props}:
        found.append("values change when FtM cleans them again")
    return found


def test_every_seed_line_is_a_valid_ftm_entity(seed_lines: list[Line]) -> None:
    assert len(seed_lines) > 1000
    bad = {line["id"]: problems for line in seed_lines if (problems := _problems(line))}
    assert not bad, f"{len(bad)} invalid lines, such as {list(bad.items())[:5]}"
    assert len({line["id"] for line in seed_lines}) == len(seed_lines), "an id is used twice"


def test_ftm_validate_reads_back_every_line_unchanged(seed_file: Path, seed_lines: list[Line],
                                                      tmp_path: Path) -> None:
    """``ftm validate`` (FtM's own command: re-parse, clean each value again) changes nothing."""
    out = tmp_path / "validated.json"
    result = CliRunner().invoke(ftm_cli, ["validate", "-i", str(seed_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    again = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(e["id"], e["schema"], e["properties"]) for e in again] == [
        (e["id"], e["schema"], e["properties"]) for e in seed_lines]


def test_links_point_to_entities_of_the_file_of_the_range(seed_lines: list[Line]) -> None:
    schemata = {line["id"]: model.get(line["schema"]) for line in seed_lines}
    checked: dict[str, int] = {}
    for line in seed_lines:
        schema = schemata[line["id"]]
        assert schema is not None
        for name, values in line["properties"].items():
            prop = schema.properties[name]
            if prop.type.name != "entity":
                continue
            for value in values:
                target = schemata.get(value)
                assert target is not None, f"{line['schema']} {line['id']}: {name} points outside the file"
                assert prop.range is not None and target.is_a(prop.range), (line["id"], name, target.name)
            checked[line["schema"]] = checked.get(line["schema"], 0) + 1
    assert {"Directorship", "Membership", "Succession", "Sanction", "UnknownLink"} <= set(checked)


def test_every_entity_and_fact_is_exported(seed_lines: list[Line], embedded_store: EmbeddedStore) -> None:
    tg = embedded_store.graph
    ids = {line["id"] for line in seed_lines}
    records = {v for line in seed_lines for v in line["properties"].get("recordId", [])}
    folded = {r.id for r in tg.relations.values() if tg.entities[r.object].type == "Designation"}
    designations = {e.id for e in tg.entities.values() if e.type == "Designation"}
    assert {e for e in tg.entities if _ftm_id(e) not in ids} == designations
    assert set(tg.relations) - records == {r for r in folded if tg.relations[r].type == "issuerOf"}
    assert sum(line["schema"] == "Sanction" for line in seed_lines) == sum(
        r.type == "designatedIn" for r in tg.relations.values())


def test_same_data_same_bytes(seed_file: Path, tmp_path: Path) -> None:
    """Another process, with other string hashes (set orders), through the CLI, writes the same bytes."""
    again = tmp_path / "again.json"
    jkg = Path(sys.executable).parent / "jkg"
    done = subprocess.run([str(jkg), "export", "ftm", str(again), "--data", str(SEED)], capture_output=True,
                          text=True, env={**os.environ, "PYTHONHASHSEED": "7"}, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FtM entities" in done.stdout
    assert again.read_bytes() == seed_file.read_bytes()


def test_mapping_covers_the_ontology(schema: Schema) -> None:
    assert set(RELATIONS) == set(schema.relation_types)
    assert {name for name, link in RELATIONS.items() if link is None} <= set(SANCTION_PARTS)
    assert set(NAME_KINDS) == set(schema.vocabulary("NameKinds"))
    assert {kind for kind, prop in NAME_KINDS.items() if prop is None} == {"generated"}  # never in data
    assert set(IDENTIFIERS) == set(schema.identifiers)
    mapped = {}
    for name in schema.concrete_classes():
        ours = next((c for c in reversed(schema.classes[name].lineage) if c in CLASSES), None)
        assert ours is not None, f"class {name} has no FtM schema"
        target = model.get(CLASSES[ours])
        assert target is not None and not target.abstract
        mapped[name] = target
    for name, link in RELATIONS.items():
        if link is None:
            continue
        ftm = model.get(link.schema)
        assert ftm is not None and {link.subject, link.object} <= set(ftm.required)
        rt = schema.relation_types[name]
        for side, classes in ((link.subject, rt.domain), (link.object, rt.range)):
            prop_range = ftm.properties[side].range
            assert prop_range is not None
            for cls in schema.concrete_classes():
                if any(schema.is_a(cls, c) for c in classes) and mapped[cls].name != "Sanction":
                    assert mapped[cls].is_a(prop_range), f"{name}: a {cls} cannot be the {side} of {link.schema}"
    for ftm_name in ("Organization", "Person", "Event"):
        target = model.get(ftm_name)
        assert target is not None and all(p in target.properties for p in IDENTIFIERS.values() if p != "idNumber")


def test_names_by_kind(tiny_lines: dict[str, Line]) -> None:
    props = tiny_lines["example-front"]["properties"]
    assert props["name"] == ["Example Front"]
    assert props["alias"] == ["Front Exemple", "EF", "Exampel Front"]
    assert props["weakAlias"] == ["The Front"]
    assert props["previousName"] == ["Sample Front"]
    assert tiny_lines["emir-one"]["properties"]["alias"] == ["Abou Wahid"]


def test_dates_at_their_precision_with_the_qualifier_kept_in_words(tiny_lines: dict[str, Line]) -> None:
    front = tiny_lines["example-front"]["properties"]
    assert front["incorporationDate"] == ["1998-08"]
    assert "dates as given: start 1998-08~ (approximate)" in front["notes"]
    assert tiny_lines["old-front"]["properties"]["dissolutionDate"] == ["1998"]
    assert tiny_lines["emir-one"]["properties"]["deathDate"] == ["2016-03-12"]
    lead = tiny_lines["leaderOf emir-one example-front"]["properties"]
    assert (lead["startDate"], lead["endDate"]) == (["2001"], ["2016-03-12"])
    assert "dates as given: start 2001? (uncertain)" in lead["summary"][0]
    assert tiny_lines["deputyOf emir-two example-front"]["properties"]["startDate"] == [
        "2010-04"]


def test_sources_status_grading_and_note(tiny: TemporalGraph, tiny_lines: dict[str, Line]) -> None:
    front = tiny_lines["example-front"]["properties"]
    assert front["sourceUrl"] == ["https://monitor.example.org/report"]
    assert front["publisher"] == ["Example Monitor", "Example Wire"]
    lead = tiny_lines["leaderOf emir-one example-front"]["properties"]
    assert lead["publisher"] == ["Example Monitor", "Example Wire"]
    assert lead["summary"][0].startswith("leader of; status: reported; grading: B2; post: emir")
    assert lead["description"] == ["Sources differ on the year he took over."]
    assert lead["recordId"] == [r.id for r in tiny.relations.values() if r.type == "leaderOf"]


def test_entity_fields(tiny_lines: dict[str, Line]) -> None:
    front = tiny_lines["example-front"]
    assert front["schema"] == "Organization"
    assert front["properties"]["wikidataId"] == ["Q4115189"]
    assert front["properties"]["idNumber"] == ["QDe.999"]
    assert front["properties"]["classification"] == ["militant group"]
    assert front["properties"]["description"] == ["A made-up group."]
    assert "Its founding month is approximate." in front["properties"]["notes"]
    assert tiny_lines["ain-mithal"]["schema"] == "Address"
    assert tiny_lines["ain-mithal"]["properties"]["keywords"] == ["city"]


def test_relations_become_their_ftm_schemata(tiny_lines: dict[str, Line]) -> None:
    lead = tiny_lines["leaderOf emir-one example-front"]
    assert lead["schema"] == "Directorship"
    assert lead["properties"]["director"] == [_ftm_id("emir-one")]
    assert lead["properties"]["organization"] == [_ftm_id("example-front")]
    assert lead["properties"]["role"] == ["emir"]
    deputy = tiny_lines["deputyOf emir-two example-front"]
    assert (deputy["schema"], deputy["properties"]["role"]) == ("Directorship", ["deputy emir"])
    member = tiny_lines["memberOf emir-two example-front"]
    assert (member["schema"], member["properties"]["member"]) == ("Membership", [_ftm_id("emir-two")])
    renamed = tiny_lines["successorOf example-front old-front"]["properties"]
    assert (renamed["predecessor"], renamed["successor"]) == ([_ftm_id("old-front")], [_ftm_id("example-front")])
    based = tiny_lines["basedIn example-front ain-mithal"]
    assert (based["schema"], based["properties"]["role"]) == ("UnknownLink", ["based in"])


def test_a_designation_is_a_sanction(tiny_lines: dict[str, Line]) -> None:
    assert "listing-2003" not in tiny_lines
    sanction = tiny_lines["designatedIn example-front listing-2003"]
    assert sanction["schema"] == "Sanction"
    props = sanction["properties"]
    assert props["entity"] == [_ftm_id("example-front")]
    assert props["authority"] == ["Example Ministry"]
    assert props["program"] == ["Example listing of the Front"]
    assert props["startDate"] == ["2003-05-02"]
    assert "The ministry listed the Front." in props["description"]
    assert "issuerOf ministry listing-2003" not in tiny_lines


def test_registered_and_accounts_for_what_it_wrote(tiny: TemporalGraph, tmp_path: Path) -> None:
    assert formats()["ftm"] == FORMATS[0] and FORMATS[0].writes == "file"
    path = tmp_path / "tiny.json"
    account = FORMATS[0].write(tiny, path)
    assert account.startswith(f"{len(path.read_text(encoding='utf-8').splitlines())} FtM entities (")


def test_missing_extra_names_it(tiny: TemporalGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "followthemoney", None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'jkg\[exports\]'"):
        ftm_entities(tiny)
