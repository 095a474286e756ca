"""The candidate filter of name search: bitsets that select, at 100k names, a superset of
the names able to reach a score, so that rapidfuzz ranks only those.

Candidate filter
----------------
Per column (normalized names, phonetic keys) and scorer, a search keeps the best
``max(5 * limit, 50)`` names scoring at least the scorer's cutoff ``c`` (``MIN_SCORE``
undone by the weights: 75 and 78.9 for ``ratio``, 78.9 and 83.1 for
``token_set_ratio``), ties by position. Scoring every name is too slow at 100k
entities, so bitsets first select a superset of the names that can reach ``c``, and
rapidfuzz ranks only those, in the original order: the answer is the exhaustive one.
Write ``|s|`` for a length and ``common(x, y)`` for the size of the multiset
intersection of the characters of ``x`` and ``y``, at least their longest common
subsequence ``LCS(x, y)``.

- ``ratio(x, y) = 200 * LCS(x, y) / (|x| + |y|)`` (normalized Indel similarity), so
  ``ratio >= c`` needs ``2 * common(x, y) >= c / 100 * (|x| + |y|)``.
- ``token_set_ratio`` compares the word sets ``X`` and ``Y``; let ``D(W)`` be the
  length of ``W``'s words joined by spaces, and ``S = D(X & Y)``. Without a shared
  word it is ``ratio`` of the sorted joined sets. With one, it is 100 if either set
  holds the other, else the best of ``200 * S / (S + D(X))``, ``200 * S / (S + D(Y))``
  and a score at most ``ratio`` of the joined sets ordered shared words first. So
  ``token_set_ratio >= c`` needs the character bound above with ``D(X)``, ``D(Y)``
  for the lengths (characters of the distinct words are among all the characters),
  or ``S >= c / (200 - c) * min(D(X), D(Y))``, which the subset case meets too.

Character counts and shared-word weights (``S + 1`` is the sum of ``len(word) + 1``)
are summed per name in bit-sliced counters, Python integers used as bitsets with one
bit per name; comparisons with per-name thresholds are bitwise. Every rounding
keeps a name rather than drop it, with a margin for floating-point error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import cache
from itertools import accumulate, count, repeat
from math import ceil, floor
from operator import add, sub

from rapidfuzz import fuzz, process

__all__ = ["Column"]

# Slack against floating-point error, always on the side of keeping a name.
_EPS = 1e-9
# Character bounds compare 2 * common * 2 ** _FINE with thresholds rounded to 2 ** -_FINE of a character.
_FINE = 3
# Per-name counts and lengths are stored in bytes; capping them only keeps more names.
_CAP = 255
# Words held by at least this many names keep a ready bitset; rarer ones are built per query.
_FREQUENT = 256
# Up to this many set bits, positions are read byte by byte rather than from the binary string.
_SPARSE = 512
# Byte -> 1 if non-zero, and byte -> offsets of its set bits.
_NONZERO = bytes([0, *repeat(1, 255)])
_BITS = tuple(tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256))


@cache
def _at_least_table(operand: int) -> bytes:
    """A bytes.translate table to b"1" where the byte is at least ``operand``, else b"0"."""
    return bytes(49 if value >= operand else 48 for value in range(256))


@cache
def _equal_table(operand: int) -> bytes:
    """A bytes.translate table to b"1" where the byte is ``operand``, else b"0"."""
    return bytes(49 if value == operand else 48 for value in range(256))


@cache
def _others(char: int) -> bytes:
    """Every byte but ``char`` and the newline, for bytes.translate to delete."""
    return bytes(byte for byte in range(256) if byte not in (char, 10))


def _bitset(flags: bytes) -> int:
    """The integer whose bit i is set where ``flags[i]`` is ``b"1"``."""
    return int(flags[::-1], 2) if flags else 0


def _capped(values: list[int], top: int | None = None) -> bytes:
    """The values as bytes, capped at ``_CAP`` (``top``: their maximum, if known)."""
    if (max(values, default=0) if top is None else top) <= _CAP:
        return bytes(values)
    return bytes(map(min, values, repeat(_CAP)))


def _classes(values: bytes) -> dict[int, int]:
    """Each byte value -> the bitset of the names having it."""
    return {value: _bitset(values.translate(_equal_table(value))) for value in set(values)}


def _sliced(classes: dict[int, int], scale: float, plus: int = 0) -> list[int]:
    """Bit-sliced ``ceil(scale * value) + plus`` (at least 0) of every name, from the names grouped by value."""
    results = {value: max(0, ceil(scale * value - _EPS) + plus) for value in classes}
    levels = []
    for bit in range(max(results.values(), default=0).bit_length()):
        level = 0
        for value, result in results.items():
            if result >> bit & 1:
                level |= classes[value]
        levels.append(level)
    return levels


def _count(inputs: list[list[int]]) -> list[int]:
    """Bit-sliced per-name sum of bitsets, ``inputs[j]`` holding those worth ``2 ** j``.

    A carry-save adder tree: each full adder turns three bitsets into two in five operations.
    """
    pending = [list(bitsets) for bitsets in inputs]
    levels = []
    level = 0
    while level < len(pending):
        column = pending[level]
        carries = []
        while len(column) > 2:
            a, b, c = column.pop(), column.pop(), column.pop()
            partial = a ^ b
            column.append(partial ^ c)
            carries.append(a & b | partial & c)
        if len(column) == 2:
            a, b = column
            column = [a ^ b]
            carries.append(a & b)
        if carries:
            if level + 1 == len(pending):
                pending.append([])
            pending[level + 1].extend(carries)
        levels.append(column[0] if column else 0)
        level += 1
    return levels


def _plus(values: list[int], constant: int, full: int) -> list[int]:
    """Bit-sliced ``values + constant`` (``full`` has every name's bit set)."""
    total: list[int] = []
    carry = 0
    level = 0
    while level < len(values) or constant >> level or carry:
        value = values[level] if level < len(values) else 0
        if constant >> level & 1:
            total.append(value ^ carry ^ full)
            carry = value | carry
        else:
            total.append(value ^ carry)
            carry = value & carry
        level += 1
    return total


def _at_least(left: list[int], right: list[int], full: int) -> int:
    """Names whose bit-sliced ``left`` value is at least their ``right`` value."""
    above = 0
    equal = full
    for level in range(max(len(left), len(right)) - 1, -1, -1):
        a = left[level] if level < len(left) else 0
        b = right[level] if level < len(right) else 0
        if a:
            differ = a ^ b
            above |= equal & differ & a
            equal &= differ ^ full
        elif b:
            equal &= b ^ full
        if not equal:
            break
    return above | equal


def _positions(bits: int) -> list[int]:
    """Indices of the set bits, ascending."""
    if bits.bit_count() <= _SPARSE:
        # walk the non-zero bytes: cheaper than writing out every bit when few are set
        packed = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
        nonzero = packed.translate(_NONZERO)
        found: list[int] = []
        at = nonzero.find(1)
        while at >= 0:
            found += map(add, _BITS[packed[at]], repeat(at << 3))
            at = nonzero.find(1, at + 1)
        return found
    digits = bin(bits)  # "0b1...": the highest bit first, at string index 2
    top = len(digits) - 1
    # string index of each "1": the lengths of the runs before it, plus the ones before it
    found = list(map(sub, repeat(top), map(add, accumulate(map(len, digits.split("1")[:-1])), count())))
    found.reverse()
    return found


class Column:
    """One form of every name (normalized, or phonetic key), with bitsets bounding its scores.

    Bit i of each bitset stands for name i. See the module docstring for the bounds.

    Parameters
    ----------
    texts : list of str
        The names, in index order: ASCII words separated by single spaces, as
        :func:`~jkg.graph.dataset.names.normalize` makes them.
    ratio_cutoff, set_cutoff : float
        The ``ratio`` and ``token_set_ratio`` scores (0-100) a name needs to be kept.
    """

    def __init__(self, texts: list[str], ratio_cutoff: float, set_cutoff: float) -> None:
        self.texts = texts
        # the cutoffs go to rapidfuzz unchanged; the bounds use them as fractions
        self.ratio_cutoff = ratio_cutoff
        self.set_cutoff = set_cutoff
        #: S / min(D(X), D(Y)) that shared words alone need
        self.share = set_cutoff / 100 / (2 - set_cutoff / 100)
        self.full = (1 << len(texts)) - 1
        joined = "\n".join(texts).encode("ascii")
        #: byte of a character -> bitsets of the names holding it at least k + 1 times, k = 0, 1, ...
        self.chars: dict[int, list[int]] = {}
        for char in set(joined) - {10}:
            held = list(map(len, joined.translate(None, _others(char)).split(b"\n")))
            top = max(held)
            packed = _capped(held, top)
            self.chars[char] = [_bitset(packed.translate(_at_least_table(k))) for k in range(1, min(top, _CAP) + 1)]
        postings: dict[str, list[int]] = defaultdict(list)
        set_lengths = []  # D(words of the name)
        for index, text in enumerate(texts):
            words = set(text.split())
            # single spaces between words: the same length unless a word repeats
            set_lengths.append(len(text) if len(words) == text.count(" ") + 1 else len(" ".join(words)))
            for word in words:
                postings[word].append(index)
        self.words: dict[str, int | list[int]] = {
            word: self._bits(ids) if len(ids) >= _FREQUENT else ids for word, ids in postings.items()}
        by_length = _classes(_capped(list(map(len, texts))))
        by_set_length = _classes(_capped(set_lengths))
        # the per-name parts of the thresholds, bit-sliced (see best)
        self.ratio_floor = _sliced(by_length, ratio_cutoff / 100 * 2 ** _FINE)
        self.set_floor = _sliced(by_set_length, set_cutoff / 100 * 2 ** _FINE)
        #: S + 1 that suffices when the name is the shorter set
        self.share_floor = _sliced(by_set_length, self.share, 1)

    def _bits(self, ids: list[int]) -> int:
        packed = bytearray((len(self.texts) + 7) // 8)
        for index in ids:
            packed[index >> 3] |= 1 << (index & 7)
        return int.from_bytes(packed, "little")

    def _word(self, word: str) -> int:
        ids = self.words.get(word, 0)
        return ids if isinstance(ids, int) else self._bits(ids)

    def best(self, query: str, window: int) -> tuple[list[tuple[float, int]], list[tuple[float, int]]]:
        """The ``window`` best names by ``ratio`` and by ``token_set_ratio``, as rapidfuzz ranks all names.

        Parameters
        ----------
        query : str
            The query, in this column's form (non-empty).
        window : int
            How many names to keep per scorer.

        Returns
        -------
        tuple of (list of (float, int), list of (float, int))
            (score, index) of the names reaching each scorer's cutoff, best score first, then lowest index.
        """
        full = self.full
        held: list[int] = []  # per (character, k) of the query: the names holding it at least k times
        for char in set(query):
            levels = self.chars.get(ord(char), [])
            wanted = query.count(char)
            held += levels[:wanted]
            if wanted > len(levels) == _CAP:  # counts were capped: assume the name holds enough
                held += [levels[-1]] * (wanted - _CAP)
        scaled = [0] * (_FINE + 1) + _count([held])  # common(query, name) * 2 ** (_FINE + 1)
        # ceil(x + y) >= ceil(x) + floor(y): the per-name part is precomputed, the query's added here
        part = floor(self.ratio_cutoff / 100 * len(query) * 2 ** _FINE - _EPS)
        by_ratio = _at_least(scaled, _plus(self.ratio_floor, part, full), full)
        words = set(query.split())
        joined = len(" ".join(words))
        # the query's full character counts bound those of its distinct words: the bound stays valid
        part = floor(self.set_cutoff / 100 * joined * 2 ** _FINE - _EPS)
        by_set = _at_least(scaled, _plus(self.set_floor, part, full), full)
        weighted: list[list[int]] = []  # bitsets of the names sharing each word, by bit of len(word) + 1
        for word in words:
            bits = self._word(word)
            weight = len(word) + 1
            for level in range(weight.bit_length() if bits else 0):
                if weight >> level & 1:
                    weighted.extend([] for _ in range(level + 1 - len(weighted)))
                    weighted[level].append(bits)
        if weighted:
            shared = _count(weighted)  # S + 1 where a word is shared, else 0
            need = _plus([], ceil(self.share * joined - _EPS) + 1, full)
            by_set |= _at_least(shared, need, full) | _at_least(shared, self.share_floor, full)
        return (self._rank(query, fuzz.ratio, self.ratio_cutoff, by_ratio, window),
                self._rank(query, fuzz.token_set_ratio, self.set_cutoff, by_set, window))

    def _rank(self, query: str, scorer: Callable[..., float], cutoff: float, bits: int,
              window: int) -> list[tuple[float, int]]:
        """(score, index) of the ``window`` best names in ``bits``, in rapidfuzz's order."""
        subset = _positions(bits)
        found = process.extract(query, list(map(self.texts.__getitem__, subset)), scorer=scorer, limit=window,
                                score_cutoff=cutoff)
        return [(score, subset[position]) for _, score, position in found]


#: A hit before it is built: score, through a generated variant?, name index, entity, ambiguous.
