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
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bench import sparql
from jkg.api.stores import freeze_heap
from jkg.graph.dataset.cache import DataCache
from jkg.graph.dataset.model import Dataset
from jkg.graph.dataset.validate import shacl_problems
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exceptions import BadParameterError
from jkg.graph.exports.rdf import to_rdf
from jkg.graph.pipeline import load_graph
from jkg.graph.store import EmbeddedStore
from jkg.ontology.schema import Schema, load_schema

ROOT = Path(__file__).resolve().parent.parent

#: The questions, in report order.
QUESTIONS = ["lookup", "search", "succession", "lineage", "affiliations", "neighborhood", "paths", "snapshot"]

#: Iterations per question (full run; --quick divides them).
ITERATIONS = {"lookup": 2000, "search": 200, "succession": 300, "lineage": 300, "affiliations": 300,
              "neighborhood": 100, "paths": 100, "snapshot": 5}
#: Iterations per question for the SPARQL baselines and Neo4j (slower engines).
BASELINE_ITERATIONS = {"lookup": 100, "search": 20, "succession": 50, "lineage": 50, "affiliations": 50,
                       "neighborhood": 20, "paths": 10, "snapshot": 2}


def rss_mib() -> float:
    """Peak resident memory of this process so far (MiB).

    On Linux, the high-water mark of this process's own memory (``VmHWM``): ``ru_maxrss`` survives fork
    and exec, so the warm build's process would report the peak of the benchmark process that started it.
    """
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stats(samples: list[float]) -> dict[str, Any]:
    ordered = sorted(samples)
    n = len(ordered)
    if not n:
        return {"n": 0, "p50_ms": None, "p99_ms": None, "mean_ms": None}
    return {"n": n, "p50_ms": round(ordered[n // 2] * 1000, 4),
            "p99_ms": round(ordered[min(n - 1, int(n * 0.99))] * 1000, 4),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 4)}


def timed(fn: Callable[[Any], Any], inputs: Iterable[Any], warmup: int = 2,
          budget_s: float | None = None) -> tuple[dict[str, Any], list[Any]]:
    """Latency of ``fn`` over the inputs (after a warm-up), and its answers.

    With a budget, stops after the first call that ends past it (at least two calls): slow engines
    answer fewer questions, and the report gives how many.
    """
    inputs = list(inputs)
    for x in inputs[:warmup]:
        fn(x)
    samples, answers = [], []
    began = time.perf_counter()
    for x in inputs:
        t = time.perf_counter()
        answers.append(fn(x))
        samples.append(time.perf_counter() - t)
        if budget_s is not None and len(samples) >= 2 and time.perf_counter() - began > budget_s:
            break
    return stats(samples), answers


# -- the questions ---------------------------------------------------------------------------


class Workload:
    """Seeded inputs for each question, drawn from the graph."""

    def __init__(self, tg: TemporalGraph, seed: int, scale: float) -> None:
        rng = random.Random(seed)
        self.scale = scale
        ids = sorted(tg.entities)
        orgs = [i for i in ids if tg.schema.is_a(tg.entities[i].type, "Organization")]
        emirs = sorted({r.object for r in tg.relations.values() if r.type == "leaderOf"
                        and r.qualifier("post") == "emir" and r.status != "refuted"})
        heads = sorted({r.object for r in tg.relations.values() if r.type in ("successorOf", "splinterOf",
                                                                               "mergedInto")}) or orgs
        hubs = [i for i in ids if tg.schema.is_a(tg.entities[i].type, "Person")
                or tg.schema.is_a(tg.entities[i].type, "Organization")]

        def n(question: str, table: dict[str, int] = ITERATIONS) -> int:
            return max(2, int(table[question] * scale))

        self.n = n

        def name_query(ident: str) -> str:
            names = [x.text for x in tg.entities[ident].names if x.kind != "weakAlias"]
            text = rng.choice(names)
            if rng.random() < 0.3 and len(text) > 6:  # a typo
                k = rng.randrange(1, len(text) - 1)
                text = text[:k] + text[k + 1] + text[k] + text[k + 2:]
            return text

        def year(ident: str) -> str:
            life = tg.entities[ident].lifetime
            lo = life.start.earliest.year if life.start else 1995
            hi = life.end.latest.year if life.end else 2024
            return str(rng.randint(lo, max(lo, hi)))

        big = ITERATIONS
        self.inputs: dict[str, list[Any]] = {
            "lookup": [rng.choice(ids) for _ in range(n("lookup", big))],
            "search": [name_query(rng.choice(ids)) for _ in range(n("search", big))],
            "succession": [rng.choice(emirs or orgs) for _ in range(n("succession", big))],
            "lineage": [rng.choice(heads) for _ in range(n("lineage", big))],
            "affiliations": [(o, year(o)) for o in (rng.choice(orgs) for _ in range(n("affiliations", big)))],
            "neighborhood": [rng.choice(hubs) for _ in range(n("neighborhood", big))],
            "paths": [(rng.choice(hubs), rng.choice(hubs)) for _ in range(n("paths", big))],
            "snapshot": [str(rng.randint(2000, 2020)) for _ in range(n("snapshot", big))],
        }

    def baseline_inputs(self, question: str) -> list[Any]:
        return self.inputs[question][:self.n(question, BASELINE_ITERATIONS)]


def embedded_calls(store: Any) -> dict[str, Callable[[Any], Any]]:
    """Each question on a store (embedded or Neo4j), returning the comparable part of the answer."""

    def neighborhood(ident: str) -> Any:
        try:
            return {n.id for n in store.neighborhood(ident, depth=2, max_nodes=5000).nodes}
        except BadParameterError:
            return "too-large"

    def paths(pair: tuple[str, str]) -> Any:
        found = store.paths(pair[0], pair[1], max_hops=6, limit=5)
        return len(found[0].nodes) - 1 if found else None

    return {
        "lookup": lambda i: {r.id for r in store.entity(i).relations},
        "search": lambda q: [h.id for h in store.search(q, limit=20)],
        "succession": lambda o: [s.person.id for s in store.succession(o).holders],
        "lineage": lambda o: {n.id for n in store.lineage(o).graph.nodes},
        "affiliations": lambda p: {r.id for r in store.affiliations(p[0], at=p[1])},
        "neighborhood": neighborhood,
        "paths": paths,
        "snapshot": lambda at: len(store.snapshot(at).edges),
    }


def sparql_calls(engine: sparql.Engine, schema: Schema) -> dict[str, Callable[[Any], Any]]:
    # rdflib walks a frontier node by node: it gives up sooner (answer None, counted as a disagreement)
    frontier = 2_000 if engine.name == "rdflib" else 20_000
    affiliation_types = schema.relation_types_in("affiliation")
    return {
        "lookup": lambda i: sparql.lookup(engine, i),
        "search": lambda q: sparql.search(engine, q),
        "succession": lambda o: sparql.succession(engine, o),
        "lineage": lambda o: sparql.lineage(engine, o),
        "affiliations": lambda p: sparql.affiliations(engine, p[0], affiliation_types, p[1]),
        "neighborhood": lambda i: sparql.neighborhood(engine, i),
        "paths": lambda pair: sparql.path_length(engine, pair[0], pair[1], max_frontier=frontier),
        "snapshot": lambda at: sparql.snapshot(engine, at),
    }


def agreement(question: str, ours: list[Any], theirs: list[Any]) -> dict[str, Any]:
    """How far another engine's answers agree with the embedded store's, question by question."""
    same = 0
    for a, b in zip(ours, theirs, strict=False):
        if question == "search":
            # SPARQL matches exact names only: agreement means our best hit is among its answers,
            # for the queries it can answer at all
            ok = (not b) or (bool(a) and a[0] in b) if isinstance(b, set) else a == b
        elif question == "succession" and isinstance(b, list) and isinstance(a, list):
            ok = set(a) == set(b)
        elif question == "neighborhood" and a == "too-large":
            ok = True
        else:
            ok = a == b
        same += bool(ok)
    n = min(len(ours), len(theirs))
    return {"compared": n, "same": same, "rate": round(same / n, 3) if n else None}


def run_questions(calls: dict[str, Callable[[Any], Any]], inputs: Callable[[str], list[Any]],
                  warmup: int = 2, budget_s: float | None = None) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    figures, answers = {}, {}
    for q in QUESTIONS:
        gc.collect()
        figures[q], answers[q] = timed(calls[q], inputs(q), warmup, budget_s)
    return figures, answers


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


# -- REST ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wrk(url: str, paths: list[str], seconds: float, connections: int, folder: Path) -> dict[str, Any]:
    script = folder / "paths.lua"
    lua_paths = ",".join(json.dumps(p) for p in paths)
    script.write_text(f"local paths = {{{lua_paths}}}\nlocal i = 0\n"
                      "request = function()\n  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n")
    proc = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{max(1, int(seconds))}s", "--latency",
                           "-s", str(script), url], capture_output=True, text=True, timeout=seconds + 60)
    text = proc.stdout

    def ms(label: str) -> float | None:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", text, re.M)
        if not match:
            return None
        value, unit = float(match[1]), match[2]
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 3)

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    total = re.search(r"(\d+) requests in", text)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {"tool": "wrk", "requests": int(total[1]) if total else 0, "seconds": seconds,
            "rps": float(rps[1]) if rps else 0.0, "p50_ms": ms("50"), "p99_ms": ms("99"),
            "errors": int(errors[1]) if errors else 0, "connections": connections}


