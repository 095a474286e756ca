"""Start the real Neo4j 5.26 of neo4j-local/ for the tests (or use NEO4J_URI when set).

With CI=true, a missing Java, Maven or Neo4j is a failure; on a user's machine the
Neo4j tests skip with one line saying why and how to run them.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jkg.graph.neo4j.config import DEFAULT_PASSWORD, Neo4jSettings
from tests.requirements import require

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "neo4j-local" / "run.sh"
READY_TIMEOUT = 300.0  # a cold first build downloads ~190 MB of jars


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def unavailable(reason: str) -> None:
    """Fail in CI, skip elsewhere, with one clear line (:func:`tests.requirements.require`)."""
    require("Neo4j", False, f"{reason}. Install Java 17 and Maven (the tests start neo4j-local/run.sh),"
            " or set NEO4J_URI/NEO4J_PASSWORD to a Neo4j 5.26 server.")


class LocalNeo4j:
    """A Neo4j server process of neo4j-local/ on free ports in its own data folder."""

    def __init__(self, data: Path, password: str = DEFAULT_PASSWORD, env: dict[str, str] | None = None) -> None:
        self.data = data
        self.password = password
        #: Extra environment of the launcher, e.g. ``NEO4J_BROWSER_POST_CONNECT_CMD``.
        self.env = dict(env or {})
        self.bolt_port = free_port()
        self.http_port = free_port()
        self.process: subprocess.Popen[str] | None = None
        self.log = data / "launcher.log"

    @property
    def settings(self) -> Neo4jSettings:
        return Neo4jSettings(uri=f"bolt://127.0.0.1:{self.bolt_port}", password=self.password)  # type: ignore[arg-type]

    def start(self) -> None:
        env = {**os.environ, "NEO4J_DATA": str(self.data), "NEO4J_PASSWORD": self.password,
               "NEO4J_BOLT_PORT": str(self.bolt_port), "NEO4J_HTTP_PORT": str(self.http_port), **self.env}
        self.data.mkdir(parents=True, exist_ok=True)
        log = self.log.open("a")
        self.process = subprocess.Popen([str(RUN)], env=env, stdout=subprocess.PIPE, stderr=log, text=True,
                                        start_new_session=True)
        deadline = time.monotonic() + READY_TIMEOUT
        assert self.process.stdout is not None
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if " ready: " in line:
                return
            if not line and self.process.poll() is not None:
                break
        self.stop()
        raise RuntimeError(f"Neo4j did not start; see {self.log}:\n{self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL the server (run.sh execs the JVM, so this is Neo4j itself): no checkpoint, no clean
        shutdown, as a crash or an OOM kill would. :meth:`start` brings it back on the same ports and data."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None

    def restart(self) -> None:
        """Stop cleanly if running, then start again on the same ports and data folder."""
        self.stop()
        self.start()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None


@contextmanager
def neo4j_settings() -> Iterator[tuple[Neo4jSettings, LocalNeo4j | None]]:
    """Settings of a live Neo4j: NEO4J_URI if set, else a server started here."""
    if os.environ.get("NEO4J_URI"):
        yield Neo4jSettings(), None
        return
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        unavailable(f"{' and '.join(missing)} not found")
    with tempfile.TemporaryDirectory(prefix="jkg-neo4j-") as folder:
        server = LocalNeo4j(Path(folder) / "data")
        try:
            server.start()
        except RuntimeError as error:
            unavailable(str(error))
        try:
            yield server.settings, server
        finally:
            server.stop()
