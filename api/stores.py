"""The store the API answers from: built from the settings, replaced on reload.

A store that cannot be built (invalid data, Neo4j unreachable, Neo4j support
missing) does not stop the process: ``/health`` still answers, and every query
answers ``503`` with the reason until the store is back.

Endpoints ask the store through :func:`call_store`: on the event loop when the store
answers from memory (a thread hop costs more than a lookup), in the threadpool when it
may block on I/O (Neo4j).
"""

from __future__ import annotations

import gc
import logging
import threading
import time
import weakref
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from starlette.concurrency import run_in_threadpool

from jkg.api.settings import Settings
from jkg.graph.engine.views import StoreInfo
from jkg.graph.exceptions import DataValidationError, JkgError, StoreUnavailableError
from jkg.graph.store import EmbeddedStore, Store

__all__ = ["ReloadBusyError", "StoreHolder", "build_store", "call_store", "freeze_heap", "in_memory"]

P = ParamSpec("P")
T = TypeVar("T")

log = logging.getLogger("jkg.api")

#: Seconds between two attempts to reach a store that was unreachable.
RETRY_SECONDS = 5.0


class ReloadBusyError(JkgError):
    """A reload is already running."""


def build_store(settings: Settings) -> Store:
    """The store the settings ask for.

    Raises
    ------
    DataValidationError
        The embedded store's data does not validate, or cannot be read.
    StoreUnavailableError
        Neo4j support is missing or the server cannot be reached.
    """
    if settings.backend == "embedded":
        return EmbeddedStore.from_paths(settings.data, settings.cache_dir)
    try:
        from jkg.graph.neo4j.store import Neo4jStore
    except ImportError as exc:
        raise StoreUnavailableError(
            f"the neo4j backend is not available in this installation ({exc}); "
            "set JKG_BACKEND=embedded to serve the embedded store"
        ) from exc
    # The connection comes from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE.
    store: Store = Neo4jStore()
    return store


def freeze_heap(replaced: weakref.ref[Store] | None = None) -> None:
    """Leave the objects alive now (the store) out of the cyclic GC's future collections.

    They live until the next reload; left in, every full collection walks the whole graph while
    requests wait (~0.15 s at 1k entities, seconds at 100k). On a reload (``replaced`` given), what was
    frozen before (the graph building froze, see :mod:`jkg.graph.engine.collector`) is released and garbage
    collected first, so that the replaced store's cycles are collected too; if a request still holds that
    store, nothing is frozen (frozen, its cycles would never be collected).
    """
    if replaced is not None:
        gc.unfreeze()
        gc.collect()
    if replaced is None or replaced() is None:
        gc.freeze()


def in_memory(store: object) -> bool:
    """Whether the store answers from memory, never waiting on I/O.

    A store says so with a true ``in_memory`` attribute; the embedded store is in memory by
    construction. Any other store (Neo4j) is taken to block.
    """
    return isinstance(store, EmbeddedStore) or getattr(store, "in_memory", False) is True


async def call_store(method: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """Call a store's bound method: inline if its store is in memory, else in the threadpool.

    Only for questions an in-memory store answers in about a millisecond; a longer one would
    hold up every other request, so its endpoint stays a plain function (run in the threadpool).
    """
    if in_memory(getattr(method, "__self__", None)):
        return method(*args, **kwargs)
    return await run_in_threadpool(method, *args, **kwargs)


class StoreHolder:
    """Holds the current store; builds it on first use, rebuilds it on reload."""

    def __init__(self, settings: Settings, store: Store | None = None) -> None:
        self.settings = settings
        self._store = store
        #: Whether this holder built the store (and so closes it).
        self._owned = store is None
        self._error: str | None = None
        self._retryable = True
        self._last_attempt = float("-inf")
        self._retrying = False
        self._build_lock = threading.Lock()
        self._retry_lock = threading.Lock()
        self._reload_lock = threading.Lock()

    def start(self) -> None:
        """Build the store if there is none yet; a failure is logged and kept as the reason for 503s."""
        with self._build_lock:
            if self._store is not None:
                return
            self._last_attempt = time.monotonic()
            try:
                store = build_store(self.settings)
                try:
                    info = store.info()  # a store that cannot answer this is not ready
                except Exception:
                    store.close()
                    raise
            except DataValidationError as exc:
                self._fail(str(exc), retryable=False)
            except StoreUnavailableError as exc:
                self._fail(str(exc), retryable=not isinstance(exc.__cause__, ImportError))
            except Exception as exc:  # a backend failing in a way it does not name: keep serving 503s
                log.exception("building the %s store failed", self.settings.backend)
                self._fail(f"{type(exc).__name__}: {exc}", retryable=self.settings.backend != "embedded")
            else:
                self._store, self._error = store, None
                log.info("store ready: %s", info.model_dump())

    def _fail(self, message: str, *, retryable: bool) -> None:
        self._error = message
        self._retryable = retryable
        log.error("the %s store is unavailable: %s", self.settings.backend, message)

    @property
    def current(self) -> Store | None:
        """The store if it is built, else None; never builds nor waits (for the event loop)."""
        return self._store

    @property
    def store(self) -> Store:
        """The current store.

        Raises
        ------
        StoreUnavailableError
            If there is none; one that was unreachable is tried again in the background every few seconds.
        """
        store = self._store
        if store is None and self._last_attempt == float("-inf"):
            self.start()  # first use without a lifespan (a bare TestClient)
            store = self._store
        if store is None:
            self._retry_soon()
            raise StoreUnavailableError(f"the {self.settings.backend} store is unavailable: {self._error}")
        return store

    def _retry_soon(self) -> None:
        """Build the store again in the background, unless an attempt is recent, running or pointless.

        Requests never wait for it: a store that cannot be reached may take long to say so.
        """
        with self._retry_lock:
            if self._retrying or not self._retryable or time.monotonic() - self._last_attempt < RETRY_SECONDS:
                return
            self._retrying = True

        def attempt() -> None:
            try:
                self.start()
            finally:
                self._retrying = False

        threading.Thread(target=attempt, name="jkg-store-retry", daemon=True).start()

    def reload(self) -> StoreInfo:
        """Build a new store from the settings and swap it in; the old one stays if the new one fails.

        Raises
        ------
        ReloadBusyError, DataValidationError, StoreUnavailableError
        """
        if not self._reload_lock.acquire(blocking=False):
            raise ReloadBusyError("a reload is already running")
        try:
            fresh = build_store(self.settings)
            try:
                info = fresh.info()
            except Exception:
                fresh.close()
                raise
            with self._build_lock:
                old, owned = self._store, self._owned
                self._store, self._owned, self._error = fresh, True, None
            replaced = None if old is None else weakref.ref(old)
            if old is not None and owned:
                old.close()
            del old
            freeze_heap(replaced)
            log.info("store reloaded: %s", info.model_dump())
            return info
        finally:
            self._reload_lock.release()

    def close(self) -> None:
        """Close the store if this holder built it."""
        with self._build_lock:
            if self._store is not None and self._owned:
                self._store.close()
            self._store = None
