"""The STIX 2.1 export: checked by OASIS's own validator, read back by the ``stix2`` library, compared with the graph.

The seed data is exported once; ``stix2-validator`` must find no error in it, and only the warnings listed
in :data:`ALLOWED_WARNINGS`, each for a documented choice of the exporter. ``stix2.parse`` reads it back, and
every relation fact of the graph is found on its relationship with its dates, status, grading and sources.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import stix2
from stix2validator import ValidationOptions, validate_file

from jkg.graph.dataset.model import Dataset
from jkg.graph.engine.temporal import TemporalGraph, build_graph
from jkg.graph.exports.registry import formats
from jkg.graph.exports.stix import (
    ADMIRALTY_CONFIDENCE,
    IDENTITY_CLASSES,
    PROPERTIES,
    STIX_TYPES,
    confidence,
    export_stix,
    kebab,
    stix_bundle,
    uri,
)
from jkg.graph.store import EmbeddedStore
from jkg.ontology.schema import Schema

#: The validator's warnings the export may give (code -> why), every one a SHOULD of STIX 2.1 it departs from
#: on purpose. Custom properties and the event object give none: an extension definition declares them.
ALLOWED_WARNINGS = {
    "103": "ids are UUIDv5 from our ids (a re-export updates objects), where STIX suggests UUIDv4",
    "202": "relationship types are ours in kebab-case (leader-of), not STIX's suggested ones",
    "302": "external references have a URL but no hash of its content",
    "111": "a location's region holds the place's name as written (the data has no ISO code or coordinates)",
    "223": "the same region value is not in region-ov",
}


@pytest.fixture(scope="module")
def graph(embedded_store: EmbeddedStore) -> TemporalGraph:
    return embedded_store.graph


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, graph: TemporalGraph) -> Path:
    path = tmp_path_factory.mktemp("stix") / "jkg.json"
    export_stix(graph, path)
    return path


@pytest.fixture(scope="module")
def parsed(exported: Path) -> Any:
    return stix2.parse(exported.read_text(encoding="utf-8"), allow_custom=True)


def _field(obj: Any, key: str) -> Any:
    """A property of a parsed object (a stix2 object or, for the custom event type, a dict), or None."""
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


@pytest.fixture(scope="module")
def by_jkg_id(parsed: Any) -> dict[str, Any]:
    return {_field(o, "x_jkg_id"): o for o in parsed.objects if _field(o, "x_jkg_id") is not None}


def test_the_validator_finds_no_error_and_only_the_allowed_warnings(exported: Path) -> None:
    result = validate_file(str(exported), ValidationOptions(version="2.1"))
    errors = [str(e) for r in result.object_results for e in r.errors]
    assert result.fatal is None and not errors, errors[:10]
    codes = Counter(re.search(r"\{(\d+)\}", str(w)).group(1)  # type: ignore[union-attr]
                    for r in result.object_results for w in r.warnings)
    assert set(codes) <= set(ALLOWED_WARNINGS), {c: n for c, n in codes.items() if c not in ALLOWED_WARNINGS}
    assert result.is_valid


def test_stix2_reads_it_back_with_an_object_per_record(parsed: Any, graph: TemporalGraph) -> None:
    assert isinstance(parsed, stix2.v21.Bundle)
    kinds = Counter(_field(o, "type") for o in parsed.objects)
    entities = sum(kinds[k] for k in ("threat-actor", "identity", "location", "x-jkg-event")) - 1  # the producer
    assert entities == len(graph.entities)
    assert kinds["relationship"] == len(graph.relations)
    assert kinds["extension-definition"] == 2
    assert all(isinstance(o, stix2.v21.Relationship) for o in parsed.objects if _field(o, "type") == "relationship")


def test_the_same_data_gives_the_same_bytes(tmp_path: Path, graph: TemporalGraph, exported: Path) -> None:
    again = build_graph(Dataset(sources=list(graph.sources.values()), entities=list(graph.entities.values()),
                                relations=list(graph.relations.values())), graph.schema, graph.data_version)
    export_stix(again, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == exported.read_bytes()


def test_ids_follow_our_ids_so_a_reexport_updates(graph: TemporalGraph) -> None:
    relations = list(graph.relations.values())
    fewer = build_graph(Dataset(sources=list(graph.sources.values()), entities=list(graph.entities.values()),
                                relations=relations[1:]), graph.schema, "another version")
    ids = {o["x_jkg_id"]: o["id"] for o in stix_bundle(graph)["objects"] if "x_jkg_id" in o}
    other = {o["x_jkg_id"]: o["id"] for o in stix_bundle(fewer)["objects"] if "x_jkg_id" in o}
    assert relations[0].id not in other
    assert other == {k: v for k, v in ids.items() if k != relations[0].id}


def test_every_relation_keeps_its_dates_status_grading_and_sources(graph: TemporalGraph,
                                                                    by_jkg_id: dict[str, Any]) -> None:
    for rel in graph.relations.values():
        rs = by_jkg_id[rel.id]
        assert rs.relationship_type == kebab(rel.type)
        assert _field(by_jkg_id[rel.subject], "id") == rs.source_ref
        assert _field(by_jkg_id[rel.object], "id") == rs.target_ref
        assert rs.get("x_jkg_start") == (rel.start.text if rel.start else None), rel.id
        assert rs.get("x_jkg_end") == (rel.end.text if rel.end else None), rel.id
        assert rs.x_jkg_status == rel.status
        grading = rs.get("x_jkg_grading", {})
        assert (grading.get("reliability"), grading.get("credibility")) == (rel.reliability, rel.credibility)
        assert rs.get("confidence") == confidence(rel.credibility)
        assert rs.get("x_jkg_qualifiers", {}) == dict(rel.qualifiers)
        assert rs.get("x_jkg_note") == rel.note
        assert [r.external_id for r in rs.external_references] == list(dict.fromkeys(rel.sources))
        interval = graph.intervals[rel.id]
        if interval.start is not None:
            assert rs.start_time.date() == interval.start.earliest
        if interval.end is not None:
            assert rs.stop_time.date() == interval.end.latest


def test_sources_become_external_references(graph: TemporalGraph, by_jkg_id: dict[str, Any]) -> None:
    rel = next(r for r in graph.relations.values() if graph.sources[r.sources[0]].url)
    ref = by_jkg_id[rel.id].external_references[0]
    source = graph.sources[rel.sources[0]]
    assert ref.source_name == source.publisher
    assert ref.url == uri(source.url)
    assert ref.external_id == source.id
    assert ref.description.endswith(f"({source.date.text})")


def test_names_aliases_and_weak_aliases(graph: TemporalGraph, by_jkg_id: dict[str, Any]) -> None:
    weak_seen = 0
    for entity in graph.entities.values():
        obj = by_jkg_id[entity.id]
        assert _field(obj, "name") == entity.name
        aliases = _field(obj, "aliases") or _field(obj, "x_jkg_aliases") or []
        only_weak = {n.text for n in entity.names if n.kind == "weakAlias"} - {
            n.text for n in entity.names if n.kind != "weakAlias"}
        assert not only_weak & set(aliases), entity.id
        assert only_weak <= set(_field(obj, "x_jkg_weak_aliases") or []), entity.id
        weak_seen += len(only_weak)
        assert [n["kind"] for n in _field(obj, "x_jkg_names")] == [n.kind for n in entity.names]
    assert weak_seen > 0


def test_what_each_entity_becomes(graph: TemporalGraph, by_jkg_id: dict[str, Any]) -> None:
    schema = graph.schema
    for entity in graph.entities.values():
        obj, cls = by_jkg_id[entity.id], schema.classes[entity.type]
        kind = _field(obj, "type")
        if cls.tracked and schema.is_a(entity.type, "Organization"):
            assert kind == "threat-actor"
        else:
            assert kind == STIX_TYPES[cls.lineage[0]]
        if kind == "identity":
            assert obj.identity_class == IDENTITY_CLASSES[cls.lineage[0]]
        if kind == "location":
            assert obj.region == entity.name and obj.get("country") is None
    # a terrorist designation reaches AQIM through the GSPC's renaming; a group never designated has no type
    assert by_jkg_id["aqim"].threat_actor_types == ["terrorist"]
    assert by_jkg_id["mnla"].get("threat_actor_types") is None


def test_the_mappings_cover_the_ontology(schema: Schema) -> None:
    for name in schema.concrete_classes():
        top = schema.classes[name].lineage[0]
        assert top in STIX_TYPES, f"{name} ({top}) has no STIX type"
        if STIX_TYPES[top] == "identity":
            assert top in IDENTITY_CLASSES
    types = [kebab(t) for t in schema.relation_types]
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]{2,249}", t) for t in types), types
    assert len(set(types)) == len(types)


def test_every_custom_property_is_declared(exported: Path) -> None:
    objects = json.loads(exported.read_text(encoding="utf-8"))["objects"]
    used = {k for o in objects for k in o if k.startswith("x_")}
    assert used <= set(PROPERTIES), used - set(PROPERTIES)


@pytest.mark.parametrize(("credibility", "expected"), [(1, 90), (2, 70), (3, 50), (4, 30), (5, 10), (6, None),
                                                        (None, None)])
def test_confidence_from_credibility(credibility: int | None, expected: int | None) -> None:
    assert confidence(credibility) == expected


def test_the_confidence_table_edges() -> None:
    assert sorted(ADMIRALTY_CONFIDENCE) == [1, 2, 3, 4, 5, 6]
    scores = [ADMIRALTY_CONFIDENCE[c] for c in range(1, 6)]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 100 for s in scores if s is not None)
    for outside in (0, 7):
        with pytest.raises(KeyError):
            confidence(outside)


def test_the_registry_lists_it() -> None:
    fmt = formats()["stix"]
    assert fmt.writes == "file"
