"""An article as read: its text, the words in it and its sentences.

Offsets everywhere are Python string indices into the text as read (UTF-8, with any
byte-order mark removed and nothing else changed).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from jkg.graph.exceptions import BadParameterError

__all__ = ["LANGUAGES", "Article", "Sentence", "Word", "guess_language", "read_article", "sentences", "words"]

#: The languages an article may be read in.
LANGUAGES = ("en", "fr")

_WORD = re.compile(r"\w+", re.UNICODE)
# a sentence ends at . ! ? (and a closing quote after it) followed by space and a capital, a quote or a digit
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'»”\u2019)]*\s+(?=[\"'«“\u2018(]?[A-ZÀ-ÖØ-Þ0-9])|\n\s*\n|\n(?=\S)")
_FUNCTION_WORDS = {
    "en": frozenset(["the", "of", "and", "to", "in", "was", "were", "has", "have", "had", "by", "with", "on", "for",
                     "that", "said", "his", "its", "from", "is", "it"]),
    "fr": frozenset(["le", "la", "les", "des", "du", "de", "et", "à", "au", "aux", "en", "dans", "par", "pour", "une",
                     "un", "est", "été", "a", "sur", "qui", "que", "son", "sa", "ses"]),
}


@dataclass(frozen=True)
class Word:
    """A run of letters or digits, with its offsets."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """A sentence, with its offsets."""

    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """An article's text as read, its name (the file name without ``.txt``) and the hash of its bytes."""

    name: str
    text: str
    sha256: str


def read_article(path: Path) -> Article:
    """Read a plain-text article, or raise naming the file and what is wrong with it.

    Raises
    ------
    BadParameterError
        If the file cannot be read, is binary or not UTF-8, or holds no text.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BadParameterError("article", str(path), f"cannot be read ({error.strerror})") from None
    if b"\x00" in data:
        raise BadParameterError("article", str(path), "is a binary file (it holds NUL bytes), not plain text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadParameterError("article", str(path),
                                f"is not UTF-8 text (byte {error.start} cannot be decoded)") from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise BadParameterError("article", str(path), "is empty: it holds no text")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > max(3, len(text) // 100):
        raise BadParameterError("article", str(path), f"is not plain text ({controls} control characters)")
    name = path.name.removesuffix(".txt")
    return Article(name=name, text=text, sha256=hashlib.sha256(data).hexdigest())


def words(text: str) -> list[Word]:
    """The words of ``text`` in order (apostrophes and hyphens split words: ``d'AQMI`` is ``d``, ``AQMI``)."""
    return [Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


#: Words a period may follow without ending the sentence ("On Mar. 2", "Gen. Haftar", "U.S. forces").
_ABBREVIATIONS = frozenset({
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "janv", "févr", "avr",
    "juil", "déc", "mr", "mrs", "ms", "dr", "gen", "col", "lt", "capt", "sgt", "st", "no", "vs", "m", "mme", "mgr",
})


def _abbreviation_before(text: str, at: int) -> bool:
    """Whether the period ending at ``at`` follows an abbreviation or an initial ("U.S.", "A.")."""
    head = re.search(r"(\w+)\.$", text[max(0, at - 12):at])
    return head is not None and (head.group(1).lower() in _ABBREVIATIONS or len(head.group(1)) == 1)


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``, each without the space around it."""
    found = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if not text[match.start():match.end()].startswith("\n") and _abbreviation_before(text, match.start()):
            continue
        found.append((start, match.start()))
        start = match.end()
    found.append((start, len(text)))
    result = []
    for begin, end in found:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if begin < end:
            result.append(Sentence(begin, end))
    return result


def guess_language(article: Article) -> str:
    """``en`` or ``fr``, by the share of each language's function words; raise when neither is clear.

    Raises
    ------
    BadParameterError
        If the text is in neither language (or too short to tell): give ``--lang``.
    """
    counts = {lang: 0 for lang in LANGUAGES}
    for word in words(article.text):
        lower = word.text.lower()
        for lang in LANGUAGES:
            counts[lang] += lower in _FUNCTION_WORDS[lang]
    ranked = sorted(LANGUAGES, key=lambda lang: -counts[lang])
    best, other = ranked
    if counts[best] < 3 or counts[best] < 2 * counts[other]:
        raise BadParameterError("language", article.name,
                                f"cannot tell whether the article is in {' or '.join(LANGUAGES)}"
                                f" ({counts}); give --lang")
    return best
