"""Pages: limit, cursor, bounds."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from jkg.api.main import create_app
from jkg.api.pagination import decode_cursor, encode_cursor
from jkg.graph.exceptions import BadParameterError
from jkg.graph.store import EmbeddedStore

from .conftest import assert_problem, make_settings


def walk(client: TestClient, url: str, **params: object) -> tuple[list[str], int, int]:
    """Every item id of a list, page by page; also the total announced and the pages walked."""
    ids: list[str] = []
    cursor = None
    pages = 0
    while True:
        response = client.get(url, params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        body = response.json()
        pages += 1
        assert len(body["items"]) <= int(str(params.get("limit", 50)))
        ids += [item["id"] if "id" in item else item["entity"]["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return ids, body["total"], pages


@pytest.mark.parametrize(("url", "params"), [
    ("/sources", {"limit": 7}),
    ("/entities", {"q": "Abou", "limit": 3}),
    ("/entities/aqim/relations", {"limit": 4}),
    ("/centrality", {"limit": 9}),
])
def test_cursor_round_trip_covers_every_item_exactly_once(client: TestClient, url: str,
                                                          params: dict[str, object]) -> None:
    ids, total, pages = walk(client, url, **params)
    everything, everything_total, _ = walk(client, url, **{**params, "limit": 500})  # the largest pages
    assert ids == everything
    assert len(ids) == len(set(ids)) == total == everything_total
    assert pages == -(-total // int(str(params["limit"]))) and pages > 1


def test_sources_pages_match_the_store(client: TestClient, embedded: EmbeddedStore) -> None:
    ids, total, _ = walk(client, "/sources", limit=50)
    assert ids == [s.id for s in embedded.sources()] and total == len(ids)


def test_default_page_size_and_last_page(client: TestClient) -> None:
    body = client.get("/sources").json()
    assert len(body["items"]) == 50 and body["total"] > 50 and body["next_cursor"]
    first = client.get("/sources", params={"limit": 500}).json()
    assert first["total"] > 500 and first["next_cursor"]
    last = client.get("/sources", params={"limit": 500, "cursor": first["next_cursor"]}).json()
    assert last["next_cursor"] is None and len(last["items"]) == last["total"] - 500


def test_hard_maximum(client: TestClient) -> None:
    assert_problem(client.get("/sources", params={"limit": 501}), 422, parameter="limit", value="501")
    assert_problem(client.get("/sources", params={"limit": 0}), 422, parameter="limit", value="0")
    assert_problem(client.get("/sources", params={"limit": "ten"}), 422, parameter="limit", value="ten")


def test_configured_maximum(embedded: EmbeddedStore) -> None:
    client = TestClient(create_app(make_settings(max_page_size=10, default_page_size=5), store=embedded))
    assert len(client.get("/sources").json()["items"]) == 5
    assert len(client.get("/sources", params={"limit": 10}).json()["items"]) == 10
    body = assert_problem(client.get("/sources", params={"limit": 11}), 422, parameter="limit", value=11)
    assert "between 1 and 10" in body["detail"]


@pytest.mark.parametrize("cursor", [
    "zzz", "", "!!!!", "o:3", encode_cursor(3) + "=", "bzotMQ", "bzowMQ", "eDoz", "bzoxZTM", "x" * 65,
])
def test_malformed_cursor_is_a_422_naming_cursor(client: TestClient, cursor: str) -> None:
    assert_problem(client.get("/sources", params={"cursor": cursor}), 422, parameter="cursor")


def test_cursor_past_the_end_gives_an_empty_last_page(client: TestClient) -> None:
    body = client.get("/sources", params={"cursor": encode_cursor(10_000)}).json()
    assert body["items"] == [] and body["next_cursor"] is None and body["total"] > 0


def test_cursor_codec() -> None:
    for offset in (0, 1, 49, 123456789):
        assert decode_cursor(encode_cursor(offset)) == offset
    with pytest.raises(BadParameterError) as caught:
        decode_cursor(encode_cursor(0)[:-1])
    assert caught.value.concept == "cursor"
