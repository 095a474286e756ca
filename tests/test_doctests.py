"""Every docstring example in the package runs, and the modules that must show examples do."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil

import pytest

PACKAGES = ("jkg.ontology", "jkg.graph", "jkg.api", "jkg.cli")

#: Modules that must hold examples: one listed here without any fails (an example dropped by mistake).
WITH_EXAMPLES = (
    "jkg.api.pagination", "jkg.graph.dataset.cache", "jkg.graph.dataset.reader", "jkg.graph.engine.answer_order",
    "jkg.graph.engine.dates", "jkg.graph.engine.temporal", "jkg.graph.engine.views", "jkg.graph.pipeline",
    "jkg.graph.dataset.names", "jkg.ontology.schema", "jkg.ontology.shapes",
)

#: Packages (each of their modules) and modules in which every public function, and every public class with
#: methods (in ``__all__``), shows an example; the queries' run on the tiny graph of :mod:`jkg.graph.queries.examples`.
EVERY_PUBLIC = ("jkg.graph.queries", "jkg.graph.engine.dates")

#: Public names still without an example, by module: a shrinking list (a name that gets an example must leave it).
PENDING: dict[str, set[str]] = {}


def _modules() -> list[str]:
    names = list(PACKAGES)
    for package in PACKAGES:
        path = importlib.import_module(package).__path__
        names.extend(info.name for info in pkgutil.walk_packages(path, f"{package}."))
    return sorted(names)


def _every_public() -> list[str]:
    return [name for name in _modules() if any(name == p or name.startswith(f"{p}.") for p in EVERY_PUBLIC)]


def _examples(module: object) -> dict[str, int]:
    """Qualified name (``Class.method``, ``function``, or ``""`` for the module) -> examples in its docstring."""
    tests = doctest.DocTestFinder().find(module)
    prefix = f"{getattr(module, '__name__', '')}."
    return {t.name.removeprefix(prefix) if t.name.startswith(prefix) else "": len(t.examples) for t in tests}


def _needs_example(obj: object, module: str) -> bool:
    """A function, or a class with public methods of its own (not a plain record), defined in the module."""
    if getattr(obj, "__module__", None) != module:
        return False
    if inspect.isclass(obj):
        return any(not k.startswith("_") and callable(getattr(obj, k)) for k in vars(obj))
    return inspect.isfunction(obj)


@pytest.mark.parametrize("name", _modules())
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    if name in WITH_EXAMPLES:
        assert result.attempted > 0, f"{name} must show examples and has none"


@pytest.mark.parametrize("name", _every_public())
def test_every_public_function_shows_an_example(name: str) -> None:
    module = importlib.import_module(name)
    examples = _examples(module)
    public = [n for n in getattr(module, "__all__", ()) if _needs_example(getattr(module, n), name)]
    shown = {n for n in public if any(examples.get(q, 0) for q in examples if q == n or q.startswith(f"{n}."))}
    pending = PENDING.get(name, set())
    assert not pending - set(public), f"{name}: PENDING names what the module does not export"
    assert set(public) - shown <= pending, f"{name}: public without an example: {sorted(set(public) - shown - pending)}"
    assert not pending & shown, f"{name}: {sorted(pending & shown)} now show examples: remove them from PENDING"


def test_the_list_of_modules_that_must_show_examples_is_real() -> None:
    modules = set(_modules())
    assert set(WITH_EXAMPLES) <= modules and all(p in modules for p in EVERY_PUBLIC)
    assert len(_every_public()) > 5
