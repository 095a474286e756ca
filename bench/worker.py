"""One benchmark size, in its own process (so that peak memory is this size's alone).

``python -m bench.worker --data build/bench-data/1k --size 1k --out result.json [--quick] [--no-rest]
[--baselines rdflib,oxigraph] [--neo4j]``
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bench import sparql
from bench.neo4j_leg import neo4j
from bench.questions import (
    BASELINE_ITERATIONS,
    QUESTIONS,
    Workload,
    agreement,
    embedded_calls,
    rss_mib,
    run_questions,
    sparql_calls,
)
from bench.rest import rest
from jkg.api.stores import freeze_heap
from jkg.graph.dataset.cache import DataCache
from jkg.graph.dataset.model import Dataset
from jkg.graph.dataset.rdf import to_rdf
from jkg.graph.dataset.validate import shacl_problems
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.pipeline import load_graph
from jkg.graph.store import EmbeddedStore
from jkg.ontology.schema import Schema, load_schema

ROOT = Path(__file__).resolve().parent.parent

# -- build -------------------------------------------------------------------------------


def build(data: Path, cache_dir: Path | None = None,
          checks: bool = True) -> tuple[Dataset, TemporalGraph, dict[str, Any]]:
    """Read (through the cache in ``cache_dir`` when given), check and build through the one pipeline,
    as ``jkg serve`` does, with the Python checks (SHACL is measured apart, see :func:`shacl`).

    The data found valid is stamped so in the cache; without ``checks`` the stamp is relied on, as
    a second ``jkg serve`` of unchanged data does.
    """
    figures: dict[str, Any] = {}
    t0 = time.perf_counter()
    tg = load_graph([data], cache_dir=cache_dir, checks="python" if checks else "full", timings=figures)
    figures["total_s"] = round(time.perf_counter() - t0, 3)
    if checks and cache_dir is not None:
        DataCache(cache_dir).mark_valid(tg.data_version)
    dataset = Dataset(sources=list(tg.sources.values()), entities=list(tg.entities.values()),
                      relations=list(tg.relations.values()))
    figures.update({
        "peak_rss_mib": round(rss_mib(), 1),
        "yaml_mib": round(sum(p.stat().st_size for p in data.rglob("*.yaml")) / 2**20, 1),
        "entities": len(tg.entities), "relations": len(tg.relations), "sources": len(tg.sources),
    })
    return dataset, tg, figures


def shacl(dataset: Dataset, schema: Schema, full: bool, seed: int, sample: int = 2000) -> dict[str, Any]:
    """SHACL on the whole dataset (small sizes) or on a random sample of relations with their entities."""
    if full:
        part = dataset
    else:
        rng = random.Random(seed)
        relations = rng.sample(dataset.relations, min(sample, len(dataset.relations)))
        wanted = {r.subject for r in relations} | {r.object for r in relations} | {
            v for r in relations for k, v in r.qualifiers if k in ("organization", "event")}
        part = Dataset(sources=dataset.sources, entities=[e for e in dataset.entities if e.id in wanted],
                       relations=relations)
    t = time.perf_counter()
    problems = shacl_problems(part, schema)
    elapsed = time.perf_counter() - t
    return {"scope": "full" if full else "sample", "entities": len(part.entities), "relations": len(part.relations),
            "seconds": round(elapsed, 2), "problems": len(problems),
            "first_problem": str(problems[0]) if problems else None}


# -- baselines -------------------------------------------------------------------------------


_EXPORT: Dataset | None = None


def _export_chunk(bounds: tuple[int, int]) -> bytes:
    """N-Triples of a slice of the relations of ``_EXPORT`` (set before the pool forks)."""
    assert _EXPORT is not None
    start, size = bounds
    piece = Dataset(relations=_EXPORT.relations[start:start + size])
    return to_rdf(piece, load_schema()).graph.serialize(format="nt", encoding="utf-8")


def rdf_baselines(dataset: Dataset, schema: Schema, work: Workload, ours: dict[str, list[Any]],
                  engines: list[str], chunk: int = 50_000, budget_s: float = 30.0) -> dict[str, Any]:
    """Export to RDF (to_rdf, by chunks of relations for size), load into each engine, ask the questions."""
    out: dict[str, Any] = {}
    t = time.perf_counter()
    graphs = []
    if "rdflib" in engines:
        graphs = [to_rdf(dataset, schema).graph]
        ntriples = graphs[0].serialize(format="nt", encoding="utf-8") if "oxigraph" in engines else b""
    else:
        # to_rdf by chunks (the triples of a record depend on that record alone), on every core
        global _EXPORT
        _EXPORT = dataset
        head = Dataset(sources=dataset.sources, entities=dataset.entities, relations=[])
        parts = [to_rdf(head, schema).graph.serialize(format="nt", encoding="utf-8")]
        starts = list(range(0, len(dataset.relations), chunk))
        with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
            parts += pool.map(_export_chunk, [(k, chunk) for k in starts])
        _EXPORT = None
        ntriples = b"".join(parts)
    out["export_s"] = round(time.perf_counter() - t, 2)
    if graphs:
        out["triples"] = len(graphs[0])
    for name in engines:
        t = time.perf_counter()
        if name == "rdflib":
            engine = sparql.Engine("rdflib", graphs[0])
            load_s = out["export_s"]  # rdflib's graph is the export itself
        else:
            import pyoxigraph

            store = pyoxigraph.Store()
            store.bulk_load(ntriples, pyoxigraph.RdfFormat.N_TRIPLES)
            engine = sparql.Engine("oxigraph", store)
            load_s = round(time.perf_counter() - t, 2)
            out.setdefault("triples", len(store))
        figures, answers = run_questions(sparql_calls(engine, schema), work.baseline_inputs, warmup=1,
                                         budget_s=budget_s)
        out[name] = {"load_s": load_s, "questions": figures,
                     "agreement": {q: agreement(q, ours[q], answers[q]) for q in QUESTIONS},
                     "rss_mib_after": round(rss_mib(), 1)}
        del engine
        gc.collect()
    return out


# -- one size ------------------------------------------------------------------------------------


def measure(data: Path, size: str, *, quick: bool = False, rest_seconds: float = 10.0, do_rest: bool = True,
            engines: Iterable[str] = ("rdflib", "oxigraph"), neo4j_mode: str | None = None,
            shacl_full: bool | None = None, seed: int = 11) -> dict[str, Any]:
    """Every figure for one dataset."""
    schema = load_schema()
    result: dict[str, Any] = {"size": size, "data": str(data), "python": sys.version.split()[0],
                              "cpus": os.cpu_count(), "quick": quick}
    tracemalloc.stop()
    cache_dir = Path(tempfile.mkdtemp(prefix="jkg-bench-cache-"))
    dataset, tg, result["build"] = build(data, cache_dir)
    freeze_heap()  # as the API does once its store is built: full collections then skip the graph
    store = EmbeddedStore(tg)
    work = Workload(tg, seed, 0.05 if quick else 1.0)
    figures, ours = run_questions(embedded_calls(store), lambda q: work.inputs[q])
    result["embedded"] = figures
    baseline_answers = {q: ours[q][:work.n(q, BASELINE_ITERATIONS)] for q in QUESTIONS}
    full = shacl_full if shacl_full is not None else len(dataset.relations) <= 10_000
    result["shacl"] = shacl(dataset, schema, full, seed, sample=500 if quick else 2000)
    engines = list(engines)
    if engines:
        result["baselines"] = rdf_baselines(dataset, schema, work, baseline_answers, engines)
    if do_rest:
        result["rest"] = rest(data, work, rest_seconds, 5_000 if quick else 200_000, cache_dir=cache_dir)
    if neo4j_mode:
        result["neo4j"] = neo4j(tg, work, baseline_answers, neo4j_mode == "local")
    result["peak_rss_mib_total"] = round(rss_mib(), 1)
    result["build_warm"] = warm_build(data, cache_dir)
    shutil.rmtree(cache_dir, ignore_errors=True)
    return result


def warm_build(data: Path, cache_dir: Path) -> dict[str, Any]:
    """The build again in a new process, every file in the cache and the data validated before: what a
    second ``jkg serve`` of unchanged data does (a stamp in the cache says it was validated)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "build.json"
        subprocess.run([sys.executable, "-m", "bench.worker", "--data", str(data), "--size", "-", "--out", str(out),
                        "--build-only", "--no-checks", "--cache-dir", str(cache_dir)],
                       cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
        figures: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--size", required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--no-rest", action="store_true")
    parser.add_argument("--rest-seconds", type=float, default=10.0)
    parser.add_argument("--baselines", default="rdflib,oxigraph")
    parser.add_argument("--neo4j", choices=["local", "uri"], default=None)
    parser.add_argument("--build-only", action="store_true", help="Only build (see --cache-dir); print figures.")
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--no-checks", action="store_true", help="With --build-only: data validated before.")
    args = parser.parse_args()
    if args.build_only:
        figures = build(args.data, args.cache_dir, checks=not args.no_checks)[2]
        args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        return
    engines = [e for e in args.baselines.split(",") if e]
    result = measure(args.data, args.size, quick=args.quick, rest_seconds=args.rest_seconds,
                     do_rest=not args.no_rest, engines=engines, neo4j_mode=args.neo4j)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
