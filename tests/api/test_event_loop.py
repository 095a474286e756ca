"""Where the store is called: on the event loop when it is in memory, in the threadpool when it may
block (Neo4j); no dependency goes through the threadpool; the store's objects are kept out of the GC."""

from __future__ import annotations

import asyncio
import gc
import inspect
import time
import types
import weakref
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from jkg.api.main import ROUTERS, create_app
from jkg.api.routers import admin
from jkg.graph.engine.views import EntityDetail, Succession
from jkg.graph.store import EmbeddedStore

from .conftest import FIXTURES, TOKEN, make_settings


def on_event_loop() -> bool:
    """Whether the caller runs on an event loop's thread (a threadpool worker has none)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class BlockingStore:
    """The seed store behind a facade that is not in memory, as Neo4j's: records where each call runs."""

    def __init__(self, inner: EmbeddedStore, delay: float = 0.0) -> None:
        self.inner = inner
        self.delay = delay
        self.calls: list[tuple[str, bool]] = []

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.inner, name)

        def call(owner: BlockingStore, *args: Any, **kwargs: Any) -> Any:
            owner.calls.append((name, on_event_loop()))
            if owner.delay:
                time.sleep(owner.delay)  # blocking I/O, as a driver's
            return method(*args, **kwargs)

        return types.MethodType(call, self)  # a bound method, as a real store's


class RecordingStore(EmbeddedStore):
    """The seed store, recording where lookups and successions run."""

    def __init__(self, store: EmbeddedStore) -> None:
        super().__init__(store.graph)
        self.calls: list[tuple[str, bool]] = []

    def entity(self, ident: str) -> EntityDetail:
        self.calls.append(("entity", on_event_loop()))
        return super().entity(ident)

    def succession(self, org: str, post: str | None = None) -> Succession:
        self.calls.append(("succession", on_event_loop()))
        return super().succession(org, post)


URLS = [
    "/entities/aqim", "/succession?org=aqim", "/entities/aqim/relations?at=2013", "/organizations/aqim/leaders",
    "/organizations/aqim/lineage", "/organizations/jnim/affiliations", "/people/abdelmalek-droukdel/succession",
    "/timeline/aqim", "/sources", "/sources/jamestown-tm-17-12", "/ready", "/entities?q=Okacha",
    "/entities/aqim/neighborhood", "/paths?from=gspc&to=aqim", "/snapshot?at=2018", "/centrality",
    "/entities/no-such-id",
]


@pytest.fixture(scope="module")
def blocking(embedded: EmbeddedStore) -> Iterator[tuple[BlockingStore, TestClient]]:
    facade = BlockingStore(embedded)
    with TestClient(create_app(make_settings(), store=facade)) as client:  # type: ignore[arg-type]
        yield facade, client


@pytest.mark.parametrize("url", URLS)
def test_a_blocking_store_is_called_off_the_event_loop(blocking: tuple[BlockingStore, TestClient],
                                                       client: TestClient, url: str) -> None:
    facade, blocking_client = blocking
    facade.calls.clear()
    response, expected = blocking_client.get(url), client.get(url)
    assert (response.status_code, response.json()) == (expected.status_code, expected.json())
    assert facade.calls, "the store was not asked"
    assert not [name for name, on_loop in facade.calls if on_loop], facade.calls


def test_an_in_memory_store_answers_on_the_event_loop(embedded: EmbeddedStore) -> None:
    recording = RecordingStore(embedded)
    with TestClient(create_app(make_settings(), store=recording)) as client:
        assert client.get("/entities/aqim").status_code == 200
        assert client.get("/succession", params={"org": "aqim"}).status_code == 200
    assert recording.calls == [("entity", True), ("succession", True)]


def test_a_store_may_say_it_is_in_memory(embedded: EmbeddedStore) -> None:
    facade = BlockingStore(embedded)
    facade.in_memory = True  # type: ignore[attr-defined]
    with TestClient(create_app(make_settings(), store=facade)) as client:  # type: ignore[arg-type]
        assert client.get("/entities/aqim").status_code == 200
    assert facade.calls == [("entity", True)]


def test_a_slow_blocking_store_does_not_hold_up_other_requests(embedded: EmbeddedStore) -> None:
    app = create_app(make_settings(), store=BlockingStore(embedded, delay=0.5))  # type: ignore[arg-type]

    async def scenario() -> tuple[float, float]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            async def timed(url: str) -> float:
                assert (await http.get(url)).status_code == 200
                return time.monotonic()

            slow = asyncio.create_task(timed("/entities/aqim"))
            await asyncio.sleep(0.05)  # the lookup is under way
            health_done = await timed("/health")
            return health_done, await slow

    health_done, lookup_done = asyncio.run(scenario())
    assert health_done < lookup_done


def _dependencies(dependant: Dependant) -> Iterator[Dependant]:
    for sub in dependant.dependencies:
        yield sub
        yield from _dependencies(sub)


def _routes() -> Iterator[APIRoute]:
    for module in (*ROUTERS, admin):
        yield from (route for route in module.router.routes if isinstance(route, APIRoute))


def test_no_dependency_goes_through_the_threadpool() -> None:
    # FastAPI runs a plain-function dependency in the threadpool: a thread round trip per request
    found = [(route.path, sub.call) for route in _routes() for sub in _dependencies(route.dependant)]
    # a class instance (HTTPBearer) is called through its __call__
    plain = [(path, call) for path, call in found if call is not None and not inspect.iscoroutinefunction(
        call if inspect.isroutine(call) else type(call).__call__)]
    assert len(found) > 20 and not plain


def test_lookup_and_succession_endpoints_are_coroutines() -> None:
    hot = {(route.path, route.endpoint) for route in _routes() if route.path in ("/entities/{id}", "/succession")}
    assert len(hot) == 2 and all(inspect.iscoroutinefunction(endpoint) for _, endpoint in hot)


def test_the_store_is_kept_out_of_the_gc_and_a_reload_frees_the_old_one() -> None:
    app = create_app(make_settings(data=[FIXTURES / "good.yaml"], admin_token=TOKEN))
    with TestClient(app) as client:
        assert gc.get_freeze_count() > 0
        old = weakref.ref(app.state.stores.current)
        response = client.post("/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200, response.text
        assert old() is None, "the replaced store is still alive"
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
