"""One pipeline from data files to a graph ready to answer: read, check, build, prepare.

Every caller goes through :func:`load_graph`: the stores, the CLI and the benchmark.

* **read**: the YAML files, in parallel processes when there is much to parse, each file
  through the cache when one is given (:mod:`jkg.graph.dataset.reader`, :mod:`.cache`);
* **check**: ``"full"`` runs every check, the Python ones and SHACL, unless the cache holds
  a stamp saying this exact content was found valid by this code and ontology; ``"python"``
  runs the Python checks alone (the benchmark, whose sizes SHACL cannot run over in full);
  either way, content the cache's stamp says was found valid is not checked again;
* **build**: the temporal graph (:func:`jkg.graph.engine.temporal.build_graph`);
* **prepare**: every index and view, from the cache when it has them (for servers).

Nothing is built from data with a problem: :class:`~jkg.graph.exceptions.DataValidationError`
carries every problem found.

Examples
--------
>>> from jkg.graph.pipeline import load_graph
>>> tg = load_graph(prepare=False)
>>> tg.data_version == load_graph(prepare=False).data_version  # built once per content in a process
True
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, MutableMapping
from pathlib import Path
from typing import Literal

from jkg.graph.dataset.cache import DataCache
from jkg.graph.dataset.files import data_version, file_contents, read_dataset
from jkg.graph.dataset.validate import check_dataset, load_valid_dataset
from jkg.graph.engine.collector import paused_collector
from jkg.graph.engine.temporal import TemporalGraph, build_graph
from jkg.graph.exceptions import DataValidationError
from jkg.ontology.schema import load_schema

__all__ = ["DEFAULT_DATA", "Checks", "load_graph"]

#: The seed data folder of a source checkout.
DEFAULT_DATA = Path(__file__).resolve().parents[1] / "seed_data"

#: Which checks run before building (see the module docstring).
Checks = Literal["full", "python"]

#: The graphs last built in this process, by the files' paths and content, the cache and the checks.
_built: dict[tuple[tuple[Path, ...], str, Path | None, Checks], TemporalGraph] = {}


def load_graph(paths: Iterable[Path] | None = None, *, cache_dir: Path | None = None,
               progress: Callable[[str, int], None] | None = None, checks: Checks = "full",
               prepare: bool = True, timings: MutableMapping[str, float] | None = None) -> TemporalGraph:
    """Read, check and build the data files (the seed data by default), and prepare the graph.

    A graph of unchanged files is reused within a process: files are hashed, and only
    new content is read, checked and built again.

    Parameters
    ----------
    paths : iterable of Path, optional
        Data files or folders; the seed data by default.
    cache_dir : Path, optional
        Keep files read, data found valid and indexes there (see :mod:`jkg.graph.dataset.cache`),
        so that the next process does not parse, validate or index unchanged data again.
    progress : callable, optional
        Called with each file's name and size in bytes once it is read.
    checks : {"full", "python"}
        Every check (the default), or the Python checks without SHACL.
    prepare : bool
        Build every index and view now (servers), rather than on first use.
    timings : mapping, optional
        Filled with the seconds each step took: ``read_s``, ``checks_s``, ``graph_s``, ``indexes_s``.

    Raises
    ------
    DataValidationError
        If the data has any problem; nothing is built.
    """
    chosen = tuple(p.resolve() for p in (paths if paths is not None else [DEFAULT_DATA]))
    key = (chosen, data_version(file_contents(chosen)), cache_dir, checks)
    cache = DataCache(cache_dir) if cache_dir else None
    graph = _built.get(key)
    clock = _Clock(timings)
    if graph is None:
        schema = load_schema()
        with paused_collector(freeze=True):  # the graph lives on: the collector would walk it, finding nothing
            if checks == "full":
                data = load_valid_dataset(chosen, schema, cache=cache, progress=progress)
                clock.lap("read_s")  # reading and checking are one step there
                clock.lap("checks_s")
            else:
                data, problems = read_dataset(chosen, schema, cache=cache, progress=progress)
                clock.lap("read_s")
                if problems or cache is None or not cache.is_valid(data.version):
                    problems += check_dataset(data, schema)
                clock.lap("checks_s")
                if problems:
                    raise DataValidationError(problems)
            graph = build_graph(data, schema, data.version)
            clock.lap("graph_s")
        while len(_built) >= 2:  # a large graph is most of the process's memory
            del _built[next(iter(_built))]
        _built[key] = graph
    if prepare:
        graph.prepare(cache)
        clock.lap("indexes_s")
    return graph


class _Clock:
    """Seconds per step, into the caller's mapping (or nowhere)."""

    def __init__(self, into: MutableMapping[str, float] | None) -> None:
        self.into, self.last = into, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        if self.into is not None:
            self.into[name] = round(now - self.last, 3)
        self.last = now
