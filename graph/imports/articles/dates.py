"""Dates in English and French articles, as EDTF at the precision written.

"juin 2020" is ``2020-06``, "1er mars 2017" ``2017-03-01``, "mid-2015" ``2015~``, "early
2016" ``2016~``; a date without its year ("June 3", "mercredi 3 juin") takes the year of
the publication date that makes it the latest not after it; relative ones ("Friday",
"samedi", "yesterday", "last month", "le mois dernier", "two years ago") are resolved
against the publication date, and dropped when it is not given (or not precise enough).
Every date found is checked by the one date API (:class:`PartialDate`); an impossible one
("31 June") is dropped.

A span covers the date as written, with its qualifier words ("mid-2015", "début 2016")
but without a weekday before a day ("jeudi 2 mars" gives "2 mars") nor the preposition
before it ("in June" gives "June").

Why not ``dateparser`` (BSD): it returns a ``datetime`` (a day), filling the missing
month and day, so the precision written would have to be re-derived from the text by the
same patterns this module holds; its search mode also reads plain numbers and words
("may", "mars") as dates. The patterns here are the precision layer, and need nothing more.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from jkg.graph.engine.dates import PartialDate
from jkg.graph.exceptions import BadDateError

__all__ = ["DateMention", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    """A date written in the text: its span and its EDTF form."""

    start: int
    end: int
    edtf: str


_MONTHS = {
    "en": {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
           "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
           "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12},
    "fr": {"janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "mars": 3, "avril": 4, "avr": 4,
           "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "sept": 9,
           "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12},
}
_WEEKDAYS = {
    "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}
_NUMBERS = {
    "en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "a": 1},
    "fr": {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
           "neuf": 9, "dix": 10},
}
# words that make a year or month approximate, in the span
_APPROX = {
    "en": r"mid-|mid |early |late |the end of |the beginning of |the start of |the middle of ",
    "fr": r"mi-|début |fin |courant |milieu |à la fin de |au début de |à la mi-",
}
# words after which a month alone is a date (and not "may" or "Mars")
_MONTH_TRIGGER = {
    "en": r"in|since|until|by|last|this|of|from|to|through",
    "fr": r"en|depuis|jusqu'en|dès|de|d'|le mois de|courant|au mois de",
}
_ORDINAL = {"en": r"(?:st|nd|rd|th)?", "fr": r"(?:er|ᵉʳ)?"}
_UNITS = {
    "en": {"day": "day", "days": "day", "month": "month", "months": "month", "year": "year", "years": "year"},
    "fr": {"jour": "day", "jours": "day", "mois": "month", "an": "year", "ans": "year", "année": "year",
           "années": "year"},
}


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    edtf: str | None


_Resolver = Callable[[re.Match[str]], str | None]


def _alternation(words: list[str] | dict[str, int] | dict[str, str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=lambda w: (-len(w), w)))


def _month_alternation(months: dict[str, int], capital: bool) -> str:
    """Month names, an abbreviation with its optional dot ("Sept.", "janv."), longest first."""
    full = {name for name in months if not any(o != name and o.startswith(name) and months[o] == months[name]
                                                for o in months)}
    forms = [(n.capitalize() if capital else n, n in full) for n in months]
    return "|".join(re.escape(f) + ("" if whole else r"\.?")
                    for f, whole in sorted(forms, key=lambda x: (-len(x[0]), x[0])))


class _Reader:
    """The patterns of one language, and a publication date to resolve dates against."""

    def __init__(self, lang: str, published: PartialDate | None) -> None:
        self.lang = lang
        self.published = published
        self.months = _MONTHS[lang]
        month = rf"(?P<m>{_month_alternation(self.months, False)})"
        day = rf"(?P<d>\d{{1,2}}){_ORDINAL[lang]}"
        year = r"(?P<y>1[89]\d\d|20\d\d)"
        approx = rf"(?P<q>(?i:{_APPROX[lang]}))"
        weekday = rf"(?P<w>(?i:{_alternation(_WEEKDAYS[lang])}))"
        flags = re.IGNORECASE if lang == "fr" else 0
        # English months are written with a capital: "may" is a verb, "march" a noun
        month_en = month if lang == "fr" else rf"(?P<m>{_month_alternation(self.months, True)})"
        numbers = _alternation(_NUMBERS[lang])
        units = _alternation(_UNITS[lang])
        patterns: list[tuple[str, _Resolver]] = [
            (rf"\b{day}\s+{month_en},?\s+{year}\b", self._full),
            (rf"\b{month_en}\s+{day},?\s+{year}\b", self._full),
            (rf"\b{approx}?{month_en},?\s+{year}\b", self._month_year),
            (rf"\b{day}\s+{month_en}(?![\w-])", self._day_month),
            (rf"\b{month_en}\s+{day}(?![\w:])", self._day_month),
            (rf"\b{approx}{year}\b", self._approx_year),
            (rf"(?<![\d,.\s]\s)(?<![\d,.-]){year}(?![\d-])", self._year),
            (rf"\b(?i:{_MONTH_TRIGGER[lang]})\s*(?P<s>{approx}?{month_en})(?![\w-])", self._month),
            (rf"\b{approx}{month_en}(?![\w-])", self._month),
            (rf"\b{weekday}\b(?!\s+\d)", self._weekday),
        ]
        if lang == "en":
            patterns += [
                (r"\byesterday\b", lambda m: self._days_ago(1)),
                (r"\b(?:today|this morning)\b", lambda m: self._days_ago(0)),
                (r"\blast month\b", lambda m: self._months_ago(1)),
                (r"\blast year\b", lambda m: self._years_ago(1)),
                (rf"\b(?P<n>\d+|{numbers})\s+(?P<u>{units})\s+ago\b", self._ago),
            ]
        else:
            patterns += [
                (r"\bhier\b", lambda m: self._days_ago(1)),
                (r"\baujourd'hui\b", lambda m: self._days_ago(0)),
                (r"\ble mois dernier\b", lambda m: self._months_ago(1)),
                (r"\bl'(?:an|année) derni(?:er|ère)\b", lambda m: self._years_ago(1)),
                (rf"\bil y a (?P<n>\d+|{numbers})\s+(?P<u>{units})\b", self._ago),
            ]
        self.patterns = [(re.compile(p, flags), f) for p, f in patterns]

    # -- resolvers: the EDTF of a match, or None when it cannot be placed ------------------------------------

    def _month_of(self, match: re.Match[str]) -> int:
        return self.months[match.group("m").lower().rstrip(".")]

    def _full(self, match: re.Match[str]) -> str | None:
        return f"{int(match.group('y')):04d}-{self._month_of(match):02d}-{int(match.group('d')):02d}"

    def _month_year(self, match: re.Match[str]) -> str | None:
        return f"{int(match.group('y')):04d}-{self._month_of(match):02d}" + ("~" if match.group("q") else "")

    def _approx_year(self, match: re.Match[str]) -> str | None:
        return f"{int(match.group('y')):04d}~"

    def _year(self, match: re.Match[str]) -> str | None:
        return f"{int(match.group('y')):04d}"

    def _year_for(self, month: int, day: int | None) -> int | None:
        """The year that makes a month (and day) the latest not after the publication date."""
        pub = self.published
        if pub is None or pub.month is None or pub.qualifier:
            return None
        late = (month, day or 1) > (pub.month, pub.day or 31)
        return int(pub.year) - 1 if late else int(pub.year)

    def _day_month(self, match: re.Match[str]) -> str | None:
        month, day = self._month_of(match), int(match.group("d"))
        year = self._year_for(month, day)
        return None if year is None else f"{year:04d}-{month:02d}-{day:02d}"

    def _month(self, match: re.Match[str]) -> str | None:
        month = self._month_of(match)
        year = self._year_for(month, None)
        return None if year is None else f"{year:04d}-{month:02d}" + ("~" if match.group("q") else "")

    def _day(self) -> dt.date | None:
        pub = self.published
        if pub is None or pub.day is None or pub.qualifier:
            return None
        return dt.date(pub.year, pub.month or 1, pub.day)

    def _weekday(self, match: re.Match[str]) -> str | None:
        day = self._day()
        if day is None:
            return None
        wanted = _WEEKDAYS[self.lang].index(match.group("w").lower())
        return (day - dt.timedelta(days=(day.weekday() - wanted) % 7)).isoformat()

    def _days_ago(self, days: int) -> str | None:
        day = self._day()
        return None if day is None else (day - dt.timedelta(days=days)).isoformat()

    def _months_ago(self, months: int) -> str | None:
        pub = self.published
        if pub is None or pub.month is None or pub.qualifier:
            return None
        index = pub.year * 12 + pub.month - 1 - months
        return f"{index // 12:04d}-{index % 12 + 1:02d}"

    def _years_ago(self, years: int) -> str | None:
        pub = self.published
        return None if pub is None or pub.qualifier else f"{pub.year - years:04d}"

    def _ago(self, match: re.Match[str]) -> str | None:
        count = match.group("n").lower()
        n = int(count) if count.isdigit() else _NUMBERS[self.lang][count]
        unit = _UNITS[self.lang][match.group("u").lower()]
        return self._days_ago(n) if unit == "day" else self._months_ago(n) if unit == "month" else self._years_ago(n)

    def read(self, text: str) -> list[DateMention]:
        found: list[_Found] = []
        for pattern, resolve in self.patterns:
            for match in pattern.finditer(text):
                span = match.span("s") if "s" in pattern.groupindex else match.span()
                found.append(_Found(span[0], span[1], _checked(resolve(match))))
        # longest first at each place; a match overlapping one kept is dropped, even if it resolved nothing
        found.sort(key=lambda f: (f.start, -(f.end - f.start)))
        kept: list[_Found] = []
        for item in found:
            if kept and item.start < kept[-1].end:
                continue
            kept.append(item)
        return [DateMention(f.start, f.end, f.edtf) for f in kept if f.edtf is not None]


def _checked(edtf: str | None) -> str | None:
    """The EDTF form if the one date API reads it (an impossible day is dropped)."""
    if edtf is None:
        return None
    try:
        return str(PartialDate.parse(edtf).text)
    except BadDateError:
        return None


def find_dates(text: str, lang: str, published: PartialDate | None = None) -> list[DateMention]:
    """The dates written in ``text``, in order, as EDTF (see the module's rules).

    >>> [d.edtf for d in find_dates("Le 1er mars 2017, puis en juin 2020 et mi-2015.", "fr")]
    ['2017-03-01', '2020-06', '2015~']
    >>> pub = PartialDate.parse("2020-06-05")
    >>> [(d.edtf, "On June 3, France said on Friday"[d.start:d.end])
    ...  for d in find_dates("On June 3, France said on Friday", "en", pub)]
    [('2020-06-03', 'June 3'), ('2020-06-05', 'Friday')]
    """
    return _Reader(lang, published).read(text)
