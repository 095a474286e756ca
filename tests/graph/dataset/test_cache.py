"""The cache of files read, data found valid and indexes built: reused only for the same content, code and ontology."""

from __future__ import annotations

import dataclasses
import multiprocessing
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from jkg.graph import queries
from jkg.graph.dataset import files, validate
from jkg.graph.dataset.cache import DataCache
from jkg.graph.dataset.files import read_dataset
from jkg.graph.dataset.reader import FileRead, Terms
from jkg.graph.dataset.validate import load_valid_dataset
from jkg.graph.exceptions import DataValidationError
from jkg.graph.pipeline import load_graph
from jkg.graph.search.index import NameIndex
from jkg.ontology.schema import Schema

SEED = Path(__file__).resolve().parents[3] / "seed_data"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(SEED, folder)
    return folder


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = files.read_file

    def counting(file: str, content: bytes, terms: Terms) -> FileRead:
        parsed.append(file)
        return real(file, content, terms)

    monkeypatch.setattr(files, "read_file", counting)
    return parsed


def test_unchanged_files_are_not_parsed_again(data: Path, tmp_path: Path, schema: Schema,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    cache = DataCache(tmp_path / "cache")
    first, problems = read_dataset([data], schema, cache=cache)
    assert not problems
    parsed = _count_parses(monkeypatch)
    again, _ = read_dataset([data], schema, cache=cache)
    assert parsed == []
    assert again.entities == first.entities and again.relations == first.relations
    assert [r.location for r in again.relations] == [r.location for r in first.relations]
    assert again.version == first.version

    edited = data / "tunisia.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    changed, _ = read_dataset([data], schema, cache=cache)
    assert parsed == [str(edited)]
    assert changed.version != first.version


def test_a_damaged_entry_is_read_again(data: Path, tmp_path: Path, schema: Schema) -> None:
    cache = DataCache(tmp_path / "cache")
    first, _ = read_dataset([data], schema, cache=cache)
    for entry in (tmp_path / "cache" / "read").iterdir():
        entry.write_bytes(b"not a pickle")
    again, problems = read_dataset([data], schema, cache=cache)
    assert not problems and again.relations == first.relations


def test_structural_problems_come_back_from_the_cache(tmp_path: Path, schema: Schema) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n- id: x\n  type: Person\n  names: []\n", encoding="utf-8")
    cache = DataCache(tmp_path / "cache")
    _, first = read_dataset([bad], schema, cache=cache)
    _, again = read_dataset([bad], schema, cache=cache)
    assert first and again == first
    assert "non-empty list of 'names'" in again[0].message and again[0].line == 2


def test_valid_data_is_not_validated_again(data: Path, tmp_path: Path, schema: Schema,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    cache = DataCache(tmp_path / "cache")
    load_valid_dataset([data], schema, cache=cache)

    def no_shacl(*_: object) -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr(validate, "shacl_problems", no_shacl)
    assert len(load_valid_dataset([data], schema, cache=cache).relations) > 200
    # the stamp is for that content only: an edit is validated again
    edited = data / "sahel.yaml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="validated again"):
        load_valid_dataset([data], schema, cache=cache)


def test_invalid_data_is_never_stamped_valid(tmp_path: Path, schema: Schema) -> None:
    fixtures = Path(__file__).parents[1] / "fixtures"
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(fixtures / "good.yaml", folder)
    shutil.copy(fixtures / "bad" / "domain-violation.yaml", folder)  # only SHACL sees it
    cache = DataCache(tmp_path / "cache")
    for _ in range(2):
        with pytest.raises(DataValidationError, match="SHACL"):
            load_valid_dataset([folder], schema, cache=cache)
    assert not (tmp_path / "cache" / "valid").exists()


def test_parallel_reading_gives_the_same_dataset(data: Path, schema: Schema,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    serial, serial_problems = read_dataset([data], schema)
    monkeypatch.setattr(files, "PARALLEL_BYTES", 0)  # seed data is small: force the process pool
    # earlier tests may leave threads running (servers, drivers); this one asks for processes regardless
    monkeypatch.setattr(files, "pool_context", lambda: multiprocessing.get_context("fork"))
    pools: list[int] = []
    real_pool = files.ProcessPoolExecutor

    def counting_pool(workers: int, **kwargs: object) -> ProcessPoolExecutor:
        pools.append(workers)
        return real_pool(workers, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files, "ProcessPoolExecutor", counting_pool)
    parallel, parallel_problems = read_dataset([data], schema)
    assert pools and pools[0] >= 1
    assert parallel.files == serial.files
    assert parallel.entities == serial.entities and parallel.relations == serial.relations
    assert parallel_problems == serial_problems


def test_processes_are_forked_only_from_a_single_thread() -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert files.pool_context() is None
    finally:
        release.set()
        other.join()
    # a single thread forks: in a fresh interpreter, since this one may run other threads (the API's, a server's)
    single = subprocess.run(
        [sys.executable, "-c", "import threading; from jkg.graph.dataset import files;"
         " assert threading.active_count() == 1; print(files.pool_context().get_start_method())"],
        capture_output=True, text=True, check=True, timeout=120)
    assert single.stdout.strip() == "fork", single.stderr


def test_load_graph_with_a_cache_dir(data: Path, tmp_path: Path) -> None:
    graph = load_graph([data], cache_dir=tmp_path / "cache")
    assert "aqim" in graph.entities
    assert DataCache(tmp_path / "cache").clear() > len(list(data.glob("*.yaml")))
    assert not list((tmp_path / "cache").glob("*/*"))


def test_indexes_are_kept_and_taken_back_with_the_same_answers(data: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    cache = DataCache(tmp_path / "cache")
    graph = load_graph([data], prepare=False)
    first = dataclasses.replace(graph).prepare(cache)  # the same data, caches empty
    assert cache.indexes(graph.data_version) is not None
    derived: list[int] = []
    monkeypatch.setattr(NameIndex, "_derive", lambda self: derived.append(1))
    again = dataclasses.replace(graph).prepare(cache)
    assert not derived, "the search index was built again"
    assert again._ordinals == first._ordinals
    asserted = [[r.id for r in g.in_order.asserted_in_order()[1]] for g in (again, first)]
    assert asserted[0] == asserted[1]
    for mine, theirs in zip(again.in_order.order.grouped, first.in_order.order.grouped, strict=True):
        assert all((a == b).all() for a, b in zip(mine, theirs, strict=True))
    for ident in ("aqim", "jnim", "abdelmalek-droukdel"):
        assert queries.get_entity(again, ident) == queries.get_entity(first, ident)
    for query in ("Droukdel", "AQMI", "Iyad ag Ghali", "Belmokhtar"):
        assert queries.search_entities(again, query) == queries.search_entities(first, query)
    for ident in ("aqim", "jnim", "abdelmalek-droukdel"):
        assert queries.neighborhood(again, ident, depth=2) == queries.neighborhood(first, ident, depth=2)
    assert queries.snapshot(again, "2013") == queries.snapshot(first, "2013")


def test_indexes_of_other_data_or_damaged_are_not_taken(data: Path, tmp_path: Path) -> None:
    cache = DataCache(tmp_path / "cache")
    graph = load_graph([data], prepare=False)
    dataclasses.replace(graph).prepare(cache)
    other = dataclasses.replace(graph, data_version="another version")
    assert not other._take_indexes(cache)
    for entry in (tmp_path / "cache" / "indexes").glob("*"):
        entry.write_bytes(b"not a pickle")
    assert cache.indexes(graph.data_version) is None
    fresh = dataclasses.replace(graph).prepare(cache)  # built, and kept again
    assert fresh.names.derived().keys() == {"normalized", "keys", "exact", "shared", "columns"}
    assert cache.indexes(graph.data_version) is not None
