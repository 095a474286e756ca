"""The time rule: spans asked about, intervals of relations, and when a relation is valid (possibly or certainly).

Part of the one date API, :mod:`jkg.graph.engine.dates` (see its rule there).
"""

from __future__ import annotations

from dataclasses import dataclass

from jkg.graph.engine.dates.compare import ends_before_start
from jkg.graph.engine.dates.partial import MAX_DAY, MIN_DAY, PartialDate, Validity
from jkg.graph.exceptions import BadDateError

__all__ = ["Interval", "Span", "validity"]

@dataclass(frozen=True)
class Span:
    """A span of days a query asks about, as ordinals (inclusive).

    >>> Span.of("2013-08") == Span.between("2013-08-01", "2013-08-31")
    True
    """

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
    """When a relation held: a start and an end, either possibly unknown.

    >>> tenure = Interval(PartialDate.parse("2004-07"), PartialDate.parse("2020-06-03"))
    >>> tenure.at(Span.of("2013")), tenure.at(Span.of("2020")), tenure.at(Span.of("2021"))
    ('certain', 'possible', None)
    """

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
    """The time rule on an interval's day ordinals (see :meth:`Interval.bounds`).

    >>> validity(Interval(PartialDate.parse("2007")).bounds(), Span.of("2007-06"))
    'possible'
    """
    possible_first, certain_first, certain_last, possible_last = bounds
    if possible_first > span.last or possible_last < span.first:
        return None
    if certain_first <= span.first and certain_last >= span.last:
        return "certain"
    return "possible"

