"""CSV files for ``neo4j-admin database import full``: the graph the loader builds, in bulk.

The properties are those of :mod:`jkg.graph.neo4j.rows` (the loader's own), so an
imported database and a loaded one hold the same nodes, labels, relationships and
property values, under one generation (``gen`` on every node and relation fact, the
``Dataset`` node's ``current``), so the Neo4j store serves an imported database as a loaded one.
Column types (``start:date``, ``sources:string[]``, ``credibility:long``)
are derived from the values, never listed by hand.

Files written in the folder
---------------------------
* ``entities.csv`` (``id:ID(Entity)``, ``:LABEL`` e.g. ``Entity;Organization;MilitantGroup``),
  ``names.csv`` (``id:ID(Name)``), ``sources.csv`` (``id:ID(Source)``), ``dataset.csv``.
* ``relations.csv`` (one row per relation fact, ``:TYPE`` from the ontology), ``has_name.csv``,
  ``supports_entity.csv``, ``supports_name.csv``, ``cited_via.csv``.
* ``import.args``: the exact options, for ``neo4j-admin database import full neo4j @import.args``
  (paths relative to the folder, so run it from there), and ``README.txt`` saying so.

Examples
--------
>>> _column_type("start", __import__("datetime").date(2007, 1, 1))
'date'
>>> _column_type("sources", ["s1", "s2"])
'string[]'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.exports.registry import Format
from jkg.graph.neo4j.rows import entity_props, generation, name_props, relation_props, source_props

__all__ = ["ARRAY_DELIMITER", "FILES", "IMPORT_OPTIONS", "export_neo4j_admin", "import_arguments"]

#: Separates the elements of an array value (``sources:string[]``) inside one CSV field.
ARRAY_DELIMITER = ";"

#: Options besides the files: fail on any bad entry rather than skip it (the tool tolerates 1000 by default).
IMPORT_OPTIONS = (
    "--id-type=string",
    f"--array-delimiter={ARRAY_DELIMITER}",
    "--multiline-fields=true",
    "--bad-tolerance=0",
    "--skip-bad-relationships=false",
    "--skip-duplicate-nodes=false",
    "--strict=true",
    "--normalize-types=true",
)

_SCALAR_TYPES: tuple[tuple[type, str], ...] = (
    # order matters: bool is an int, datetime is a date
    (bool, "boolean"), (int, "long"), (float, "double"), (dt.datetime, "datetime"), (dt.date, "date"), (str, "string"),
)

Props = Mapping[str, Any]


def _scalar_type(key: str, value: object) -> str:
    for python_type, csv_type in _SCALAR_TYPES:
        if isinstance(value, python_type):
            return csv_type
    raise TypeError(f"property {key!r}: no neo4j-admin type for {type(value).__name__} value {value!r}")


def _column_type(key: str, value: object) -> str:
    """The neo4j-admin column type of a property value (``string[]`` for a list)."""
    if isinstance(value, list | tuple):
        types = {_scalar_type(key, v) for v in value}
        if len(types) > 1:
            raise TypeError(f"property {key!r}: mixed element types {sorted(types)}")
        return f"{types.pop() if types else 'string'}[]"
    return _scalar_type(key, value)


def _text(value: object, key: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        parts = [_text(v, key) for v in value]
        if any(ARRAY_DELIMITER in p for p in parts):
            raise ValueError(f"property {key!r}: an element of {value!r} holds the array delimiter {ARRAY_DELIMITER!r}")
        return ARRAY_DELIMITER.join(parts)
    return str(value)


def _field(value: object, key: str) -> str:
    """One CSV field: quoted (so an empty string stays a string), or empty for an absent property."""
    if value is None:
        return ""
    if isinstance(value, list | tuple) and not value:
        raise ValueError(f"property {key!r}: neo4j-admin cannot import an empty list")
    return '"' + _text(value, key).replace('"', '""') + '"'


#: Every file, in import order (nodes first), with its leading columns.
FILES: dict[str, tuple[str, ...]] = {
    "entities": ("id:ID(Entity)", ":LABEL"),
    "names": ("id:ID(Name)", ":LABEL"),
    "sources": ("id:ID(Source)", ":LABEL"),
    "dataset": ("id:ID(Dataset)", ":LABEL"),
    "relations": (":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"),
    "has_name": (":START_ID(Entity)", ":END_ID(Name)", ":TYPE"),
    "supports_entity": (":START_ID(Source)", ":END_ID(Entity)", ":TYPE"),
    "supports_name": (":START_ID(Source)", ":END_ID(Name)", ":TYPE"),
    "cited_via": (":START_ID(Source)", ":END_ID(Source)", ":TYPE"),
}


def _kind(name: str) -> str:
    return "nodes" if FILES[name][0].startswith("id:ID(") else "relationships"


@dataclass
class _Table:
    """One CSV file: its leading columns (id, label or type), then property columns."""

    name: str
    rows: list[tuple[tuple[str, ...], Props]] = field(default_factory=list)

    def add(self, fixed: tuple[str, ...], props: Props | None = None) -> None:
        self.rows.append((fixed, props or {}))

    def columns(self) -> list[tuple[str, str]]:
        """(property, type) of every property column, in order of first appearance."""
        skip = {"id"} if _kind(self.name) == "nodes" else set()  # a node's id is its ID column
        found: dict[str, str] = {}
        for _, props in self.rows:
            for key, value in props.items():
                if key in skip or value is None:
                    continue
                kind = _column_type(key, value)
                if found.setdefault(key, kind) != kind:
                    raise TypeError(f"property {key!r} is {found[key]} in one row and {kind} in another")
        return list(found.items())

    def write(self, folder: Path) -> int:
        columns = self.columns()
        lines = [",".join([*FILES[self.name], *(f"{key}:{kind}" for key, kind in columns)])]
        for fixed, props in self.rows:
            cells = [_field(v, "") for v in fixed] + [_field(props.get(key), key) for key, _ in columns]
            lines.append(",".join(cells))
        (folder / f"{self.name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        return len(self.rows)


def _tables(tg: TemporalGraph) -> dict[str, _Table]:
    """Every file's rows, as the loader writes them (MERGE semantics: no duplicate links)."""
    schema = tg.schema
    gen = generation(tg.data_version)
    t = {name: _Table(name) for name in FILES}
    for source in tg.sources.values():
        t["sources"].add((source.id, "Source"), {**source_props(source), "gen": gen})
        if source.cited_via:
            t["cited_via"].add((source.id, source.cited_via, "CITED_VIA"))
    for entity in tg.entities.values():
        labels = ARRAY_DELIMITER.join(dict.fromkeys(("Entity", *schema.classes[entity.type].neo4j_labels)))
        t["entities"].add((entity.id, labels), {**entity_props(entity, schema), "gen": gen})
        for src in dict.fromkeys(entity.sources):
            t["supports_entity"].add((src, entity.id, "SUPPORTS"))
        for position, name in enumerate(entity.names):
            props = {**name_props(entity, position, name), "gen": gen}
            t["names"].add((props["id"], "Name"), props)
            t["has_name"].add((entity.id, props["id"], "HAS_NAME"))
            for src in dict.fromkeys(name.sources):
                t["supports_name"].add((src, props["id"], "SUPPORTS"))
    for rel in tg.relations.values():
        rtype = schema.relation_types[rel.type].neo4j_type
        t["relations"].add((rel.subject, rel.object, rtype), {**relation_props(rel, tg.intervals[rel.id]), "gen": gen})
    t["dataset"].add(("jkg", "Dataset"), {
        # what cypher.SWITCH_GENERATION sets
        "current": gen, "version": tg.data_version, "entities": len(tg.entities), "relations": len(tg.relations),
        "sources": len(tg.sources), "loadedAt": dt.datetime.now(dt.UTC).replace(microsecond=0),
    })
    return t


