"""The records the graph is built from: sources, entities with their names, relations.

A relation is a first-class fact (who, what, which post, from when to when, which
sources, how sure); graph edges and Neo4j relationships are views of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from jkg.graph.engine.dates import Interval, PartialDate

__all__ = ["Amendment", "Dataset", "Entity", "Location", "Name", "Relation", "Source"]


@dataclass(frozen=True)
class Location:
    """Where a record was written: file and line."""

    file: str
    line: int | None = None


@dataclass(frozen=True)
class Source:
    """A public source in the registry."""

    id: str
    publisher: str
    date: PartialDate
    title: str | None = None
    publication: str | None = None
    author: str | None = None
    url: str | None = None
    reliability: str | None = None
    cited_via: str | None = None
    note: str | None = None
    location: Location | None = field(default=None, compare=False)


#: The fields of a source as data writes them: the one list the reader, the API view, Neo4j and the
#: exports follow (every field but ``id``, ``publisher`` and ``date`` is optional text).
SOURCE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Source) if f.name != "location")
#: The optional text fields of a source.
SOURCE_TEXT_FIELDS: tuple[str, ...] = tuple(f for f in SOURCE_FIELDS if f not in ("id", "publisher", "date"))


@dataclass(frozen=True)
class Name:
    """A name used for an entity, as a sourced statement."""

    text: str
    kind: str
    sources: tuple[str, ...] = ()
    lang: str | None = None
    script: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    shared_reason: str | None = None
    #: where the name was written when not with its entity (an :class:`Amendment`); None: with it
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Entity:
    """An organization, person, community, place or event."""

    id: str
    type: str
    names: tuple[Name, ...]
    sources: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
    description: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    note: str | None = None
    location: Location | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        """The preferred name (the first name when data has none marked preferred)."""
        for n in self.names:
            if n.kind == "preferred":
                return n.text
        return self.names[0].text if self.names else self.id

    @property
    def lifetime(self) -> Interval:
        return Interval(self.start, self.end)


@dataclass(frozen=True)
class Relation:
    """A time-bounded, sourced fact: ``subject`` stands in ``type`` to ``object``."""

    id: str
    type: str
    subject: str
    object: str
    status: str
    sources: tuple[str, ...]
    start: PartialDate | None = None
    end: PartialDate | None = None
    start_note: str | None = None
    #: qualifier name -> value (``post``, ``nature``, ``organization``, ``event``)
    qualifiers: tuple[tuple[str, str], ...] = ()
    reliability: str | None = None
    credibility: int | None = None
    note: str | None = None
    location: Location | None = field(default=None, compare=False)

    @property
    def interval(self) -> Interval:
        return Interval(self.start, self.end)

    def qualifier(self, name: str) -> str | None:
        return dict(self.qualifiers).get(name)


@dataclass(frozen=True)
class Amendment:
    """Names and identifiers that a file adds to an entity defined elsewhere.

    Merged into the entity when the files are read (:mod:`jkg.graph.dataset.amend`), so that
    everything after reading sees one entity; ``sources`` are the identifiers' sources, added to
    the entity's.
    """

    entity: str
    names: tuple[Name, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()
    location: Location | None = field(default=None, compare=False)


@dataclass
class Dataset:
    """Everything read from seed data, in file order."""

    sources: list[Source] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    #: a hash of the files' names and contents (see :func:`jkg.graph.dataset.reader.data_version`)
    version: str = ""
    #: the amendments read, already merged into ``entities`` (kept to check them where they were written)
    amendments: list[Amendment] = field(default_factory=list)
