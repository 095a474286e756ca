"""The collector paused while building, and what was built frozen on request."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from jkg.graph.engine.collector import paused_collector


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_the_collector_is_paused_then_resumed() -> None:
    with paused_collector():
        assert not gc.isenabled()
        with paused_collector():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_what_a_freezing_block_leaves_alive_is_frozen() -> None:
    with paused_collector(freeze=True):
        built = [[i] for i in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(built)
    collected = {id(x) for x in gc.get_objects()}  # every generation but the frozen one
    assert not any(id(x) in collected for x in built)


def test_the_collector_stays_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with paused_collector(freeze=True):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
