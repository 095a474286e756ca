"""Name normalization and generated variants, shared by validation and search.

Generated variants are for search recall only: they are marked ``generated``,
never stored as sourced facts, and rank below every sourced name.

Examples
--------
>>> normalize("Tébessa")
'tebessa'
>>> normalize("  Abou  el-Hammam ")
'abou el hammam'
>>> phonetic_key("Droukdel") == phonetic_key("Droukdal")
True
>>> phonetic_key("Djamel Oukacha") == phonetic_key("Jamal Okasha")
True
>>> phonetic_key("Abou Zeid") == phonetic_key("Abu Zayd")
True
>>> phonetic_fold("djamel oukacha")
'jamal ukasha'
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

from anyascii import anyascii

__all__ = ["normalize", "phonetic_fold", "phonetic_key"]

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_DOUBLED = re.compile(r"([a-z])\1+")
# the letter a doubled run keeps; a C callable, cheaper per match than the template r"\1"
_ONE_OF = itemgetter(1)

# French and English spellings of the same Arabic sounds, folded to one key, in order.
_RULES: tuple[tuple[str, str], ...] = (
    ("dj", "j"),
    ("tch", "sh"),
    ("ch", "sh"),
    ("kh", "k"),
    ("q", "k"),
    ("c", "k"),
    ("ou", "u"),
    ("o", "u"),
    ("ee", "i"),
    ("e", "a"),
    ("y", "i"),
    ("aa", "a"),
)


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; any script is transliterated."""
    return _NOT_WORD.sub(" ", anyascii(text).lower()).strip()


@lru_cache(maxsize=65536)
def phonetic_key(text: str) -> str:
    """The generated variant of a name: a key under which transliterations coincide."""
    return phonetic_fold(normalize(text))


def phonetic_fold(normalized: str) -> str:
    """:func:`phonetic_key` of a name already passed through :func:`normalize`.

    Lets an index that holds the normalized form fold it without transliterating again.
    """
    key = normalized
    for old, new in _RULES:
        key = key.replace(old, new)
    return _DOUBLED.sub(_ONE_OF, key)
