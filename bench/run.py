"""The benchmark: ``python -m bench.run --sizes 1k,10k,100k`` (``make bench``).

For each size: generate the data (seeded; reused when already there), then measure it
in a fresh process (``bench.worker``), so that build time and peak memory are that
size's alone. Writes ``bench/results/report.json`` and ``bench/results/report.md``.

Options: ``--neo4j`` also loads each size into a Neo4j started from neo4j-local/ (or
the one at ``NEO4J_URI``, which is used whenever it is set) and asks it the same
questions; ``--quick`` divides the iteration counts by twenty; ``--baselines`` picks
the SPARQL engines (``rdflib,oxigraph``; rdflib is skipped above 10k entities, where
its in-memory graph of ~20 million triples would not fit the memory target).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.generate import GENERATOR_VERSION, SIZES, generate

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "build" / "bench-data"
RESULTS = ROOT / "bench" / "results"

#: The issue's targets at 100k entities (in-process p99, ms).
TARGETS_MS = {"lookup": 1, "search": 20, "succession": 5, "lineage": 5, "neighborhood": 20, "paths": 50,
              "snapshot": 2000}
TARGET_BUILD_S = 20
TARGET_RSS_MIB = 3 * 1024
TARGET_REST_RPS = 3000
LABELS = {"lookup": "entity lookup", "search": "alias search", "succession": "succession chain",
          "lineage": "lineage", "affiliations": "affiliations as of a date", "neighborhood": "2-hop neighborhood",
          "paths": "shortest path (<= 6 hops)", "snapshot": "snapshot as of a date"}


def ensure_data(size: str, seed: int) -> Path:
    out = DATA / size
    stamp = out / ".generated.json"
    wanted = {"entities": SIZES[size], "seed": seed, "generator": GENERATOR_VERSION}
    if stamp.exists() and json.loads(stamp.read_text()).get("args") == wanted:
        return out
    t = time.perf_counter()
    counts = generate(SIZES[size], out, seed)
    stamp.write_text(json.dumps({"args": wanted, "counts": counts, "seconds": round(time.perf_counter() - t, 1)}))
    return out


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if value >= 1 else f"{value:.3f}"


def _ratio(theirs: float | None, ours: float | None) -> str:
    if not theirs or not ours:
        return ""
    return f" (x{theirs / ours:.3g})"


def markdown(report: dict[str, Any]) -> str:
    lines = [f"# jkg benchmark ({report['date']})", "",
             f"Machine: {report['machine']}. Command: `{report['command']}`.",
             "Latencies are in milliseconds (p50 / p99). A ratio is the other engine's p50 over the embedded "
             "store's p50: above 1, the embedded store is faster.", ""]
    sizes = report["sizes"]
    lines += ["## Build", "",
              "Cold: every file parsed (in parallel processes), the Python checks run (SHACL is timed apart: "
              "`load_graph` runs it once per content, see below), the graph built, its indexes and a view of "
              "every relation prepared as `jkg serve` does. Warm: what a second `jkg serve` of unchanged data "
              "does: files from the cache of files read, no checks (the cache says this content was validated), "
              "the graph built, the search, time and order indexes from the cache, the views built. Peak RSS is "
              "the build process's.", "",
              "| size | entities | relations | YAML MiB | read s | checks s | graph s | indexes and views s "
              "| cold total s "
              "| warm: read s | warm total s | peak RSS MiB | SHACL |", "|" + "---|" * 13]
    for r in sizes:
        b, sh, w = r["build"], r["shacl"], r.get("build_warm", {})
        lines.append(f"| {r['size']} | {b['entities']:,} | {b['relations']:,} | {b['yaml_mib']} | {b['read_s']} | "
                     f"{b['checks_s']} | {b['graph_s']} | {b['indexes_s']} | **{b['total_s']}** | "
                     f"{w.get('read_s', '-')} | **{w.get('total_s', '-')}** | "
                     f"**{b['peak_rss_mib']:,.0f}** | {sh['scope']} ({sh['relations']:,} relations): {sh['seconds']} s,"
                     f" {sh['problems']} problem(s) |")
    for r in sizes:
        lines += ["", f"## Queries at {r['size']} ({r['build']['entities']:,} entities, "
                      f"{r['build']['relations']:,} relations)", ""]
        base = r.get("baselines", {})
        engines = [e for e in ("oxigraph", "rdflib") if e in base]
        has_neo4j = "neo4j" in r and "questions" in r["neo4j"]
        head = ["question", "embedded p50 / p99", "target p99 (100k)"]
        head += [f"{e} p50 / p99 (ratio)" for e in engines] + (["neo4j p50 / p99 (ratio)"] if has_neo4j else [])
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for q, label in LABELS.items():
            f = r["embedded"][q]
            target = TARGETS_MS.get(q)
            met = "" if target is None else (" ✅" if f["p99_ms"] <= target else " ❌")
            row = [label, f"{_ms(f['p50_ms'])} / {_ms(f['p99_ms'])}",
                   (f"{_ms(target)}{met}" if r["size"] == "100k" else _ms(target)) if target else "-"]
            for e in engines:
                g = base[e]["questions"][q]
                agree = base[e]["agreement"][q]
                row.append(f"{_ms(g['p50_ms'])} / {_ms(g['p99_ms'])}{_ratio(g['p50_ms'], f['p50_ms'])}"
                           f" [n={g['n']}, same {agree['same']}/{agree['compared']}]")
            if has_neo4j:
                g = r["neo4j"]["questions"][q]
                agree = r["neo4j"]["agreement"][q]
                row.append(f"{_ms(g['p50_ms'])} / {_ms(g['p99_ms'])}{_ratio(g['p50_ms'], f['p50_ms'])}"
                           f" [n={g['n']}, same {agree['same']}/{agree['compared']}]")
            lines.append("| " + " | ".join(row) + " |")
        if base:
            loads = ", ".join(f"{e} load {base[e]['load_s']} s" for e in engines)
            lines += ["", f"RDF export (to_rdf): {base.get('export_s')} s, {base.get('triples', 0):,} triples;"
                      f" {loads}."]
        if "neo4j" in r:
            n = r["neo4j"]
            lines.append(f"Neo4j ({n.get('uri')}) loaded by {n.get('load', 'jkg load')}: {n.get('load_s')} s,"
                         f" {n.get('relationships_per_s', 0):,.0f} relationships/s"
                         + (f" (CSV export {n['export_s']} s)" if "export_s" in n else "") + ".")
        if "rest" in r:
            rest = r["rest"]
            lines += ["", f"REST ({rest['server']}, load from `{rest['tool']}` in another process on loopback):", "",
                      "| endpoint | requests | req/s | p50 ms | p99 ms | errors |", "|---|---|---|---|---|---|"]
            for name, path in (("lookup", "GET /entities/{id}"), ("succession", "GET /succession?org={id}")):
                x = rest.get(name, {})
                lines.append(f"| {path} | {x.get('requests')} | **{x.get('rps')}** | {_ms(x.get('p50_ms'))} | "
                             f"{_ms(x.get('p99_ms'))} | {x.get('errors')} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1k,10k,100k")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--neo4j", action="store_true", help="start a Neo4j from neo4j-local/ (NEO4J_URI wins)")
    parser.add_argument("--baselines", default="rdflib,oxigraph")
    parser.add_argument("--rest-seconds", type=float, default=10.0)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--keep", default="", help="sizes measured before, whose results (in OUT/tmp) the report"
                        " keeps next to this run's")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    neo4j = "uri" if os.environ.get("NEO4J_URI") else ("local" if args.neo4j else None)
    report: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {sys.platform}",
        "command": "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:]),
        "sizes": [json.loads((args.out / "tmp" / f"{size}.json").read_text())
                  for size in args.keep.split(",") if size],
    }
    for size in args.sizes.split(","):
        data = ensure_data(size, args.seed)
        engines = [e for e in args.baselines.split(",") if e and not (e == "rdflib" and SIZES[size] > 10_000)]
        out = args.out / "tmp" / f"{size}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "bench.worker", "--data", str(data), "--size", size, "--out", str(out),
                   "--baselines", ",".join(engines), "--rest-seconds", str(args.rest_seconds)]
        if args.quick:
            command.append("--quick")
        if neo4j:
            command += ["--neo4j", neo4j]
        print(f"bench: {size} ...", flush=True)
        t = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True)
        result = json.loads(out.read_text())
        result["wall_s"] = round(time.perf_counter() - t, 1)
        report["sizes"].append(result)
        (args.out / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        (args.out / "report.md").write_text(markdown(report), encoding="utf-8")
        print(f"bench: {size} done in {result['wall_s']} s", flush=True)
    print((args.out / "report.md").read_text())


if __name__ == "__main__":
    main()
