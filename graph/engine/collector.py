"""Building a large graph without CPython's cyclic garbage collector in the way.

Reading and building create millions of long-lived containers (records, names, edges). Each
time enough of them are created the cyclic collector runs, and its older generations traverse
everything built so far: at 100k entities that is about half the build time, for no garbage
found. So the collector is paused while building, then resumed as it was. Objects freed by
reference counting are freed as usual meanwhile.

Resumed, the collector would soon walk everything once more (its first full collection counts
all that was built as new): seconds at 100k entities. A block that builds what lives on (a graph)
asks for ``freeze``: what is alive at its end is frozen (``gc.freeze``), left out of the
collector's future passes; it is still freed when no longer referenced, and ``gc.unfreeze()``
gives it back (as the API does when it replaces its store).

Examples
--------
>>> import gc
>>> with paused_collector():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_collector"]


@contextmanager
def paused_collector(freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (nested blocks keep it paused); with ``freeze``,
    freeze what is alive at its end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
