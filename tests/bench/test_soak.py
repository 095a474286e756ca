"""The soak's request mix and report, without the soak (never a timing assertion): every path it asks
answers 200 on the seed data, so a soak's errors are the server's, and the report shows each backend."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bench.soak import markdown, request_mix
from jkg.api.main import create_app
from jkg.api.settings import Settings
from jkg.graph.store import EmbeddedStore


def test_every_path_of_the_mix_answers(embedded_store: EmbeddedStore) -> None:
    paths = request_mix(embedded_store)
    assert len(paths) >= 50 and len(set(paths)) == len(paths)
    for question in ("/entities/aqim", "/succession?org=aqim", "/organizations/aqim/lineage",
                     "/entities/aqim/neighborhood?depth=2"):
        assert question in paths
    settings = Settings(_env_file=None, backend="embedded", cors_origins=[], admin_token=None)  # type: ignore[call-arg]
    with TestClient(create_app(settings, store=embedded_store)) as client:
        failing = {p: status for p in paths if (status := client.get(p).status_code) != 200}
    assert not failing


def test_report_shows_each_backend() -> None:
    row = {"backend": "neo4j", "requests": 1200, "rps": 4.0, "errors": 0, "p50_ms": 1.0, "p99_ms": 9.0,
           "max_ms": 12.0, "rss_start_mib": 100.0, "rss_end_mib": 104.0, "rss_peak_mib": 105.0,
           "rss_growth_pct": 4.0, "neo4j_rss_end_mib": 900.0, "ok": True}
    text = markdown({"date": "d", "machine": "m", "code": "c", "command": "python -m bench.soak", "paths": 100,
                     "tool": "wrk", "warmup_s": 30, "minutes": 5.0, "backends": [row]})
    assert "| neo4j | 1,200 | 4.0 | 0 | 1.0 | 9.0 | 12.0 | 100.0 | 104.0 | 105.0 | +4.0% | 900.0 | yes |" in text
