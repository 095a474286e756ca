"""The benchmark's smallest size, once, as a smoke check: every figure is there, and the other
engines give the embedded store's answers. Never a timing assertion."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.generate import generate
from bench.run import LABELS, markdown
from bench.worker import QUESTIONS, measure
from tests.requirements import require_module

require_module("pyoxigraph", "the benchmark compares with Oxigraph: `make install` (a dev dependency)")

FIGURE = {"n", "p50_ms", "p99_ms", "mean_ms"}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    data = tmp_path_factory.mktemp("bench") / "1k"
    counts = generate(1_000, data, seed=7)
    assert counts["entities"] == 1_000 and counts["relations"] > 5_000
    return measure(data, "1k", quick=True, rest_seconds=1.0, do_rest=True, engines=("rdflib", "oxigraph"),
                   shacl_full=False, seed=11)


def test_generation_is_deterministic(tmp_path: Path) -> None:
    generate(300, tmp_path / "a", seed=3)
    generate(300, tmp_path / "b", seed=3)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert files
    for file in files:
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes()


def test_build_and_shacl_figures(report: dict) -> None:
    build = report["build"]
    for key in ("read_s", "checks_s", "graph_s", "indexes_s", "total_s", "peak_rss_mib", "entities", "relations"):
        assert build[key] is not None
    assert build["entities"] == 1_000
    warm = report["build_warm"]  # a second process, every file from the cache
    assert warm["entities"] == build["entities"] and warm["relations"] == build["relations"]
    assert report["shacl"]["problems"] == 0, report["shacl"]["first_problem"]


def test_every_question_has_figures(report: dict) -> None:
    assert set(report["embedded"]) == set(QUESTIONS) == set(LABELS)
    for figures in report["embedded"].values():
        assert set(figures) == FIGURE and figures["n"] >= 2
    for engine in ("rdflib", "oxigraph"):
        for figures in report["baselines"][engine]["questions"].values():
            assert set(figures) == FIGURE and figures["n"] >= 2


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("question", ["lookup", "search", "succession", "lineage", "neighborhood", "paths"])
def test_baselines_give_the_same_answers(report: dict, engine: str, question: str) -> None:
    agreement = report["baselines"][engine]["agreement"][question]
    assert agreement["compared"] >= 2
    assert agreement["same"] == agreement["compared"], agreement


def test_rest_figures(report: dict) -> None:
    for endpoint in ("lookup", "succession"):
        figures = report["rest"][endpoint]
        assert figures["requests"] > 0 and figures["errors"] == 0
        assert figures["rps"] > 0 and figures["p99_ms"] is not None


def test_markdown_report(report: dict) -> None:
    text = markdown({"date": "today", "machine": "here", "command": "test", "sizes": [report]})
    for label in LABELS.values():
        assert label in text
    assert "oxigraph" in text and "rdflib" in text and "req/s" in text


def test_wrk_or_fallback_is_named(report: dict) -> None:
    assert report["rest"]["tool"] == ("wrk" if shutil.which("wrk") else "bench.load")
