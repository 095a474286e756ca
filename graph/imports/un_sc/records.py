"""The UN consolidated list's XML, read with a hardened parser and checked record by record.

Hardened: lxml with ``resolve_entities=False``, ``no_network=True``, ``load_dtd=False``,
``huge_tree=False``, and any ``DOCTYPE`` refused outright (the UN's file has none; a DOCTYPE
is how an XXE or a billion-laughs file declares its entities): :class:`HostileXmlError`
names the file and what was refused, and nothing is read.

Structure (the part of ``sc-sanctions.xsd`` the import relies on): a record needs a
``DATAID``, a ``REFERENCE_NUMBER`` such as ``QDi.232``, a ``UN_LIST_TYPE``, a ``LISTED_ON``
date and a ``FIRST_NAME``; a date of birth needs a known ``TYPE_OF_DATE`` and the fields it
implies; no element outside the schema. A record failing it is set aside with its problems
(:attr:`UnList.invalid`), never aborting the import.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from jkg.graph.exceptions import JkgError
from jkg.graph.imports.un_sc.names import UnName, record_names

__all__ = ["HostileXmlError", "InvalidRecord", "UnBirth", "UnList", "UnRecord", "read_un_list"]

REFERENCE = re.compile(r"[A-Z]{2}[ie]\.\d{3}")
_CITED = re.compile(r"\b([A-Z]{2}[ie]\.\d{3})\b")

_COMMON = {"DATAID", "VERSIONNUM", "FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME", "UN_LIST_TYPE",
           "REFERENCE_NUMBER", "LISTED_ON", "NAME_ORIGINAL_SCRIPT", "COMMENTS1", "COMMENTS2", "COMMENTS3",
           "LIST_TYPE", "LAST_DAY_UPDATED", "SORT_KEY", "SORT_KEY_LAST_MOD", "DELISTED_ON", "SUBMITTED_BY",
           "SUBMITTED_ON"}
_ALLOWED = {
    "INDIVIDUAL": _COMMON | {"TITLE", "DESIGNATION", "NATIONALITY", "GENDER", "INDIVIDUAL_ALIAS", "INDIVIDUAL_ADDRESS",
                             "INDIVIDUAL_DATE_OF_BIRTH", "INDIVIDUAL_PLACE_OF_BIRTH", "INDIVIDUAL_DOCUMENT"},
    "ENTITY": _COMMON | {"ENTITY_ALIAS", "ENTITY_ADDRESS"},
}
_DATE_TYPES = ("EXACT", "APPROXIMATELY", "BETWEEN")


class HostileXmlError(JkgError):
    """A file the import refuses to read at all: not XML, or declaring entities or a DTD."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: refused, nothing was read or written: {reason}")


@dataclass(frozen=True)
class UnBirth:
    """One ``INDIVIDUAL_DATE_OF_BIRTH``: a day, a year, or a span of years."""

    type: str
    date: str | None = None
    year: int | None = None
    from_year: int | None = None
    to_year: int | None = None

    def years(self) -> tuple[int, int] | None:
        """The earliest and latest year of birth it allows."""
        if self.date:
            return int(self.date[:4]), int(self.date[:4])
        if self.year is not None:
            return (self.year - 1, self.year + 1) if self.type == "APPROXIMATELY" else (self.year, self.year)
        if self.from_year is not None and self.to_year is not None:
            return self.from_year, self.to_year
        return None

    def text(self) -> str:
        if self.date or self.year is not None:
            return f"{self.date or self.year}{'~' if self.type == 'APPROXIMATELY' else ''}"
        return f"{self.from_year}-{self.to_year}"


@dataclass(frozen=True)
class UnRecord:
    """One ``INDIVIDUAL`` or ``ENTITY`` of the list."""

    dataid: str
    ref: str
    schema: str  # "Person" or "Organization"
    list_type: str
    listed_on: str
    names: tuple[UnName, ...]
    comments: str = ""
    last_updated: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    births: tuple[UnBirth, ...] = ()
    birth_places: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    #: alias elements with no name at all (placeholders), counted
    empty_aliases: int = 0

    @property
    def cited(self) -> tuple[str, ...]:
        """The references the narrative cites, such as ``QDe.014``, in order, without its own."""
        return tuple(dict.fromkeys(r for r in _CITED.findall(self.comments) if r != self.ref))

    @property
    def primary(self) -> str:
        return self.names[0].text if self.names else self.ref


@dataclass(frozen=True)
class InvalidRecord:
    """A record failing the structure check: set aside, reported."""

    tag: str
    dataid: str
    ref: str
    problems: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.tag} {self.ref or '?'} (DATAID {self.dataid or '?'}): {'; '.join(self.problems)}"


@dataclass(frozen=True)
class UnList:
    """The records read, those set aside, and the list's generation date."""

    records: tuple[UnRecord, ...]
    invalid: tuple[InvalidRecord, ...]
    generated: str | None


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           dtd_validation=False, remove_comments=True, remove_pis=True)


