"""The jkg command line."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph
from rdflib.namespace import PROV
from typer.testing import CliRunner

from jkg.cli.main import app
from jkg.graph.engine.dates import Span
from jkg.graph.exports.registry import restricted
from jkg.graph.pipeline import load_graph
from jkg.ontology.namespace import JKG, SKOSXL
from tests.conftest import SEED

runner = CliRunner()
BAD = Path(__file__).resolve().parents[1] / "graph" / "fixtures" / "bad"


def test_validate_passes_on_seed_data() -> None:
    result = runner.invoke(app, ["validate", str(SEED)])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output


def test_validate_fails_with_every_problem_located() -> None:
    result = runner.invoke(app, ["validate", str(BAD / "unknown-status.yaml"), str(BAD / "unknown-source.yaml")])
    assert result.exit_code == 1
    assert "unknown-status.yaml:6" in result.output and "rumoured" in result.output
    assert "unknown-source.yaml:3" in result.output and "ghost" in result.output


def test_stats_counts_by_type() -> None:
    result = runner.invoke(app, ["stats", str(SEED)])
    assert result.exit_code == 0, result.output
    for word in ("MilitantGroup", "leaderOf", "confirmed", "Sources:"):
        assert word in result.output


def test_stats_coverage_as_markdown() -> None:
    result = runner.invoke(app, ["stats", "--coverage", "--markdown", str(SEED)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("Coverage of the seed data as of ") for line in lines), lines[:5]
    header = next(i for i, line in enumerate(lines) if line.startswith("| organization |"))
    assert lines[header + 1].startswith("|---|")
    rows = [line for line in lines[header + 2:] if line.startswith("| ")]
    assert any("(aqim) | 2007-01 |" in row for row in rows), rows
    assert not any("(algerian-army)" in row for row in rows)  # state bodies are not followed


def test_stats_coverage_refuses_bad_data() -> None:
    result = runner.invoke(app, ["stats", "--coverage", str(BAD / "unknown-status.yaml")])
    assert result.exit_code == 1
    assert "rumoured" in result.output


def test_load_needs_a_target() -> None:
    result = runner.invoke(app, ["load", str(SEED)])
    assert result.exit_code == 2 and "--neo4j" in result.output


def test_export_rdf_carries_names_with_kinds_and_sources(tmp_path: Path) -> None:
    output = tmp_path / "jkg.ttl"
    result = runner.invoke(app, ["export", "rdf", str(output), "--data", str(SEED)])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(output)
    names = {str(graph.value(name, SKOSXL.literalForm)): name for name in graph.subjects(RDF.type, JKG.Name)}
    aqmi = names["AQMI"]
    assert str(graph.value(aqmi, JKG.nameKind)).endswith("#acronym")
    assert list(graph.objects(aqmi, PROV.wasDerivedFrom))


def test_export_refuses_invalid_data(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "rdf", str(tmp_path / "x.ttl"), "--data", str(BAD / "unknown-status.yaml")])
    assert result.exit_code == 1 and not (tmp_path / "x.ttl").exists()


def test_shapes_prints_derived_turtle() -> None:
    result = runner.invoke(app, ["shapes"])
    assert result.exit_code == 0
    assert len(Graph().parse(data=result.output, format="turtle")) > 100


def test_export_as_of_a_date_writes_what_possibly_held_then(tmp_path: Path) -> None:
    output = tmp_path / "jkg.graphml"
    result = runner.invoke(app, ["export", "graphml", str(output), "--data", str(SEED), "--at", "2013", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "as of 2013" in result.output
    tg = load_graph([SEED])
    cut = restricted(tg, Span.of("2013"))
    back = nx.read_graphml(output, force_multigraph=True)
    assert {key for _, _, key in back.edges(keys=True)} == set(cut.relations)
    assert 0 < len(cut.relations) < len(tg.relations)
    assert set(back.nodes) == set(cut.entities)

    period = tmp_path / "period.graphml"
    result = runner.invoke(app, ["export", "graphml", str(period), "--data", str(SEED), "--from", "2016",
                                 "--to", "2018"])
    assert result.exit_code == 0, result.output
    back = nx.read_graphml(period, force_multigraph=True)
    assert {key for _, _, key in back.edges(keys=True)} == set(restricted(tg, Span.between("2016", "2018")).relations)


@pytest.mark.parametrize(("options", "named"), [
    (["--at", "2019-02-30"], "--at='2019-02-30'"),
    (["--at", "soon"], "--at='soon'"),
    (["--from", "2015", "--to", "2013"], "--to='2013'"),
    (["--at", "2013", "--from", "2012"], "--at='2013'"),
])
def test_export_refuses_a_bad_date_naming_the_option(tmp_path: Path, options: list[str], named: str) -> None:
    output = tmp_path / "x.gexf"
    result = runner.invoke(app, ["export", "gexf", str(output), "--data", str(SEED), *options])
    assert result.exit_code == 1
    assert named in result.output
    assert not output.exists()
