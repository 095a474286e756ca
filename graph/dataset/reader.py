"""Read seed data YAML files into records, keeping file and line of every entry.

The format is described in ``seed_data/README.md``. Reading checks structure only
(known keys, required fields, well-formed dates); what the ontology allows is
checked by :mod:`jkg.graph.dataset.validate`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import yaml

from jkg.graph.dataset.model import (
    SOURCE_FIELDS,
    SOURCE_TEXT_FIELDS,
    Amendment,
    Entity,
    Location,
    Name,
    Relation,
    Source,
)
from jkg.graph.engine.dates import PartialDate
from jkg.graph.exceptions import BadDateError, Problem
from jkg.ontology.schema import Schema

if TYPE_CHECKING:
    pass

__all__ = ["FileRead", "Terms", "read_file", "relation_id"]

_LINE = "__line__"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_GRADING = re.compile(r"^(?P<reliability>[A-F])(?P<credibility>[1-6])$")

_SOURCE_KEYS = set(SOURCE_FIELDS)
_ENTITY_KEYS = {
    "id", "type", "names", "sources", "identifiers", "description", "start", "end", "note",
}
_NAME_KEYS = {"text", "kind", "sources", "lang", "script", "start", "end", "shared_reason"}
_AMENDMENT_KEYS = {"entity", "names", "identifiers", "sources"}
_RELATION_KEYS = {
    "id", "type", "subject", "object", "status", "sources", "start", "end", "start_note",
    "grading", "note",
}


#: libyaml's parser when PyYAML was built with it (several times faster), else the pure-Python one.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader that records the line of every mapping under ``__line__``.

    Dates stay text: PartialDate reads them, and reports an impossible day clearly.
    """


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping[_LINE] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def relation_id(rtype: str, subject: str, obj: str, qualifiers: Iterable[tuple[str, str]],
                start: PartialDate | None) -> str:
    """The id a relation gets when the data gives none: readable and stable.

    >>> relation_id("leaderOf", "abdelmalek-droukdel", "aqim", [("post", "emir")], None)
    'leaderOf--abdelmalek-droukdel--aqim--emir'
    """
    parts = [rtype, subject, obj, *(value for _, value in sorted(qualifiers))]
    if start is not None:
        # any qualifier reads "approx", as when "?" was read as "~": ids stay as they were (and URL-safe)
        parts.append(start.plain + ("approx" if start.qualifier else ""))
    return "--".join(parts)


@dataclass(frozen=True)
class Terms:
    """What reading needs of the ontology: the qualifier and identifier names."""

    qualifiers: tuple[str, ...]
    identifiers: tuple[str, ...]

    @classmethod
    def of(cls, schema: Schema) -> Terms:
        return cls(tuple(sorted(schema.qualifiers)), tuple(schema.identifiers))


