"""Mentions of the graph's entities in an article, through the graph's own name index.

The names of every entity that is not an event (events are found by their relations, not
their names) form a gazetteer, looked up on the words of the text as
:mod:`jkg.graph.dataset.names` normalizes them (case, accents and any script folded to
ASCII) and, failing that, under their generated transliteration key (Oukacha/Okacha,
Droukdel/Droukdal). The rules, in order:

1. **Longest match first**: at each word the longest run of words that is a name wins,
   so "Islamic State in the Greater Sahara" is one mention, not "Islamic State".
2. A **one-word name** links only as written (no transliteration key) and with a capital
   (an acronym such as AQMI or GSIM, a place such as Mali).
3. A name several entities hold, or of kind ``weakAlias``, links only with
   **corroboration**: exactly one of its holders already linked in the article (by its full
   name), or else exactly one of its holders tied in the graph, by any relation, to an
   entity linked in the same sentence (a matching role: "Sahraoui, chef de l'EIGS");
   otherwise the mention is kept **unlinked** (``entity_id`` null).
4. Once a person is linked by a name of several words, its **short forms** (the last word
   of each of its names, with a particle such as "al-" before it: "Droukdel",
   "al-Annabi", "Ghaly") link to it for the rest of the article; a short form two linked
   people share stays unlinked.
5. Failing all that, a run of two to ten words, the first and last capitalized, whose
   transliteration key is within a small edit distance of the key of a name of as many
   words, one more or one less (``FUZZY_MIN``: "Abou Oubaïda Youssef" against "Abu Ubaida
   Yusuf", "Group for the Support of Islam" against "Group for Support of Islam"), links
   with a lower score.

6. A name followed by an acronym in brackets whose initials it spells ("Islamic State of
   Iraq and Syria (ISIS)") is one mention, linked as the acronym is.
7. **As of publication**: an entity that certainly began after the article's publication
   date cannot be what it names. The mention links instead to the one member of the
   entity's renaming family that had begun by then ("Islamic State in the Sahel" in a 2021
   article: the ISGS, renamed the Sahel Province in 2022), or else stays unlinked with
   the entity as its candidate.

Scores: 1.0 for a sourced name as written, 0.95 through the transliteration key, 0.9 for
a short form or a corroborated shared or weak name, ``0.9 * ratio`` for a near match,
0.5 for an unlinked mention.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from jkg.graph.dataset.names import normalize, phonetic_fold
from jkg.graph.engine.dates import PartialDate, after
from jkg.graph.engine.temporal import TemporalGraph
from jkg.graph.imports.articles.text import Word
from jkg.graph.queries.leadership import renaming_family

__all__ = ["FUZZY_MIN", "Gazetteer", "Mention"]

#: Least rapidfuzz ratio between transliteration keys for a near match (rule 5).
FUZZY_MIN = 90.0
#: Words that stand before a name without being one (short forms take them along).
PARTICLES = frozenset({"al", "el", "ag", "ben", "bin", "ould", "abu", "abou", "ibn"})
_MAX_WORDS = 12
#: The longest run of words rule 5 compares with the names.
_NEAR_WORDS = 10


@dataclass(frozen=True)
class Mention:
    """A name in the text: its span, the entity it links to (None: unlinked), a score and the rule that decided."""

    start: int
    end: int
    entity_id: str | None
    score: float
    rule: str
    #: the entity's type when linked
    type: str | None = None
    #: the entities an unlinked weak or shared name may stand for (rule 3), for corroboration by relation
    candidates: tuple[str, ...] = ()


def _capitalized(word: Word) -> bool:
    first = word.text[0]
    return first.isupper() or (not first.isascii() and not first.islower())


#: Words an acronym leaves out ("Islamic State of Iraq and Syria" is ISIS).
_LEFT_OUT = frozenset({"of", "and", "in", "the", "for", "au", "aux", "de", "du", "des", "la", "le", "les", "et",
                       "en", "l", "d"})


def _acronym_definitions(text: str, found: list[Mention]) -> list[Mention]:
    """Rule 6: "Long Name (ACRONYM)": the long name, spelt by the acronym's initials, links as the acronym does."""
    result = list(found)
    for mention in found:
        surface = text[mention.start:mention.end]
        if mention.entity_id is None or not surface.isupper() or text[mention.start - 1:mention.start] != "(" \
                or text[mention.end:mention.end + 1] != ")":
            continue
        before = list(re.finditer(r"\w+", text[max(0, mention.start - 200):mention.start - 1]))
        offset = max(0, mention.start - 200)
        initials = ""
        for k in range(len(before) - 1, -1, -1):
            word = before[k].group()
            if word.lower() in _LEFT_OUT:
                continue
            initials = word[0].upper() + initials
            if len(initials) > len(surface) or not surface.endswith(initials):
                break
            if initials == surface and word[0].isupper():
                start, end = offset + before[k].start(), offset + before[-1].end()
                inside = [m for m in result if start <= m.start and m.end <= end]
                if [(m.start, m.end, m.entity_id) for m in inside] != [(start, end, mention.entity_id)]:
                    result = [m for m in result if m not in inside]
                    result.append(Mention(start, end, mention.entity_id, 0.9, "acronym-definition", mention.type))
                break
    return sorted(result, key=lambda m: m.start)


