"""Name search: case-, accent- and transliteration-insensitive, fuzzy, with a score.

Scoring and ranking
-------------------
1. Sourced names are compared on their normalized form (lower case, accents and
   scripts folded to ASCII). An identical name scores 100; otherwise the score is the
   better of rapidfuzz's ``ratio`` (typos: "Droukdal" for "Droukdel") and 95% of its
   ``token_set_ratio`` (part of a name: "Okacha" in "Djamel Okacha").
2. Generated variants (a phonetic key folding French and English transliterations:
   ou/o/u, e/a, y/i, ch/sh, dj/j, q/k, doubled letters) are compared the same way and
   the score is scaled by 0.95, so a hit through a generated variant never scores
   above an identical sourced name, and at equal score ranks after a sourced hit.
3. Ties go to the name closest to the query as a whole, so "Okacha" finds the man
   before the event named after his killing.
4. A name of kind ``weakAlias``, or any name several entities share, never decides a
   match alone: every entity holding it comes back, each flagged ``ambiguous``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from jkg.graph.model import Entity
from jkg.graph.names import normalize, phonetic_key
from jkg.graph.results import SearchHit

__all__ = ["GENERATED_WEIGHT", "MIN_SCORE", "NameIndex"]

#: Hits scoring below this are dropped.
MIN_SCORE = 75.0
#: Generated variants' scores are scaled by this, below an identical sourced name.
GENERATED_WEIGHT = 0.95


def _score(query: str, name: str) -> float:
    if query == name:
        return 100.0
    return max(fuzz.ratio(query, name), 0.95 * fuzz.token_set_ratio(query, name))


@dataclass(frozen=True)
class _Entry:
    entity: str
    text: str
    kind: str
    sources: tuple[str, ...]


class NameIndex:
    """All names of all entities, ready for search."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entries: list[_Entry] = []
        self.types: dict[str, str] = {}
        self.preferred: dict[str, str] = {}
        holders: dict[str, set[str]] = defaultdict(set)
        for entity in entities:
            self.types[entity.id] = entity.type
            self.preferred[entity.id] = entity.name
            for name in entity.names:
                self.entries.append(_Entry(entity.id, name.text, name.kind, name.sources))
                holders[normalize(name.text)].add(entity.id)
        self.normalized = [normalize(e.text) for e in self.entries]
        self.keys = [phonetic_key(e.text) for e in self.entries]
        #: normalized names held by more than one entity
        self.shared = {name for name, ids in holders.items() if len(ids) > 1}
        self.exact: dict[str, list[int]] = defaultdict(list)
        for i, norm in enumerate(self.normalized):
            self.exact[norm].append(i)

    def _candidates(self, query: str, allowed: set[str] | None, limit: int) -> dict[str, tuple[float, int, bool]]:
        """entity -> (score, entry index, generated), best per entity; sourced wins ties."""
        best: dict[str, tuple[float, int, bool]] = {}

        def offer(index: int, score: float, generated: bool) -> None:
            entry = self.entries[index]
            if allowed is not None and self.types[entry.entity] not in allowed:
                return
            current = best.get(entry.entity)
            if current is None or (score, not generated) > (current[0], not current[2]):
                best[entry.entity] = (score, index, generated)

        norm = normalize(query)
        if not norm:
            return best
        window = max(limit * 5, 50)
        for column, text, weight, generated in ((self.normalized, norm, 1.0, False),
                                                (self.keys, phonetic_key(query), GENERATED_WEIGHT, True)):
            cutoff = MIN_SCORE / weight
            # two passes in rapidfuzz's C code find the candidates; _score combines them
            found = {index for scorer, floor in ((fuzz.ratio, cutoff), (fuzz.token_set_ratio, cutoff / 0.95))
                     for _, _, index in process.extract(text, column, scorer=scorer, limit=window,
                                                        score_cutoff=min(floor, 100))}
            for index in found:
                offer(index, round(_score(text, column[index]) * weight, 1), generated)
        return best

    def search(self, query: str, allowed_types: set[str] | None = None, limit: int = 20) -> list[SearchHit]:
        """Entities whose names match ``query``, best first (see the module's ranking rules)."""
        best = self._candidates(query, allowed_types, limit)
        hits = []
        for entity, (score, index, generated) in best.items():
            entry = self.entries[index]
            ambiguous = entry.kind == "weakAlias" or self.normalized[index] in self.shared
            hits.append(SearchHit(
                id=entity, name=self.preferred[entity], type=self.types[entity], score=score,
                matched=entry.text if not generated else self.keys[index],
                matched_kind="generated" if generated else entry.kind,
                matched_sources=[] if generated else list(entry.sources),
                ambiguous=ambiguous,
            ))
        if any(h.ambiguous for h in hits):
            hits.extend(self._sharers(hits, allowed_types))
        query_norm = normalize(query)
        hits.sort(key=lambda h: (-h.score, h.matched_kind == "generated",
                                 -fuzz.ratio(query_norm, normalize(h.matched)), h.name, h.id))
        return hits[:limit]

    def _sharers(self, hits: list[SearchHit], allowed: set[str] | None) -> list[SearchHit]:
        """Every other entity holding a shared name that matched: they come back together."""
        found = {h.id for h in hits}
        extra = []
        for hit in [h for h in hits if h.ambiguous and h.matched_kind != "generated"]:
            for index in self.exact.get(normalize(hit.matched), ()):
                entry = self.entries[index]
                if entry.entity in found or (allowed is not None and self.types[entry.entity] not in allowed):
                    continue
                found.add(entry.entity)
                extra.append(hit.model_copy(update={
                    "id": entry.entity, "name": self.preferred[entry.entity], "type": self.types[entry.entity],
                    "matched": entry.text, "matched_kind": entry.kind, "matched_sources": list(entry.sources),
                }))
        return extra
