"""The soak: the API under steady load for minutes on each backend, seed data (``make soak``).

``python -m bench.soak --minutes 5 --backends embedded,neo4j``

For each backend, the API runs as ``jkg serve`` runs it (``jkg.api.main:create_app`` under uvicorn, one
worker, access log off) in its own process, on the seed data; the Neo4j backend on a neo4j-local server
started here (or the one at ``NEO4J_URI``), into which the seed data is loaded first. Every path of the
request mix is asked once and must answer 200; then ``wrk`` (one thread, 8 connections; ``bench.load`` when
wrk is missing) warms the server up, the API process's RSS is read, and the soak runs for the given minutes
while the RSS is sampled every few seconds. Reported: requests, requests per second, errors (non-2xx answers
and socket errors, timeouts included: must be 0), p50/p99 latency, the RSS after warm-up, at the end and at
its peak (growth at most 10%). Writes ``bench/results/soak.json`` and ``bench/results/soak.md``; exits 1 when
a backend has errors or grows more than that.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bench.rest import free_port
from jkg.graph.store import EmbeddedStore

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seed_data"
RESULTS = ROOT / "bench" / "results"
CONNECTIONS = 8
TIMEOUT_S = 5  # a request slower than this counts as an error (wrk's timeout)
MAX_GROWTH = 0.10
SAMPLE_S = 5.0


# -- the request mix ---------------------------------------------------------------------------------------


def request_mix(store: EmbeddedStore) -> list[str]:
    """The paths the soak asks, round-robin: the questions of the issue's table and the other common ones,
    over many entities of the seed data (deterministic)."""
    tg = store.graph
    schema = tg.schema
    orgs = sorted(e.id for e in tg.entities.values() if schema.is_a(e.type, "Organization"))
    tracked = [o for o in orgs if store.succession(o).holders][:24]
    people = sorted(e.id for e in tg.entities.values() if schema.is_a(e.type, "Person"))[::12]
    others = sorted(e.id for e in tg.entities.values() if not schema.is_a(e.type, "Event"))[::20]
    mix = ["/entities/aqim", "/entities/fulani", "/succession?org=aqim", "/organizations/aqim/lineage",
           "/entities/aqim/neighborhood?depth=2"]
    mix += [f"/entities/{i}" for i in people + others]
    mix += [f"/succession?org={o}" for o in tracked]
    mix += [f"/organizations/{o}/lineage" for o in tracked[::2]]
    mix += [f"/organizations/{o}/leaders?at={2005 + 4 * (i % 5)}" for i, o in enumerate(tracked)]
    mix += [f"/entities/{o}/neighborhood?depth=2&at=2018" for o in ("jnim", "gspc", "iswap")]
    mix += [f"/timeline/{o}" for o in tracked[:6]]
    mix += ["/paths?from=mokhtar-belmokhtar&to=jnim&at=2017", "/paths?from=gspc&to=jnim&max_hops=4",
            "/people/abdelmalek-droukdel/succession", "/organizations/jnim/affiliations?at=2019"]
    mix += [f"/entities?q={quote(q)}" for q in ("Droukdel", "Okacha", "Sahraoui", "Abou Zeid", "JNIM")]
    return list(dict.fromkeys(mix))


# -- the API process, and load on it ----------------------------------------------------------------------


def rss_mib(pid: int) -> float:
    """Resident memory of a process (``VmRSS``), MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmRSS for process {pid}")


