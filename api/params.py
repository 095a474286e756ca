"""Query and path parameters shared by the routers: ontology enums, dates, ids.

The enums are built from the ontology at import time (:func:`load_schema`), so the
OpenAPI document lists exactly the types, relation types and posts the ontology
defines; nothing here restates them. For the type checker they are plain strings.

The dependencies are coroutines (they only check strings): FastAPI would run plain
functions in the threadpool, one thread round trip each per request.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import Depends, Path, Query

from jkg.graph.engine.dates import DATE_FORMS, DATE_PATTERN, parse_parameter, parse_period
from jkg.ontology.schema import load_schema

__all__ = [
    "DATE_PATTERN",
    "ID_BOUNDS",
    "At",
    "Direction",
    "EntityId",
    "EntityType",
    "OrgId",
    "Period",
    "PeriodDep",
    "PersonId",
    "Post",
    "RelationType",
    "RequiredAt",
    "SourceId",
    "check_date",
    "values",
]

_schema = load_schema()


def _enum(name: str, members: list[str]) -> type[StrEnum]:
    return StrEnum(name, {m: m for m in members})  # type: ignore[return-value]


if TYPE_CHECKING:
    EntityType = str
    RelationType = str
    Post = str
else:
    #: Entity classes of the ontology; a class includes its subclasses (``Organization``).
    EntityType = _enum("EntityType", list(_schema.classes))
    #: Relation types of the ontology (``leaderOf``, ``successorOf``...).
    RelationType = _enum("RelationType", list(_schema.relation_types))
    #: Posts of the ontology (``emir``, ``deputyEmir``...).
    Post = _enum("Post", list(_schema.vocabulary("Posts")))

Direction = Literal["both", "out", "in"]


def values(members: list[Any] | None) -> list[str] | None:
    """Enum members as the plain strings the stores take (None stays None: no filter)."""
    return None if members is None else [str(m) for m in members]


# -- dates --------------------------------------------------------------------------

# The pattern, the parsing and the checks are the date API's (jkg.graph.engine.dates): none is restated here.
_DATE_DOC = f"EDTF partial date: {DATE_FORMS}"
_DATE_SCHEMA = {"pattern": DATE_PATTERN}


def check_date(parameter: str, value: str | None) -> str | None:
    """The value, if it is a partial date (see :func:`~jkg.graph.engine.dates.parse_parameter`).

    Raises
    ------
    BadParameterError
        Naming ``parameter``, if the value is malformed or names a day that does not exist.
    """
    parse_parameter(parameter, value)
    return value


async def _at(at: Annotated[str | None, Query(
    description=f"As of this date: only what possibly held then, flagged certain or possible. {_DATE_DOC}",
    json_schema_extra=_DATE_SCHEMA,
    openapi_examples={"year": {"value": "2013"}, "month": {"value": "2017-03"}, "day": {"value": "2019-02-21"}},
)] = None) -> str | None:
    return check_date("at", at)


async def _required_at(at: Annotated[str, Query(
    description=f"As of this date. {_DATE_DOC}",
    json_schema_extra=_DATE_SCHEMA,
    openapi_examples={"year": {"value": "2018"}, "day": {"value": "2013-01-11"}},
)]) -> str:
    check_date("at", at)
    return at


At = Annotated[str | None, Depends(_at)]
RequiredAt = Annotated[str, Depends(_required_at)]


@dataclass(frozen=True)
class Period:
    """A span of time asked about; either end may be open."""

    start: str | None
    end: str | None


async def _period(
    start: Annotated[str | None, Query(
        alias="from", description=f"From this date (inclusive). {_DATE_DOC}", json_schema_extra=_DATE_SCHEMA,
        openapi_examples={"year": {"value": "2007"}},
    )] = None,
    end: Annotated[str | None, Query(
        alias="to", description=f"Up to this date (inclusive). {_DATE_DOC}", json_schema_extra=_DATE_SCHEMA,
        openapi_examples={"year": {"value": "2020"}},
    )] = None,
) -> Period:
    parse_period(start, end, ("from", "to"))
    return Period(start, end)


PeriodDep = Annotated[Period, Depends(_period)]


# -- ids ----------------------------------------------------------------------------

#: Bounds of any id given as a parameter.
ID_BOUNDS: dict[str, Any] = {"min_length": 1, "max_length": 200}

EntityId = Annotated[str, Path(
    description="Entity id, such as aqim", openapi_examples={
        "aqim": {"summary": "al-Qaeda in the Islamic Maghreb", "value": "aqim"},
        "droukdel": {"summary": "a person", "value": "abdelmalek-droukdel"},
        "tebessa": {"summary": "a place", "value": "tebessa"},
    }, **ID_BOUNDS,
)]
OrgId = Annotated[str, Path(
    description="Organization id, such as aqim", openapi_examples={
        "aqim": {"summary": "al-Qaeda in the Islamic Maghreb", "value": "aqim"},
        "jnim": {"summary": "JNIM", "value": "jnim"},
        "gspc": {"summary": "the GSPC", "value": "gspc"},
    }, **ID_BOUNDS,
)]
PersonId = Annotated[str, Path(
    description="Person id, such as abdelmalek-droukdel", openapi_examples={
        "droukdel": {"summary": "Abdelmalek Droukdel", "value": "abdelmalek-droukdel"},
        "okacha": {"summary": "Djamel Okacha", "value": "djamel-okacha"},
    }, **ID_BOUNDS,
)]
SourceId = Annotated[str, Path(
    description="Source id, such as jamestown-tm-17-12",
    openapi_examples={"article": {"summary": "the article", "value": "jamestown-tm-17-12"}}, **ID_BOUNDS,
)]
