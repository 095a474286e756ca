"""Name search: case-, accent- and transliteration-insensitive, fuzzy, with a score.

Ranking rules
-------------
1. Sourced names are matched on their normalized form (lower case, accents and
   scripts folded to ASCII) with rapidfuzz's ``WRatio``; an exact match scores 100.
2. Generated variants (a phonetic key folding French and English transliterations:
   ou/o/u, e/a, ch/sh, dj/j, q/k, doubled letters) are matched only when no sourced
   name of that entity matches, and their score is capped below an exact sourced match.
   A hit through a generated variant never ranks above a hit through a sourced name.
3. A name of kind ``weakAlias``, or any name several entities share, never decides a
   match alone: every entity holding it comes back, flagged ``ambiguous``, ranked
   after unambiguous hits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from jkg.graph.model import Entity
from jkg.graph.names import normalize, phonetic_key
from jkg.graph.results import SearchHit
from rapidfuzz import fuzz, process

__all__ = ["GENERATED_CAP", "MIN_SCORE", "NameIndex"]

#: Hits scoring below this are dropped.
MIN_SCORE = 75.0
#: The best score a generated variant can give.
GENERATED_CAP = 95.0


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
        """entity -> (score, entry index, generated), best per entity."""
        best: dict[str, tuple[float, int, bool]] = {}

        def offer(index: int, score: float, generated: bool) -> None:
            entry = self.entries[index]
            if allowed is not None and self.types[entry.entity] not in allowed:
                return
            current = best.get(entry.entity)
            # a sourced hit always beats a generated one for the same entity
            rank = (not generated, score)
            if current is None or rank > (not current[2], current[0]):
                best[entry.entity] = (score, index, generated)

        norm = normalize(query)
        if not norm:
            return best
        for index in self.exact.get(norm, ()):
            offer(index, 100.0, False)
        window = max(limit * 5, 50)
        for _, score, index in process.extract(norm, self.normalized, scorer=fuzz.WRatio,
                                               score_cutoff=MIN_SCORE, limit=window):
            offer(index, round(float(score), 1), False)
        key = phonetic_key(query)
        for _, score, index in process.extract(key, self.keys, scorer=fuzz.ratio,
                                               score_cutoff=MIN_SCORE, limit=window):
            offer(index, round(min(float(score), GENERATED_CAP), 1), True)
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
        hits.sort(key=lambda h: (h.ambiguous, h.matched_kind == "generated", -h.score, h.name, h.id))
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
