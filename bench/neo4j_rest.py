"""REST side by side: the API on the embedded store and on the Neo4j store, over the same data, in one run.

``python -m bench.neo4j_rest --data build/bench-data/10k --neo4j-uri bolt://127.0.0.1:7687 [--seconds 5]``
(``--data seed`` for the seed data). The Neo4j server must hold the same data (``jkg load --neo4j``).
Each backend is served by uvicorn (one worker) in its own process and loaded by wrk (one thread, 8
connections) on entity lookup, succession, lineage and the 2-hop neighborhood, one endpoint after the
other, with the same request paths. Prints one JSON line: requests/s, p50 and p99 per endpoint and
backend, and the ratio neo4j / embedded (the issue's target: at least 0.3).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from bench.rest import _wrk, free_port, wait_ready

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seed_data"


def neo4j_app() -> FastAPI:
    """The API on the Neo4j store (``NEO4J_URI``), for uvicorn: ``uvicorn --factory bench.neo4j_rest:neo4j_app``."""
    from jkg.api.main import create_app
    from jkg.api.settings import Settings
    from jkg.graph.neo4j.store import Neo4jStore

    return create_app(Settings(backend="neo4j"), Neo4jStore())


def paths(data: Path, count: int = 50, seed: int = 3) -> dict[str, list[str]]:
    """The request paths of each endpoint: the same random entities and organizations for both backends."""
    from jkg.graph.pipeline import load_graph

    tg = load_graph([data], checks="python")
    rnd = random.Random(seed)
    organizations = sorted(e.id for e in tg.entities.values() if tg.schema.is_a(e.type, "Organization"))
    entities = sorted(tg.entities)
    orgs = [rnd.choice(organizations) for _ in range(count)]
    return {
        "lookup": [f"/entities/{rnd.choice(entities)}" for _ in range(count)],
        "succession": [f"/succession?org={o}" for o in orgs],
        "lineage": [f"/organizations/{o}/lineage" for o in orgs],
        "neighborhood": [f"/entities/{o}/neighborhood?depth=2&max_nodes=5000" for o in orgs],
    }


def serve(backend: str, data: Path, uri: str) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    env = {**os.environ, "BENCH_DATA": str(data), "PYTHONPATH": str(ROOT), "NEO4J_URI": uri, "BENCH_CACHE_DIR": ""}
    factory = "bench.serve:app" if backend == "embedded" else "bench.neo4j_rest:neo4j_app"
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", factory, "--host", "127.0.0.1", "--port", str(port),
         "--workers", "1", "--log-level", "warning", "--no-access-log"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    wait_ready(server, port, 600)
    return server, f"http://127.0.0.1:{port}"


def side_by_side(data: Path, uri: str, seconds: float = 5.0, connections: int = 8) -> dict[str, Any]:
    """Requests/s of each backend on each endpoint, and the ratio neo4j / embedded."""
    chosen = paths(data)
    out: dict[str, Any] = {"data": str(data), "seconds": seconds, "connections": connections}
    with tempfile.TemporaryDirectory() as folder:
        for backend in ("embedded", "neo4j"):
            server, url = serve(backend, data, uri)
            try:
                for name, requested in chosen.items():
                    _wrk(url, requested[:5], 1, connections, Path(folder))  # warm-up
                    out.setdefault(name, {})[backend] = _wrk(url, requested, seconds, connections, Path(folder))
            finally:
                os.killpg(server.pid, 15)
                server.wait(timeout=30)
    for name in chosen:
        embedded, neo4j = out[name]["embedded"]["rps"], out[name]["neo4j"]["rps"]
        out[name]["ratio"] = round(neo4j / embedded, 3) if embedded else None
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default="seed")
    parser.add_argument("--neo4j-uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    data = SEED if args.data == "seed" else Path(args.data)
    print(json.dumps(side_by_side(data, args.neo4j_uri, args.seconds)))


if __name__ == "__main__":
    main()
