"""The views answers are made of: entity refs, relation views (undated and dated), names and
sources, each built once and shared.

Answers are mostly views of entities and relations (building them was most of a
neighborhood's or a snapshot's time). The graph does not change once built and the views
are frozen, so each is built once, when first asked for, and shared by every later
answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from jkg.graph.dataset.model import SOURCE_FIELDS, Entity, Relation, Source
from jkg.graph.engine.dates import Span, Validity
from jkg.graph.engine.views import EntityRef, NameView, RelationView, SourceView, assemble

if TYPE_CHECKING:
    from jkg.graph.engine.temporal import TemporalGraph

__all__ = ["ViewMaker", "name_views", "source_view"]

#: The qualifiers of a view of a relation without any, shared (views are frozen; see RelationView).
_NO_QUALIFIERS: dict[str, str] = {}


class ViewMaker:
    """Builds, caches and shares the views of one graph's records."""

    def __init__(self, tg: TemporalGraph) -> None:
        self.tg = tg
        #: entity id -> its ref, as built so far
        self._refs: dict[str, EntityRef] = {}
        #: validity -> ``id()`` of a relation -> its view flagged so (None: undated), as built so far. Keyed by
        #: identity, the cheapest lookup: relations are frozen, and each relation cached is kept (in
        #: ``_viewed``), so that its ``id()`` names it for as long as the graph lives.
        self._views: dict[Validity | None, dict[int, RelationView]] = {None: {}, "certain": {}, "possible": {}}
        #: the relations whose views are cached (the graph's own, but for callers passing others)
        self._viewed: list[Relation] = []

    #: At most this many views flagged certain, and as many flagged possible, are kept: they are kept for the
    #: dates asked about, and keeping them all would double what the undated views (one per relation) take.
    dated_views_cached: ClassVar[int] = 300_000

    @cached_property
    def _type_labels(self) -> dict[str, tuple[str, str, bool]]:
        """Relation type -> its name, label and whether it is symmetric, as views show them."""
        types = self.tg.schema.relation_types
        return {name: (rtype.name, rtype.label, rtype.symmetric) for name, rtype in types.items()}

    def ref(self, ident: str) -> EntityRef:
        """The entity as a ref: one shared, frozen object per entity.

        Raises
        ------
        KeyError
            If no entity has this id.
        """
        found = self._refs.get(ident)
        if found is None:
            entity = self.tg.entities[ident]
            found = self._refs[ident] = assemble(EntityRef, {"id": entity.id, "name": entity.name, "type": entity.type})
        return found

    def refs(self, idents: Iterable[str]) -> list[EntityRef]:
        """:meth:`ref` of each id."""
        built = self._refs
        return [built.get(ident) or self.ref(ident) for ident in idents]

    def relation_views(self, rels: Iterable[Relation], span: Span | None = None) -> list[RelationView]:
        """:meth:`relation_view` of each relation (for large answers: without a call per relation when no date
        is asked)."""
        if span is None or span.everything:
            built = self._views[None]
            return [built.get(id(rel)) or self.dated_view(rel, None) for rel in rels]
        return [self.relation_view(rel, span) for rel in rels]

    def relation_view(self, rel: Relation, span: Span | None = None) -> RelationView:
        """The relation as a fact, flagged with its validity during ``span`` when one is given.

        Parameters
        ----------
        rel : Relation
        span : Span, optional
            The span asked about; none (or all time) leaves ``valid`` null.

        Returns
        -------
        RelationView
            Shared and frozen (see :meth:`dated_view`).
        """
        return self.dated_view(rel, None if span is None or span.everything else self.tg.validity(rel, span))

    def dated_view(self, rel: Relation, valid: Validity | None) -> RelationView:
        """The relation's view with ``valid`` as given, for callers that computed the validity already.

        A relation gets one shared, frozen view per ``valid``, built on first use; a dated view shares
        everything but ``valid`` with the undated one.
        """
        views = self._views[valid]
        found = views.get(id(rel))
        if found is not None:
            return found
        if valid is None:
            type_name, label, symmetric = self._type_labels[rel.type]
            # the graph's data is validated: assembling skips revalidating every field of every view; a type,
            # a date or an empty qualifier map is one object, shared by the views that show it
            refs = self._refs
            found = assemble(RelationView, {
                "id": rel.id, "type": type_name, "label": label, "symmetric": symmetric,
                "subject": refs.get(rel.subject) or self.ref(rel.subject),
                "object": refs.get(rel.object) or self.ref(rel.object),
                "start": rel.start.text if rel.start else None,
                "end": rel.end.text if rel.end else None,
                "start_note": rel.start_note, "status": rel.status, "sources": list(rel.sources),
                "grading": f"{rel.reliability}{rel.credibility}" if rel.reliability and rel.credibility else None,
                "qualifiers": dict(rel.qualifiers) if rel.qualifiers else _NO_QUALIFIERS, "note": rel.note,
                "valid": None,
            })
        else:
            values = self.dated_view(rel, None).__dict__.copy()
            values["valid"] = valid
            found = assemble(RelationView, values)
        if valid is None:
            self._viewed.append(rel)
            views[id(rel)] = found
        elif len(views) < self.dated_views_cached:
            views[id(rel)] = found  # the undated view, cached first, keeps the relation
        return found

    def name_views(self, entity: Entity) -> list[NameView]:
        return name_views(entity)

    def source_view(self, source: Source) -> SourceView:
        return source_view(source)


def name_views(entity: Entity) -> list[NameView]:
    """The views of an entity's names, in its order (for every store)."""
    return [
        NameView(text=n.text, kind=n.kind, lang=n.lang, script=n.script, sources=list(n.sources),
                 start=str(n.start) if n.start else None, end=str(n.end) if n.end else None,
                 shared_reason=n.shared_reason)
        for n in entity.names
    ]


def source_view(source: Source) -> SourceView:
    """The view of a source (for every store)."""
    return SourceView.model_validate({**{key: getattr(source, key) for key in SOURCE_FIELDS},
                                      "date": str(source.date)})