class Gazetteer:
    """The graph's names (of every entity but events), ready to be found in a text."""

    def __init__(self, graph: TemporalGraph) -> None:
        self.graph = graph
        index = graph.names
        events = set(graph.schema.kinds_of("Event"))
        #: the types whose names have short forms (rule 4): people, never groups ("Muslims" is no name of JNIM)
        self.people = set(graph.schema.kinds_of("Person")) | {"Person"}
        self.types = {ident: entity.type for ident, entity in graph.entities.items()}
        self.kinds: list[str] = []
        self.holders: list[str] = []
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.phonetic: dict[str, list[int]] = defaultdict(list)
        #: word count -> (transliteration keys, name indices) of the names rule 5 may match
        self.by_length: dict[int, tuple[list[str], list[int]]] = defaultdict(lambda: ([], []))
        #: entity -> its names' short forms, normalized
        self.short_forms: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for i, (name, holder) in enumerate(zip(index.names, index.holders, strict=True)):
            if self.types[holder] in events:
                continue
            norm = index.normalized[i]
            if not norm:
                continue
            at = len(self.kinds)
            self.kinds.append(name.kind)
            self.holders.append(holder)
            self.exact[norm].append(at)
            self.phonetic[index.keys[i]].append(at)
            length = len(norm.split())
            if length >= 2 and name.kind != "weakAlias":
                keys, ats = self.by_length[length]
                keys.append(index.keys[i])
                ats.append(at)
                words = norm.split()
                last = words[-1]
                if len(last) >= 4 and last not in PARTICLES:
                    self.short_forms[holder].add((last,))
                    if words[-2] in PARTICLES:
                        self.short_forms[holder].add((words[-2], last))
        self.max_words = min(_MAX_WORDS, max((len(k.split()) for k in self.exact), default=1))

    # -- one article ---------------------------------------------------------------------------------------

    def find(self, text: str, words: list[Word]) -> list[Mention]:
        """The mentions in ``text`` (whose words are ``words``), in order, by the module's rules."""
        norms = [normalize(w.text) for w in words]
        linked: set[str] = set()
        short: dict[str, set[str]] = defaultdict(set)  # short form (normalized or key) -> people
        found: list[Mention] = []
        i = 0
        while i < len(words):
            mention, used = self._at(i, words, norms, linked, short)
            if mention is None:
                i += 1
                continue
            found.append(mention)
            if mention.entity_id is not None:
                linked.add(mention.entity_id)
                if mention.rule in ("name", "transliteration", "near") and used >= 2 and mention.type in self.people:
                    for form in self.short_forms.get(mention.entity_id, ()):
                        joined = " ".join(form)
                        short[joined].add(mention.entity_id)
                        short[phonetic_fold(joined)].add(mention.entity_id)
            i += used
        return _acronym_definitions(text, found)

    def _at(self, i: int, words: list[Word], norms: list[str], linked: set[str],
            short: dict[str, set[str]]) -> tuple[Mention | None, int]:
        """The mention starting at word ``i`` and how many words it takes, or (None, 1)."""
        for n in range(min(self.max_words, len(words) - i), 0, -1):
            window = words[i:i + n]
            if n > 1 and any(not norms[j] for j in range(i, i + n)):
                continue
            key = " ".join(norms[i:i + n])
            names, rule = self.exact.get(key), "name"
            if not names and n > 1:
                names, rule = self.phonetic.get(phonetic_fold(key)), "transliteration"
            if not names:
                continue
            if n == 1 and not _capitalized(window[0]):
                continue
            return self._decide(window, names, rule, linked), n
        for n in (2, 1):  # a short form, with its particle
            if i + n > len(words) or not _capitalized(words[i + n - 1]):
                continue
            key = " ".join(norms[i:i + n])
            people = short.get(key) or short.get(phonetic_fold(key))
            if people and (n == 1 or norms[i] in PARTICLES):
                ident = next(iter(people)) if len(people) == 1 else None
                return self._mention(words[i:i + n], ident, 0.9 if ident else 0.5,
                                     "short-form" if ident else "ambiguous-short-form"), n
        return self._near(i, words)

    def _decide(self, window: list[Word], names: list[int], rule: str, linked: set[str]) -> Mention:
        holders = sorted({self.holders[at] for at in names})
        weak = all(self.kinds[at] == "weakAlias" for at in names)
        if len(holders) == 1 and not weak:
            return self._mention(window, holders[0], 1.0 if rule == "name" else 0.95, rule)
        seen = [h for h in holders if h in linked]
        if len(seen) == 1:
            return self._mention(window, seen[0], 0.9, "corroborated")
        return replace(self._mention(window, None, 0.5, "weak" if weak else "shared"), candidates=tuple(holders))

    def corroborate(self, mentions: list[Mention], sentences: list[tuple[int, int]]) -> list[Mention]:
        """Rule 3's second chance: an unlinked weak or shared name one of whose holders only is tied in the graph
        to an entity linked in the same sentence links to it."""
        result = []
        for mention in mentions:
            if mention.entity_id is None and mention.candidates:
                start, end = next(((s, e) for s, e in sentences if s <= mention.start < e), (0, 0))
                beside = {m.entity_id for m in mentions if m.entity_id and start <= m.start < end}
                tied = [c for c in mention.candidates
                        if any({r.subject, r.object} & beside for r in self.graph.edges(c, "both"))]
                if len(tied) == 1:
                    mention = replace(mention, entity_id=tied[0], score=0.85, rule="corroborated-by-relation",
                                      type=self.types[tied[0]], candidates=())
            result.append(mention)
        return result

    def as_of(self, mentions: list[Mention], published: PartialDate | None) -> list[Mention]:
        """Rule 7: a linked entity that certainly began after ``published`` gives way to the member of its
        renaming family that had begun by then (exactly one), or leaves the mention unlinked."""
        if published is None:
            return mentions
        return [self._as_of(m, published) if m.entity_id and not self._existed(m.entity_id, published) else m
                for m in mentions]

    def _existed(self, ident: str, published: PartialDate) -> bool:
        # an entity that ended before may still be named (an article looks back); one not yet begun may not
        start = self.graph.entities[ident].start
        return start is None or not after(start, published)

    def _as_of(self, mention: Mention, published: PartialDate) -> Mention:
        assert mention.entity_id is not None
        then = [o for o in renaming_family(self.graph, mention.entity_id) if self._existed(o, published)]
        if len(then) == 1:
            return replace(mention, entity_id=then[0], score=round(mention.score * 0.9, 2), rule="as-of-publication",
                           type=self.types[then[0]])
        return replace(mention, entity_id=None, score=0.5, rule="after-publication", type=None,
                       candidates=(mention.entity_id,))

    def _near(self, i: int, words: list[Word]) -> tuple[Mention | None, int]:
        if not _capitalized(words[i]):
            return None, 1
        for n in range(min(_NEAR_WORDS, len(words) - i), 1, -1):
            window = words[i:i + n]
            if not _capitalized(window[-1]) or any(window[k + 1].start - window[k].end > 2 for k in range(n - 1)):
                continue
            keys: list[str] = []
            ats: list[int] = []
            for length in (n - 1, n, n + 1):  # a word more or less ("the Group for the Support...")
                more_keys, more_ats = self.by_length.get(length, ([], []))
                keys += more_keys
                ats += more_ats
            if not keys:
                continue
            key = phonetic_fold(normalize(" ".join(w.text for w in window)))
            best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
            if best is None:
                continue
            holders = {self.holders[ats[j]] for j, k in enumerate(keys) if k == best[0]}
            if len(holders) != 1:
                continue
            return self._mention(window, holders.pop(), round(0.9 * best[1] / 100, 2), "near"), n
        return None, 1

    def _mention(self, window: list[Word], ident: str | None, score: float, rule: str) -> Mention:
        return Mention(window[0].start, window[-1].end, ident, score, rule, self.types.get(ident) if ident else None)
