"""The marker type of a Cypher statement."""

from __future__ import annotations

__all__ = ["Cypher"]


class Cypher(str):
    """A Cypher statement (a marker type, so tests can find every statement)."""

