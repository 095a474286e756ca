"""The store contract: what every backend answers on the seed data.

One suite, parametrized over the stores (``store`` fixture in ``tests/conftest.py``);
each backend must pass it unchanged.
"""

from __future__ import annotations

import pytest

from jkg.graph.exceptions import BadDateError, BadParameterError, NotFoundError
from jkg.graph.store import Store

# -- entities and names ----------------------------------------------------------


def test_entity_carries_names_identifiers_and_sourced_relations(store: Store) -> None:
    aqim = store.entity("aqim")
    assert (aqim.type, aqim.labels) == ("MilitantGroup", ["Organization", "MilitantGroup"])
    assert aqim.identifiers["un_sanctions"] == "QDe.014"
    kinds = {n.text: n.kind for n in aqim.names}
    assert kinds["AQMI"] == "acronym" and kinds["al-Qaeda in the Islamic Maghreb"] == "preferred"
    assert all(n.sources for n in aqim.names)
    assert aqim.relations and all(r.sources and r.status for r in aqim.relations)
    assert any(r.type == "successorOf" and r.object.id == "gspc" and r.start == "2007-01" for r in aqim.relations)


@pytest.mark.parametrize(("query", "expected", "kind"), [
    ("Okacha", "djamel-okacha", None),
    ("Oukacha", "djamel-okacha", "transliteration"),
    ("Jamal Oukacha", "djamel-okacha", "transliteration"),
    ("Tebessa", "tebessa", "preferred"),
    ("Droukdal", "abdelmalek-droukdel", None),
    ("Abdel Wadoud", "abdelmalek-droukdel", "kunya"),
    ("Abou el Hammam", "djamel-okacha", "kunya"),
    ("AQMI", "aqim", "acronym"),
    ("GSIM", "jnim", "acronym"),
    ("MOJWA", "mujao", "acronym"),
    ("Okba Ibn Nafaa", "uqba-ibn-nafi", None),
    ("Koufa", "amadou-kouffa", None),
    ("Kouffa", "amadou-kouffa", None),
    ("Abu Zayd", "abdelhamid-abou-zeid", None),
    ("front islamique du salut", "fis", None),
])
def test_search_finds_names_aliases_and_variants(store: Store, query: str, expected: str, kind: str | None) -> None:
    top = store.search(query)[0]
    assert top.id == expected, store.search(query)[:3]
    if kind is not None:
        assert top.matched_kind == kind
    assert 0 < top.score <= 100


def test_search_says_which_name_matched_and_its_source(store: Store) -> None:
    hit = store.search("Abou el Hammam")[0]
    assert hit.matched_kind == "kunya" and "Hammam" in hit.matched
    assert hit.matched_sources


def test_search_filters_by_type_including_subclasses(store: Store) -> None:
    hits = store.search("Okacha", types=["Person"])
    assert {h.type for h in hits} == {"Person"}
    assert {h.type for h in store.search("al-Qaeda", types=["Organization"])} <= {
        "MilitantGroup", "BranchOrAffiliate", "SubUnit", "PoliticalMovement", "StateBody", "MilitaryOperation"}


def test_generated_variant_never_outranks_a_sourced_name(store: Store) -> None:
    for query in ("Okacha", "Abu Zayd", "Droukdal", "Koufa", "Oukacha", "Abou Zeid", "Bouteflika", "Uqba"):
        hits = store.search(query, limit=20)
        for i, hit in enumerate(hits):
            for later in hits[i + 1:]:
                assert not (hit.matched_kind == "generated" and later.matched_kind != "generated"
                            and later.score >= hit.score), (query, hit, later)
        assert all(h.score <= 95 for h in hits if h.matched_kind == "generated")


def test_weak_alias_never_decides_alone(store: Store) -> None:
    hits = [h for h in store.search("Toufik") if h.matched_kind == "weakAlias"]
    assert [h.id for h in hits] == ["mohamed-mediene"]
    assert hits[0].ambiguous


# -- relations and time ------------------------------------------------------------


