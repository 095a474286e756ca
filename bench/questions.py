"""The eight questions the benchmark asks, their inputs, and how answers are timed and compared.
"""

from __future__ import annotations

import gc
import random
import resource
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bench import sparql
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exceptions import BadParameterError
from jkg.ontology.schema import Schema

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


