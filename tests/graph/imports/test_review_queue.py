"""The review queue shared by every import: append-only judgements, tombstone undo, pending = proposed minus
judged, negative never proposed again, byte-stable proposals, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from jkg.graph.exceptions import BadParameterError, DataValidationError, NotFoundError
from jkg.graph.imports.review import Proposal, ReviewQueue, pair_id


def proposal(record: str, entity: str | None, status: str = "pending") -> Proposal:
    return Proposal(pair_id("article", record, entity), "article", record, entity, {"record": {"text": record}},
                    ("why",), 0.5, status)  # type: ignore[arg-type]


@pytest.fixture
def queue(tmp_path: Path) -> ReviewQueue:
    queue = ReviewQueue(tmp_path)
    queue.replace_proposals("article", [proposal("a2", None), proposal("a1", "aqim"), proposal("a3", "jnim", "linked")])
    return queue


def test_pending_is_proposed_minus_judged_and_linked(queue: ReviewQueue) -> None:
    assert [p.id for p in queue.pending()] == ["article:a1:aqim", "article:a2:+new"]
    queue.judge("article:a2:+new", "unsure", who="ana", when="2026-12-05T10:00:00Z")
    assert [p.id for p in queue.pending("article")] == ["article:a1:aqim"]
    assert queue.pending("un-sc") == []


def test_judgements_are_append_only_and_undo_is_a_tombstone(queue: ReviewQueue) -> None:
    queue.judge("article:a1:aqim", "positive", who="ana", reason="same", when="2026-12-05T10:00:00Z")
    before = queue.judgements_file.read_bytes()
    queue.judge("article:a1:aqim", "negative", who="bo", reason="no", when="2026-12-05T11:00:00Z")
    queue.undo("article:a1:aqim", who="bo", reason="too fast", when="2026-12-05T12:00:00Z")
    after = queue.judgements_file.read_bytes()
    assert after.startswith(before) and len(after.splitlines()) == 3
    standing = queue.current("article")["article:a1:aqim"]
    assert (standing.verdict, standing.who) == ("positive", "ana")  # the undo popped the negative only
    queue.undo("article:a1:aqim", who="bo")
    assert queue.current() == {} and next(p.id for p in queue.pending()) == "article:a1:aqim"
    with pytest.raises(NotFoundError):
        queue.undo("article:a1:aqim", who="bo")


def test_a_negative_pair_is_never_proposed_again(queue: ReviewQueue) -> None:
    queue.judge("article:a3:jnim", "negative", who="ana")  # a split of a link
    queue.replace_proposals("article", [proposal("a3", "jnim", "linked"), proposal("a1", "aqim")])
    assert [p.id for p in queue.proposals("article")] == ["article:a1:aqim"]


def test_proposals_are_byte_stable(queue: ReviewQueue, tmp_path: Path) -> None:
    first = queue.proposals_file("article").read_bytes()
    queue.replace_proposals("article", list(reversed(queue.proposals("article"))))
    assert queue.proposals_file("article").read_bytes() == first


def test_bad_input_is_refused_clearly(queue: ReviewQueue) -> None:
    with pytest.raises(BadParameterError, match="verdict"):
        queue.judge("article:a1:aqim", "maybe", who="ana")
    with pytest.raises(BadParameterError, match="who"):
        queue.judge("article:a1:aqim", "positive", who="  ")
    with pytest.raises(NotFoundError):
        queue.judge("article:zz:aqim", "positive", who="ana")
    with pytest.raises(BadParameterError, match="pair"):
        queue.judge("not a pair", "positive", who="ana")
    assert not queue.judgements_file.exists()
    queue.judgements_file.write_text('{"pair": "x"}\nnot json\n', encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"judgements\.jsonl:1"):
        queue.judgements()
