"""Dates in English and French, as EDTF at the precision written."""

from __future__ import annotations

import pytest

from jkg.graph.engine.dates import PartialDate
from jkg.graph.imports.articles.dates import find_dates


def _found(text: str, lang: str, published: str | None = None) -> list[tuple[str, str]]:
    pub = PartialDate.parse(published) if published else None
    return [(text[d.start:d.end], d.edtf) for d in find_dates(text, lang, pub)]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Il est mort en juin 2020.", "fr", [("juin 2020", "2020-06")]),
    ("Le 1er mars 2017, la fusion.", "fr", [("1er mars 2017", "2017-03-01")]),
    ("He rose in mid-2015.", "en", [("mid-2015", "2015~")]),
    ("début 2016 puis fin 2018", "fr", [("début 2016", "2016~"), ("fin 2018", "2018~")]),
    ("on September 15, 2021 and 3 June 2020", "en",
     [("September 15, 2021", "2021-09-15"), ("3 June 2020", "2020-06-03")]),
    ("since 2007, in Sept. 2019", "en", [("2007", "2007"), ("Sept. 2019", "2019-09")]),
    ("5,000 troops and 1 200 hommes", "en", []),
    ("You may go in May 2015.", "en", [("May 2015", "2015-05")]),
])
def test_absolute_dates_keep_the_precision_written(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text, lang) == expected


def test_relative_dates_are_resolved_against_the_publication_date() -> None:
    # 2020-06-05 was a Friday
    assert _found("France said on Friday that on June 3 it struck; last month, two years ago, yesterday.", "en",
                  "2020-06-05") == [("Friday", "2020-06-05"), ("June 3", "2020-06-03"), ("last month", "2020-05"),
                                    ("two years ago", "2018"), ("yesterday", "2020-06-04")]
    assert _found("annoncé samedi, le mois dernier, l'an dernier, ce jeudi 4 juin, en décembre", "fr",
                  "2020-06-05") == [("samedi", "2020-05-30"), ("le mois dernier", "2020-05"), ("l'an dernier", "2019"),
                                    ("4 juin", "2020-06-04"), ("décembre", "2019-12")]


def test_relative_dates_without_a_publication_date_are_dropped() -> None:
    assert _found("On Friday, in June, last month; in 2013.", "en") == [("2013", "2013")]
    # a weekday needs the day of publication; a month without its year needs the month
    assert _found("samedi, en juin", "fr", "2020") == []


def test_an_impossible_day_is_dropped_and_every_date_is_valid_edtf() -> None:
    assert _found("le 31 juin 2020 et le 30 juin 2020", "fr") == [("30 juin 2020", "2020-06-30")]
    for text, edtf in _found("mid-2015, 3 June 2020, June 2020, 2013", "en"):
        assert PartialDate.parse(edtf).text == edtf, text
