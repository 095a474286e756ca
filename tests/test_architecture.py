"""The layout is the architecture: each room imports only the rooms before it.

Data flows one way: ontology -> dataset -> engine -> search -> queries -> stores (the
embedded store, Neo4j) -> api and cli; exports and imports sit beside the engine and
its questions. The rule is checked on every module's imports (at any depth in the
module, so a lazy import counts too).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"ontology": ROOT / "ontology", "graph": ROOT / "graph", "api": ROOT / "api", "cli": ROOT / "cli"}

#: room -> rooms it may import (itself always). Rooms are jkg subpackages, or modules of jkg.graph.
ALLOWED: dict[str, set[str]] = {
    "ontology": set(),
    "graph": set(),
    "graph.exceptions": set(),
    "graph.limits": {"graph.exceptions"},
    "graph.dataset": {"ontology", "graph.exceptions", "graph.engine.dates"},
    "graph.engine": {"ontology", "graph.exceptions", "graph.limits", "graph.dataset", "graph.search"},
    "graph.search": {"ontology", "graph.exceptions", "graph.dataset", "graph.engine.views"},
    "graph.pipeline": {"ontology", "graph.exceptions", "graph.dataset", "graph.engine"},
    "graph.queries": {"ontology", "graph.exceptions", "graph.limits", "graph.dataset", "graph.engine",
                      "graph.search", "graph.pipeline"},
    "graph.store": {"ontology", "graph.exceptions", "graph.dataset", "graph.engine", "graph.queries",
                    "graph.pipeline"},
    "graph.neo4j": {"ontology", "graph.exceptions", "graph.limits", "graph.dataset", "graph.engine", "graph.search",
                    "graph.queries", "graph.store"},
    "graph.exports": {"ontology", "graph.exceptions", "graph.dataset", "graph.engine", "graph.neo4j.rows",
                      "graph.neo4j.cypher"},
    "graph.imports": {"ontology", "graph.exceptions", "graph.limits", "graph.dataset", "graph.engine", "graph.search",
                      "graph.queries", "graph.pipeline"},
    "api": {"ontology", "graph"},
    "cli": {"ontology", "graph", "api"},
}


def room_of(module: str) -> str:
    """The most specific room a dotted module name (without ``jkg.``) falls in."""
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        if ".".join(parts[:n]) in ALLOWED:
            return ".".join(parts[:n])
    raise AssertionError(f"{module} is in no room of tests/test_architecture.py: add it to ALLOWED")


def allowed(room: str, target: str) -> bool:
    return any(target == a or target.startswith(a + ".") for a in (room, *ALLOWED[room]))


def modules() -> list[tuple[str, Path]]:
    found = []
    for package, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            relative = path.relative_to(folder).with_suffix("")
            parts = [p for p in relative.parts if p != "__init__"]
            found.append((".".join([package, *parts]), path))
    return found


@pytest.mark.parametrize(("module", "path"), modules(), ids=[m for m, _ in modules()])
def test_imports_follow_the_flow(module: str, path: Path) -> None:
    room = room_of(module)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])
        for name in names:
            if not name.startswith("jkg."):
                continue
            target = name.removeprefix("jkg.")
            if isinstance(node, ast.ImportFrom) and (ROOT / target.replace(".", "/")).is_dir():
                # "from jkg.graph import queries" imports jkg.graph.queries
                for alias in node.names:
                    assert allowed(room, f"{target}.{alias.name}"), (
                        f"{path.relative_to(ROOT)}:{node.lineno}: {room} may not import {target}.{alias.name}")
                continue
            assert allowed(room, target), f"{path.relative_to(ROOT)}:{node.lineno}: {room} may not import {target}"


def test_every_room_is_documented() -> None:
    """Each subpackage says in its docstring what lives there and what it may import."""
    for package, folder in PACKAGES.items():
        for init in folder.rglob("__init__.py"):
            doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
            assert doc, f"{init.relative_to(ROOT)} has no docstring"
            if package == "graph":
                assert "import" in doc, f"{init.relative_to(ROOT)}'s docstring does not say what it may import"
