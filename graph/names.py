"""Name normalization and generated variants, shared by validation and search.

Generated variants are for search recall only: they are marked ``generated``,
never stored as sourced facts, and rank below every sourced name.

Examples
--------
>>> normalize("Tébessa")
'tebessa'
>>> normalize("  Abou  el-Hammam ")
'abou el hammam'
>>> "djamel okacha" in variants("Djamel Oukacha")
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

__all__ = ["normalize", "variants"]

_NOT_WORD = re.compile(r"[^a-z0-9]+")

# French and English spellings of the same Arabic sounds; each rule maps a spelling
# to a common key so that, say, "Oukacha" and "Okasha" meet. Applied to normalized
# (ASCII, lower-case) text.
_RULES: tuple[tuple[str, str], ...] = (
    ("ou", "u"),
    ("oo", "u"),
    ("dj", "j"),
    ("tch", "ch"),
    ("ch", "sh"),
    ("kh", "k"),
    ("q", "k"),
    ("c", "k"),
    ("ee", "i"),
    ("ff", "f"),
    ("ss", "s"),
    ("ll", "l"),
    ("mm", "m"),
    ("tt", "t"),
    ("dd", "d"),
    ("abou ", "abu "),
    ("el ", "al "),
    ("ould ", "uld "),
)


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; any script is transliterated."""
    return _NOT_WORD.sub(" ", anyascii(text).lower()).strip()


@lru_cache(maxsize=65536)
def phonetic_key(text: str) -> str:
    """A coarse key under which French and English transliterations coincide.

    >>> phonetic_key("Oukacha") == phonetic_key("Okasha")
    False
    >>> phonetic_key("Djamel Oukacha") == phonetic_key("Jamel Ukasha")
    True
    """
    key = f" {normalize(text)} "
    for old, new in _RULES:
        key = key.replace(old, new)
    return key.strip()


def variants(text: str) -> set[str]:
    """Generated spellings of a name for search recall (normalized, never sourced).

    Returns the normalized name, its phonetic key, and spellings swapping common
    French/English renderings (ou/u/o, ch/sh, dj/j, e/a in el/al).
    """
    base = normalize(text)
    out = {base, phonetic_key(text)}
    swaps = (("ou", "o"), ("ou", "u"), ("ch", "sh"), ("sh", "ch"), ("dj", "j"), ("c", "k"),
             ("e", "a"), ("k", "q"), ("q", "k"))
    for old, new in swaps:
        if old in base:
            out.add(base.replace(old, new))
    return {v for v in out if v}
