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

Candidates are filtered first (:mod:`jkg.graph.search.candidates` says how, and why
the answer is still the exhaustive one).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz

from jkg.graph.dataset.model import Entity
from jkg.graph.dataset.names import normalize, phonetic_fold
from jkg.graph.engine.views import SearchHit
from jkg.graph.search.candidates import Column

__all__ = ["GENERATED_WEIGHT", "MIN_SCORE", "SET_WEIGHT", "NameIndex"]

#: Hits scoring below this are dropped.
MIN_SCORE = 75.0
#: Generated variants' scores are scaled by this, below an identical sourced name.
GENERATED_WEIGHT = 0.95
#: token_set_ratio's share of a score (rule 1).
SET_WEIGHT = 0.95

def _score(query: str, name: str, ratio: float | None, set_ratio: float | None) -> float:
    """Rule 1's score; the scorers' values already known (rapidfuzz gives the same) are not computed again."""
    if query == name:
        return 100.0
    if ratio is None:
        ratio = fuzz.ratio(query, name)
    if set_ratio is None:
        set_ratio = fuzz.token_set_ratio(query, name)
    return max(ratio, SET_WEIGHT * set_ratio)


_Row = tuple[float, bool, int, str, bool]


class NameIndex:
    """All names of all entities, ready for search.

    Name i is ``names[i]``, held by entity ``holders[i]``; few containers are made per name,
    since building one per name wakes the garbage collector over the whole graph.
    """

    #: What building derives from the names (all but the names themselves): what :meth:`derived` gives.
    _DERIVED = ("normalized", "keys", "exact", "shared", "columns")

    def __init__(self, entities: Iterable[Entity], derived: dict[str, Any] | None = None) -> None:
        """Index the names of ``entities``; with ``derived`` (what :meth:`derived` gave for the same
        entities), take it instead of deriving it again."""
        entities = list(entities)
        self.types = {entity.id: entity.type for entity in entities}
        self.preferred = {entity.id: entity.name for entity in entities}
        self.names = [name for entity in entities for name in entity.names]
        self.holders = [entity.id for entity in entities for _ in entity.names]
        if derived is not None and set(derived) == set(self._DERIVED) and len(derived["normalized"]) == len(self.names):
            self.__dict__.update(derived)
        else:
            self._derive()

    def derived(self) -> dict[str, Any]:
        """What building derived from the names, to be given back to a new index over the same entities."""
        return {key: self.__dict__[key] for key in self._DERIVED}

    def _derive(self) -> None:
        # normalize once per name: transliteration is the costly step of building
        self.normalized = [normalize(name.text) for name in self.names]
        self.keys = list(map(phonetic_fold, self.normalized))
        repeated = {norm for norm, times in Counter(self.normalized).items() if times > 1}
        #: normalized names held more than once -> the indices of their holders' names
        self.exact: dict[str, list[int]] = defaultdict(list)
        for i in [i for i, norm in enumerate(self.normalized) if norm in repeated]:
            self.exact[self.normalized[i]].append(i)
        #: normalized names held by more than one entity
        self.shared = {norm for norm, found in self.exact.items() if len({self.holders[i] for i in found}) > 1}
        self.columns = (
            Column(self.normalized, MIN_SCORE, min(MIN_SCORE / SET_WEIGHT, 100)),
            Column(self.keys, MIN_SCORE / GENERATED_WEIGHT, min(MIN_SCORE / GENERATED_WEIGHT / SET_WEIGHT, 100)),
        )

    def _candidates(self, query: str, allowed: set[str] | None, limit: int) -> dict[str, tuple[float, int, bool]]:
        """entity -> (score, name index, generated), best per entity.

        At equal score a sourced name wins, then the name closest to the query as a whole, then a
        preferred name, then the first in text order: never the order the names were loaded in, which
        differs between stores.
        """
        best: dict[str, tuple[float, int, bool]] = {}
        norm = normalize(query)

        def preference(score: float, index: int, generated: bool) -> tuple[float, bool, float, bool, str]:
            text = self.keys[index] if generated else self.normalized[index]
            return (-score, generated, -fuzz.ratio(norm, text), self.names[index].kind != "preferred",
                    self.names[index].text)

        def offer(index: int, score: float, generated: bool) -> None:
            entity = self.holders[index]
            if allowed is not None and self.types[entity] not in allowed:
                return
            current = best.get(entity)
            if current is None or preference(score, index, generated) < preference(*current):
                best[entity] = (score, index, generated)

        if not norm:
            return best
        window = max(limit * 5, 50)
        for column, text, weight, generated in ((self.columns[0], norm, 1.0, False),
                                                (self.columns[1], phonetic_fold(norm), GENERATED_WEIGHT, True)):
            by_ratio, by_set = column.best(text, window)
            # the ratio pass's names, then the token_set_ratio pass's, each best first
            found = {index for ranked in (by_ratio, by_set) for _, index in ranked}
            ratios = {index: score for score, index in by_ratio}
            set_ratios = {index: score for score, index in by_set}
            for index in found:
                score = _score(text, column.texts[index], ratios.get(index), set_ratios.get(index))
                offer(index, round(score * weight, 1), generated)
        return best

    def search(self, query: str, allowed_types: set[str] | None = None, limit: int = 20) -> list[SearchHit]:
        """Entities whose names match ``query``, best first (see the module's ranking rules)."""
        # hits are built for the final few only
        rows: list[_Row] = [(score, generated, index, entity,
                 self.names[index].kind == "weakAlias" or self.normalized[index] in self.shared)
                for entity, (score, index, generated) in self._candidates(query, allowed_types, limit).items()]
        if any(row[4] for row in rows):
            rows.extend(self._sharers(rows, allowed_types))
        query_norm = normalize(query)

        def rank(row: _Row) -> tuple[float, bool, float, str, str]:
            score, generated, index, entity, _ = row
            matched = normalize(self.keys[index]) if generated else self.normalized[index]
            return (-score, self._kind(index, generated) == "generated", -fuzz.ratio(query_norm, matched),
                    self.preferred[entity], entity)

        rows.sort(key=rank)
        hits = []
        for score, generated, index, entity, ambiguous in rows[:limit]:
            name = self.names[index]
            hits.append(SearchHit(
                id=entity, name=self.preferred[entity], type=self.types[entity], score=score,
                matched=name.text if not generated else self.keys[index],
                matched_kind=self._kind(index, generated),
                matched_sources=[] if generated else list(name.sources),
                ambiguous=ambiguous,
            ))
        return hits

    def _kind(self, index: int, generated: bool) -> str:
        return "generated" if generated else self.names[index].kind

    def _sharers(self, rows: list[_Row], allowed: set[str] | None) -> list[_Row]:
        """Every other entity holding a shared name that matched: they come back together."""
        found = {row[3] for row in rows}
        extra: list[_Row] = []
        for score, generated, index, _, ambiguous in rows:
            if not ambiguous or self._kind(index, generated) == "generated":
                continue
            for other in self.exact.get(self.normalized[index], ()):
                entity = self.holders[other]
                if entity in found or (allowed is not None and self.types[entity] not in allowed):
                    continue
                found.add(entity)
                extra.append((score, False, other, entity, True))
        return extra
