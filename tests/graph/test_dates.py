"""Partial dates and the time rule."""

from __future__ import annotations

import pytest

from jkg.graph.engine.dates import Interval, PartialDate, Span
from jkg.graph.exceptions import BadDateError


@pytest.mark.parametrize(("text", "precision", "first", "last"), [
    ("2007", "year", "2007-01-01", "2007-12-31"),
    ("2017-03", "month", "2017-03-01", "2017-03-31"),
    ("2016-02", "month", "2016-02-01", "2016-02-29"),
    ("2019-02-21", "day", "2019-02-21", "2019-02-21"),
    ("2013~", "year", "2012-01-01", "2014-12-31"),
    ("2017-12~", "month", "2017-11-01", "2018-01-31"),
    ("2019-02-21?", "day", "2019-02-20", "2019-02-22"),
])
def test_partial_date_spans(text: str, precision: str, first: str, last: str) -> None:
    date = PartialDate.parse(text)
    assert date.precision == precision
    assert (date.earliest.isoformat(), date.latest.isoformat()) == (first, last)


@pytest.mark.parametrize("text", ["19", "2019-13", "2019-02-30", "2019/02/01", "", "soon", "2019-2"])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(BadDateError):
        PartialDate.parse(text)


def test_round_trip() -> None:
    for text in ("2007", "2017-03", "2019-02-21", "2013~"):
        assert str(PartialDate.parse(text)) == text


def test_interval_validity_at_dates() -> None:
    tenure = Interval(PartialDate.parse("2004"), PartialDate.parse("2020-06-03"))
    assert tenure.at(Span.of("2013")) == "certain"
    assert tenure.at(Span.of("2004")) == "possible"  # may have begun after some day of 2004
    assert tenure.at(Span.of("2020-06-03")) == "certain"
    assert tenure.at(Span.of("2020")) == "possible"
    assert tenure.at(Span.of("2020-07")) is None
    assert tenure.at(Span.of("2003")) is None


def test_open_intervals() -> None:
    ongoing = Interval(PartialDate.parse("2017-03"), None)
    assert ongoing.at(Span.of("2024")) == "certain"
    unknown_start = Interval(None, PartialDate.parse("2013"))
    assert unknown_start.at(Span.of("1999")) == "possible"
    assert unknown_start.at(Span.of("2014")) is None


def test_between() -> None:
    span = Span.between("2012", "2014-06")
    assert Interval(PartialDate.parse("2014-05"), None).at(span) == "possible"
    with pytest.raises(BadDateError):
        Span.between("2015", "2014")