@contextmanager
def api(backend: str, env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """The API on this backend under uvicorn in its own process: yields (url, pid)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", "jkg.api.main:create_app", "--host", "127.0.0.1", "--port",
         str(port), "--workers", "1", "--log-level", "warning", "--no-access-log"],
        cwd=ROOT, env={**os.environ, **env, "JKG_BACKEND": backend, "JKG_DATA": json.dumps([str(SEED)])},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while _status(url, "/ready") != 200:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the API did not start: {server.stderr.read()[-2000:] if server.stderr else ''}")
            time.sleep(0.5)
        yield url, server.pid
    finally:
        os.killpg(server.pid, 15)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)


def _status(url: str, path: str) -> int | None:
    import http.client
    from urllib.parse import urlsplit

    target = urlsplit(url)
    try:
        conn = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    except OSError:
        return None


_WRK_LUA = """local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format('GET', paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('SOAK {"requests": %%d, "duration_us": %%d, "non2xx": %%d, "connect": %%d, "read": %%d,'
    .. ' "write": %%d, "timeout": %%d, "p50_us": %%d, "p99_us": %%d, "max_us": %%d}\\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""


def load_for(url: str, paths: list[str], seconds: int, folder: Path) -> dict[str, Any]:
    """``seconds`` of load on the paths, round-robin: wrk, or bench.load without it."""
    if shutil.which("wrk") is None:
        file = folder / "paths.txt"
        file.write_text("\n".join(paths))
        proc = subprocess.run([sys.executable, "-m", "bench.load", url, str(file), "--seconds", str(seconds),
                               "--requests", str(10**9), "--connections", str(CONNECTIONS)],
                              cwd=ROOT, capture_output=True, text=True, timeout=seconds + 300, check=True)
        return dict(json.loads(proc.stdout.strip().splitlines()[-1]))
    script = folder / "soak.lua"
    script.write_text(_WRK_LUA % ",".join(json.dumps(p) for p in paths))
    proc = subprocess.run(["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", f"--timeout={TIMEOUT_S}s", "-s",
                           str(script), url], capture_output=True, text=True, timeout=seconds + 300, check=True)
    line = next(x for x in proc.stdout.splitlines() if x.startswith("SOAK "))
    raw = json.loads(line[5:])
    seconds_run = raw["duration_us"] / 1e6
    return {"tool": "wrk", "requests": raw["requests"], "seconds": round(seconds_run, 1),
            "rps": round(raw["requests"] / seconds_run, 1), "p50_ms": round(raw["p50_us"] / 1000, 2),
            "p99_ms": round(raw["p99_us"] / 1000, 2), "max_ms": round(raw["max_us"] / 1000, 1),
            "errors": sum(raw[k] for k in ("non2xx", "connect", "read", "write", "timeout")),
            "error_kinds": {k: raw[k] for k in ("non2xx", "connect", "read", "write", "timeout")},
            "connections": CONNECTIONS}


def soak(backend: str, env: dict[str, str], paths: list[str], minutes: float, warmup_s: int,
         neo4j_pid: int | None = None) -> dict[str, Any]:
    """One backend: check every path answers 200, warm up, soak while sampling the RSS."""
    with api(backend, env) as (url, pid), tempfile.TemporaryDirectory() as folder:
        failing = {p: s for p in paths if (s := _status(url, p)) != 200}
        if failing:
            raise RuntimeError(f"{backend}: paths of the mix that do not answer 200: {failing}")
        load_for(url, paths, warmup_s, Path(folder))
        start = rss_mib(pid)
        samples: list[float] = [start]
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(SAMPLE_S):
                samples.append(rss_mib(pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        figures = load_for(url, paths, int(minutes * 60), Path(folder))
        stop.set()
        sampler.join()
        end = rss_mib(pid)
    growth = (end - start) / start
    return {"backend": backend, **figures, "warmup_s": warmup_s, "paths": len(paths),
            "rss_start_mib": start, "rss_end_mib": end, "rss_peak_mib": max([*samples, end]),
            "rss_growth_pct": round(100 * growth, 1),
            "neo4j_rss_end_mib": rss_mib(neo4j_pid) if neo4j_pid else None,
            "ok": figures["errors"] == 0 and growth <= MAX_GROWTH}


@contextmanager
def neo4j_with_seed(store: EmbeddedStore) -> Iterator[tuple[dict[str, str], int | None]]:
    """A Neo4j holding the seed data: yields (NEO4J_* environment, server pid or None)."""
    from jkg.graph.neo4j.config import Neo4jSettings, connect
    from jkg.graph.neo4j.load import load

    server = None
    folder = None
    if os.environ.get("NEO4J_URI"):
        settings = Neo4jSettings()
    else:
        sys.path.insert(0, str(ROOT))
        from tests.neo4j_server import LocalNeo4j

        folder = tempfile.mkdtemp(prefix="jkg-soak-neo4j-")
        server = LocalNeo4j(Path(folder) / "data")
        server.start()
        settings = server.settings
    try:
        with connect(settings) as driver:
            load(driver, store.graph, database=settings.database, replace=True)
        env = {"NEO4J_URI": settings.uri, "NEO4J_USER": settings.user,
               "NEO4J_PASSWORD": settings.password.get_secret_value(), "NEO4J_DATABASE": settings.database}
        yield env, (server.process.pid if server and server.process else None)
    finally:
        if server is not None:
            server.stop()
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


# -- the report ----------------------------------------------------------------------------------------------


def markdown(report: dict[str, Any]) -> str:
    lines = [f"# jkg soak ({report['date']})", "",
             f"Machine: {report['machine']}. Code: {report['code']}. Command: `{report['command']}`.",
             f"Each backend: the API (uvicorn, 1 worker) on the seed data, {report['paths']} paths round-robin "
             f"(`bench/soak.py` `request_mix`), {CONNECTIONS} connections from `{report['tool']}` in another process, "
             f"{report['warmup_s']} s of warm-up, then {report['minutes']:g} minutes. Errors are non-2xx answers and "
             f"socket errors (a request over {TIMEOUT_S} s included). RSS is the API process's.", "",
             "| backend | requests | req/s | errors | p50 ms | p99 ms | max ms | RSS after warm-up MiB "
             "| RSS at end MiB | peak MiB | growth | Neo4j RSS MiB | within limits |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in report["backends"]:
        lines.append(f"| {r['backend']} | {r['requests']:,} | {r['rps']:,} | {r['errors']} | {r['p50_ms']} | "
                     f"{r['p99_ms']} | {r.get('max_ms', '-')} | {r['rss_start_mib']} | {r['rss_end_mib']} | "
                     f"{r['rss_peak_mib']} | {r['rss_growth_pct']:+}% | {r['neo4j_rss_end_mib'] or '-'} | "
                     f"{'yes' if r['ok'] else '**no**'} |")
    return "\n".join(lines) + "\n"


def _code() -> str:
    done = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %cd", "--date=format:%Y-%m-%d %H:%M"],
                          capture_output=True, text=True, check=False)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True, check=False).stdout.strip()
    return f"git {done.stdout.strip()}" + (" with uncommitted changes" if dirty else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--warmup", type=int, default=30, help="seconds of load before the RSS is first read")
    parser.add_argument("--backends", default="embedded,neo4j")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    store = EmbeddedStore.from_paths([SEED])
    paths = request_mix(store)
    results = []
    for backend in args.backends.split(","):
        print(f"soak: {backend}, {args.minutes:g} min after {args.warmup} s of warm-up", flush=True)
        if backend == "neo4j":
            with neo4j_with_seed(store) as (env, pid):
                result = soak(backend, env, paths, args.minutes, args.warmup, pid)
        else:
            result = soak(backend, {}, paths, args.minutes, args.warmup)
        print(json.dumps(result), flush=True)
        results.append(result)
    report = {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
              "machine": f"{os.cpu_count()} CPUs, Python {platform.python_version()}, {sys.platform}",
              "code": _code(), "command": "python -m bench.soak " + " ".join(sys.argv[1:]),
              "tool": "wrk" if shutil.which("wrk") else "bench.load", "minutes": args.minutes,
              "warmup_s": args.warmup, "paths": len(paths), "backends": results}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "soak.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.out / "soak.md").write_text(markdown(report))
    print(markdown(report))
    sys.exit(0 if all(r["ok"] for r in results) else 1)


if __name__ == "__main__":
    main()
