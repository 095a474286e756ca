"""A UN record's names, unpacked, each with its UN quality and the seed kind it would take.

Real files pack several names in one ``ALIAS_NAME``, separated by ``;``, with the Arabic
spelling in parentheses, and write acronyms inside a name ("... (AQMI)"). Each part becomes
a name of its own: the Arabic one an alias in script ``Arab``, the acronym an ``acronym``;
other parenthesized text is dropped from the name. Empty alias placeholders give nothing.

Seed kinds: the full name and Good or a.k.a. aliases are ``alias`` (``kunya`` when they
start with Abu/Abou; apply makes them ``transliteration`` where the entity holds the same
name spelt otherwise); Low is ``weakAlias``; f.k.a. is ``formerName``.

A name is **weak** (it never decides a match alone) when its quality is Low or f.k.a., or
it is one word.

Examples
--------
>>> [(n.text, n.kind, n.script) for n in split_names("Abou Mossaab (أبو مصعب); Abdelouadoud", "Good")]
[('Abou Mossaab', 'kunya', None), ('أبو مصعب', 'alias', 'Arab'), ('Abdelouadoud', 'alias', None)]
>>> [(n.text, n.kind, n.weak) for n in split_names("Al-Qaida au Maghreb islamique (AQMI)", "a.k.a.")]
[('Al-Qaida au Maghreb islamique', 'alias', False), ('AQMI', 'acronym', True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jkg.graph.dataset.names import normalize

__all__ = ["UnName", "record_names", "split_names"]

_PAREN = re.compile(r"\(([^()]*)\)")
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9.-]{1,11}")
_KUNYA = re.compile(r"(abu|abou|abo|abi)\b", re.IGNORECASE)
_WEAK_QUALITIES = ("Low", "f.k.a.")


@dataclass(frozen=True)
class UnName:
    """One name of a UN record."""

    text: str
    #: the UN's quality: "primary" (the record's own name), "original" (NAME_ORIGINAL_SCRIPT),
    #: "Good", "Low", "a.k.a.", "f.k.a." or "" (none given)
    quality: str
    #: the seed kind it would be written with (see the module docstring)
    kind: str
    script: str | None = None

    @property
    def weak(self) -> bool:
        """Never decides a match alone: a Low or f.k.a. name, or a one-word name."""
        return self.quality in _WEAK_QUALITIES or len(normalize(self.text).split()) < 2


def _kind(text: str, quality: str) -> str:
    if quality == "Low":
        return "weakAlias"
    if quality == "f.k.a.":
        return "formerName"
    return "kunya" if _KUNYA.match(text.strip()) else "alias"


def split_names(text: str, quality: str) -> list[UnName]:
    """The names packed in one UN name field (see the module docstring)."""
    found: list[UnName] = []
    for part in text.split(";"):
        inner = _PAREN.findall(part)
        rest = " ".join(_PAREN.sub(" ", part).split()).strip(" ,")
        if rest:
            script = "Arab" if _ARABIC.search(rest) else None
            found.append(UnName(rest, quality, "alias" if script else _kind(rest, quality), script))
        for extra in (" ".join(i.split()) for i in inner):
            if _ARABIC.search(extra):
                found.append(UnName(extra, quality, "weakAlias" if quality == "Low" else "alias", "Arab"))
            elif _ACRONYM.fullmatch(extra):
                found.append(UnName(extra, quality, "weakAlias" if quality == "Low" else "acronym"))
    return found


def record_names(primary: str, original: str, aliases: list[tuple[str, str]]) -> tuple[UnName, ...]:
    """A record's names: its own name first, then the original script, then the aliases; no repeats."""
    names = [*split_names(primary, "primary"), *split_names(original, "original")]
    for quality, text in aliases:
        names.extend(split_names(text, quality))
    seen: set[str] = set()
    unique = []
    for name in names:
        key = normalize(name.text) if not name.script else name.text
        if key and key not in seen:
            seen.add(key)
            unique.append(name)
    return tuple(unique)
