"""The store the API answers from: built from the settings, replaced on reload.

A store that cannot be built (invalid data, Neo4j unreachable, Neo4j support
missing) does not stop the process: ``/health`` still answers, and every query
answers ``503`` with the reason until the store is back.
"""

from __future__ import annotations

import logging
import threading
import time

from jkg.api.settings import Settings
from jkg.graph.exceptions import DataValidationError, JkgError, StoreUnavailableError
from jkg.graph.results import StoreInfo
from jkg.graph.store import EmbeddedStore, Store

__all__ = ["ReloadBusyError", "StoreHolder", "build_store"]

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
        return EmbeddedStore.from_paths(settings.data)
    try:
        from jkg.graph.neo4j_store import Neo4jStore
    except ImportError as exc:
        raise StoreUnavailableError(
            f"the neo4j backend is not available in this installation ({exc}); "
            "set JKG_BACKEND=embedded to serve the embedded store"
        ) from exc
    # The connection comes from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE.
    store: Store = Neo4jStore()
    return store


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
            if old is not None and owned:
                old.close()
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
