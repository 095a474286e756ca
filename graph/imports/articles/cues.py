"""The cue words of relations, read from ``cues.yaml`` and checked against the ontology.

Relation, class and status names in the file are the ontology's; a name it lacks is an
error when the file is read, never a silent miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from jkg.ontology.schema import Schema

__all__ = ["CUES_PATH", "Cue", "Cues", "load_cues"]

CUES_PATH = Path(__file__).with_name("cues.yaml")


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in ordered) + r")(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    """One kind of relation an article may state: its ontology names and its words in one language."""

    kind: str
    relation: str
    words: re.Pattern[str]
    event: str | None = None
    perpetrator: str | None = None
    result: re.Pattern[str] | None = None
    passive_before: frozenset[str] = frozenset()
    passive_after: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Cues:
    """Every cue of one language, the status words and the announcement words."""

    lang: str
    relations: tuple[Cue, ...]
    statuses: tuple[tuple[str, re.Pattern[str] | None], ...]
    default_status: str
    announced: re.Pattern[str] | None


def _check(schema: Schema, names: dict[str, str | None]) -> None:
    known = {"relation": set(schema.relation_types), "event": set(schema.classes)}
    for field, name in names.items():
        if name is not None and name not in known["event" if field == "event" else "relation"]:
            raise ValueError(f"{CUES_PATH.name}: {field} {name!r} is not in the ontology")


@cache
def _raw() -> dict[str, Any]:
    with CUES_PATH.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict)
    return data


def load_cues(schema: Schema, lang: str) -> Cues:
    """The cues of ``lang``, every ontology name in them checked.

    Raises
    ------
    ValueError
        If the file names a relation type, class or status the ontology lacks.
    """
    data = _raw()
    cues = []
    for kind, spec in data["relations"].items():
        _check(schema, {"relation": spec["relation"], "perpetrator": spec.get("perpetrator"),
                        "event": spec.get("event")})
        words = _pattern(spec["words"][lang])
        assert words is not None
        cues.append(Cue(
            kind=kind, relation=spec["relation"], words=words, event=spec.get("event"),
            perpetrator=spec.get("perpetrator"),
            result=_pattern(spec.get("result", {}).get(lang, [])),
            passive_before=frozenset(spec.get("passive_before", {}).get(lang, [])),
            passive_after=frozenset(spec.get("passive_after", {}).get(lang, [])),
        ))
    statuses = schema.vocabulary("Statuses")
    labels = {concept.label for concept in statuses.values()}
    for status in [*data["status"], data["default_status"]]:
        if status not in labels:
            raise ValueError(f"{CUES_PATH.name}: status {status!r} is not in the ontology (known: {sorted(labels)})")
    return Cues(
        lang=lang, relations=tuple(cues),
        statuses=tuple((status, _pattern(words.get(lang, []))) for status, words in data["status"].items()),
        default_status=data["default_status"], announced=_pattern(data["announced"][lang]),
    )
