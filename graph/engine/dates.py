"""Partial dates and the time rule every query follows.

Dates are EDTF (ISO 8601-2) level 1: ``2007`` (year), ``2017-03`` (month),
``2019-02-21`` (day), with a trailing ``~`` (approximate) or ``?`` (uncertain).

The rule
--------
* A partial date stands for every day it may mean: ``2007`` spans 2007-01-01 to
  2007-12-31, ``2017-03`` spans the month. An approximate or uncertain date is
  widened by one unit of its precision on each side: ``2013~`` spans 2012-01-01 to
  2014-12-31.
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

from jkg.graph.exceptions import BadDateError

__all__ = ["MAX_DAY", "MIN_DAY", "Interval", "PartialDate", "Precision", "Span", "Validity", "validity"]

Precision = Literal["year", "month", "day"]
Validity = Literal["certain", "possible"]

#: Ordinals standing for an open past and an open future.
MIN_DAY = dt.date(1, 1, 1).toordinal()
MAX_DAY = dt.date(9999, 12, 31).toordinal()

_EDTF = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[~?%])?$")


@lru_cache(maxsize=2**16)  # bounded: dates asked in queries come from users
def _day_bounds(year: int, month: int | None, day: int | None, approximate: bool) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date may mean (see :class:`PartialDate`)."""
    widen = 1 if approximate else 0
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
def _day_ordinals(year: int, month: int | None, day: int | None, approximate: bool) -> tuple[int, int]:
    first, last = _day_bounds(year, month, day, approximate)
    return first.toordinal(), last.toordinal()


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to a year, a month or a day, possibly approximate."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    def __post_init__(self) -> None:
        # approximate dates widen by a unit, so they must keep a unit of room at both ends
        low, high = (2, 9998) if self.approximate else (1, 9999)
        if not low <= self.year <= high:
            qualifier = " when approximate" if self.approximate else ""
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
        """Read an EDTF date: ``2007``, ``2017-03``, ``2019-02-21``, optionally ``~`` or ``?``.

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
        match = _EDTF.match(text)
        if match is None or isinstance(value, bool):
            raise BadDateError(
                f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD,"
                " optionally followed by ~ (approximate) or ? (uncertain)"
            )
        month, day = match["m"], match["d"]
        return cls(
            int(match["y"]),
            int(month) if month else None,
            int(day) if day else None,
            approximate=match["q"] is not None,
        )

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
        return _day_bounds(self.year, self.month, self.day, self.approximate)

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
        """The first and last day this date may mean, as ordinals."""
        return _day_ordinals(self.year, self.month, self.day, self.approximate)

    @cached_property
    def text(self) -> str:
        """The date as written, such as ``2013~`` (one string per object: every view of the date shares it)."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text + ("~" if self.approximate else "")

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
        first = Span.of(start).first
        last = Span.of(end).last
        if last < first:
            raise BadDateError(f"the span ends ({end}) before it starts ({start})")
        return cls(first, last)

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
        return bool(self.start and self.end and self.end.latest < self.start.earliest)


def validity(bounds: tuple[int, int, int, int], span: Span) -> Validity | None:
    """The time rule on an interval's day ordinals (see :meth:`Interval.bounds`)."""
    possible_first, certain_first, certain_last, possible_last = bounds
    if possible_first > span.last or possible_last < span.first:
        return None
    if certain_first <= span.first and certain_last >= span.last:
        return "certain"
    return "possible"
