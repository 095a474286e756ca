"""Partial dates and the time rule every query follows.

Dates are EDTF (ISO 8601-2) level 1: ``2007`` (year), ``2017-03`` (month),
``2019-02-21`` (day), with a trailing ``~`` (approximate), ``?`` (uncertain) or ``%``
(both). The qualifier is kept as given: ``2013?`` is read as uncertain and written back
as ``2013?``, never as ``2013~``; the two are different dates with the same days.

This package is the one date API: every query, the validator and the API's parameters
go through it to parse dates (:meth:`PartialDate.parse`, :func:`parse_parameter`,
:func:`parse_period`), to compare them (:func:`before`, :func:`after`,
:func:`overlaps`, :func:`ends_before_start`) and to order them (:func:`order_key`,
:func:`order_text`). Nothing else holds a date pattern or compares dates by text.
Its modules: :mod:`.partial` (parsing and day bounds), :mod:`.rule` (spans, intervals,
validity), :mod:`.compare` (comparing and ordering), :mod:`.params` (parameters). It
imports only :mod:`jkg.graph.exceptions`: the dataset reads records' dates through it.

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
So jkg keeps its own parser, tested on the level-1 forms in ``tests/graph/engine/test_dates.py``.

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

from jkg.graph.engine.dates.compare import (
    after,
    before,
    certain_gap,
    ends_before_start,
    order_key,
    order_text,
    overlaps,
)
from jkg.graph.engine.dates.params import parse_parameter, parse_period
from jkg.graph.engine.dates.partial import (
    DATE_FORMS,
    DATE_PATTERN,
    MAX_DAY,
    MIN_DAY,
    QUALIFIERS,
    PartialDate,
    Precision,
    Qualifier,
    Validity,
)
from jkg.graph.engine.dates.rule import Interval, Span, validity

__all__ = [
    "DATE_FORMS", "DATE_PATTERN", "MAX_DAY", "MIN_DAY", "QUALIFIERS", "Interval", "PartialDate", "Precision",
    "Qualifier", "Span", "Validity", "after", "before", "certain_gap", "ends_before_start", "order_key",
    "order_text", "overlaps", "parse_parameter", "parse_period", "validity",
]
