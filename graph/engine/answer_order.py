"""Relations in the order answers list them, grouped by entity as arrays.

Answers list relations by (start day, type, id) (see :func:`~jkg.graph.queries.entities.sort_relations`).
Keeping every relation's position in that order, grouped by subject and by object in numpy arrays,
finds an entity's relations, or every relation among a large set of entities, already in order:
without sorting, and without a Python step per relation looked at.

Examples
--------
>>> from jkg.graph.dataset.model import Relation
>>> rels = [Relation("r1", "memberOf", "a", "b", "confirmed", ("s",)),
...         Relation("r2", "allyOf", "b", "c", "confirmed", ("s",))]
>>> order = AnswerOrder(rels, ["a", "b", "c"])
>>> order.of("b").tolist(), order.among(["a", "b"])[1].tolist()
([0, 1], [0])
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from jkg.graph.dataset.model import Relation

__all__ = ["AnswerOrder", "Grouped"]

#: By subject: where each entity's group starts, the positions, the objects' numbers; by object: starts, positions.
Grouped = tuple[tuple[np.ndarray, np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


class AnswerOrder:
    """Relations in answer order, and entities numbered by their place among the sorted ids.

    Parameters
    ----------
    relations : list of Relation
        Every relation, in answer order; a relation's position is its index here.
    ids : list of str
        Every entity id, sorted; an entity's number is its index here.
    grouped : Grouped, optional
        What :attr:`grouped` gave for the same relations and ids (kept in a cache), instead of grouping again.
    """

    def __init__(self, relations: list[Relation], ids: list[str], grouped: Grouped | None = None) -> None:
        self.relations = relations
        self.ids = ids
        self.numbers = {ident: i for i, ident in enumerate(ids)}
        self.grouped: Grouped = grouped if grouped is not None else self._group()

    def _group(self) -> Grouped:
        number, count = self.numbers, len(self.relations)
        subjects = np.fromiter((number[rel.subject] for rel in self.relations), np.int32, count)
        objects = np.fromiter((number[rel.object] for rel in self.relations), np.int32, count)
        starts, positions = _grouped(subjects, len(self.ids))
        return (starts, positions, objects[positions]), _grouped(objects, len(self.ids))

    def of(self, ident: str) -> np.ndarray:
        """The positions of the relations of an entity (subject or object), ascending.

        Raises
        ------
        KeyError
            If no entity has this id.
        """
        k = self.numbers[ident]
        (starts, positions, _), (in_starts, in_positions) = self.grouped
        return np.union1d(positions[starts[k]:starts[k + 1]], in_positions[in_starts[k]:in_starts[k + 1]])

    def among(self, nodes: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
        """The numbers of the entities given, ascending, and the positions of every relation between two of
        them, ascending.

        Raises
        ------
        KeyError
            If an id is not an entity's.
        """
        chosen = np.zeros(len(self.ids), dtype=bool)
        chosen[list(map(self.numbers.__getitem__, nodes))] = True
        picked = np.flatnonzero(chosen)
        starts, positions, objects = self.grouped[0]
        first, sizes = starts[picked], starts[picked + 1] - starts[picked]
        # the index of every relation of the chosen subjects: each subject's range, laid end to end
        ranges = np.repeat(first - (np.cumsum(sizes) - sizes), sizes) + np.arange(sizes.sum())
        return picked, np.sort(positions[ranges[chosen[objects[ranges]]]])


def _grouped(keys: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The positions of ``keys`` grouped by key (0 to ``count`` - 1), ascending within a key, and where each
    key's group starts (``starts[k]:starts[k + 1]``)."""
    positions = np.argsort(keys, kind="stable").astype(np.int32)
    return np.searchsorted(keys[positions], np.arange(count + 1)).astype(np.int64), positions
