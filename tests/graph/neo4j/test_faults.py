"""Faults on a real Neo4j: wrong credentials, the server stopped mid-run, and recovery.

A dedicated server (so the session server is never stopped, nor its user locked out by
failed logins) holds the seed data. One Neo4jStore and one app are built on it and never
rebuilt: while the server is down every store method raises StoreUnavailableError and the
API answers 503 problems; once the same server is back on the same ports and data, both
answer again.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jkg.graph.exceptions import StoreUnavailableError
from jkg.graph.neo4j.config import Neo4jSettings, connect
from jkg.graph.neo4j.load import load
from jkg.graph.neo4j.store import Neo4jStore
from jkg.graph.store import EmbeddedStore
from tests.neo4j_server import LocalNeo4j, unavailable

pytestmark = pytest.mark.neo4j

#: Seconds a store method may take to give up on a stopped server (the driver retries some errors).
GIVE_UP_WITHIN = 40.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, embedded_store: EmbeddedStore) -> Iterator[LocalNeo4j]:
    if shutil.which("java") is None or shutil.which("mvn") is None:
        unavailable("java or mvn not found")
    local = LocalNeo4j(tmp_path_factory.mktemp("neo4j-faults") / "data")
    local.start()
    try:
        with connect(local.settings) as driver:
            load(driver, embedded_store.graph)
        yield local
    finally:
        local.stop()


def test_wrong_password_names_the_setting(server: LocalNeo4j) -> None:
    wrong = Neo4jSettings(uri=server.settings.uri, password="not-the-password")
    with pytest.raises(StoreUnavailableError) as raised:
        connect(wrong)
    message = str(raised.value)
    assert "NEO4J_PASSWORD" in message and server.settings.uri in message
    assert "not-the-password" not in message


def test_unreachable_server_names_the_uri() -> None:
    from tests.neo4j_server import free_port

    uri = f"bolt://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailableError, match="NEO4J_URI"):
        connect(Neo4jSettings(uri=uri))


def _timed(call: Callable[[], Any]) -> float:
    started = time.monotonic()
    with pytest.raises(StoreUnavailableError):
        call()
    return time.monotonic() - started


def _app(store: Neo4jStore) -> TestClient:
    from jkg.api.main import create_app
    from jkg.api.settings import Settings

    settings = Settings(_env_file=None, backend="neo4j", cors_origins=[], admin_token=None)
    return TestClient(create_app(settings, store=store), raise_server_exceptions=False)


def test_stop_mid_run_then_recover_without_a_new_store(server: LocalNeo4j, embedded_store: EmbeddedStore) -> None:
    store = Neo4jStore(server.settings)
    try:
        with _app(store) as client:
            assert store.entity("aqim").name == embedded_store.entity("aqim").name
            assert client.get("/entities/aqim").status_code == 200

            server.stop()
            calls: dict[str, Callable[[], Any]] = {
                "info": store.info,
                "entity": lambda: store.entity("aqim"),
                "search": lambda: store.search("Droukdel"),
                "succession": lambda: store.succession("aqim"),
                "relations": lambda: store.relations("aqim"),
            }
            took = {name: _timed(call) for name, call in calls.items()}
            assert all(seconds < GIVE_UP_WITHIN for seconds in took.values()), took
            down = client.get("/entities/aqim")
            assert down.status_code == 503, down.text
            assert down.headers["content-type"].startswith("application/problem+json")
            body = down.json()
            assert body["status"] == 503 and "Neo4j" in body["detail"], body

            server.start()  # same ports, same data folder
            assert store.entity("aqim").name == embedded_store.entity("aqim").name
            assert store.succession("aqim") == embedded_store.succession("aqim")
            up = client.get("/entities/aqim")
            assert up.status_code == 200 and up.json()["id"] == "aqim"
    finally:
        store.close()
