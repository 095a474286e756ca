"""Views of entities and relations: built once per graph, shared by answers, frozen, and the same as built anew."""

from __future__ import annotations

import dataclasses
import itertools
import random

import networkx as nx
import pytest
from pydantic import BaseModel, PrivateAttr, ValidationError

from jkg.graph import queries
from jkg.graph.dataset.model import Dataset, Relation
from jkg.graph.engine.dates import PartialDate, Span, order_key
from jkg.graph.engine.temporal import TemporalGraph, build_graph
from jkg.graph.engine.viewmaker import ViewMaker
from jkg.graph.engine.views import EntityRef, RelationView, assemble
from jkg.graph.pipeline import load_graph
from jkg.graph.queries import network
from jkg.graph.queries.entities import sort_relations


@pytest.fixture(scope="module")
def tg() -> TemporalGraph:
    return load_graph()


def built_anew(tg: TemporalGraph, rel: Relation, span: Span | None = None) -> RelationView:
    """The view as validated from scratch (how views were built before they were shared)."""
    entity = {i: tg.entities[i] for i in (rel.subject, rel.object)}
    grading = f"{rel.reliability}{rel.credibility}" if rel.reliability and rel.credibility else None
    return RelationView(
        id=rel.id, type=rel.type, label=tg.schema.relation_types[rel.type].label,
        symmetric=tg.schema.relation_types[rel.type].symmetric,
        subject=EntityRef(id=rel.subject, name=entity[rel.subject].name, type=entity[rel.subject].type),
        object=EntityRef(id=rel.object, name=entity[rel.object].name, type=entity[rel.object].type),
        start=str(rel.start) if rel.start else None, end=str(rel.end) if rel.end else None,
        start_note=rel.start_note, status=rel.status, sources=list(rel.sources), grading=grading,
        qualifiers=dict(rel.qualifiers), note=rel.note,
        valid=None if span is None or span.everything else tg.validity(rel, span),
    )


def answer_order(view: RelationView) -> tuple[tuple[int, int], str, str]:
    """What answers sort relations by: the start's days (earliest, then latest; unknown first), type, id."""
    return order_key(PartialDate.parse(view.start) if view.start else None), view.type, view.id


def same(a: BaseModel, b: BaseModel) -> bool:
    """Equal, serialized alike, with the same fields set and the same field order."""
    return (a == b and a.model_dump_json() == b.model_dump_json() and a.model_fields_set == b.model_fields_set
            and list(a.__dict__) == list(b.__dict__))


@pytest.mark.parametrize("at", [None, "1995", "2007", "2013", "2020-06"])
def test_every_view_is_the_one_built_anew(tg: TemporalGraph, at: str | None) -> None:
    span = Span.of(at)
    for rel in tg.relations.values():
        assert same(tg.views.relation_view(rel, span), built_anew(tg, rel, span)), rel.id


def test_views_and_refs_are_built_once_and_shared(tg: TemporalGraph) -> None:
    rel = tg.relations[next(iter(tg.relations))]
    assert tg.views.ref(rel.subject) is tg.views.ref(rel.subject) is tg.views.relation_view(rel).subject
    assert tg.views.relation_view(rel) is tg.views.relation_view(rel) is tg.views.relation_view(rel, Span.of(None))
    dated = [r for r in tg.relations.values() if tg.validity(r, Span.of("2013")) is not None]
    assert dated
    for r in dated:
        assert tg.views.relation_view(r, Span.of("2013")) is tg.views.relation_view(r, Span.of("2013"))


