"""Who succeeded whom."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import assert_problem


def test_succession_of_aqim_follows_the_renaming_from_the_gspc(client: TestClient) -> None:
    body = client.get("/succession", params={"org": "aqim"}).json()
    assert body["post"] == "emir"
    assert [o["id"] for o in body["organizations"]] == ["gspc", "aqim"]
    people = [h["person"]["id"] for h in body["holders"]]
    assert people[-2:] == ["abdelmalek-droukdel", "abu-ubaydah-yusuf-al-annabi"]
    assert people.index("hassan-hattab") < people.index("abdelmalek-droukdel")
    droukdel, annabi = body["holders"][-2:]
    assert droukdel["organizations"] == ["gspc", "aqim"]
    assert annabi["predecessor"]["id"] == "abdelmalek-droukdel" and annabi["successor"] is None
    assert droukdel["successor"]["id"] == "abu-ubaydah-yusuf-al-annabi"
    assert [h["position"] for h in body["holders"]] == list(range(1, len(people) + 1))
    for step in body["holders"]:
        assert step["person"]["name"] and step["status"] and step["sources"] and step["relations"]
        assert {"start", "end", "gap_before", "overlap_before", "stated"} <= set(step)


def test_succession_same_chain_from_the_gspc_and_with_explicit_post(client: TestClient) -> None:
    aqim = client.get("/succession", params={"org": "aqim"}).json()
    gspc = client.get("/succession", params={"org": "gspc", "post": "emir"}).json()
    assert [h["person"]["id"] for h in gspc["holders"]] == [h["person"]["id"] for h in aqim["holders"]]


def test_succession_bad_parameters(client: TestClient) -> None:
    assert_problem(client.get("/succession"), 422, parameter="org")
    body = assert_problem(client.get("/succession", params={"org": "aqim", "post": "king"}), 422,
                          parameter="post", value="king")
    assert "emir" in body["detail"]
    assert_problem(client.get("/succession", params={"org": "nobody"}), 404, parameter="org", value="nobody")
    assert_problem(client.get("/succession", params={"org": "tebessa"}), 422, parameter="org", value="tebessa")


def test_person_succession(client: TestClient) -> None:
    items = client.get("/people/abu-ubaydah-yusuf-al-annabi/succession").json()["items"]
    emir = [p for p in items if p["post"] == "emir"]
    assert [(p["organization"]["id"], p["predecessor"]["id"]) for p in emir] == [("aqim", "abdelmalek-droukdel")]
    droukdel = client.get("/people/abdelmalek-droukdel/succession").json()["items"]
    assert any(p["post"] == "emir" and p["successor"]["id"] == "abu-ubaydah-yusuf-al-annabi" for p in droukdel)


def test_person_succession_refuses_what_is_not_a_person(client: TestClient) -> None:
    assert_problem(client.get("/people/aqim/succession"), 422, parameter="id", value="aqim")
    assert_problem(client.get("/people/nobody/succession"), 404, parameter="id", value="nobody")
