"""The review queue shared by every import: what producers propose, what analysts judge.

Two files under a review folder (``seed_data/review/`` by default; plain JSON lines, which
the dataset reader never reads: it reads ``*.yaml`` only), both git-friendly:

``proposals/<kind>.jsonl``
    One producer's current proposals (``kind`` is the producer: ``un-sc`` for the UN list
    importer, ``article`` for the article ingester). A producer replaces its whole file on
    each run with :meth:`ReviewQueue.replace_proposals`: sorted by pair id, one JSON object
    per line with sorted keys, so the same proposals give the same bytes. A pair whose
    current judgement is negative is dropped there: **a negative judgement is never proposed
    again**.
``judgements.jsonl``
    Every judgement ever made, for every producer, **append-only**: ``positive``,
    ``negative`` or ``unsure``, with who, when (UTC) and why. An undo is appended too, as a
    tombstone: it cancels the pair's latest judgement still standing (so undoing twice goes
    back two judgements). Nothing in this file is ever rewritten.

A **pair** is (producer's record, graph entity): ``pair_id("un-sc", "QDi.232",
"abdelmalek-droukdel") == "un-sc:QDi.232:abdelmalek-droukdel"``; a record proposed as a new
entity pairs with :data:`NEW` (``un-sc:QDi.999:+new``). The pair id is stable across runs,
so a judgement outlives the proposal file being regenerated.

A proposal's ``status`` is ``pending`` (an analyst must judge it) or ``linked`` (the
producer linked it on strong evidence; it is listed so that an analyst can split it with a
negative judgement, and is never shown as pending). **Pending** = pending proposals minus
the pairs with a judgement standing (an ``unsure`` judgement counts as judged; undo it to
see the pair again).

Producers read judgements back with :meth:`ReviewQueue.current` (the standing judgement
per pair, filtered by kind) to apply the positives and to never link a negative pair;
each producer writes its own seed file (its ``--apply``): the queue knows no seed format.

Examples
--------
>>> import tempfile, pathlib
>>> queue = ReviewQueue(pathlib.Path(tempfile.mkdtemp()))
>>> p = Proposal(pair_id("article", "a1", "aqim"), "article", "a1", "aqim", {"claim": "..."}, ("same name",), 0.8)
>>> queue.replace_proposals("article", [p])
>>> [x.id for x in queue.pending()]
['article:a1:aqim']
>>> _ = queue.judge("article:a1:aqim", "negative", who="analyst", reason="another group")
>>> queue.pending(), queue.current("article")["article:a1:aqim"].verdict
([], 'negative')
>>> queue.replace_proposals("article", [p]); queue.proposals("article")
[]
>>> _ = queue.undo("article:a1:aqim", who="analyst", reason="judged too fast")
>>> queue.current("article")
{}
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from jkg.graph.exceptions import BadParameterError, DataValidationError, NotFoundError, Problem

__all__ = ["DEFAULT_REVIEW_DIR", "NEW", "VERDICTS", "Judgement", "Proposal", "ReviewQueue", "pair_id"]

#: The review folder of a source checkout.
DEFAULT_REVIEW_DIR = Path(__file__).resolve().parents[3] / "seed_data" / "review"
#: The entity half of a pair proposing a new entity.
NEW = "+new"
#: What an analyst may say of a pair.
VERDICTS: tuple[str, ...] = ("positive", "negative", "unsure")
#: What a kind, a record id and an entity id may be made of (they become one URL path segment).
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")
_PAIR = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*):([A-Za-z0-9][A-Za-z0-9._-]*):(\+new|[A-Za-z0-9][A-Za-z0-9._-]*)")
#: Bounds on what an analyst writes.
MAX_WHO = 100
MAX_REASON = 2000

Status = Literal["pending", "linked"]


def pair_id(kind: str, record: str, entity: str | None) -> str:
    """The stable id of (record, entity) for producer ``kind``; ``entity`` None proposes a new entity."""
    for concept, value in (("kind", kind), ("record", record), ("entity", entity or "x")):
        if not _TOKEN.fullmatch(value):
            raise BadParameterError(concept, value, "letters, digits, '.', '_' and '-' only, at most 200")
    return f"{kind}:{record}:{entity or NEW}"


@dataclass(frozen=True)
class Proposal:
    """A pair a producer puts to the analyst, with what to show and why."""

    id: str
    #: the producer: "un-sc" or "article"
    kind: str
    #: the producer's record id (a UN reference, an article claim)
    record: str
    #: the graph entity proposed; None proposes a new entity
    entity: str | None
    #: what to show, side by side (JSON values; the producer decides the shape)
    payload: dict[str, Any] = field(default_factory=dict)
    #: why it is proposed, in words
    evidence: tuple[str, ...] = ()
    score: float = 0.0
    status: Status = "pending"

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["evidence"] = list(self.evidence)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Proposal:
        return cls(id=data["id"], kind=data["kind"], record=data["record"], entity=data.get("entity"),
                   payload=dict(data.get("payload") or {}), evidence=tuple(data.get("evidence") or ()),
                   score=float(data.get("score") or 0.0), status=data.get("status", "pending"))


@dataclass(frozen=True)
class Judgement:
    """One line of the judgements file: a verdict on a pair, or (``undo``) a tombstone."""

    pair: str
    kind: str
    record: str
    entity: str | None
    #: positive, negative or unsure; None on a tombstone
    verdict: str | None
    who: str
    #: UTC, ``YYYY-MM-DDTHH:MM:SSZ``
    when: str
    reason: str = ""
    undo: bool = False

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _split(pair: str) -> tuple[str, str, str | None]:
    match = _PAIR.fullmatch(pair)
    if match is None:
        raise BadParameterError("pair", pair, "not a pair id (kind:record:entity)")
    kind, record, entity = match.groups()
    return kind, record, None if entity == NEW else entity


def _line(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class ReviewQueue:
    """The proposals and judgements kept under one review folder (see the module docstring)."""

    _lock = threading.Lock()  # one writer at a time within a process; flock between processes

    def __init__(self, folder: Path = DEFAULT_REVIEW_DIR) -> None:
        self.folder = folder
        self.judgements_file = folder / "judgements.jsonl"

    # --- proposals -------------------------------------------------------------------------------

    def proposals_file(self, kind: str) -> Path:
        pair_id(kind, "x", None)  # checks the kind
        return self.folder / "proposals" / f"{kind}.jsonl"

    def replace_proposals(self, kind: str, proposals: Iterable[Proposal]) -> None:
        """Make ``proposals`` producer ``kind``'s whole list, minus pairs judged negative (atomic)."""
        current = self.current(kind)
        kept: dict[str, Proposal] = {}
        for proposal in proposals:
            if proposal.kind != kind or proposal.id != pair_id(kind, proposal.record, proposal.entity):
                raise BadParameterError("proposal", proposal.id, f"not a pair of {kind} for its record and entity")
            if proposal.status not in ("pending", "linked"):
                raise BadParameterError("status", proposal.status, "pending or linked")
            standing = current.get(proposal.id)
            if standing is None or standing.verdict != "negative":
                kept[proposal.id] = proposal
        text = "".join(_line(kept[key].as_json()) for key in sorted(kept))
        path = self.proposals_file(kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".jsonl.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)

    def proposals(self, kind: str | None = None) -> list[Proposal]:
        """Every proposal (of one producer, or of all), by pair id."""
        kinds = [kind] if kind else sorted(p.stem for p in (self.folder / "proposals").glob("*.jsonl"))
        found: list[Proposal] = []
        for each in kinds:
            path = self.proposals_file(each)
            for number, data in self._lines(path):
                try:
                    found.append(Proposal.from_json(data))
                except (KeyError, TypeError, ValueError) as error:
                    raise self._corrupt(path, number, f"not a proposal: {error}") from error
        return sorted(found, key=lambda p: p.id)

    def proposal(self, pair: str) -> Proposal:
        """The proposal of ``pair``.

        Raises
        ------
        NotFoundError
            If no producer proposes it.
        """
        kind, _, _ = _split(pair)
        for proposal in self.proposals(kind):
            if proposal.id == pair:
                return proposal
        raise NotFoundError("review pair", pair)

    def pending(self, kind: str | None = None) -> list[Proposal]:
        """Pending proposals with no judgement standing, by pair id."""
        judged = self.current(kind)
        return [p for p in self.proposals(kind) if p.status == "pending" and p.id not in judged]

    # --- judgements ------------------------------------------------------------------------------

    def judgements(self) -> list[Judgement]:
        """Every line of the judgements file, in the order written (tombstones included)."""
        found = []
        for number, data in self._lines(self.judgements_file):
            try:
                found.append(Judgement(**data))
            except TypeError as error:
                raise self._corrupt(self.judgements_file, number, f"not a judgement: {error}") from error
        return found

    def history(self, pair: str) -> list[Judgement]:
        """The judgements still standing on ``pair``, oldest first (undone ones left out)."""
        return self._standing().get(pair, [])

    def current(self, kind: str | None = None) -> dict[str, Judgement]:
        """pair -> its latest judgement still standing (of one producer, or of all)."""
        return {pair: stack[-1] for pair, stack in sorted(self._standing().items())
                if stack and (kind is None or stack[-1].kind == kind)}

    def judge(self, pair: str, verdict: str, *, who: str, reason: str = "", when: str | None = None) -> Judgement:
        """Append a judgement on a proposed pair (pending or linked).

        Raises
        ------
        BadParameterError
            On a verdict out of :data:`VERDICTS`, or a missing or overlong ``who`` or ``reason``.
        NotFoundError
            If no producer proposes the pair.
        """
        if verdict not in VERDICTS:
            raise BadParameterError("verdict", verdict, f"one of {', '.join(VERDICTS)}")
        self.proposal(pair)
        return self._append(pair, verdict, who, reason, when)

    def undo(self, pair: str, *, who: str, reason: str = "", when: str | None = None) -> Judgement:
        """Append a tombstone cancelling the latest judgement standing on ``pair``.

        Raises
        ------
        NotFoundError
            If no judgement stands on the pair.
        """
        _split(pair)
        if not self.history(pair):
            raise NotFoundError("judgement standing on", pair)
        return self._append(pair, None, who, reason, when)

    def _append(self, pair: str, verdict: str | None, who: str, reason: str, when: str | None) -> Judgement:
        who, reason = who.strip(), reason.strip()
        if not who or len(who) > MAX_WHO or "\n" in who:
            raise BadParameterError("who", who, f"who judges: one line, 1 to {MAX_WHO} characters")
        if len(reason) > MAX_REASON:
            raise BadParameterError("reason", reason[:40] + "...", f"at most {MAX_REASON} characters")
        kind, record, entity = _split(pair)
        judgement = Judgement(pair, kind, record, entity, verdict, who, when or _now(), reason, undo=verdict is None)
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._lock, open(self.judgements_file, "a", encoding="utf-8") as out:
            fcntl.flock(out, fcntl.LOCK_EX)
            try:
                out.write(_line(judgement.as_json()))
                out.flush()
                os.fsync(out.fileno())
            finally:
                fcntl.flock(out, fcntl.LOCK_UN)
        return judgement

    def _standing(self) -> dict[str, list[Judgement]]:
        stacks: dict[str, list[Judgement]] = {}
        for judgement in self.judgements():
            stack = stacks.setdefault(judgement.pair, [])
            if judgement.undo:
                if stack:
                    stack.pop()
            else:
                stack.append(judgement)
        return {pair: stack for pair, stack in stacks.items() if stack}

    # --- files -----------------------------------------------------------------------------------

    @staticmethod
    def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise ReviewQueue._corrupt(path, number, f"not JSON: {error}") from error
            if not isinstance(data, dict):
                raise ReviewQueue._corrupt(path, number, "not a JSON object")
            yield number, data

    @staticmethod
    def _corrupt(path: Path, line: int, message: str) -> DataValidationError:
        return DataValidationError([Problem(str(path), line, None, message, "structure")])