def test_dated_views_carry_their_validity_and_share_the_rest(tg: TemporalGraph) -> None:
    rel = tg.relations["leaderOf--abdelmalek-droukdel--aqim--emir--2007-01"]  # 2007-01 to 2020-06-03
    undated = tg.views.relation_view(rel)
    certain = tg.views.relation_view(rel, Span.of("2013"))
    possible = tg.views.relation_view(rel, Span.of("2020"))
    assert (undated.valid, certain.valid, possible.valid) == (None, "certain", "possible")
    for view in (certain, possible):
        assert view.model_dump(exclude={"valid"}) == undated.model_dump(exclude={"valid"})
        assert view.subject is undated.subject and view.sources is undated.sources
    assert tg.views.dated_view(rel, "possible") is possible
    # a relation not valid during the span is flagged as no date was asked
    assert tg.views.relation_view(rel, Span.of("1990")) is undated


def test_a_shared_view_cannot_be_changed_for_later_answers(tg: TemporalGraph) -> None:
    detail = queries.get_entity(tg, "aqim")
    view = detail.relations[0]
    with pytest.raises(ValidationError):
        view.status = "refuted"
    with pytest.raises(ValidationError):
        view.valid = "certain"
    with pytest.raises(ValidationError):
        view.subject.name = "renamed"
    with pytest.raises(ValidationError):
        tg.views.ref("aqim").name = "renamed"
    # a copy is a caller's own: changing it leaves the shared view as it was
    copy = view.model_copy(update={"status": "refuted"}, deep=True)
    copy.sources.append("mine")
    again = queries.get_entity(tg, "aqim")
    assert again == detail and again.relations[0] is view and view.status != "refuted"
    assert "mine" not in view.sources


def test_a_relation_of_another_graph_gets_its_own_view(tg: TemporalGraph) -> None:
    rel = next(iter(tg.relations.values()))
    shared = tg.views.relation_view(rel)
    changed = dataclasses.replace(rel, status="disputed" if rel.status != "disputed" else "confirmed")
    view = tg.views.relation_view(changed)
    assert view.status == changed.status and view is not shared
    assert tg.views.relation_view(rel) is shared and shared.status == rel.status


def test_answers_equal_those_built_anew(tg: TemporalGraph) -> None:
    span = Span.of("2013")
    snapshot = queries.snapshot(tg, "2013")
    expected = sorted((built_anew(tg, r, span) for r in tg.relations.values()
                       if r.status != "refuted" and tg.validity(r, span) is not None),
                      key=answer_order)
    assert [v.model_dump() for v in snapshot.edges] == [v.model_dump() for v in expected]
    ids = sorted({v.subject.id for v in expected} | {v.object.id for v in expected})
    assert [n.id for n in snapshot.nodes] == ids
    for ident in tg.entities:
        detail = queries.get_entity(tg, ident)
        assert [v.model_dump() for v in detail.relations] == [
            v.model_dump() for v in sorted((built_anew(tg, r) for r in tg.edges(ident)), key=answer_order)], ident


def test_edges_in_the_order_networkx_lists_them(tg: TemporalGraph) -> None:
    for ident in itertools.islice(tg.entities, 40):
        out = [rel for _, _, rel in tg.graph.out_edges(ident, data="rel")]
        into = [rel for _, _, rel in tg.graph.in_edges(ident, data="rel")]
        assert list(tg.edges(ident, "out")) == out
        assert list(tg.edges(ident, "in")) == into
        assert list(tg.edges(ident)) == out + [r for r in into if r.subject != r.object]


def test_paths_are_the_first_shortest_paths_in_order(tg: TemporalGraph) -> None:
    undirected = nx.Graph()
    undirected.add_nodes_from(tg.entities)
    undirected.add_edges_from((r.subject, r.object) for r in tg.relations.values() if r.status != "refuted")
    hubs = sorted(tg.entities, key=lambda i: -undirected.degree(i))[:8]
    for a, b in itertools.permutations(hubs, 2):
        found = [[n.id for n in p.nodes] for p in queries.paths(tg, a, b, max_hops=6, limit=3)]
        assert found == sorted(nx.all_shortest_paths(undirected, a, b))[:3]