def import_arguments(folder: Path | None = None) -> list[str]:
    """The options of ``neo4j-admin database import full`` for the files of :func:`export_neo4j_admin`.

    File paths are relative to the export folder, or under ``folder`` when given.
    """
    prefix = f"{folder}/" if folder is not None else ""
    return [*(f"--{_kind(name)}={prefix}{name}.csv" for name in FILES), *IMPORT_OPTIONS]


def export_neo4j_admin(tg: TemporalGraph, folder: Path) -> dict[str, int]:
    """Write the graph as CSV files for ``neo4j-admin database import full`` into ``folder``.

    Parameters
    ----------
    tg : TemporalGraph
        A validated graph (see :func:`jkg.graph.engine.temporal.load_graph`).
    folder : Path
        Created if missing; existing files of the same names are replaced.

    Returns
    -------
    dict[str, int]
        Rows written per file (``entities``, ``names``, ..., ``relations``, ``has_name``, ...).

    Raises
    ------
    TypeError, ValueError
        A property value the tool cannot represent (a value type with no column type, the same
        property with two types, an array element holding ``;``, an empty list).
    """
    folder.mkdir(parents=True, exist_ok=True)
    counts = {name: table.write(folder) for name, table in _tables(tg).items()}
    args = import_arguments()
    (folder / "import.args").write_text("\n".join(args) + "\n", encoding="utf-8")
    (folder / "README.txt").write_text(
        "jkg graph for neo4j-admin (Neo4j 5.26), with the loader's labels, types and properties.\n"
        "With the server stopped, from this folder:\n\n"
        "  neo4j-admin database import full neo4j --overwrite-destination=true @import.args\n\n"
        "or with neo4j-local:  NEO4J_DATA=<data folder> <repo>/neo4j-local/admin-import.sh @import.args\n"
        "Then start Neo4j and run `jkg load --neo4j` once (idempotent) or create the constraints it creates,\n"
        "since an import creates no constraints or indexes.\n\n"
        "import.args:\n  " + " ".join(args) + "\n",
        encoding="utf-8",
    )
    return counts


def _write(tg: TemporalGraph, folder: Path) -> str:
    counts = export_neo4j_admin(tg, folder)
    rows = ", ".join(f"{k} {v}" for k, v in counts.items())
    command = " ".join(["neo4j-admin database import full neo4j", *import_arguments(folder)])
    return f"{sum(counts.values())} rows ({rows}); import into a stopped, empty database with: {command}"


#: Neo4j's bulk import CSV (see :mod:`jkg.graph.exports.registry`).
FORMATS = (Format("neo4j-admin", "node and relationship CSV files for neo4j-admin database import full", "folder",
                  _write),)