def read_un_list(path: Path) -> UnList:
    """Parse the list at ``path`` (hardened; see the module docstring).

    Raises
    ------
    HostileXmlError
        If the file cannot be read, is not well-formed XML, declares a DOCTYPE, or is not a
        ``CONSOLIDATED_LIST``.
    """
    try:
        content = path.read_bytes()
    except OSError as error:
        raise HostileXmlError(path, f"cannot read it: {error.strerror or error}") from error
    if re.search(rb"<!DOCTYPE|<!ENTITY", content[:65536], re.IGNORECASE):
        raise HostileXmlError(path, "it declares a DOCTYPE or entities (XXE or entity expansion); the UN list has none")
    try:
        root = etree.fromstring(content, _parser())
    except etree.XMLSyntaxError as error:
        raise HostileXmlError(path, f"not well-formed XML: {error}") from error
    if root.getroottree().docinfo.internalDTD is not None:
        raise HostileXmlError(path, "it declares a DOCTYPE; the UN list has none")
    if root.tag != "CONSOLIDATED_LIST":
        raise HostileXmlError(path, f"the root is <{root.tag}>, not <CONSOLIDATED_LIST>")
    records: list[UnRecord] = []
    invalid: list[InvalidRecord] = []
    for element in root.iter("INDIVIDUAL", "ENTITY"):
        record = _record(element)
        (records if isinstance(record, UnRecord) else invalid).append(record)  # type: ignore[arg-type]
    return UnList(tuple(records), tuple(invalid), root.get("dateGenerated"))


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return " ".join("".join(str(t) for t in element.itertext()).split())


def _values(element: etree._Element, tag: str) -> tuple[str, ...]:
    """The ``VALUE``s under each ``tag`` child (or its own text), without empties."""
    found: list[str] = []
    for child in element.findall(tag):
        values = child.findall("VALUE")
        found.extend(_text(v) for v in values) if values else found.append(_text(child))
    return tuple(v for v in found if v)


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text[:10])
    except ValueError:
        return False
    return len(text) == 10 or text[10:11] == "T"


def _year(text: str, what: str, problems: list[str]) -> int | None:
    if not text:
        return None
    if not re.fullmatch(r"\d{4}", text):
        problems.append(f"{what} {text!r} is not a year")
        return None
    return int(text)


def _birth(element: etree._Element, problems: list[str]) -> UnBirth | None:
    kind = _text(element.find("TYPE_OF_DATE"))
    date, year = _text(element.find("DATE")), _text(element.find("YEAR"))
    low, high = _text(element.find("FROM_YEAR")), _text(element.find("TO_YEAR"))
    if not (kind or date or year or low or high):
        return None
    if kind not in _DATE_TYPES:
        problems.append(f"TYPE_OF_DATE {kind!r} is not one of {', '.join(_DATE_TYPES)}")
        return None
    if date and not _is_date(date):
        problems.append(f"date of birth {date!r} is not a date")
        return None
    birth = UnBirth(kind, date[:10] or None, _year(year, "YEAR", problems), _year(low, "FROM_YEAR", problems),
                    _year(high, "TO_YEAR", problems))
    if kind == "BETWEEN" and (birth.from_year is None or birth.to_year is None or birth.from_year > birth.to_year):
        problems.append("a BETWEEN date of birth needs FROM_YEAR <= TO_YEAR")
    elif kind != "BETWEEN" and not (birth.date or birth.year is not None):
        problems.append(f"an {kind} date of birth needs a DATE or a YEAR")
    return None if problems else birth


def _place(element: etree._Element) -> str:
    parts = [_text(element.find(tag)) for tag in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")]
    return ", ".join(p for p in parts if p)


def _record(element: etree._Element) -> UnRecord | InvalidRecord:
    tag = str(element.tag)
    problems: list[str] = []
    unknown = sorted({str(child.tag) for child in element} - _ALLOWED[tag])
    if unknown:
        problems.append(f"element(s) outside the schema: {', '.join(unknown)}")
    dataid, ref = _text(element.find("DATAID")), _text(element.find("REFERENCE_NUMBER"))
    list_type, listed_on = _text(element.find("UN_LIST_TYPE")), _text(element.find("LISTED_ON"))
    if not dataid:
        problems.append("no DATAID")
    if not REFERENCE.fullmatch(ref):
        problems.append(f"REFERENCE_NUMBER {ref!r} is not a reference such as QDi.232")
    if not list_type:
        problems.append("no UN_LIST_TYPE")
    if not _is_date(listed_on):
        problems.append(f"LISTED_ON {listed_on!r} is not a date")
    parts = [_text(element.find(t)) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
    if not parts[0]:
        problems.append("no FIRST_NAME")
    alias_tag = "INDIVIDUAL_ALIAS" if tag == "INDIVIDUAL" else "ENTITY_ALIAS"
    aliases = [(_text(a.find("QUALITY")), _text(a.find("ALIAS_NAME"))) for a in element.findall(alias_tag)]
    births = [b for b in (_birth(e, problems) for e in element.findall("INDIVIDUAL_DATE_OF_BIRTH")) if b]
    if problems:
        return InvalidRecord(tag, dataid, ref, tuple(problems))
    names = record_names(" ".join(p for p in parts if p), _text(element.find("NAME_ORIGINAL_SCRIPT")), aliases)
    addresses = "INDIVIDUAL_ADDRESS" if tag == "INDIVIDUAL" else "ENTITY_ADDRESS"
    return UnRecord(
        dataid=dataid, ref=ref, schema="Person" if tag == "INDIVIDUAL" else "Organization", list_type=list_type,
        listed_on=listed_on[:10], names=names, comments=_text(element.find("COMMENTS1")),
        last_updated=_values(element, "LAST_DAY_UPDATED"), nationalities=_values(element, "NATIONALITY"),
        births=tuple(births),
        birth_places=tuple(p for p in map(_place, element.findall("INDIVIDUAL_PLACE_OF_BIRTH")) if p),
        addresses=tuple(p for p in map(_place, element.findall(addresses)) if p),
        documents=tuple(d for d in (_text(e) for e in element.findall("INDIVIDUAL_DOCUMENT")) if d),
        empty_aliases=sum(1 for _, name in aliases if not name),
    )