def rest(data: Path, work: Workload, seconds: float, max_requests: int, connections: int = 16,
         cache_dir: Path | None = None) -> dict[str, Any]:
    """Serve the data with uvicorn (one worker) in a subprocess; load it from another process."""
    port = free_port()
    env = {**os.environ, "BENCH_DATA": str(data), "PYTHONPATH": str(ROOT), "BENCH_CACHE_DIR": str(cache_dir or "")}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "bench.serve:app", "--host", "127.0.0.1", "--port",
         str(port), "--workers", "1", "--log-level", "warning", "--no-access-log"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    out: dict[str, Any] = {"server": "uvicorn, 1 worker", "tool": "wrk" if shutil.which("wrk") else "bench.load"}
    try:
        import http.client

        deadline = time.monotonic() + 1200
        t = time.monotonic()
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError(f"the server stopped: {server.stderr.read()[-2000:] if server.stderr else ''}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/ready")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        out["server_start_s"] = round(time.monotonic() - t, 1)
        url = f"http://127.0.0.1:{port}"
        paths = {
            "lookup": [f"/entities/{i}" for i in work.inputs["lookup"]],
            "succession": [f"/succession?org={o}" for o in work.inputs["succession"]],
        }
        with tempfile.TemporaryDirectory() as folder:
            for name, chosen in paths.items():
                if out["tool"] == "wrk":
                    out[name] = _wrk(url, chosen, seconds, connections, Path(folder))
                else:
                    file = Path(folder) / f"{name}.txt"
                    file.write_text("\n".join(chosen))
                    proc = subprocess.run([sys.executable, "-m", "bench.load", url, str(file), "--seconds",
                                           str(seconds), "--requests", str(max_requests), "--connections",
                                           str(min(connections, 8))],
                                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=seconds + 120)
                    out[name] = json.loads(proc.stdout.strip().splitlines()[-1])
    finally:
        os.killpg(server.pid, 15)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)
    return out