@dataclass
class FileRead:
    """The records read from one data file, and its structural problems."""

    file: str
    sources: list[Source] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Reader:
    def __init__(self, terms: Terms, file: str) -> None:
        self.terms = terms
        self.data = FileRead(file)
        self.problems = self.data.problems
        #: dates already read: a PartialDate is immutable, so one object serves every equal text
        self._dates: dict[object, PartialDate] = {}

    def problem(self, file: str, entry: dict[str, Any] | None, ident: str | None, msg: str,
                code: str = "structure") -> None:
        line = entry.get(_LINE) if isinstance(entry, dict) else None
        self.problems.append(Problem(file, line, ident, msg, code))

    # -- fields ----------------------------------------------------------------

    def text(self, file: str, entry: dict[str, Any], key: str, ident: str | None,
             required: bool = False) -> str | None:
        value = entry.get(key)
        if value is None:
            if required:
                self.problem(file, entry, ident, f"missing required field '{key}'")
            return None
        if isinstance(value, (dict, list)):
            self.problem(file, entry, ident, f"field '{key}' must be text, not {type(value).__name__}")
            return None
        return str(value).strip()

    def date(self, file: str, entry: dict[str, Any], key: str, ident: str | None) -> PartialDate | None:
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            known = self._dates.get(value)
            if known is not None:
                return known
        try:
            parsed = PartialDate.parse(value)
        except BadDateError as error:
            self.problem(file, entry, ident, f"field '{key}': {error}", "bad-date")
            return None
        if isinstance(value, str):
            self._dates[value] = parsed
        return parsed

    def id_list(self, file: str, entry: dict[str, Any], key: str, ident: str | None) -> tuple[str, ...]:
        value = entry.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(file, entry, ident, f"field '{key}' must be a list of source ids")
            return ()
        return tuple(value)

    def unknown_keys(self, file: str, entry: dict[str, Any], allowed: set[str], ident: str | None,
                     what: str) -> None:
        for key in entry:
            if key != _LINE and key not in allowed:
                self.problem(file, entry, ident, f"unknown field '{key}' in {what}"
                             f" (allowed: {', '.join(sorted(allowed))})")

    def entry_id(self, file: str, entry: dict[str, Any], what: str, required: bool = True) -> str | None:
        ident = self.text(file, entry, "id", None, required=required)
        if ident is not None and not _ID.match(ident):
            self.problem(file, entry, ident, f"{what} id {ident!r} must be a lower-case slug"
                         " (letters, digits and hyphens)")
        return ident

    # -- records ---------------------------------------------------------------

    def source(self, file: str, entry: dict[str, Any]) -> None:
        ident = self.entry_id(file, entry, "source")
        self.unknown_keys(file, entry, _SOURCE_KEYS, ident, "a source")
        publisher = self.text(file, entry, "publisher", ident, required=True)
        date = self.date(file, entry, "date", ident)
        if entry.get("date") is None:
            self.problem(file, entry, ident, "missing required field 'date'")
        if ident is None or publisher is None or date is None:
            return
        self.data.sources.append(Source(
            id=ident, publisher=publisher, date=date, location=Location(file, entry.get(_LINE)),
            **{key: self.text(file, entry, key, ident) for key in SOURCE_TEXT_FIELDS},
        ))

    def name(self, file: str, entry: dict[str, Any], ident: str | None) -> Name | None:
        if not isinstance(entry, dict):
            self.problem(file, None, ident, f"a name must be a mapping with 'text' and 'kind', not {entry!r}")
            return None
        self.unknown_keys(file, entry, _NAME_KEYS, ident, "a name")
        text = self.text(file, entry, "text", ident, required=True)
        kind = self.text(file, entry, "kind", ident, required=True)
        if text is None or kind is None:
            return None
        return Name(
            text=text, kind=kind,
            sources=self.id_list(file, entry, "sources", ident),
            lang=self.text(file, entry, "lang", ident),
            script=self.text(file, entry, "script", ident),
            start=self.date(file, entry, "start", ident),
            end=self.date(file, entry, "end", ident),
            shared_reason=self.text(file, entry, "shared_reason", ident),
        )

    def entity(self, file: str, entry: dict[str, Any]) -> None:
        ident = self.entry_id(file, entry, "entity")
        self.unknown_keys(file, entry, _ENTITY_KEYS, ident, "an entity")
        etype = self.text(file, entry, "type", ident, required=True)
        raw_names = entry.get("names")
        if not isinstance(raw_names, list) or not raw_names:
            self.problem(file, entry, ident, "an entity needs a non-empty list of 'names'")
            raw_names = []
        names = tuple(n for n in (self.name(file, e, ident) for e in raw_names) if n is not None)
        identifiers = self.identifiers(file, entry, ident)
        if ident is None or etype is None:
            return
        self.data.entities.append(Entity(
            id=ident, type=etype, names=names,
            sources=self.id_list(file, entry, "sources", ident),
            identifiers=identifiers,
            description=self.text(file, entry, "description", ident),
            start=self.date(file, entry, "start", ident),
            end=self.date(file, entry, "end", ident),
            note=self.text(file, entry, "note", ident),
            location=Location(file, entry.get(_LINE)),
        ))

    def identifiers(self, file: str, entry: dict[str, Any], ident: str | None) -> tuple[tuple[str, str], ...]:
        identifiers = entry.get("identifiers") or {}
        if not isinstance(identifiers, dict):
            self.problem(file, entry, ident, "field 'identifiers' must be a mapping")
            return ()
        pairs = []
        for key, value in identifiers.items():
            if key == _LINE:
                continue
            if key not in self.terms.identifiers:
                self.problem(file, entry, ident, f"unknown identifier scheme '{key}'"
                             f" (the ontology has: {', '.join(self.terms.identifiers)})", "unknown-term")
                continue
            pairs.append((key, str(value)))
        return tuple(sorted(pairs))

    def amendment(self, file: str, entry: dict[str, Any]) -> None:
        target = self.text(file, entry, "entity", None, required=True)
        label = f"amendment of {target}"
        self.unknown_keys(file, entry, _AMENDMENT_KEYS, label, "an amendment")
        raw_names = entry.get("names") or []
        if not isinstance(raw_names, list):
            self.problem(file, entry, label, "field 'names' must be a list of names")
            raw_names = []
        names = []
        for raw in raw_names:
            name = self.name(file, raw, label)
            if name is not None:
                names.append(replace(name, location=Location(file, raw.get(_LINE))))
        identifiers = self.identifiers(file, entry, label)
        sources = self.id_list(file, entry, "sources", label)
        if not raw_names and not identifiers:
            self.problem(file, entry, label, "an amendment adds 'names' or 'identifiers', and has neither")
        if identifiers and not sources:
            self.problem(file, entry, label, "the identifiers an amendment adds need its 'sources'")
        if target is None:
            return
        self.data.amendments.append(Amendment(
            entity=target, names=tuple(names), identifiers=identifiers, sources=sources,
            location=Location(file, entry.get(_LINE)),
        ))

    def relation(self, file: str, entry: dict[str, Any]) -> None:
        given_id = self.entry_id(file, entry, "relation", required=False)
        label = given_id or f"{entry.get('type')} {entry.get('subject')} -> {entry.get('object')}"
        qualifier_keys = set(self.terms.qualifiers)
        self.unknown_keys(file, entry, _RELATION_KEYS | qualifier_keys, label, "a relation")
        rtype = self.text(file, entry, "type", label, required=True)
        subject = self.text(file, entry, "subject", label, required=True)
        obj = self.text(file, entry, "object", label, required=True)
        status = self.text(file, entry, "status", label, required=True)
        qualifiers = tuple(sorted(
            (key, str(entry[key])) for key in qualifier_keys if entry.get(key) is not None
        ))
        reliability = credibility = None
        grading = self.text(file, entry, "grading", label)
        if grading is not None:
            match = _GRADING.match(grading)
            if match is None:
                self.problem(file, entry, label, f"grading {grading!r} is not an Admiralty grading"
                             " such as B2 (source reliability A-F, information credibility 1-6)")
            else:
                reliability, credibility = match["reliability"], int(match["credibility"])
        start = self.date(file, entry, "start", label)
        if rtype is None or subject is None or obj is None or status is None:
            return
        self.data.relations.append(Relation(
            id=given_id or relation_id(rtype, subject, obj, qualifiers, start),
            type=rtype, subject=subject, object=obj, status=status,
            sources=self.id_list(file, entry, "sources", label),
            start=start, end=self.date(file, entry, "end", label),
            start_note=self.text(file, entry, "start_note", label),
            qualifiers=qualifiers, reliability=reliability, credibility=credibility,
            note=self.text(file, entry, "note", label),
            location=Location(file, entry.get(_LINE)),
        ))

    def read(self, content: bytes) -> None:
        file = self.data.file
        try:
            document = yaml.load(content.decode("utf-8"), Loader=_LineLoader)
        except yaml.MarkedYAMLError as error:
            line = error.problem_mark.line + 1 if error.problem_mark else None
            self.problems.append(Problem(file, line, None, f"not valid YAML: {error.problem}", "yaml"))
            return
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            self.problems.append(Problem(file, None, None, f"cannot read: {error}", "yaml"))
            return
        if document is None:
            return
        if not isinstance(document, dict):
            self.problems.append(Problem(file, 1, None, "a data file is a mapping with sections"
                                         " 'sources', 'entities', 'relations' and 'amendments'"))
            return
        readers = {"sources": self.source, "entities": self.entity, "relations": self.relation,
                   "amendments": self.amendment}
        for section, entries in document.items():
            if section == _LINE:
                continue
            if section not in readers:
                self.problems.append(Problem(file, None, None, f"unknown section '{section}'"
                                             " (allowed: sources, entities, relations, amendments)"))
                continue
            if entries is None:
                continue
            if not isinstance(entries, list):
                self.problems.append(Problem(file, None, None, f"section '{section}' must be a list"))
                continue
            for entry in entries:
                if not isinstance(entry, dict):
                    self.problems.append(Problem(file, None, None,
                                                 f"an entry of '{section}' must be a mapping, not {entry!r}"))
                    continue
                readers[section](file, entry)


def read_file(file: str, content: bytes, terms: Terms) -> FileRead:
    """Read one data file's bytes; ``file`` is how problems name it."""
    reader = _Reader(terms, file)
    reader.read(content)
    return reader.data


