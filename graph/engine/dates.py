"""Partial dates and the time rule every query follows.

Dates are EDTF (ISO 8601-2) level 1: ``2007`` (year), ``2017-03`` (month),
``2019-02-21`` (day), with a trailing ``~`` (approximate), ``?`` (uncertain) or ``%``
(both). The qualifier is kept as given: ``2013?`` is read as uncertain and written back
as ``2013?``, never as ``2013~``; the two are different dates with the same days.

This module is the one date API: every query, the validator and the API's parameters
go through it to parse dates (:meth:`PartialDate.parse`, :func:`parse_parameter`,
:func:`parse_period`), to compare them (:func:`before`, :func:`after`,
:func:`overlaps`, :func:`ends_before_start`) and to order them (:func:`order_key`,
:func:`order_text`). Nothing else holds a date pattern or compares dates by text.

The rule
--------
* A partial date stands for every day it may mean: ``2007`` spans 2007-01-01 to
  2007-12-31, ``2017-03`` spans the month. An approximate, uncertain or both date
  (``~``, ``?``, ``%``) is widened by one unit of its precision on each side: ``2013~``
  and ``2013?`` span 2012-01-01 to 2014-12-31.
* A relation from ``start`` to ``end`` is *possibly* valid on a day if the day lies
  between the earliest day ``start`` may mean and the latest day ``end`` may mean,
  and *certainly* valid if it lies between the latest day of ``start`` and the
  earliest day of ``end``. A missing start (unknown) is open to the past and never
  certain; a missing end means no end is known, and the relation is taken to go on.
  Either way a relation never reaches beyond its endpoints' lifetimes: without a start
  it cannot begin before both endpoints exist, and without an end it stops when one of
  them ends (a person's death, a group's dissolution), except for relation types that
  look back to an object that may have ended (``succeeded``, ``successorOf``).
* A relation of a type the ontology marks ``jkg:instantaneous`` (a renaming, a split,
  a merger, a handover, a part in an event) happens at its start: without an end, it
  holds only during its start date, so "as of" a later date it no longer appears.
* Asked "as of D" for a partial D, a query returns every relation possibly valid at
  some day of D, flagged ``certain`` when it is certainly valid on every day of D.
  "Between D1 and D2" is "as of" the span from D1's first day to D2's last day.
* Dates are ordered by their days: first by the earliest day they may mean, then by the
  latest, then by their text: ``2013~`` (from 2012) < ``2013-01-01`` < ``2013`` <
  ``2013-08`` < ``2013-08-22``, and ``2013?`` < ``2013~`` (same days). An unknown date
  comes first (a start) or last (an end). Answers listing relations sort them by start
  day, then type, then id.

Why not the ``edtf`` package
----------------------------
``edtf`` 5.0.2 (PyPI, MIT licence, Library of Congress EDTF with strict and fuzzy bounds)
reads every level-1 form we accept and refuses the same bad ones, and its strict bounds
are ours; but its fuzzy bounds are not the time rule (``2013-08?`` spans 2012-07-01 to
2014-09-30, a day ``~`` more than a year, ``%`` twice as wide), and it is slow: a
pyparsing grammar, about 4 ms a date. On 900k strings shaped like the benchmark's (27.6k
distinct), this parser takes 3.1 s (3.4 us a date; 0.2 s when cached by text, as the
reader does); ``edtf`` would take about an hour (20k strings took 80 s), and still about
110 s cached by text, against a 20 s warm build target for 100k entities (~1.8M dates).
So jkg keeps its own parser, tested on the level-1 forms in ``tests/graph/test_dates.py``.

Examples
--------
>>> d = PartialDate.parse("2007")
>>> d.precision, d.earliest.isoformat(), d.latest.isoformat()
('year', '2007-01-01', '2007-12-31')
>>> str(PartialDate.parse("2013~")), PartialDate.parse("2013~").earliest.isoformat()
('2013~', '2012-01-01')
>>> Interval(PartialDate.parse("2004"), PartialDate.parse("2020-06-03")).at(Span.of("2013"))
'certain'
>>> Interval(PartialDate.parse("2004"), PartialDate.parse("2020-06-03")).at(Span.of("2020"))
'possible'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

from jkg.graph.exceptions import BadDateError, BadParameterError

__all__ = [
    "DATE_FORMS", "DATE_PATTERN", "MAX_DAY", "MIN_DAY", "QUALIFIERS", "Interval", "PartialDate", "Precision",
    "Qualifier", "Span", "Validity", "after", "before", "certain_gap", "ends_before_start", "order_key", "order_text",
    "overlaps", "parse_parameter", "parse_period", "validity",
]

Precision = Literal["year", "month", "day"]
Validity = Literal["certain", "possible"]
#: ``""`` (exact), ``"~"`` (approximate), ``"?"`` (uncertain) or ``"%"`` (both).
Qualifier = Literal["", "~", "?", "%"]
QUALIFIERS: tuple[Qualifier, ...] = ("", "~", "?", "%")

#: Ordinals standing for an open past and an open future.
MIN_DAY = dt.date(1, 1, 1).toordinal()
MAX_DAY = dt.date(9999, 12, 31).toordinal()

#: What a partial date looks like (EDTF level 1), the one pattern: :meth:`PartialDate.parse` matches it, and
#: the API documents it (a JSON Schema pattern); impossible days (``2019-02-30``) match but are refused.
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?$"
_DATE = re.compile(DATE_PATTERN)
#: The words every refusal of a malformed date ends with.
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~ (approximate), ? (uncertain) or % (both)"


@lru_cache(maxsize=2**16)  # bounded: dates asked in queries come from users
def _day_bounds(year: int, month: int | None, day: int | None, widened: bool) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date may mean (see :class:`PartialDate`)."""
    widen = 1 if widened else 0
    if day is not None and month is not None:
        exact = dt.date(year, month, day)
        delta = dt.timedelta(days=widen)
        return exact - delta, exact + delta
    if month is not None:
        y0, m0 = _add_months(year, month, -widen)
        y1, m1 = _add_months(year, month, widen)
        return dt.date(y0, m0, 1), dt.date(y1, m1, calendar.monthrange(y1, m1)[1])
    return dt.date(year - widen, 1, 1), dt.date(year + widen, 12, 31)


