"""Neo4j Browser, on another origin, can fetch the style and guide through the CORS preflight."""

from __future__ import annotations

from fastapi.testclient import TestClient

from jkg.api.main import create_app
from jkg.graph.store import EmbeddedStore
from tests.api.conftest import make_settings

BROWSER = "http://localhost:7474"


def test_preflight_with_browser_headers(embedded: EmbeddedStore) -> None:
    app = create_app(make_settings(cors_origins=[BROWSER]), store=embedded)
    with TestClient(app) as client:
        for path in ("/neo4j/guide.html", "/neo4j/style.grass"):
            preflight = client.options(path, headers={
                "Origin": BROWSER, "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "cache-control,pragma"})
            assert preflight.status_code == 200, preflight.text
            got = client.get(path, headers={"Origin": BROWSER, "Cache-Control": "no-cache", "Pragma": "no-cache"})
            assert got.status_code == 200
            assert got.headers["access-control-allow-origin"] in (BROWSER, "*")