def test_relations_filtered_by_type_direction_and_date(store: Store) -> None:
    rels = store.relations("abdelmalek-droukdel", types=["leaderOf"], direction="out", at="2013")
    assert [(r.object.id, r.qualifiers.get("post"), r.valid) for r in rels] == [("aqim", "emir", "certain")]
    assert store.relations("abdelmalek-droukdel", types=["leaderOf"], at="2021") == []
    inbound = store.relations("gspc", types=["successorOf"], direction="in")
    assert [(r.subject.id, r.object.id, r.start) for r in inbound] == [("aqim", "gspc", "2007-01")]
    assert store.relations("aqim", types=["successorOf"], direction="in") == []


def test_symmetric_relations_answer_both_ways(store: Store) -> None:
    # the data states "mujao alliedWith aqim": alliedWith is symmetric, so aqim is allied with mujao too
    expected = sorted((r.type, r.subject.id, r.object.id, r.symmetric)
                      for r in store.relations("aqim", types=["alliedWith"], direction="both"))
    assert {("alliedWith", "ansar-dine", "aqim", True), ("alliedWith", "mujao", "aqim", True)} <= set(expected)
    assert all(symmetric for *_, symmetric in expected)
    for direction in ("out", "in"):
        rels = store.relations("aqim", types=["alliedWith"], direction=direction)
        assert sorted((r.type, r.subject.id, r.object.id, r.symmetric) for r in rels) == expected, direction
    assert store.relations("mujao", types=["alliedWith"], direction="in")[0].object.id == "aqim"
    # a directed type stays one way: aqim is gspc renamed, not the reverse
    assert [(r.subject.id, r.symmetric) for r in store.relations("gspc", types=["successorOf"], direction="in")] == [
        ("aqim", False)]
    assert store.relations("gspc", types=["successorOf"], direction="out") == []
    allied = [r for r in store.entity("aqim").relations if r.type == "alliedWith"]
    assert {"ansar-dine", "mujao"} <= {r.subject.id for r in allied} and all(r.symmetric for r in allied)
    assert {r.id for r in allied} == {r.id for r in store.relations("aqim", types=["alliedWith"])}
    assert {"ansar-dine", "mujao"} <= {r.subject.id for r in store.affiliations("aqim", at="2012")}


def test_partial_date_validity_is_flagged(store: Store) -> None:
    rels = store.relations("abdelmalek-droukdel", types=["leaderOf"], at="2020")
    assert [(r.object.id, r.valid) for r in rels] == [("aqim", "possible")]


def test_between_dates(store: Store) -> None:
    rels = store.relations("aqim", types=["leaderOf"], direction="in", start="2019", end="2021")
    assert {r.subject.id for r in rels} >= {"abdelmalek-droukdel", "abu-ubaydah-yusuf-al-annabi"}


# -- leadership and succession -------------------------------------------------------


def test_leaders_as_of_a_year(store: Store) -> None:
    emirs = [r.subject.id for r in store.leaders("aqim", at="2013") if r.qualifiers.get("post") == "emir"]
    assert emirs == ["abdelmalek-droukdel"]
    assert "iyad-ag-ghaly" in [r.subject.id for r in store.leaders("jnim", at="2018")]


def test_aqim_succession_follows_the_gspc_renaming(store: Store) -> None:
    chain = store.succession("aqim")
    assert chain.post == "emir"
    assert [o.id for o in chain.organizations] == ["gspc", "aqim"]
    assert [h.person.id for h in chain.holders] == [
        "hassan-hattab", "nabil-sahraoui", "abdelmalek-droukdel", "abu-ubaydah-yusuf-al-annabi"]
    droukdel = chain.holders[2]
    assert droukdel.organizations == ["gspc", "aqim"]
    assert (droukdel.start, droukdel.end) == ("2004-07", "2020-06-03")
    assert droukdel.predecessor is not None and droukdel.predecessor.id == "nabil-sahraoui"
    assert droukdel.successor is not None and droukdel.successor.id == "abu-ubaydah-yusuf-al-annabi"
    annabi = chain.holders[3]
    assert annabi.stated and annabi.gap_before and not annabi.overlap_before
    assert annabi.sources and annabi.status == "confirmed"
    # asked from the old name, the same chain
    assert [h.person.id for h in store.succession("gspc").holders] == [h.person.id for h in chain.holders]