@lru_cache(maxsize=2**16)
def _day_ordinals(year: int, month: int | None, day: int | None, widened: bool) -> tuple[int, int]:
    first, last = _day_bounds(year, month, day, widened)
    return first.toordinal(), last.toordinal()


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


@dataclass(frozen=True, eq=True)
class PartialDate:
    """A date known to a year, a month or a day, possibly approximate (``~``), uncertain (``?``) or both (``%``).

    Two dates are equal when written the same: ``2013?`` and ``2013~`` mean the same days
    (:meth:`same_days`) but are not equal. Dates order by :attr:`sort_key` (days, then text).
    """

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: Qualifier = ""

    def __post_init__(self) -> None:
        if self.qualifier not in QUALIFIERS:
            raise BadDateError(f"{self.qualifier!r} is not a qualifier: ~ (approximate), ? (uncertain) or % (both)")
        # qualified dates widen by a unit, so they must keep a unit of room at both ends
        low, high = (2, 9998) if self.qualifier else (1, 9999)
        if not low <= self.year <= high:
            qualifier = " when approximate or uncertain" if self.qualifier else ""
            raise BadDateError(f"year {self.year} is out of range ({low}-{high}{qualifier})")
        if self.month is not None and not 1 <= self.month <= 12:
            raise BadDateError(f"month {self.month} does not exist in {self}")
        if self.day is not None:
            if self.month is None:
                raise BadDateError("a day needs a month")
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise BadDateError(f"{self.year:04d}-{self.month:02d} has no day {self.day}")

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read an EDTF date: ``2007``, ``2017-03``, ``2019-02-21``, optionally ``~``, ``?`` or ``%``.

        Parameters
        ----------
        value : str, int or datetime.date
            What a YAML file or a query string holds.

        Raises
        ------
        BadDateError
            If the value is not such a date, or names a day that does not exist.

        Examples
        --------
        >>> PartialDate.parse("2019-02-21").precision
        'day'
        >>> str(PartialDate.parse("2013?")), PartialDate.parse("2013?").uncertain
        ('2013?', True)
        >>> PartialDate.parse("2019-02-30")
        Traceback (most recent call last):
        ...
        jkg.graph.exceptions.BadDateError: 2019-02 has no day 30
        """
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        text = str(value).strip()
        if isinstance(value, bool) or _DATE.fullmatch(text) is None:
            raise BadDateError(f"{text!r} is not a date: write {DATE_FORMS}")
        qualifier = text[-1]
        if qualifier in "~?%":
            text = text[:-1]
        else:
            qualifier = ""
        size = len(text)  # 4, 7 or 10: the pattern fixed where each part is
        return cls(
            int(text[:4]),
            int(text[5:7]) if size > 4 else None,
            int(text[8:10]) if size > 7 else None,
            qualifier,  # type: ignore[arg-type]  # one of QUALIFIERS: the pattern allows no other
        )

    @property
    def approximate(self) -> bool:
        """Whether the date is approximate: ``~`` or ``%``."""
        return self.qualifier in ("~", "%")

    @property
    def uncertain(self) -> bool:
        """Whether the date is uncertain: ``?`` or ``%``."""
        return self.qualifier in ("?", "%")

    @property
    def precision(self) -> Precision:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @cached_property
    def _bounds(self) -> tuple[dt.date, dt.date]:
        # once per object (the reader shares one object per distinct date text of a file) and, through
        # _day_bounds, about once per distinct date: the time rule asks every relation's dates
        return _day_bounds(self.year, self.month, self.day, self.qualifier != "")

    @property
    def earliest(self) -> dt.date:
        """First day this date may mean."""
        return self._bounds[0]

    @property
    def latest(self) -> dt.date:
        """Last day this date may mean."""
        return self._bounds[1]

    @cached_property
    def days(self) -> tuple[int, int]:
        """The first and last day this date may mean, as ordinals: its day bounds (an approximate or uncertain
        date is widened by one unit of its precision on each side)."""
        return _day_ordinals(self.year, self.month, self.day, self.qualifier != "")

    @cached_property
    def text(self) -> str:
        """The date as written, such as ``2013~`` or ``2013?`` (one string per object: every view of the date
        shares it)."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text + self.qualifier

    @property
    def plain(self) -> str:
        """The date without its qualifier (``2013`` for ``2013?``): an ISO 8601 year, month or day."""
        return self.text[:-1] if self.qualifier else self.text

    @cached_property
    def sort_key(self) -> tuple[int, int, str]:
        """What dates order by: the earliest day, then the latest day, then the text."""
        first, last = self.days
        return first, last, self.text

    @cached_property
    def order_text(self) -> str:
        """The day bounds as a string that sorts as they do (see :func:`order_text`)."""
        return _ORDER_TEXT.format(*self.days)

    def same_days(self, other: PartialDate) -> bool:
        """Whether both dates may mean the same days (``2013?`` and ``2013~`` do, and are not equal)."""
        return self.days == other.days

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key < other.sort_key

    def __le__(self, other: PartialDate) -> bool:
        return self.sort_key <= other.sort_key

    def __gt__(self, other: PartialDate) -> bool:
        return self.sort_key > other.sort_key

    def __ge__(self, other: PartialDate) -> bool:
        return self.sort_key >= other.sort_key

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Span:
    """A span of days a query asks about, as ordinals (inclusive)."""

    first: int
    last: int

    @classmethod
    def of(cls, at: object) -> Span:
        """The days a partial date may mean, or every day when ``at`` is None."""
        if at is None:
            return cls(MIN_DAY, MAX_DAY)
        return cls(*PartialDate.parse(at).days)

    @classmethod
    def between(cls, start: object, end: object) -> Span:
        """From the first day of ``start`` to the last day of ``end`` (either may be None).

        Raises
        ------
        BadDateError
            If ``end`` is certainly before ``start``.
        """
        first = None if start is None else PartialDate.parse(start)
        last = None if end is None else PartialDate.parse(end)
        if ends_before_start(first, last):
            raise BadDateError(f"the span ends ({end}) before it starts ({start})")
        return cls(first.days[0] if first else MIN_DAY, last.days[1] if last else MAX_DAY)

    @property
    def everything(self) -> bool:
        return self.first == MIN_DAY and self.last == MAX_DAY


