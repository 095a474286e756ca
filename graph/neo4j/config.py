"""How to reach Neo4j: ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``."""

from __future__ import annotations

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable
from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from jkg.graph.exceptions import StoreUnavailableError

__all__ = ["DEFAULT_PASSWORD", "Neo4jSettings", "connect"]

#: The password of the local server started by ``make neo4j`` (neo4j-local/run.sh).
DEFAULT_PASSWORD = "jkg-local-password"


class Neo4jSettings(BaseSettings):
    """Connection settings, from ``NEO4J_*`` environment variables or arguments.

    ``neo4j://`` URIs route reads to secondaries in a cluster; ``bolt://`` talks to one server.
    """

    model_config = SettingsConfigDict(env_prefix="NEO4J_", extra="ignore")

    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: SecretStr = SecretStr(DEFAULT_PASSWORD)
    database: str = "neo4j"
    #: Seconds a query may run before Neo4j stops it.
    query_timeout: float = 30.0
    #: Seconds to wait for a connection, and to retry a transaction on transient errors.
    connection_timeout: float = 3.0
    retry_time: float = 2.0


def connect(settings: Neo4jSettings, verify: bool = True) -> Driver:
    """Open a driver; with ``verify``, fail now with a clear message if Neo4j cannot be used.

    Raises
    ------
    StoreUnavailableError
        Neo4j unreachable, or the credentials are refused.
    """
    # Fail fast while Neo4j is down: short connection timeout and retry window, so the API
    # answers 503 at once instead of holding requests for the driver's default 30 s.
    driver = GraphDatabase.driver(
        settings.uri, auth=(settings.user, settings.password.get_secret_value()),
        connection_timeout=settings.connection_timeout, max_transaction_retry_time=settings.retry_time,
        connection_acquisition_timeout=settings.connection_timeout,
    )
    if verify:
        try:
            driver.verify_connectivity()
        except AuthError as error:
            driver.close()
            raise StoreUnavailableError(
                f"Neo4j at {settings.uri} refused user {settings.user!r}: wrong NEO4J_USER or NEO4J_PASSWORD"
                f" ({error.message})") from error
        except (ServiceUnavailable, OSError) as error:
            driver.close()
            raise StoreUnavailableError(
                f"Neo4j is not reachable at {settings.uri} (NEO4J_URI): {error}. Start it with `make neo4j`"
                " or `docker compose up neo4j`") from error
    return driver
