"""Partial dates: EDTF level 1 parsed and written back as given, and the days each may mean.

Part of the one date API, :mod:`jkg.graph.engine.dates` (see its rule there).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

from jkg.graph.exceptions import BadDateError

__all__ = [
    "DATE_FORMS", "DATE_PATTERN", "MAX_DAY", "MIN_DAY", "ORDER_TEXT", "QUALIFIERS", "UNKNOWN_FIRST", "UNKNOWN_LAST",
    "PartialDate", "Precision", "Qualifier", "Validity",
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


#: Day bounds as text that sorts as the numbers do (ordinals have at most 7 digits: MAX_DAY is 3652059).
ORDER_TEXT = "{:07d}:{:07d}"
#: Order keys of unknown dates: before every date, or after every date.
UNKNOWN_FIRST = (MIN_DAY - 1, MIN_DAY - 1)
UNKNOWN_LAST = (MAX_DAY + 1, MAX_DAY + 1)


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
        return ORDER_TEXT.format(*self.days)

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
