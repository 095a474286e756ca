"""The registry of formats and the date filter every format shares (``restricted``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jkg.graph.engine.dates import Span, overlaps
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exports.registry import formats, restricted

SPANS = {"at 2013": Span.of("2013"), "at 1995-06": Span.of("1995-06"), "2016 to 2018": Span.between("2016", "2018"),
         "up to 1992": Span.between(None, "1992"), "from 2024": Span.between("2024", None)}


def test_every_format_is_found_with_a_media_type() -> None:
    found = formats()
    assert {"rdf", "ntriples", "neo4j-admin", "gexf", "graphml", "jsonld"} <= set(found)
    assert found["gexf"].media_type == "application/gexf+xml" and found["gexf"].suffix == ".gexf"
    assert found["graphml"].media_type == "application/graphml+xml"
    assert found["jsonld"].media_type == "application/ld+json"
    assert found["rdf"].media_type == "text/turtle"


def test_every_day_is_the_whole_graph(tg: TemporalGraph) -> None:
    assert restricted(tg, Span.of(None)) is tg


@pytest.mark.parametrize("name", list(SPANS))
def test_relations_possibly_valid_during_the_span_are_kept(tg: TemporalGraph, name: str) -> None:
    span = SPANS[name]
    cut = restricted(tg, span)
    kept = {rid for rid, rel in tg.relations.items() if tg.validity(rel, span) is not None}
    assert 0 < len(kept) < len(tg.relations), name
    assert set(cut.relations) == kept
    # the relations themselves, unchanged, and held over the same days
    assert all(cut.relations[rid] is tg.relations[rid] for rid in kept)
    assert all(cut.intervals[rid].bounds() == tg.intervals[rid].bounds() for rid in kept)


@pytest.mark.parametrize("name", list(SPANS))
def test_entities_linked_or_alive_during_the_span_are_kept(tg: TemporalGraph, name: str) -> None:
    span = SPANS[name]
    cut = restricted(tg, span)
    linked = {e for rel in cut.relations.values() for e in (rel.subject, rel.object)}
    linked |= {value for rel in cut.relations.values() for key, value in rel.qualifiers
               if tg.schema.qualifiers[key].range_class}
    for ident, entity in tg.entities.items():
        alive = overlaps(Span(entity.lifetime.bounds()[0], entity.lifetime.bounds()[3]), span)
        assert (ident in cut.entities) == (ident in linked or alive), (name, ident)
    assert len(cut.entities) < len(tg.entities)


@pytest.mark.parametrize("name", list(SPANS))
def test_sources_cited_by_what_is_kept_are_kept(tg: TemporalGraph, name: str) -> None:
    cut = restricted(tg, SPANS[name])
    cited = {s for rel in cut.relations.values() for s in rel.sources}
    cited |= {s for e in cut.entities.values() for s in (*e.sources, *(s for n in e.names for s in n.sources))}
    while via := {v for s in cited if (v := tg.sources[s].cited_via) is not None} - cited:
        cited |= via
    assert set(cut.sources) == cited
    assert len(cut.sources) < len(tg.sources)


def test_the_cut_is_named_by_its_days(tg: TemporalGraph) -> None:
    assert restricted(tg, Span.of("2013")).data_version == f"{tg.data_version}@2013-01-01..2013-12-31"
    assert restricted(tg, Span.between("2024", None)).data_version == f"{tg.data_version}@2024-01-01.."


def test_every_format_writes_the_cut_graph(tg: TemporalGraph, tmp_path: Path) -> None:
    cut = restricted(tg, Span.of("2013"))
    for name, fmt in formats().items():
        target = tmp_path / f"{name}{fmt.suffix}"
        if fmt.writes == "folder":
            target.mkdir()
        assert fmt.write(cut, target), name
        assert target.exists()
