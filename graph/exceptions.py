"""Every exception jkg raises on purpose, in one place.

The API translates them into RFC 9457 problem details in one handler
(:mod:`jkg.api.problems`); the CLI prints their message.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "BadDateError",
    "BadParameterError",
    "DataValidationError",
    "JkgError",
    "NotFoundError",
    "Problem",
    "StoreUnavailableError",
]


class JkgError(Exception):
    """Base class of jkg's own errors."""


class BadDateError(JkgError, ValueError):
    """A date that is malformed or impossible (``2019-02-30``, ``19``, ``2019-13``)."""


class BadParameterError(JkgError, ValueError):
    """A question's parameter out of range or not in its vocabulary.

    Parameters
    ----------
    concept : str
        What the bad value stands for, in the engine's words ("organization", "hops",
        "relation types", "date"...); the API names its own parameter for it
        (:data:`jkg.api.problems.PARAMETER_OF_CONCEPT`).
    value : object
        The value given.
    reason : str
        What is wrong, in words.
    """

    def __init__(self, concept: str, value: object, reason: str) -> None:
        self.concept = concept
        self.value = value
        self.reason = reason
        super().__init__(f"{concept}={value!r}: {reason}")


class NotFoundError(JkgError, LookupError):
    """An id that names no entity, source or relation."""

    def __init__(self, kind: str, ident: str) -> None:
        self.kind = kind
        self.ident = ident
        super().__init__(f"no {kind} with id {ident!r}")


class LoadTooLargeError(JkgError):
    """One batch of a load is larger than one Neo4j transaction may hold: the previous data stays served."""

    def __init__(self, rows: int, detail: str) -> None:
        super().__init__(
            f"a batch of {rows:,} rows needs more memory than the server allows one transaction ({detail});"
            " nothing was switched, the previous data is still served. Load with a smaller --batch-size, or"
            " raise the server's transaction memory (dbms.memory.transaction.total.max)"
        )


class StoreUnavailableError(JkgError):
    """The store cannot answer now (Neo4j unreachable, wrong credentials)."""


@dataclass(frozen=True)
class Problem:
    """One problem found in the data, with where it is."""

    file: str
    line: int | None
    entry: str | None
    message: str
    #: What kind of problem: yaml, structure, bad-date, duplicate-id, unknown-reference,
    #: unknown-term, lifetime, name-collision, identifier-conflict, incomplete-event or shacl.
    code: str = "structure"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        entry = f" [{self.entry}]" if self.entry else ""
        return f"{where}{entry}: {self.message}"


class DataValidationError(JkgError):
    """The data breaks the ontology or its rules; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        head = f"{len(problems)} problem(s) in the data; nothing was loaded"
        super().__init__("\n".join([head, *(str(p) for p in problems)]))