# -- Neo4j -------------------------------------------------------------------------------------


#: Above this many relations the Neo4j leg bulk-imports (neo4j-admin) instead of the one-transaction loader,
#: whose transaction would need several GiB of server memory (about 8 KiB per relation, measured at 10k).
NEO4J_LOAD_MAX_RELATIONS = 100_000


def neo4j(tg: TemporalGraph, work: Workload, ours: dict[str, list[Any]], start_local: bool) -> dict[str, Any]:
    """The same questions on the Neo4j store: loaded by ``jkg load``'s loader (one transaction) when the data
    fits one transaction of a 2 GiB heap, else bulk-imported by neo4j-admin from ``jkg export neo4j-admin``."""
    from jkg.graph.exports.neo4j_admin import export_neo4j_admin
    from jkg.graph.neo4j.config import Neo4jSettings
    from jkg.graph.neo4j.load import ensure_schema, load
    from jkg.graph.neo4j.store import Neo4jStore

    server = None
    folder = None
    bulk = len(tg.relations) > NEO4J_LOAD_MAX_RELATIONS
    out: dict[str, Any] = {}
    if start_local and not os.environ.get("NEO4J_URI"):
        sys.path.insert(0, str(ROOT))
        from tests.neo4j_server import LocalNeo4j

        folder = tempfile.mkdtemp(prefix="jkg-bench-neo4j-")
        server = LocalNeo4j(Path(folder) / "data", env={"NEO4J_HEAP": "2g", "NEO4J_PAGECACHE": "1g"})
        if bulk:
            t = time.perf_counter()
            export_neo4j_admin(tg, Path(folder) / "csv")
            out["export_s"] = round(time.perf_counter() - t, 2)
            t = time.perf_counter()
            done = subprocess.run([str(ROOT / "neo4j-local" / "admin-import.sh"), "@import.args"],
                                  cwd=Path(folder) / "csv", capture_output=True, text=True, check=False,
                                  env={**os.environ, "NEO4J_DATA": str(server.data), "NEO4J_IMPORT_OFFHEAP": "2g"})
            if done.returncode != 0:
                raise RuntimeError(f"neo4j-admin import failed: {done.stdout[-2000:]}{done.stderr[-2000:]}")
            out["import_s"] = round(time.perf_counter() - t, 2)
        server.start()
        settings = server.settings
    else:
        settings = Neo4jSettings()
        bulk = False
    out["uri"] = "local (neo4j-local, LocalNeo4j, heap 2g)" if server else "NEO4J_URI"
    out["load"] = "neo4j-admin import" if bulk else "jkg load (one transaction)"
    try:
        store = Neo4jStore(settings)
        t = time.perf_counter()
        if bulk:
            ensure_schema(store.driver, settings.database, tg)  # an import creates no constraints
        else:
            load(store.driver, tg, database=settings.database, replace=True)
        elapsed = time.perf_counter() - t + out.get("import_s", 0)
        out["load_s"] = round(elapsed, 2)
        out["relationships_per_s"] = round(len(tg.relations) / elapsed, 1)
        out["counts"] = store.info().model_dump(exclude={"backend", "data_version"})
        figures, answers = run_questions(embedded_calls(store), work.baseline_inputs, warmup=1, budget_s=30.0)
        out["questions"] = figures
        out["agreement"] = {q: agreement(q, ours[q], answers[q]) for q in QUESTIONS}
        store.close()
    finally:
        if server is not None:
            server.stop()
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
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