@dataclass(frozen=True)
class Interval:
    """When a relation held: a start and an end, either possibly unknown."""

    start: PartialDate | None = None
    end: PartialDate | None = None
    #: Without a start, the relation still cannot precede this (its endpoints' beginning).
    not_before: PartialDate | None = None
    #: Without an end, the relation still cannot outlast this (its endpoints' end).
    not_after: PartialDate | None = None

    def bounds(self) -> tuple[int, int, int, int]:
        """(possible first, certain first, certain last, possible last) as day ordinals.

        An unknown start is open to the past (bounded by ``not_before``) and never certain; an unknown
        end goes on (bounded by ``not_after``).
        """
        return self.bounds_of(self.start, self.end, self.not_before, self.not_after)

    @staticmethod
    def bounds_of(start: PartialDate | None, end: PartialDate | None, not_before: PartialDate | None = None,
                  not_after: PartialDate | None = None) -> tuple[int, int, int, int]:
        """:meth:`bounds` of the interval with these fields, without building it (the graph asks it of every
        relation)."""
        if start is not None:
            possible_first, certain_first = start.days
        else:
            possible_first, certain_first = (not_before.days[0] if not_before else MIN_DAY), MAX_DAY
        if end is not None:
            certain_last, possible_last = end.days
        else:
            certain_last, possible_last = not_after.days if not_after else (MAX_DAY, MAX_DAY)
        return possible_first, certain_first, certain_last, possible_last

    def at(self, span: Span) -> Validity | None:
        """Whether the interval holds during ``span``: certainly, possibly, or not (None)."""
        return validity(self.bounds(), span)

    def ends_before_start(self) -> bool:
        """Whether the end is certainly before the start (an impossible interval)."""
        return ends_before_start(self.start, self.end)


