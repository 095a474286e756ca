"""What a test needs beyond the package, and the one rule for when it is missing.

Under CI (``CI=true``) every requirement must be met: a missing one fails the test. On a
user's machine the test is skipped, with one line saying what is missing and how to get it.
Every gated test goes through :func:`require` (or :func:`require_module`); none skips on its own.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest

__all__ = ["in_ci", "require", "require_module"]


def in_ci() -> bool:
    """Whether the tests run in CI (``CI=true``), where nothing may be skipped for a missing tool."""
    return os.environ.get("CI", "").lower() == "true"


def require(name: str, available: bool, reason: str) -> None:
    """Go on if ``available``; otherwise fail under CI and skip elsewhere, saying why.

    Parameters
    ----------
    name : str
        What is required (``"Neo4j"``, ``"chromium"``, ``"the article"``).
    available : bool
        Whether it is there.
    reason : str
        What is missing and how to get it.
    """
    if available:
        return
    if in_ci():
        pytest.fail(f"{name} is required in CI: {reason}", pytrace=False)
    pytest.skip(f"{name} missing, test skipped: {reason}", allow_module_level=True)


def require_module(name: str, reason: str) -> ModuleType:
    """The module, imported; if it is missing, :func:`require` decides (fail in CI, skip elsewhere)."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        require(name, False, f"{reason} ({error})")
        raise  # not reached: require failed or skipped
