"""What loading data found before, kept on disk by content: files read, data found valid, and the
indexes built over it.

Parsing YAML is most of the time a large dataset takes to load (PyYAML over libyaml reads
well under 1 MiB/s of seed-data YAML), and full SHACL validation grows faster than the data.
Both depend only on the bytes of the files and on this package's code and ontology, so those
make the keys: editing one file parses that file alone (and validates the whole again), and a
new version of the code or the ontology starts afresh. The indexes built over a whole dataset
(search, time, answer order) are kept by the same key as its validity.

Entries are pickles written by this package into a folder of the user's (like any build
cache, it must not be shared with people one would not run code from). An entry that cannot
be read back is ignored and written again; ``jkg cache clear`` empties the folder.

Examples
--------
>>> import tempfile
>>> from jkg.graph.dataset.reader import Terms, read_file
>>> terms = Terms(qualifiers=("post",), identifiers=())
>>> content = b"entities:\\n- {id: x, type: Person, names: [{text: X, kind: preferred}]}\\n"
>>> cache = DataCache(Path(tempfile.mkdtemp()))
>>> cache.get("a.yaml", content, terms) is None
True
>>> cache.put("a.yaml", content, terms, read_file("a.yaml", content, terms))
>>> [e.id for e in cache.get("a.yaml", content, terms).entities]
['x']
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from jkg.graph.dataset.reader import FileRead, Terms

__all__ = ["DataCache", "default_cache_dir"]


#: The modules whose code decides what reading a file gives, relative to jkg.graph.
_READER_MODULES = (
    "dataset/reader.py", "dataset/files.py", "dataset/model.py", "exceptions.py", "dataset/cache.py",
    *(f"engine/dates/{name}.py" for name in ("__init__", "partial", "rule", "compare", "params")),
)
_GRAPH = Path(__file__).resolve().parents[1]


@cache
def _reader_key() -> bytes:
    """The code that decides what reading a file gives."""
    digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for name in _READER_MODULES:
        digest.update((_GRAPH / name).read_bytes())
    return digest.digest()


@cache
def _validation_key() -> bytes:
    """The code and ontology that decide whether data is valid: all of jkg.graph and jkg.ontology."""
    import jkg.ontology

    digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for package in (_GRAPH, Path(jkg.ontology.__file__).resolve().parent):
        for path in sorted(package.rglob("*")):
            if path.suffix in (".py", ".ttl"):
                digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/jkg`` (``~/.cache/jkg`` by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jkg"


class DataCache:
    """Files read and data validated, by content, under ``folder`` (created when first written)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, file: str, content: bytes, terms: Terms) -> Path:
        digest = hashlib.sha256(_reader_key())
        digest.update(repr(terms).encode())
        digest.update(file.encode() + b"\0")
        digest.update(content)
        return self.folder / "read" / f"{digest.hexdigest()}.pickle"

    def get(self, file: str, content: bytes, terms: Terms) -> FileRead | None:
        """The records of this file as read before, or None."""
        path = self._path(file, content, terms)
        try:
            with path.open("rb") as stream:
                read = pickle.load(stream)
        except FileNotFoundError:
            return None
        except Exception:
            return None
        return read if isinstance(read, FileRead) and read.file == file else None

    def put(self, file: str, content: bytes, terms: Terms, read: FileRead) -> None:
        """Keep what reading this file gave; a cache that cannot be written is skipped."""
        _write(self._path(file, content, terms), pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL))

    def _stamp(self, version: str) -> Path:
        return self.folder / "valid" / f"{hashlib.sha256(_validation_key() + version.encode()).hexdigest()}"

    def is_valid(self, version: str) -> bool:
        """Whether data of this version (see :func:`jkg.graph.dataset.reader.data_version`) was found valid."""
        return self._stamp(version).is_file()

    def mark_valid(self, version: str) -> None:
        """Remember that data of this version has no problem."""
        _write(self._stamp(version), version.encode())

    def _indexes(self, version: str) -> Path:
        return self.folder / "indexes" / f"{hashlib.sha256(_validation_key() + version.encode()).hexdigest()}.pickle"

    def indexes(self, version: str) -> dict[str, Any] | None:
        """The indexes kept for data of this version (index name -> index), or None."""
        try:
            with self._indexes(version).open("rb") as stream:
                kept = pickle.load(stream)
        except Exception:  # missing, or unreadable: built again
            return None
        return kept if isinstance(kept, dict) else None

    def put_indexes(self, version: str, indexes: dict[str, Any]) -> None:
        """Keep the indexes built over data of this version."""
        _write(self._indexes(version), pickle.dumps(indexes, protocol=pickle.HIGHEST_PROTOCOL))

    def clear(self) -> int:
        """Forget everything; returns how many entries were removed."""
        removed = 0
        for path in self.folder.glob("*/*"):
            path.unlink(missing_ok=True)
            removed += 1
        return removed


def _write(path: Path, payload: bytes) -> None:
    """Write aside, then rename, so that readers never see half an entry; skip an unwritable cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as stream:
            stream.write(payload)
        os.replace(stream.name, path)
    except OSError:
        return
