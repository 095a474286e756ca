"""Comparing and ordering partial dates by their days, the one way every answer is ordered.

Part of the one date API, :mod:`jkg.graph.engine.dates` (see its rule there).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from jkg.graph.engine.dates.partial import UNKNOWN_FIRST, UNKNOWN_LAST, PartialDate

if TYPE_CHECKING:
    from jkg.graph.engine.dates.rule import Span

__all__ = ["after", "before", "certain_gap", "ends_before_start", "order_key", "order_text", "overlaps"]

def _days(when: PartialDate | Span) -> tuple[int, int]:
    return when.days if isinstance(when, PartialDate) else (when.first, when.last)


def before(date: PartialDate | Span, other: PartialDate | Span) -> bool:
    """Whether ``date`` is certainly before ``other``: its latest day comes before the other's earliest.

    >>> from jkg.graph.engine.dates import Span
    >>> uncertain = PartialDate.parse("2013?")  # 2012 to 2014
    >>> before(PartialDate.parse("2011"), uncertain), before(PartialDate.parse("2012"), Span.of("2013?"))
    (True, False)
    """
    return _days(date)[1] < _days(other)[0]


def after(date: PartialDate | Span, other: PartialDate | Span) -> bool:
    """Whether ``date`` is certainly after ``other``: its earliest day comes after the other's latest.

    >>> d = PartialDate.parse
    >>> after(d("2014"), d("2013")), after(d("2014~"), d("2013"))
    (True, False)
    """
    return _days(date)[0] > _days(other)[1]


def certain_gap(date: PartialDate | Span, later: PartialDate | Span) -> bool:
    """Whether at least one day certainly lies between ``date`` and ``later`` (a vacancy between two tenures).

    >>> certain_gap(PartialDate.parse("2013-08-21"), PartialDate.parse("2013-08-22"))
    False
    """
    return _days(date)[1] + 1 < _days(later)[0]


def overlaps(date: PartialDate | Span, other: PartialDate | Span) -> bool:
    """Whether the two may mean a common day (neither is certainly before the other).

    >>> d = PartialDate.parse
    >>> overlaps(d("2013"), d("2013-08-22")), overlaps(d("2013"), d("2014"))
    (True, False)
    """
    first, last = _days(date)
    other_first, other_last = _days(other)
    return first <= other_last and last >= other_first


def ends_before_start(start: PartialDate | None, end: PartialDate | None) -> bool:
    """Whether an end is certainly before its start: the one check of an impossible interval or period
    (a record's dates, a query's ``from``/``to``). False when either is unknown.

    >>> ends_before_start(PartialDate.parse("2012"), PartialDate.parse("2010-05")), ends_before_start(None, None)
    (True, False)
    """
    return start is not None and end is not None and before(end, start)


def order_key(date: PartialDate | None, unknown: Literal["first", "last"] = "first") -> tuple[int, int]:
    """The day bounds answers sort a date by: earliest day, then latest; an unknown date first or last.

    Add a stable key after it (a type, an id) to break ties between dates with the same days.

    >>> sorted(["2013-08-22", "2013", "2013-08", "2013~", "2013-01-01"], key=lambda t: order_key(PartialDate.parse(t)))
    ['2013~', '2013-01-01', '2013', '2013-08', '2013-08-22']
    """
    if date is None:
        return UNKNOWN_FIRST if unknown == "first" else UNKNOWN_LAST
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
