"""The name index's candidate filter never drops a name rapidfuzz would keep (see :mod:`jkg.graph.search.index`).

Generated names share syllables, words and digits, so that many come close to each
query; queries carry typos, dropped, added, repeated and shuffled words. Each answer
of the filtered search is checked against rapidfuzz run over every name.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from rapidfuzz import fuzz, process

from jkg.graph.dataset.model import Entity, Name
from jkg.graph.dataset.names import normalize, phonetic_fold, phonetic_key
from jkg.graph.pipeline import load_graph
from jkg.graph.search.candidates import Column, _at_least, _count, _plus, _positions
from jkg.graph.search.index import GENERATED_WEIGHT, MIN_SCORE, SET_WEIGHT, NameIndex

SYLLABLES = ("a", "ab", "al", "ou", "ha", "mza", "dj", "am", "el", "ch", "kh", "za", "id", "ya", "qa", "b", "i",
             "e", "ss", "tt", "o", "u", "dou", "kd")
#: (ratio cutoff, token_set_ratio cutoff) pairs: the index's two columns, and extremes
CUTOFFS = [
    (MIN_SCORE, MIN_SCORE / SET_WEIGHT),
    (MIN_SCORE / GENERATED_WEIGHT, MIN_SCORE / GENERATED_WEIGHT / SET_WEIGHT),
    (40.0, 55.5),
    (92.0, 100.0),
]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))


def name(rng: random.Random) -> str:
    words = [word(rng) for _ in range(rng.choice((1, 2, 2, 3, 5)))]
    if rng.random() < 0.25:
        words += [str(rng.randint(1, 2030)), f"{rng.randint(1, 12):02d}"]  # dates, as in event names
    if rng.random() < 0.1:
        words.append(rng.choice(words))  # a repeated word
    return " ".join(words)


def variant(rng: random.Random, text: str) -> str:
    """``text`` with a typo or changed words."""
    chars, words = list(text), text.split()
    k = rng.randrange(max(1, len(chars) - 1))
    match rng.randrange(9):
        case 0 if len(chars) > 2:
            chars[k], chars[k + 1] = chars[k + 1], chars[k]
        case 1 if chars:
            del chars[k]
        case 2:
            chars.insert(k, rng.choice("abdehiklmostuz "))
        case 3 if chars:
            chars[k] = rng.choice("abdehiklmostuz")
        case 4 if len(words) > 1:
            words.pop(rng.randrange(len(words)))
            return " ".join(words)
        case 5:
            return " ".join([*words, word(rng)])
        case 6:
            rng.shuffle(words)
            return " ".join(words)
        case 7 if words:
            return rng.choice(words)
        case 8 if words:
            return " ".join([*words, rng.choice(words)])
    return "".join(chars)


def exhaustive(query: str, texts: list[str], scorer: Callable[..., float], cutoff: float,
               window: int) -> list[tuple[float, int]]:
    """The answer rapidfuzz gives over every name: (score, index), best first."""
    return [(score, i) for _, score, i in process.extract(query, texts, scorer=scorer, limit=window,
                                                           score_cutoff=cutoff)]


def queries(rng: random.Random, texts: list[str], count: int) -> list[str]:
    found = [normalize(variant(rng, rng.choice(texts))) for _ in range(count)]
    found += [normalize(name(rng)) for _ in range(count // 4)]
    return [q for q in found if q]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(("ratio_cutoff", "set_cutoff"), CUTOFFS)
def test_the_filter_keeps_every_name_rapidfuzz_keeps(seed: int, ratio_cutoff: float, set_cutoff: float) -> None:
    rng = random.Random(seed)
    texts = [normalize(name(rng)) for _ in range(300)] + [""]
    texts += [phonetic_fold(t) for t in texts[:40]]  # keys collide with names, as in the index
    column = Column(texts, ratio_cutoff, set_cutoff)
    for query in queries(rng, texts, 40):
        for window in (len(texts), 5):  # every name at the cutoffs, then the best few as ranked
            by_ratio, by_set = column.best(query, window)
            assert by_ratio == exhaustive(query, texts, fuzz.ratio, ratio_cutoff, window), query
            assert by_set == exhaustive(query, texts, fuzz.token_set_ratio, set_cutoff, window), query


def test_the_filter_handles_long_queries_and_unknown_characters() -> None:
    rng = random.Random(7)
    texts = [normalize(name(rng)) for _ in range(200)]
    column = Column(texts, MIN_SCORE, MIN_SCORE / SET_WEIGHT)
    for query in (" ".join(texts[:30])[:200], "zzzz", "x y z", "a", texts[3] + " " + texts[3], "0", "ab ab ab ab"):
        by_ratio, by_set = column.best(query, len(texts))
        assert by_ratio == exhaustive(query, texts, fuzz.ratio, MIN_SCORE, len(texts))
        assert by_set == exhaustive(query, texts, fuzz.token_set_ratio, MIN_SCORE / SET_WEIGHT, len(texts))


class Exhaustive(Column):
    """A column that scores every name, as the index did before it had a filter."""

    def __init__(self, column: Column) -> None:
        self.texts, self.ratio_cutoff, self.set_cutoff = column.texts, column.ratio_cutoff, column.set_cutoff

    def best(self, query: str, window: int) -> tuple[list[tuple[float, int]], list[tuple[float, int]]]:
        return (exhaustive(query, self.texts, fuzz.ratio, self.ratio_cutoff, window),
                exhaustive(query, self.texts, fuzz.token_set_ratio, self.set_cutoff, window))


def unfiltered(entities: list[Entity]) -> NameIndex:
    index = NameIndex(entities)
    index.columns = (Exhaustive(index.columns[0]), Exhaustive(index.columns[1]))
    return index


def test_search_answers_as_scoring_every_name_on_generated_entities() -> None:
    rng = random.Random(11)
    kinds = ("preferred", "alias", "transliteration", "kunya", "weakAlias", "acronym")
    common = [name(rng) for _ in range(15)]  # names several entities share
    entities = [Entity(id=f"e{i}", type=rng.choice(("Person", "MilitantGroup", "Event")),
                       names=tuple(Name(text=rng.choice(common) if rng.random() < 0.1 else name(rng),
                                        kind=kinds[0] if j == 0 else rng.choice(kinds), sources=(f"s{j}",))
                                   for j in range(rng.randint(1, 4))))
                for i in range(250)]
    index, reference = NameIndex(entities), unfiltered(entities)
    texts = [n.text for e in entities for n in e.names]
    for query in [variant(rng, rng.choice(texts)) for _ in range(60)] + common[:5] + ["", "---"]:
        for types, limit in ((None, 20), ({"Person"}, 5), (None, 200)):
            assert index.search(query, types, limit) == reference.search(query, types, limit), query


def test_search_answers_as_scoring_every_name_on_the_seed_data() -> None:
    entities = list(load_graph().entities.values())
    index, reference = NameIndex(entities), unfiltered(entities)
    rng = random.Random(3)
    texts = [n.text for e in entities for n in e.names]
    for query in texts[::3] + [variant(rng, rng.choice(texts)) for _ in range(60)]:
        assert index.search(query) == reference.search(query), query


@pytest.mark.parametrize("size", [1, 7, 8, 9, 300, 5000])
def test_bitset_helpers_agree_with_plain_arithmetic(size: int) -> None:
    rng = random.Random(size)
    full = (1 << size) - 1
    values = [[rng.randrange(40) for _ in range(size)] for _ in range(5)]

    def sliced(numbers: list[int]) -> list[int]:
        return [sum(1 << i for i, n in enumerate(numbers) if n >> bit & 1) for bit in range(max(numbers).bit_length())]

    def read(levels: list[int]) -> list[int]:
        return [sum(1 << bit for bit, level in enumerate(levels) if level >> i & 1) for i in range(size)]

    flags = [sum(1 << i for i in range(size) if rng.random() < 0.3) for _ in range(6)]
    weighted = [flags[:3], [], flags[3:]]  # worth 1, 2 and 4
    assert read(_count(weighted)) == [sum((f >> i & 1) << w for w, fs in enumerate(weighted) for f in fs)
                                      for i in range(size)]
    assert read(_plus(sliced(values[0]), 37, full)) == [v + 37 for v in values[0]]
    at_least = _at_least(sliced(values[1]), sliced(values[2]), full)
    assert [at_least >> i & 1 for i in range(size)] == [int(a >= b) for a, b in zip(values[1], values[2], strict=True)]
    for density in (0.001, 0.05, 0.9):
        chosen = [i for i in range(size) if rng.random() < density]
        assert _positions(sum(1 << i for i in chosen)) == chosen


def test_phonetic_fold_is_phonetic_key_of_a_normalized_name() -> None:
    for text in ("Djamel Oukacha", "Abou Zeid", "Mokhtar Belmokhtar", "Tchad", "Hassan Hattab", "Ali Yahia", ""):
        assert phonetic_fold(normalize(text)) == phonetic_key(text)


@pytest.mark.parametrize("query", ["Okacha", "Droukdal", "Abou Zeid", "AQMI", "Sahraoui", "Kouffa"])
def test_search_answers_do_not_depend_on_the_order_names_were_loaded(query: str) -> None:
    """The stores load names in different orders (a file's, a database's): ties must not follow it."""
    import dataclasses

    entities = list(load_graph(prepare=False).entities.values())
    reordered = [dataclasses.replace(e, names=tuple(reversed(e.names))) for e in reversed(entities)]
    assert NameIndex(reordered).search(query, None, 20) == NameIndex(entities).search(query, None, 20)
