"""The data files: which they are, their bytes and version, and reading many of them
(from the cache, or parsed in parallel processes when there is much to parse).

Each file is read by :func:`jkg.graph.dataset.reader.read_file`; this module decides
which files, and where they are read, and merges the amendments of all files into the
entities they amend (:func:`jkg.graph.dataset.amend.amend`).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING

from jkg.graph.dataset.amend import amend
from jkg.graph.dataset.model import Dataset
from jkg.graph.dataset.reader import FileRead, Terms, read_file
from jkg.graph.exceptions import Problem
from jkg.ontology.schema import Schema, load_schema

if TYPE_CHECKING:
    from jkg.graph.dataset.cache import DataCache

__all__ = ["PARALLEL_BYTES", "data_files", "data_version", "file_contents", "pool_context", "read_dataset", "where"]

#: Above this many bytes to parse, files are parsed in parallel processes.
PARALLEL_BYTES = 8 * 2**20


def data_files(paths: Iterable[Path]) -> list[Path]:
    """The YAML files named, or found under the folders named, sorted."""
    files: list[Path] = []
    for path in paths:
        if not path.exists():
            files.append(path)  # reported by the reader as a file it cannot read
        elif path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.y*ml") if p.suffix in (".yaml", ".yml")))
        else:
            files.append(path)
    return files


def where(path: Path, root: Path | None) -> str:
    """How a file is named in problems: relative to ``root`` when inside it."""
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


def data_version(contents: dict[Path, bytes | OSError]) -> str:
    """A short hash of the files' names and contents: what the data is, not where it lives."""
    digest = hashlib.sha256()
    for path in sorted(contents):
        digest.update(path.name.encode())
        content = contents[path]
        digest.update(b"<missing>" if isinstance(content, OSError) else content)
    return digest.hexdigest()[:12]


def file_contents(paths: Iterable[Path]) -> dict[Path, bytes | OSError]:
    """The data files named or found under ``paths`` (see :func:`data_files`): bytes, or why not."""
    contents: dict[Path, bytes | OSError] = {}
    for path in data_files(paths):
        try:
            contents[path] = path.read_bytes()
        except OSError as error:
            contents[path] = error
    return contents


def pool_context() -> multiprocessing.context.BaseContext | None:
    """How to start processes that parse files, or None when it is not safe: read serially then.

    Forked, and only from a process running no other thread (forking copies locks held by other
    threads). Not spawned: a spawned worker imports the caller's main module again, which runs an
    unguarded script's code a second time.
    """
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return None
    return multiprocessing.get_context("fork")


def _read_in_worker(job: tuple[str, bytes, Terms]) -> FileRead:
    return read_file(*job)


def read_dataset(paths: Iterable[Path], schema: Schema | None = None, root: Path | None = None,
                 cache: DataCache | None = None,
                 progress: Callable[[str, int], None] | None = None) -> tuple[Dataset, list[Problem]]:
    """Read data files (or folders of them) into a :class:`Dataset`.

    Files are independent until validation, so each is read on its own: from ``cache``
    when it holds a file of the same content, else parsed (large sets of files in
    parallel, one process per CPU, since YAML parsing is most of the time).

    Parameters
    ----------
    paths : iterable of Path
        Files or folders; folders are searched for ``*.yaml`` recursively.
    schema : Schema, optional
        The ontology; the package's by default.
    root : Path, optional
        Files are reported relative to it.
    cache : DataCache, optional
        Where files already read are kept, by content; nothing is cached without it.
    progress : callable, optional
        Called with a file's name and its size in bytes once it is read.

    Returns
    -------
    (Dataset, list of Problem)
        The records that could be read, amendments merged into the entities they amend, and
        every structural problem found.
    """
    terms = Terms.of(schema or load_schema())
    contents = file_contents(paths)
    reads: dict[int, FileRead] = {}
    todo: list[tuple[int, str, bytes]] = []
    sizes: dict[int, int] = {}
    for i, (path, content) in enumerate(contents.items()):
        file = where(path, root)
        if isinstance(content, OSError):
            reads[i] = FileRead(file, problems=[Problem(file, None, None, f"cannot read: {content}", "yaml")])
            continue
        sizes[i] = len(content)
        cached = cache.get(file, content, terms) if cache is not None else None
        if cached is not None:
            reads[i] = cached
            if progress:
                progress(file, len(content))
        else:
            todo.append((i, file, content))

    def done(i: int, read: FileRead, content: bytes) -> None:
        reads[i] = read
        if cache is not None:
            cache.put(read.file, content, terms, read)
        if progress:
            progress(read.file, sizes[i])

    workers = min(os.cpu_count() or 1, len(todo))
    context = pool_context() if workers > 1 and sum(len(c) for *_, c in todo) > PARALLEL_BYTES else None
    if context is not None:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            jobs = {pool.submit(_read_in_worker, (file, content, terms)): (i, content) for i, file, content in todo}
            for job in as_completed(jobs):
                i, content = jobs[job]
                done(i, job.result(), content)
    else:
        for i, file, content in todo:
            done(i, read_file(file, content, terms), content)

    data, problems = Dataset(version=data_version(contents)), []
    for i in sorted(reads):
        read = reads[i]
        data.files.append(read.file)
        data.sources.extend(read.sources)
        data.entities.extend(read.entities)
        data.relations.extend(read.relations)
        data.amendments.extend(read.amendments)
        problems.extend(read.problems)
    data.entities = amend(data.entities, data.amendments)
    return data, problems
