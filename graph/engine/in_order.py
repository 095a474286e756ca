"""Every relation in the order answers list them (start day, type, id), with the arrays that find an
entity's relations, or every relation among many entities, already in that order (see
:mod:`jkg.graph.engine.answer_order`), and the object arrays of their refs and views."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from jkg.graph.dataset.model import Relation
from jkg.graph.engine.answer_order import AnswerOrder, Grouped
from jkg.graph.engine.views import EntityRef, RelationView, sorted_by_parts

if TYPE_CHECKING:
    from collections.abc import Iterable

    from jkg.graph.engine.temporal import TemporalGraph

__all__ = ["InOrder", "answer_key"]


class InOrder:
    """The relations of one graph in answer order, grouped by entity.

    Parameters
    ----------
    tg : TemporalGraph
    relations : list of Relation, optional
        The graph's relations already in answer order (taken from a cache), instead of sorting them.
    grouped : Grouped, optional
        Their grouping by entity (taken from a cache), instead of grouping again.
    """

    def __init__(self, tg: TemporalGraph, relations: list[Relation] | None = None,
                 grouped: Grouped | None = None) -> None:
        self.tg = tg
        self.relations = relations if relations is not None else sorted_by_parts(
            list(tg.relations.values()), answer_key)
        self.order = AnswerOrder(self.relations, sorted(tg.entities), grouped)

    @cached_property
    def _asserted_in_order(self) -> tuple[list[tuple[int, int, int, int]], list[Relation]]:
        ordered = [rel for rel in self.relations if rel.status != "refuted"]
        return [self.tg._ordinals[rel.id] for rel in ordered], ordered

    def asserted_in_order(self) -> tuple[list[tuple[int, int, int, int]], list[Relation]]:
        """The relations not refuted, in the order answers list them, and their day bounds (see :meth:`validity`).

        The order is :func:`~jkg.graph.queries.entities.sort_relations`' (start day, type, id): a snapshot filters
        these by date in one pass and needs no sort. Built on first use.
        """
        return self._asserted_in_order

    def positions_of(self, ident: str) -> np.ndarray:
        """The positions in answer order of the relations of an entity (subject or object), ascending
        (see :meth:`views_at`).

        Raises
        ------
        KeyError
            If no entity has this id.
        """
        return self.order.of(ident)

    @cached_property
    def _arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """As object arrays, to be indexed by arrays of numbers: each entity's ref by number; each relation,
        its undated view, and whether it is asserted (not refuted), in answer order."""
        order = self.relations
        # fromiter stores each object as it is (assigning a list would probe every view as a sequence)
        relations = np.fromiter(order, object, len(order))
        views = np.fromiter(self.tg.views.relation_views(order), object, len(order))
        ids = self.order.ids
        refs = np.fromiter(self.tg.views.refs(ids), object, len(ids))
        asserted = np.fromiter((rel.status != "refuted" for rel in order), bool, len(order))
        return refs, relations, views, asserted

    def among(self, nodes: Iterable[str]) -> tuple[list[EntityRef], np.ndarray]:
        """The refs of the entities given, sorted by id, and the positions in answer order of every relation
        between two of them, ascending (see :meth:`relations_at`).

        Found with arrays, without a Python step per relation looked at: for large sets of entities.

        Raises
        ------
        KeyError
            If an id is not an entity's.
        """
        numbers, positions = self.order.among(nodes)
        return self._arrays[0][numbers].tolist(), positions

    def relations_at(self, positions: np.ndarray, asserted: bool = False) -> list[Relation]:
        """The relations at these positions in answer order (only those not refuted if ``asserted``)."""
        _, relations, _, kept = self._arrays
        found: list[Relation] = relations[positions[kept[positions]] if asserted else positions].tolist()
        return found

    def views_at(self, positions: np.ndarray, asserted: bool = False) -> list[RelationView]:
        """The undated views of :meth:`relations_at`."""
        _, _, views, kept = self._arrays
        found: list[RelationView] = views[positions[kept[positions]] if asserted else positions].tolist()
        return found


def answer_key(rel: Relation) -> tuple[str, str, str]:
    """What answers sort relations by (see :func:`~jkg.graph.queries.entities.sort_relations`), on a relation:
    the start's day bounds (:func:`~jkg.graph.engine.dates.order_text`), then type, then id."""
    return rel.start.order_text if rel.start is not None else "", rel.type, rel.id  # order_text(rel.start), inlined