def test_other_successions(store: Store) -> None:
    emirate = [h.person.id for h in store.succession("aqim-sahara-emirate").holders]
    assert emirate.index("djamel-okacha") < emirate.index("talha-al-libi") == len(emirate) - 1
    assert [h.person.id for h in store.succession("drs", "head").holders] == ["mohamed-mediene", "athmane-tartag"]
    jnim = store.succession("jnim", "deputyEmir")
    # after Okacha (killed 2019), the sources disagree on JNIM's number two: both versions stay, disputed
    assert [h.person.id for h in jnim.holders] == ["djamel-okacha", "ali-maychou", "sedane-ag-hita"]
    assert [h.status for h in jnim.holders][1:] == ["disputed", "disputed"]


def test_a_holder_who_came_back_holds_two_steps(store: Store) -> None:
    chain = store.succession("iswap")
    barnawi = [h for h in chain.holders if h.person.id == "abu-musab-al-barnawi"]
    assert [(h.start, h.end) for h in barnawi] == [("2016-08", "2019-03-04"), ("2021-05", "2021-08~")]
    assert [h.predecessor.id for h in barnawi if h.predecessor] == ["abubakar-shekau", "ba-lawan"]
    posts = [p for p in store.person_succession("abu-musab-al-barnawi") if p.organization.id == "iswap"]
    assert [(p.start, p.predecessor.id if p.predecessor else None) for p in posts] == [
        ("2016-08", "abubakar-shekau"), ("2021-05", "ba-lawan")]


def test_the_default_post_is_the_top_one_held(store: Store) -> None:
    # JNIM and the ISGS name commanders more often than emirs: the emir (rank 1) is still the default
    assert store.succession("jnim").post == "emir" and store.succession("isgs").post == "emir"
    assert [h.person.id for h in store.succession("jnim").holders] == ["iyad-ag-ghaly"]


def test_person_succession(store: Store) -> None:
    posts = {(p.post, p.organization.id): p for p in store.person_succession("abdelmalek-droukdel")}
    emir = posts[("emir", "aqim")]
    assert emir.predecessor is not None and emir.predecessor.id == "nabil-sahraoui"
    assert emir.successor is not None and emir.successor.id == "abu-ubaydah-yusuf-al-annabi"


# -- lineage and affiliations --------------------------------------------------------


def test_lineage_of_aqim(store: Store) -> None:
    family = store.lineage("aqim")
    assert [o.id for o in family.predecessors] == ["gspc"]
    assert "mujao" in [o.id for o in family.splinters]
    assert "al-qaeda" in [o.id for o in family.parents]
    nodes = {n.id for n in family.graph.nodes}
    assert {"gia", "gspc", "aqim", "mujao", "al-mourabitoun", "isgs", "jnim"} <= nodes
    assert all(e.start or e.start_note for e in family.graph.edges)


def test_what_merged_into_jnim(store: Store) -> None:
    family = store.lineage("jnim")
    assert {o.id for o in family.merged_from} == {
        "ansar-dine", "katiba-macina", "al-mourabitoun", "aqim-sahara-emirate"}
    merges = [e for e in family.graph.edges if e.type == "mergedInto" and e.object.id == "jnim"]
    assert {e.start for e in merges} == {"2017-03-02"}


def test_splits(store: Store) -> None:
    assert [o.id for o in store.lineage("gspc").splintered_from] == ["gia"]
    assert [o.id for o in store.lineage("isgs").splintered_from] == ["al-mourabitoun"]
    assert [o.id for o in store.lineage("mti").successors] == ["ennahda"]


def test_affiliations_as_of_a_date(store: Store) -> None:
    def partners(org: str, at: str) -> set[str]:
        return {r.object.id for r in store.affiliations(org, at=at) if r.subject.id == org}

    assert "aqim" in partners("al-mourabitoun", "2016")
    assert "aqim" not in partners("al-mourabitoun", "2014")
    assert "al-qaeda" in partners("jnim", "2018")


# -- network ------------------------------------------------------------------------


def test_shortest_path(store: Store) -> None:
    found = store.paths("gspc", "aqim")
    assert [n.id for n in found[0].nodes] == ["gspc", "aqim"]
    assert found[0].steps[0].relations[0].type == "successorOf"
    assert store.paths("gia", "jnim", max_hops=1) == []
    longer = store.paths("hassan-hattab", "iyad-ag-ghaly", max_hops=6)
    assert longer and all(len(p.nodes) == len(longer[0].nodes) for p in longer)


def test_path_as_of_a_date_ignores_later_relations(store: Store) -> None:
    assert store.paths("iyad-ag-ghaly", "jnim", at="2010") == []
    assert store.paths("iyad-ag-ghaly", "jnim", at="2018")


