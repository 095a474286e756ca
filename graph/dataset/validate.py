"""Validation: the ontology's SHACL shapes plus the checks SHACL cannot express.

Nothing is loaded anywhere unless :func:`validate` finds no problem.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from jkg.graph.dataset.cache import DataCache
from jkg.graph.dataset.files import read_dataset
from jkg.graph.dataset.model import Amendment, Dataset, Entity, Location, Name, Relation
from jkg.graph.dataset.names import normalize
from jkg.graph.dataset.rdf import to_rdf
from jkg.graph.engine.dates import after, before, ends_before_start
from jkg.graph.exceptions import DataValidationError, Problem
from jkg.ontology.schema import Schema, load_schema
from jkg.ontology.shapes import all_shapes

__all__ = ["Report", "check_dataset", "load_valid_dataset", "shacl_problems", "validate"]

#: The kind of the one name an entity's own file gives (an amendment cannot add one).
_PREFERRED = "preferred"
#: A lifetime check does not apply to facts that are not taken as true.
_NOT_ASSERTED = {"disputed", "refuted"}


@dataclass
class Report:
    """What validation found."""

    data: Dataset
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


#: Problems after which SHACL's view of the same entry is noise (it would say, less
#: clearly, that a misspelt type or a missing source breaks a shape).
_MASKS_SHACL = {"unknown-term", "unknown-reference"}


def _at(location: Location | None, entry: str) -> tuple[str, int | None, str]:
    if location is None:
        return "<unknown>", None, entry
    return location.file, location.line, entry


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _lifetime_problem(rel: Relation, role: str, entity: Entity) -> str | None:
    """Why a relation lies outside an endpoint's lifetime, or None."""
    born, ended = entity.start, entity.end
    if born is None and ended is None:
        return None
    if rel.start and ended and after(rel.start, ended):
        return f"starts ({rel.start}) after its {role} {entity.id!r} ended ({ended})"
    if rel.end and born and before(rel.end, born):
        return f"ends ({rel.end}) before its {role} {entity.id!r} began ({born})"
    if rel.end and ended and after(rel.end, ended):
        return f"ends ({rel.end}) after its {role} {entity.id!r} ended ({ended})"
    if rel.start and born and before(rel.start, born):
        return f"starts ({rel.start}) before its {role} {entity.id!r} began ({born})"
    return None