def validity(bounds: tuple[int, int, int, int], span: Span) -> Validity | None:
    """The time rule on an interval's day ordinals (see :meth:`Interval.bounds`)."""
    possible_first, certain_first, certain_last, possible_last = bounds
    if possible_first > span.last or possible_last < span.first:
        return None
    if certain_first <= span.first and certain_last >= span.last:
        return "certain"
    return "possible"


# -- comparing and ordering ------------------------------------------------------------

#: Day bounds as text that sorts as the numbers do (ordinals have at most 7 digits: MAX_DAY is 3652059).
_ORDER_TEXT = "{:07d}:{:07d}"
#: Order keys of unknown dates: before every date, or after every date.
_UNKNOWN_FIRST = (MIN_DAY - 1, MIN_DAY - 1)
_UNKNOWN_LAST = (MAX_DAY + 1, MAX_DAY + 1)


def _days(when: PartialDate | Span) -> tuple[int, int]:
    return when.days if isinstance(when, PartialDate) else (when.first, when.last)


def before(date: PartialDate | Span, other: PartialDate | Span) -> bool:
    """Whether ``date`` is certainly before ``other``: its latest day comes before the other's earliest.

    >>> uncertain = PartialDate.parse("2013?")  # 2012 to 2014
    >>> before(PartialDate.parse("2011"), uncertain), before(PartialDate.parse("2012"), Span.of("2013?"))
    (True, False)
    """
    return _days(date)[1] < _days(other)[0]


