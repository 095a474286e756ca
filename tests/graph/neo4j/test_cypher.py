"""Every Cypher statement the code sends runs with EXPLAIN on the live server, with no
error and no warning notification; and nothing sends Cypher that is not collected here."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
import re
from pathlib import Path

import pytest
from neo4j import ResultSummary

from jkg.graph.neo4j import cypher
from jkg.graph.neo4j.config import Neo4jSettings, connect
from jkg.graph.neo4j.store import Neo4jStore
from jkg.ontology.schema import Schema
from tests.neo4j_server import LocalNeo4j

GRAPH = Path(cypher.__file__).parents[2]
SAMPLES: dict[str, object] = {
    "rows": [], "ids": ["aqim"], "keys": [], "types": None, "refuted": True, "id": "aqim",
    "first": dt.date(2000, 1, 1), "last": dt.date(2001, 1, 1), "source": "aqim", "target": "gspc",
    "pairs": [["aqim", "gspc"]], "version": "v", "entities": 1, "relations": 1, "sources": 1,
    "organizations": ["aqim"], "gen": "g", "old": "f", "keep": "g", "batch": 1000, "token": "t",
    "names": {"LEADER_OF": "leaderOf"}, "qualifiers": ["post"], "direction": "both", "symmetric": ["RIVAL_OF"],
    "depth": 2, "maxNodes": 500, "lineage": ["SUCCESSOR_OF"], "structure": ["BRANCH_OF"], "roles": ["BRANCH_OF"],
    "renaming": ["SUCCESSOR_OF"], "posted": ["LEADER_OF"], "maxHops": 4, "limit": 5, "allowed": None, "dated": True,
}


def notifications(summary: ResultSummary) -> list[str]:
    """Warnings, and information about performance (cartesian product, unbounded or
    exhaustive shortest path), that Neo4j attaches to a plan."""
    return [s.status_description for s in summary.gql_status_objects
            if s.raw_severity == "WARNING" or s.raw_classification in ("PERFORMANCE", "DEPRECATION")]


def all_statements(schema: Schema) -> dict[str, cypher.Cypher]:
    constants = {name: value for name, value in vars(cypher).items() if isinstance(value, cypher.Cypher)}
    constants.update({f"CONSTRAINTS[{i}]": c for i, c in enumerate(cypher.CONSTRAINTS)})
    constants.update({f"DROP_OLD_CONSTRAINTS[{i}]": c for i, c in enumerate(cypher.DROP_OLD_CONSTRAINTS)})
    lineages = [schema.classes[c].neo4j_labels for c in schema.concrete_classes()]
    labels = sorted({label for lineage in lineages for label in lineage})
    types = [t.neo4j_type for t in schema.relation_types.values()]
    generated = cypher.generated(lineages, labels, types)
    constants.update({f"generated[{i}]": g for i, g in enumerate(generated)})
    return constants


def test_every_generator_is_enumerated(schema: Schema) -> None:
    generators = [f for name, f in inspect.getmembers(cypher, inspect.isfunction)
                  if f.__module__.startswith(f"{cypher.__name__}.") and name != "generated"]
    source = inspect.getsource(cypher.generated)
    assert generators
    for function in generators:
        assert f"{function.__name__}(" in source, f"cypher.generated() does not enumerate {function.__name__}"


def test_code_sends_only_collected_statements() -> None:
    """Each call that sends Cypher passes a statement from the cypher module."""
    senders = {"run", "_read", "execute_query"}
    for path in GRAPH.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in senders:
                if not node.args:
                    continue
                arg = ast.unparse(node.args[0])
                assert arg.startswith("cypher.") or arg == "statement" or arg.startswith("Query(statement"), (
                    f"{path.name}:{node.lineno} sends {arg!r}, not a statement of jkg.graph.neo4j.cypher")


@pytest.mark.neo4j
def test_every_statement_explains_without_warning(neo4j_store: Neo4jStore, schema: Schema) -> None:
    statements = all_statements(schema)
    assert len(statements) > 60
    with neo4j_store.driver.session(database=neo4j_store.settings.database) as session:
        for name, statement in statements.items():
            params = {p: SAMPLES[p] for p in set(re.findall(r"\$(\w+)", statement))}
            summary = session.run(f"EXPLAIN {statement}", **params).consume()  # type: ignore[arg-type]
            assert not notifications(summary), f"{name}: {notifications(summary)}\n{statement}"


@pytest.mark.neo4j
def test_a_bad_statement_would_be_caught(neo4j_live: tuple[Neo4jSettings, LocalNeo4j | None]) -> None:
    """The check above can fail: a cartesian product raises a warning notification."""
    settings, _ = neo4j_live
    with connect(settings) as driver, driver.session(database=settings.database) as session:
        summary = session.run("EXPLAIN MATCH (a:Entity), (b:Entity) RETURN a, b").consume()
        assert notifications(summary)