def check_dataset(data: Dataset, schema: Schema) -> list[Problem]:
    """The checks SHACL cannot express: ids, references, terms, dates, lifetimes, collisions."""
    problems: list[Problem] = []

    def add(location: Location | None, entry: str, message: str, code: str) -> None:
        problems.append(Problem(*_at(location, entry), message, code))

    # duplicate ids
    for kind, records in (("source", data.sources), ("entity", data.entities),
                          ("relation", data.relations)):
        first: dict[str, Location | None] = {}
        for record in records:
            if record.id in first:
                where = first[record.id]
                seen_at = f" (first defined at {where.file}:{where.line})" if where else ""
                add(record.location, record.id, f"duplicate {kind} id {record.id!r}{seen_at}", "duplicate-id")
            else:
                first[record.id] = record.location

    sources = {s.id for s in data.sources}
    entities = {e.id: e for e in data.entities}

    def check_sources(location: Location | None, entry: str, cited: Iterable[str]) -> None:
        for src in cited:
            if src not in sources:
                add(location, entry, f"unknown source {src!r}{_suggest(src, sources)}", "unknown-reference")

    for source in data.sources:
        if source.cited_via and source.cited_via not in sources:
            add(source.location, source.id, f"cited_via names unknown source {source.cited_via!r}", "unknown-reference")

    # sources an amendment added to an entity are checked where the amendment was written
    amended_sources: dict[str, set[str]] = defaultdict(set)
    for amendment in data.amendments:
        amended_sources[amendment.entity].update(amendment.sources)
        problems.extend(_amendment_problems(amendment, entities.get(amendment.entity), entities))
        check_sources(amendment.location, f"amendment of {amendment.entity}", amendment.sources)

    name_kinds = schema.vocabulary("NameKinds")
    for entity in data.entities:
        cls = schema.classes.get(entity.type)
        if cls is None:
            add(entity.location, entity.id, f"unknown entity type {entity.type!r}"
                f"{_suggest(entity.type, schema.concrete_classes())}", "unknown-term")
        elif cls.abstract:
            add(entity.location, entity.id, f"type {entity.type!r} is abstract; use one of:"
                f" {', '.join(schema.kinds_of(entity.type))}", "unknown-term")
        added = amended_sources.get(entity.id, set())
        check_sources(entity.location, entity.id, [s for s in entity.sources if s not in added] if added
                      else entity.sources)
        if ends_before_start(entity.start, entity.end):
            add(entity.location, entity.id, f"end ({entity.end}) is before start ({entity.start})", "bad-date")
        for name in entity.names:
            label = f"{entity.id} name {name.text!r}"
            written = name.location or entity.location
            if name.kind == _PREFERRED and name.location is not None:
                add(written, label, f"an amendment cannot add a {_PREFERRED!r} name: the entity's own file gives"
                    " it (an amendment may cite the one it has, written the same)", "structure")
            if name.kind not in name_kinds:
                add(written, label, f"unknown name kind {name.kind!r}"
                    f" (the ontology has: {', '.join(name_kinds)})", "unknown-term")
            check_sources(written, label, name.sources)
            if ends_before_start(name.start, name.end):
                add(written, label, f"end ({name.end}) is before start ({name.start})", "bad-date")

    statuses = schema.vocabulary("Statuses")
    for rel in data.relations:
        rtype = schema.relation_types.get(rel.type)
        if rtype is None:
            add(rel.location, rel.id, f"unknown relation type {rel.type!r}"
                f"{_suggest(rel.type, schema.relation_types)}", "unknown-term")
        if rel.status not in statuses:
            add(rel.location, rel.id, f"unknown status {rel.status!r}"
                f" (the ontology has: {', '.join(statuses)})", "unknown-term")
        check_sources(rel.location, rel.id, rel.sources)
        for role, ident in (("subject", rel.subject), ("object", rel.object)):
            if ident not in entities:
                add(rel.location, rel.id, f"{role} {ident!r} is not a known entity"
                    f"{_suggest(ident, entities)}", "unknown-reference")
        for key, value in rel.qualifiers:
            qualifier = schema.qualifiers[key]
            if qualifier.range_class and value not in entities:
                add(rel.location, rel.id, f"{key} {value!r} is not a known entity"
                    f"{_suggest(value, entities)}", "unknown-reference")
            if qualifier.vocabulary:
                allowed = schema.vocabulary(qualifier.vocabulary)
                if value not in allowed:
                    add(rel.location, rel.id, f"{key} {value!r} is not in the ontology's"
                        f" {qualifier.vocabulary}{_suggest(value, allowed)}", "unknown-term")
        if ends_before_start(rel.start, rel.end):
            add(rel.location, rel.id, f"end ({rel.end}) is before start ({rel.start})", "bad-date")
        if rel.status not in _NOT_ASSERTED:
            looks_back = rtype is not None and rtype.object_may_have_ended
            for role, ident in (("subject", rel.subject), ("object", rel.object)):
                if role == "object" and looks_back:
                    continue
                endpoint = entities.get(ident)
                why = _lifetime_problem(rel, role, endpoint) if endpoint else None
                if why:
                    add(rel.location, rel.id, f"outside a lifetime: the relation {why}", "lifetime")

    problems.extend(_incomplete_events(data, schema))
    problems.extend(_collisions(data))
    return problems


def _amendment_problems(amendment: Amendment, merged: Entity | None, entities: Iterable[str]) -> Iterator[Problem]:
    """An amendment of an unknown entity, or one giving an identifier the entity has otherwise."""
    entry = f"amendment of {amendment.entity}"
    if merged is None:
        yield Problem(*_at(amendment.location, entry), f"amends {amendment.entity!r}, which is not a known"
                      f" entity{_suggest(amendment.entity, entities)}", "unknown-reference")
        return
    kept = dict(merged.identifiers)
    for scheme, value in amendment.identifiers:
        if kept.get(scheme) != value:
            yield Problem(*_at(amendment.location, entry), f"identifier {scheme} {value!r} contradicts"
                          f" {kept.get(scheme)!r}, the {scheme} of {amendment.entity!r}"
                          f"{_written(merged.location)}; an entity has one", "identifier-conflict")


def _written(location: Location | None) -> str:
    return f" at {location.file}:{location.line}" if location else ""


def _incomplete_events(data: Dataset, schema: Schema) -> Iterator[Problem]:
    """Events of a class that requires incoming relations (a killing, a capture: who) without them,
    or without a date."""
    incoming: dict[str, set[str]] = defaultdict(set)
    for rel in data.relations:
        incoming[rel.object].add(rel.type)
    for entity in data.entities:
        cls = schema.classes.get(entity.type)
        if cls is None or not cls.required_incoming:
            continue
        if entity.start is None:
            yield Problem(*_at(entity.location, entity.id), f"a {cls.label} needs a date: give its start",
                          "incomplete-event")
        for needed in cls.required_incoming:
            if needed not in incoming[entity.id]:
                yield Problem(*_at(entity.location, entity.id), f"a {cls.label} needs at least one {needed!r}"
                              f" relation naming who it concerns (subject: the person, object: {entity.id!r})",
                              "incomplete-event")


