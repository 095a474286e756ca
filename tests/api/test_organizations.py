"""Leaders, lineage, affiliations."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import assert_problem


def test_leaders_as_of_a_date(client: TestClient) -> None:
    items = client.get("/organizations/aqim/leaders", params={"at": "2013"}).json()["items"]
    emirs = [r for r in items if r["qualifiers"].get("post") == "emir"]
    assert [(r["subject"]["id"], r["valid"]) for r in emirs] == [("abdelmalek-droukdel", "certain")]
    assert all(r["object"]["id"] == "aqim" and r["sources"] for r in items)


def test_leadership_timeline(client: TestClient) -> None:
    body = client.get("/organizations/aqim/leaders", params={"limit": 500}).json()
    people = [r["subject"]["id"] for r in body["items"]]
    assert {"abdelmalek-droukdel", "abu-ubaydah-yusuf-al-annabi"} <= set(people)
    starts = [r["start"] or "" for r in body["items"]]
    assert starts == sorted(starts)
    assert all(r["valid"] is None for r in body["items"])  # no date asked


def test_lineage(client: TestClient) -> None:
    aqim = client.get("/organizations/aqim/lineage").json()
    assert [o["id"] for o in aqim["predecessors"]] == ["gspc"]
    gspc = client.get("/organizations/gspc/lineage").json()
    assert [o["id"] for o in gspc["successors"]] == ["aqim"]
    assert [o["id"] for o in gspc["splintered_from"]] == ["gia"]
    assert {"gia", "gspc", "aqim"} <= {n["id"] for n in gspc["graph"]["nodes"]}
    jnim = client.get("/organizations/jnim/lineage").json()
    assert {"ansar-dine", "al-mourabitoun", "katiba-macina"} <= {o["id"] for o in jnim["merged_from"]}
    assert [o["id"] for o in jnim["parents"]] == ["al-qaeda"]
    near = client.get("/organizations/gspc/lineage", params={"depth": 1}).json()
    assert {n["id"] for n in near["graph"]["nodes"]} <= {n["id"] for n in gspc["graph"]["nodes"]}


def test_affiliations_as_of_a_date(client: TestClient) -> None:
    items = client.get("/organizations/jnim/affiliations", params={"at": "2018"}).json()["items"]
    assert {r["object"]["id"] for r in items if r["subject"]["id"] == "jnim"} >= {"al-qaeda"}
    assert {r["type"] for r in items} <= {"branchOf", "subUnitOf", "pledgedAllegianceTo", "alliedWith", "rivalOf"}
    assert all(r["valid"] in ("certain", "possible") for r in items)


def test_organization_endpoints_refuse_what_is_not_an_organization(client: TestClient) -> None:
    for path in ("leaders", "lineage", "affiliations"):
        body = assert_problem(client.get(f"/organizations/abdelmalek-droukdel/{path}"), 422,
                              parameter="id", value="abdelmalek-droukdel")
        assert "not an organization" in body["detail"]
        assert_problem(client.get(f"/organizations/no-such-org/{path}"), 404, parameter="id", value="no-such-org")
    assert_problem(client.get("/organizations/aqim/leaders", params={"at": "2013-02-30"}), 422,
                   parameter="at", value="2013-02-30")
    assert_problem(client.get("/organizations/aqim/lineage", params={"depth": 0}), 422, parameter="depth")
