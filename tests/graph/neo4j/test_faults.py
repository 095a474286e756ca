"""Faults on a real Neo4j: wrong credentials, the server stopped mid-run or under load, killed
during a load, and recovery.

A dedicated server (so the session server is never stopped, nor its user locked out by
failed logins) holds the seed data. One Neo4jStore and one app are built on it and never
rebuilt: while the server is down every store method raises StoreUnavailableError and the
API answers 503 problems; once the same server is back on the same ports and data, both
answer again. Killed (SIGKILL) during a load, the server comes back serving the previous
version whole, and the next load removes what the killed one wrote and succeeds.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from bench.generate import generate
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exceptions import NotFoundError, StoreUnavailableError
from jkg.graph.neo4j.config import Neo4jSettings, connect
from jkg.graph.neo4j.load import load
from jkg.graph.neo4j.store import Neo4jStore
from jkg.graph.pipeline import load_graph
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


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> TemporalGraph:
    """Synthetic data of the benchmark's shape (300 entities, ~2,600 relations)."""
    folder = tmp_path_factory.mktemp("synthetic")
    generate(300, folder / "data", seed=11)
    return load_graph([folder / "data"])


def _served(driver: Driver) -> dict[str, int]:
    """Nodes per generation in the database, and what the pointer serves."""
    with driver.session() as session:
        sizes = dict(session.run("MATCH (n) WHERE n.gen IS NOT NULL RETURN n.gen AS gen, count(*) AS n").values())
        record = session.run("MATCH (d:Dataset {id: 'jkg'}) RETURN d.current AS current").single()
    assert record is not None
    return {"current": record["current"], **sizes}


def test_killed_during_a_load_serves_the_previous_version(server: LocalNeo4j, synthetic: TemporalGraph,
                                                          embedded_store: EmbeddedStore) -> None:
    seed = embedded_store.graph
    batches = 0

    def kill_midway(step: str, rows: int, total: int) -> None:
        nonlocal batches
        batches += 1
        if batches == 25:  # entities, names and some links are written, in committed batches
            server.kill()

    with connect(server.settings) as driver:
        load(driver, seed, replace=True)
        with pytest.raises((ServiceUnavailable, SessionExpired)):
            load(driver, synthetic, replace=True, batch_size=50, progress=kill_midway)
    assert batches == 25
    server.start()  # same ports and data folder: Neo4j recovers from its transaction log
    store = Neo4jStore(server.settings)
    try:
        with connect(server.settings) as driver:
            left = _served(driver)
            # the previous version is served whole; what the killed load committed is there, not served
            assert left["current"] == seed.data_version
            assert left[synthetic.data_version] > 0
            assert store.info().model_dump(exclude={"backend"}) == embedded_store.info().model_dump(exclude={"backend"})
            assert store.entity("aqim") == embedded_store.entity("aqim")
            assert store.succession("aqim") == embedded_store.succession("aqim")
            some = next(iter(synthetic.entities))
            with pytest.raises(NotFoundError):
                store.entity(some)
            # the next load removes it and succeeds
            report = load(driver, synthetic, replace=True)
            assert report.leftovers == left[synthetic.data_version] and report.written
            assert set(_served(driver)) == {"current", synthetic.data_version}
            assert store.info().entities == len(synthetic.entities) and store.entity(some).id == some
            load(driver, seed, replace=True)
    finally:
        store.close()


def test_stopped_under_load_answers_503_then_recovers(server: LocalNeo4j) -> None:
    """Clients keep asking while Neo4j stops and starts again: every answer is 200 or a 503 problem naming
    Neo4j (never a 500), and answers come back within 10 s of Neo4j's return, the same API process."""
    from jkg.api.main import create_app
    from jkg.api.settings import Settings
    from tests.live_server import serve_in_thread

    store = Neo4jStore(server.settings)
    app = create_app(Settings(_env_file=None, backend="neo4j", cors_origins=[], admin_token=None), store=store)
    answers: list[tuple[float, int, str]] = []
    done = threading.Event()

    def client(base: str, path: str) -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            while not done.is_set():
                response = http.get(path)
                detail = ""
                if response.status_code != 200:
                    problem = response.headers["content-type"].startswith("application/problem+json")
                    detail = response.json().get("detail", "") if problem else f"not a problem: {response.text}"
                    time.sleep(0.05)
                answers.append((time.monotonic(), response.status_code, detail))

    try:
        with serve_in_thread(app) as base:
            clients = [threading.Thread(target=client, args=(base, path)) for path in
                       ("/entities/aqim", "/succession?org=aqim", "/entities/jnim", "/organizations/aqim/lineage")]
            for thread in clients:
                thread.start()
            try:
                time.sleep(2)
                stopping = time.monotonic()
                server.stop()
                time.sleep(5)
                restarting = time.monotonic()
                server.start()
                back = time.monotonic()
                deadline = back + 30
                while time.monotonic() < deadline and not any(t > back and s == 200 for t, s, _ in answers):
                    time.sleep(0.05)
                time.sleep(1)
            finally:
                done.set()
                for thread in clients:
                    thread.join()
    finally:
        store.close()
    statuses = Counter(s for _, s, _ in answers)
    assert set(statuses) <= {200, 503}, statuses
    down = [(t, d) for t, s, d in answers if s == 503]
    assert down and all("Neo4j" in d for _, d in down), down[:3]
    assert min(t for t, _ in down) > stopping, (min(t for t, _ in down) - stopping, down[:3])  # none before
    first = min(t for t, s, _ in answers if s == 200 and t > restarting)
    print(f"\nNeo4j stopped under load: {statuses[503]} answers 503, {statuses[200]} answered 200; Neo4j took"
          f" {back - restarting:.1f} s to start again, the API answered {first - back:+.2f} s after its ready line")
    assert first - back < 10