def test_assemble_builds_what_validation_builds() -> None:
    values = {"id": "aqim", "name": "al-Qaeda in the Islamic Maghreb", "type": "MilitantGroup"}
    assert same(assemble(EntityRef, dict(values)), EntityRef(**values))

    class Private(BaseModel):
        x: int
        _secret: int = PrivateAttr(0)

    with pytest.raises(TypeError):
        assemble(Private, {"x": 1})


def test_asserted_neighbors_skip_entities_linked_only_by_refuted_relations(tg: TemporalGraph) -> None:
    refuted = [r for r in tg.relations.values() if r.status == "refuted"]
    assert refuted, "the seed data should hold a refuted relation"
    keep = network._edge_filter(tg, Span.of(None), None)
    for ident in tg.entities:
        expected = {r.object if r.subject == ident else r.subject for r in tg.edges(ident) if r.status != "refuted"}
        assert network._neighbors(tg, ident, keep) == expected, ident
        linked = {r.object if r.subject == ident else r.subject for r in tg.edges(ident)}
        assert tg.refuted_only(ident) == linked - expected


def test_asserted_relations_in_answer_order(tg: TemporalGraph) -> None:
    bounds, ordered = tg.in_order.asserted_in_order()
    expected = sort_relations(tg.views.relation_view(r) for r in tg.relations.values() if r.status != "refuted")
    assert [r.id for r in ordered] == [v.id for v in expected]
    assert bounds == [tg.intervals[r.id].bounds() for r in ordered]


def test_sort_relations_keeps_its_order() -> None:
    def view(ident: str, start: str | None, rtype: str) -> RelationView:
        ref = EntityRef(id="a", name="A", type="Person")
        return RelationView(id=ident, type=rtype, label=rtype, subject=ref, object=ref, start=start,
                            status="confirmed", sources=[])

    views = [view(f"r{i}", start, rtype) for i, (start, rtype) in enumerate(itertools.product(
        [None, "", "2007", "2007-01", "2007~", "2013-05-02", "1999?"], ["memberOf", "leaderOf", "allyOf"]))]
    views += [view("r0", "2007", "memberOf"), view("r0", None, "memberOf")]
    # a NUL in a part would break the joined strings' order: the tuples are compared then
    strange = [view("a\0b", "2007", "memberOf"), view("a", "2007", "memberOf\0b"), view("a\x01", "2007", "memberOf")]
    for extra in ([], strange):
        for seed in range(5):
            shuffled = views + extra
            random.Random(seed).shuffle(shuffled)
            expected = sorted(shuffled, key=answer_order)
            assert [id(v) for v in sort_relations(shuffled)] == [id(v) for v in expected]


