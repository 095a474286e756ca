"""Dates given as parameters (the API's, the queries'): parsed, or refused naming the parameter.

Part of the one date API, :mod:`jkg.graph.engine.dates` (see its rule there).
"""

from __future__ import annotations

from jkg.graph.engine.dates.compare import ends_before_start
from jkg.graph.engine.dates.partial import PartialDate
from jkg.graph.exceptions import BadDateError, BadParameterError

__all__ = ["parse_parameter", "parse_period"]

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

    Examples
    --------
    >>> [str(d) for d in parse_period("2013", "2015?")]
    ['2013', '2015?']
    >>> parse_period("2015", "2013")
    Traceback (most recent call last):
    ...
    jkg.graph.exceptions.BadParameterError: to='2013': ends before from='2015'
    """
    first, last = parse_parameter(names[0], start), parse_parameter(names[1], end)
    if ends_before_start(first, last):
        raise BadParameterError(names[1], end, f"ends before {names[0]}={start!r}")
    return first, last