def after(date: PartialDate | Span, other: PartialDate | Span) -> bool:
    """Whether ``date`` is certainly after ``other``: its earliest day comes after the other's latest."""
    return _days(date)[0] > _days(other)[1]


def certain_gap(date: PartialDate | Span, later: PartialDate | Span) -> bool:
    """Whether at least one day certainly lies between ``date`` and ``later`` (a vacancy between two tenures).

    >>> certain_gap(PartialDate.parse("2013-08-21"), PartialDate.parse("2013-08-22"))
    False
    """
    return _days(date)[1] + 1 < _days(later)[0]


def overlaps(date: PartialDate | Span, other: PartialDate | Span) -> bool:
    """Whether the two may mean a common day (neither is certainly before the other)."""
    first, last = _days(date)
    other_first, other_last = _days(other)
    return first <= other_last and last >= other_first


def ends_before_start(start: PartialDate | None, end: PartialDate | None) -> bool:
    """Whether an end is certainly before its start: the one check of an impossible interval or period
    (a record's dates, a query's ``from``/``to``). False when either is unknown."""
    return start is not None and end is not None and before(end, start)


def order_key(date: PartialDate | None, unknown: Literal["first", "last"] = "first") -> tuple[int, int]:
    """The day bounds answers sort a date by: earliest day, then latest; an unknown date first or last.

    Add a stable key after it (a type, an id) to break ties between dates with the same days.

    >>> sorted(["2013-08-22", "2013", "2013-08", "2013~", "2013-01-01"], key=lambda t: order_key(PartialDate.parse(t)))
    ['2013~', '2013-01-01', '2013', '2013-08', '2013-08-22']
    """
    if date is None:
        return _UNKNOWN_FIRST if unknown == "first" else _UNKNOWN_LAST
    return date.days


@lru_cache(maxsize=2**16)  # bounded: views' dates come from the data, a few distinct texts per day
def _order_text_of(text: str) -> str:
    return PartialDate.parse(text).order_text


def order_text(date: PartialDate | str | None) -> str:
    """:func:`order_key` as a string (a date's text, as views hold it, or a date; unknown sorts first).

    Strings sort as the day bounds do, so a key of several strings can be compared as one (see
    :func:`jkg.graph.engine.views.sorted_by_parts`).

    >>> order_text("2013-08") < order_text("2013-08-22") and order_text(None) < order_text("0001-01-01")
    True
    """
    if date is None or date == "":
        return ""
    if isinstance(date, PartialDate):
        return date.order_text
    return _order_text_of(date)


# -- parameters ------------------------------------------------------------------------

def parse_parameter(parameter: str, value: object) -> PartialDate | None:
    """A query parameter (``at``, ``from``, ``to``...) read as a date; None stays None.

    Raises
    ------
    BadParameterError
        Naming the parameter and its value, if the value is not a date or names a day that does not exist.

    >>> parse_parameter("at", "2019-02-30")
    Traceback (most recent call last):
    ...
    jkg.graph.exceptions.BadParameterError: at='2019-02-30': 2019-02 has no day 30
    """
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except BadDateError as exc:
        raise BadParameterError(parameter, value, str(exc)) from None


def parse_period(start: object, end: object, names: tuple[str, str] = ("from", "to")) -> tuple[
        PartialDate | None, PartialDate | None]:
    """A period's two parameters read as dates (either may be None), the end not certainly before the start.

    Raises
    ------
    BadParameterError
        Naming the parameter at fault and its value.
    """
    first, last = parse_parameter(names[0], start), parse_parameter(names[1], end)
    if ends_before_start(first, last):
        raise BadParameterError(names[1], end, f"ends before {names[0]}={start!r}")
    return first, last