def test_neighborhood(store: Store) -> None:
    hood = store.neighborhood("aqim", depth=1)
    ids = {n.id for n in hood.nodes}
    assert {"aqim", "gspc", "abdelmalek-droukdel"} <= ids
    assert all(e.subject.id in ids and e.object.id in ids for e in hood.edges)
    # al-Annabi is linked to AQIM only by his emirate from 2020: in the neighborhood of all time, not of 2008
    assert "abu-ubaydah-yusuf-al-annabi" in ids
    early = store.neighborhood("aqim", depth=1, at="2008")
    early_ids = {n.id for n in early.nodes}
    assert "aqim" in early_ids and "abu-ubaydah-yusuf-al-annabi" not in early_ids and early_ids < ids
    assert early.edges and all(e.valid in ("certain", "possible") for e in early.edges)


def test_timeline(store: Store) -> None:
    items = store.timeline("djamel-okacha")
    assert any(i.kind == "event" and i.date == "2019-02-21" for i in items)
    dates = [i.date for i in items]
    assert dates == sorted(dates, key=lambda d: d.rstrip("~"))
    assert store.timeline("djamel-okacha", start="2020") == []


def test_snapshot_and_centrality(store: Store) -> None:
    ids_2018 = {n.id for n in store.snapshot("2018").nodes}
    assert "jnim" in ids_2018 and "jnim" not in {n.id for n in store.snapshot("2010").nodes}
    ranked = store.centrality(at="2018", types=["Organization"], limit=3)
    assert len(ranked) == 3 and ranked[0].degree >= ranked[1].degree >= ranked[2].degree


def test_changes(store: Store) -> None:
    found = store.changes("2012", "2018", around="aqim")
    assert any(r.type == "mergedInto" and r.object.id == "jnim" and r.start == "2017-03-02" for r in found.began)
    assert "jnim" in {e.id for e in found.entities_began}
    assert found == store.changes("2012", "2018", around="aqim", depth=1)
    everything = store.changes("2012", "2018")
    assert {r.id for r in found.began} <= {r.id for r in everything.began}


# -- sources ------------------------------------------------------------------------


def test_sources(store: Store) -> None:
    ids = [s.id for s in store.sources()]
    assert "jamestown-tm-17-12" in ids and ids == sorted(ids)
    article = store.source("jamestown-tm-17-12")
    assert article.publisher == "The Jamestown Foundation" and article.date == "2019-06"
    assert len(article.relations) > 10 and article.entities


# -- errors -------------------------------------------------------------------------


def test_unknown_ids_raise_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no-such-group"):
        store.entity("no-such-group")
    with pytest.raises(NotFoundError):
        store.source("no-such-source")
    with pytest.raises(NotFoundError):
        store.succession("no-such-group")


@pytest.mark.parametrize(("call", "error"), [
    (lambda s: s.relations("aqim", at="2019-02-30"), BadDateError),
    (lambda s: s.relations("aqim", at="yesterday"), BadDateError),
    (lambda s: s.relations("aqim", types=["leadOf"]), BadParameterError),
    (lambda s: s.relations("aqim", direction="sideways"), BadParameterError),
    (lambda s: s.search(""), BadParameterError),
    (lambda s: s.search("aqim", limit=0), BadParameterError),
    (lambda s: s.search("aqim", types=["Militia"]), BadParameterError),
    (lambda s: s.succession("aqim", "caliph"), BadParameterError),
    (lambda s: s.succession("abdelmalek-droukdel"), BadParameterError),
    (lambda s: s.paths("aqim", "jnim", max_hops=9), BadParameterError),
    (lambda s: s.neighborhood("aqim", depth=0), BadParameterError),
    (lambda s: s.snapshot(None), BadParameterError),
    (lambda s: s.changes("2018", "2012"), BadParameterError),
    (lambda s: s.changes("2012", None), BadParameterError),
    (lambda s: s.changes("2012", "2018", around="aqim", depth=0), BadParameterError),
    (lambda s: s.changes("2012", "2018", around="no-such-group"), NotFoundError),
    (lambda s: s.relations("aqim", start="2015", end="2012"), BadDateError),
])
def test_bad_parameters_raise_specific_errors(store: Store, call, error) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error):
        call(store)