@pytest.mark.parametrize("among_from", [1, 10**9], ids=["arrays", "entity-by-entity"])
@pytest.mark.parametrize(("at", "types"), [(None, None), ("2013", None), (None, ["memberOf", "leaderOf"])])
def test_neighborhoods_equal_those_gathered_plainly(tg: TemporalGraph, at: str | None, types: list[str] | None,
                                                    among_from: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(network, "_AMONG_NODES", among_from)
    span = Span.of(at)

    def kept(r: Relation) -> bool:
        return (r.status != "refuted" and (types is None or r.type in types)
                and (at is None or tg.validity(r, span) is not None))

    for ident in ["aqim", "jnim", "gspc", "abdelmalek-droukdel", "tebessa"]:
        for depth in (1, 2):
            seen = {ident}
            frontier = {ident}
            for _ in range(depth):
                frontier = {r.object if r.subject == n else r.subject
                            for n in frontier for r in tg.edges(n) if kept(r)} - seen
                seen |= frontier
            # every case runs: max_nodes=5000 is never reached on the seed data (no BadParameterError to skip)
            found = queries.neighborhood(tg, ident, depth=depth, at=at, types=types, max_nodes=5000)
            expected = sorted((built_anew(tg, r, span) for r in tg.relations.values()
                               if r.subject in seen and r.object in seen and kept(r)),
                              key=answer_order)
            assert [n.id for n in found.nodes] == sorted(seen)
            assert [v.model_dump() for v in found.edges] == [v.model_dump() for v in expected]


def test_dated_views_beyond_the_cap_are_built_but_not_kept(tg: TemporalGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = dataclasses.replace(tg)  # the same data, caches empty
    monkeypatch.setattr(ViewMaker, "dated_views_cached", 3)
    span = Span.of("2013")
    rels = [r for r in fresh.relations.values() if fresh.validity(r, span) == "certain"][:10]
    views = [fresh.views.relation_view(r, span) for r in rels]
    assert len(fresh.views._views["certain"]) == 3 and len(fresh.views._views[None]) == len(rels)
    again = [fresh.views.relation_view(r, span) for r in rels]
    assert again == views and all(v.valid == "certain" for v in again)
    assert again[0] is views[0] and again[-1] is not views[-1]


def test_among_finds_every_relation_between_the_entities_in_answer_order(tg: TemporalGraph) -> None:
    rng = random.Random(7)
    ids = sorted(tg.entities)
    for size in (1, 2, 10, 40, len(ids) // 2, len(ids)):
        chosen = set(rng.sample(ids, size))
        refs, positions = tg.in_order.among(chosen)
        expected = sort_relations(tg.views.relation_view(r) for r in tg.relations.values()
                                  if r.subject in chosen and r.object in chosen)
        assert [ref.id for ref in refs] == sorted(chosen)
        assert [r.id for r in tg.in_order.relations_at(positions)] == [v.id for v in expected]
        assert tg.in_order.views_at(positions) == expected
        asserted = [v for v in expected if v.status != "refuted"]
        assert tg.in_order.views_at(positions, asserted=True) == asserted
        assert [r.id for r in tg.in_order.relations_at(positions, asserted=True)] == [v.id for v in asserted]
    with pytest.raises(KeyError):
        tg.in_order.among({"aqim", "no-such-entity"})


def test_the_graph_is_the_one_networkx_builds(tg: TemporalGraph) -> None:
    plain = nx.MultiDiGraph()
    plain.add_nodes_from(tg.entities)
    for rel in tg.relations.values():
        plain.add_edge(rel.subject, rel.object, key=rel.id, rel=rel)
    assert nx.utils.graphs_equal(tg.graph, plain)
    assert list(tg.graph.edges(keys=True, data=True)) == list(plain.edges(keys=True, data=True))
    assert list(tg.graph.in_edges(keys=True)) == list(plain.in_edges(keys=True))


def test_an_entity_lists_a_relation_with_itself_once(tg: TemporalGraph) -> None:
    rel = next(r for r in tg.relations.values() if r.type == "memberOf")
    loop = dataclasses.replace(rel, id="loop", object=rel.subject)
    graph = build_graph(Dataset(sources=list(tg.sources.values()), entities=list(tg.entities.values()),
                                relations=[*tg.relations.values(), loop]), tg.schema)
    found = [v.id for v in queries.get_entity(graph, rel.subject).relations]
    assert found.count("loop") == 1
    assert found == [v.id for v in sort_relations(graph.views.relation_view(r) for r in graph.edges(rel.subject))]


def test_prepare_builds_every_ref_and_view(tg: TemporalGraph) -> None:
    fresh = dataclasses.replace(tg).prepare()  # the same data, caches empty
    assert set(fresh.views._refs) == set(fresh.entities)
    assert {id(rel) for rel in fresh.relations.values()} <= set(fresh.views._views[None])


def test_one_list_of_source_fields() -> None:
    """A source's fields are declared once (the record); the API view, Neo4j and RDF follow that list."""
    from jkg.graph.dataset.model import SOURCE_FIELDS, SOURCE_TEXT_FIELDS
    from jkg.graph.dataset.rdf import SOURCE_PREDICATES
    from jkg.graph.engine.views import SourceView

    assert list(SourceView.model_fields) == list(SOURCE_FIELDS)
    assert set(SOURCE_PREDICATES) == set(SOURCE_TEXT_FIELDS)
