"""The Neo4j leg: the same questions on the Neo4j store, loaded with jkg load or bulk-imported.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.questions import QUESTIONS, Workload, agreement, embedded_calls, run_questions
from jkg.graph.engine.temporal import TemporalGraph

ROOT = Path(__file__).resolve().parent.parent

# -- Neo4j -------------------------------------------------------------------------------------


#: Above this many relations the Neo4j leg bulk-imports (neo4j-admin) instead of ``jkg load``'s loader: the loader
#: writes in batches (any size fits the default heap) but at a few thousand relations/s on this machine
#: (``python -m bench.neo4j_load``), minutes at 100k.
NEO4J_LOAD_MAX_RELATIONS = 100_000


def neo4j(tg: TemporalGraph, work: Workload, ours: dict[str, list[Any]], start_local: bool) -> dict[str, Any]:
    """The same questions on the Neo4j store: loaded by ``jkg load``'s loader (batches, then one switch) up to
    NEO4J_LOAD_MAX_RELATIONS, else bulk-imported by neo4j-admin from ``jkg export neo4j-admin``."""
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
    out["load"] = "neo4j-admin import" if bulk else "jkg load (batches)"
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


