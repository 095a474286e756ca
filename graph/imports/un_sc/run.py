"""The whole import, as ``jkg import un-sc`` runs it: read, resolve, report, propose, apply.

Everything is computed before anything is written: a hostile file, bad data or a refused
option leaves the report, the queue and the generated file as they were. The graph resolved
against is the data without the generated file itself (which the import rewrites).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from jkg.graph.dataset.files import data_files
from jkg.graph.exceptions import BadParameterError
from jkg.graph.imports.review import ReviewQueue
from jkg.graph.imports.un_sc.apply import Applied, apply_text
from jkg.graph.imports.un_sc.records import InvalidRecord, read_un_list
from jkg.graph.imports.un_sc.report import KIND, proposals, report_text
from jkg.graph.imports.un_sc.resolve import Resolution, resolve_all
from jkg.graph.imports.un_sc.scope import region_of
from jkg.graph.pipeline import DEFAULT_DATA, load_graph

__all__ = ["GENERATED", "ImportResult", "import_un_sc"]

#: Where ``--apply`` writes, in a source checkout.
GENERATED = DEFAULT_DATA / "imports" / "un-sc.yaml"


@dataclass(frozen=True)
class ImportResult:
    """What one import did."""

    resolutions: tuple[Resolution, ...]
    invalid: tuple[InvalidRecord, ...]
    applied: Applied | None

    def counts(self) -> dict[str, int]:
        return dict(sorted(Counter(r.decision for r in self.resolutions).items()))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def import_un_sc(xml: Path, report: Path, *, data: list[Path] | None = None, queue: ReviewQueue | None = None,
                 ignore_identifiers: bool = False, apply_to: Path | None = None) -> ImportResult:
    """Import the UN list at ``xml``: write the report, the proposals, and with ``apply_to`` the seed file.

    Raises
    ------
    HostileXmlError
        If the file is refused (see :mod:`.records`); nothing is written.
    BadParameterError
        If ``ignore_identifiers`` and ``apply_to`` are both given (a measurement is never applied).
    DataValidationError
        If the data does not validate; nothing is written.
    """
    if ignore_identifiers and apply_to is not None:
        raise BadParameterError("--ignore-identifiers", True, "measures name matching alone; it cannot --apply")
    queue = queue or ReviewQueue()
    un = read_un_list(xml)
    skip = {p.resolve() for p in (apply_to, GENERATED) if p is not None}
    paths = [p for p in data_files(data or [DEFAULT_DATA]) if p.resolve() not in skip]
    graph = load_graph(paths, prepare=False)
    current = queue.current(KIND)
    negatives = {(j.record, j.entity) for j in current.values() if j.verdict == "negative" and j.entity}
    resolutions = resolve_all(graph, un.records, region_of(graph), ignore_identifiers=ignore_identifiers,
                              negatives=negatives)
    text = report_text(resolutions)
    applied = None
    if apply_to is not None:
        positives = {pair: j for pair, j in current.items() if j.verdict == "positive"}
        applied = apply_text(graph, resolutions, positives, list_date=(un.generated or "")[:10] or None,
                             origin=xml.name)
    _write(report, text)
    if not ignore_identifiers:
        queue.replace_proposals(KIND, proposals(graph, resolutions))
    if applied is not None and apply_to is not None:
        _write(apply_to, applied.text)
    return ImportResult(tuple(resolutions), un.invalid, applied)