def _collisions(data: Dataset) -> Iterator[Problem]:
    """Non-weak names shared by two entities without a stated reason."""
    holders: dict[str, list[tuple[Entity, Name]]] = defaultdict(list)
    for entity in data.entities:
        seen = set()
        for name in entity.names:
            key = normalize(name.text)
            if name.kind == "weakAlias" or not key or key in seen:
                continue
            seen.add(key)
            if not name.shared_reason:
                holders[key].append((entity, name))
    for entries in holders.values():
        if len({e.id for e, _ in entries}) < 2:
            continue
        # a name an amendment adds is the one reported, where the amendment is written
        entries.sort(key=lambda held: held[1].location is not None)
        first, first_name = entries[0]
        for other, name in entries[1:]:
            yield Problem(
                *_at(name.location or other.location, other.id),
                f"name {name.text!r} is also a name of {first.id!r} ({first_name.text!r}"
                f"{_written(first_name.location or first.location)}); mark it weakAlias, or say"
                " why it is deliberately shared with 'shared_reason'",
                "name-collision",
            )


def shacl_problems(data: Dataset, schema: Schema) -> list[Problem]:
    """Run the ontology's SHACL shapes over the dataset's RDF view."""
    view = to_rdf(data, schema)
    shapes = all_shapes(schema)
    # The SPARQL constraints read domains, ranges and vocabularies from the ontology,
    # so the ontology is merged into the data graph they run on.
    merged = Graph()
    for triple in view.graph:
        merged.add(triple)
    for triple in schema.graph:
        merged.add(triple)
    conforms, results, _ = shacl_validate(
        merged, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True,
    )
    if conforms:
        return []
    assert isinstance(results, Graph)
    problems = []
    for result in results.subjects(SH.focusNode, None):
        focus = results.value(result, SH.focusNode)
        message = results.value(result, SH.resultMessage)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        origin = _origin(view.origins, focus)
        location, entry = origin if origin else (None, str(focus))
        text = str(message) if message else "breaks a SHACL shape"
        if isinstance(path, URIRef):
            text = f"{text} (property {view.graph.namespace_manager.normalizeUri(path)})"
        if value is not None and not isinstance(value, Literal):
            text = text.replace(str(value), view.graph.namespace_manager.normalizeUri(str(value)))
        problems.append(Problem(*_at(location, entry), f"SHACL: {text}", "shacl"))
    return sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.message))


def _origin(origins: dict[URIRef, tuple[Location | None, str]],
            node: object) -> tuple[Location | None, str] | None:
    """Where a focus node was written; intervals and instants report their owner."""
    text = str(node)
    while text:
        found = origins.get(URIRef(text))
        if found:
            return found
        if "/" not in text:
            return None
        text = text.rsplit("/", 1)[0]
    return None


def validate(paths: Iterable[Path], schema: Schema | None = None, root: Path | None = None,
             cache: DataCache | None = None, progress: Callable[[str, int], None] | None = None) -> Report:
    """Read and check data files; every problem comes with file, line and entry.

    Parameters
    ----------
    paths : iterable of Path
        Data files or folders.
    schema : Schema, optional
    root : Path, optional
        Files are reported relative to it.
    cache : DataCache, optional
        Files read before are taken from it (validation itself always runs).
    progress : callable, optional
        Called with each file's name and size in bytes once it is read.

    Returns
    -------
    Report
    """
    schema = schema or load_schema()
    data, problems = read_dataset(paths, schema, root, cache, progress)
    return _check(data, problems, schema)


def _check(data: Dataset, problems: list[Problem], schema: Schema) -> Report:
    """Every check after reading: the Python checks, then SHACL where they did not already speak."""
    problems = problems + check_dataset(data, schema)
    flagged = {(p.file, p.line, p.entry) for p in problems if p.code in _MASKS_SHACL}
    problems.extend(p for p in shacl_problems(data, schema) if (p.file, p.line, p.entry) not in flagged)
    return Report(data, problems)


def load_valid_dataset(paths: Iterable[Path], schema: Schema | None = None, root: Path | None = None,
                       cache: DataCache | None = None,
                       progress: Callable[[str, int], None] | None = None) -> Dataset:
    """Read and validate; return the dataset only if it has no problem.

    With a cache, data whose exact content was found valid before (by this code and
    ontology) is not validated again: SHACL over a large dataset takes minutes. ``progress``
    is called with each file's name and size once it is read.

    Raises
    ------
    DataValidationError
        With every problem found; nothing is returned to load.
    """
    schema = schema or load_schema()
    data, problems = read_dataset(paths, schema, root, cache, progress)
    if not problems and cache is not None and cache.is_valid(data.version):
        return data
    report = _check(data, problems, schema)
    if not report.ok:
        raise DataValidationError(report.problems)
    if cache is not None:
        cache.mark_valid(data.version)
    return report.data
