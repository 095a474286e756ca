"""Tenure charts: GET /organizations/{id}/tenures, /people/{id}/tenures and /organizations/{id}/timeline.svg."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from jkg.graph.store import EmbeddedStore

from .conftest import assert_problem

SVG = "{http://www.w3.org/2000/svg}"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def band(chart: dict[str, Any], key: str) -> dict[str, Any]:
    return next(b for b in chart["bands"] if b["key"] == key)


def test_aqim_emirs_across_the_renaming(client: TestClient) -> None:
    chart = client.get("/organizations/aqim/tenures").json()
    assert [o["id"] for o in chart["organizations"]] == ["gspc", "aqim"]
    emirs = band(chart, "emir")
    assert emirs["kind"] == "post" and chart["bands"][0]["key"] == "emir"
    assert [r["entity"]["id"] for r in emirs["rows"]] == [
        "hassan-hattab", "nabil-sahraoui", "abdelmalek-droukdel", "abu-ubaydah-yusuf-al-annabi"]
    droukdel = emirs["rows"][2]
    assert {b["object"]["id"] for b in droukdel["bars"]} == {"gspc", "aqim"}
    assert droukdel["lanes"] == 1  # the two tenures meet in 2007-01: only their fuzzy ends overlap
    aqim = next(b for b in droukdel["bars"] if b["object"]["id"] == "aqim")
    assert (aqim["start"], aqim["end"]) == ("2007-01", "2020-06-03")
    assert aqim["possible"] == {"first": "2007-01-01", "last": "2020-06-03"}
    assert aqim["certain"] == {"first": "2007-01-31", "last": "2020-06-03"}
    assert aqim["status"] == "confirmed" and aqim["grading"] == "A1" and aqim["sources"]
    hattab = emirs["rows"][0]
    assert hattab["lanes"] == 3 and {b["status"] for b in hattab["bars"]} == {"disputed"}
    annabi = emirs["rows"][3]["bars"][0]
    assert annabi["possible"]["last"] is None and annabi["certain"]["last"] is None  # goes on
    assert chart["data_date"] and chart["data_version"]
    assert chart["last_day"] >= chart["data_date"][:10]
    assert set(chart["statuses"]) >= {"confirmed", "disputed", "claimed", "refuted"}


def test_ties_band(client: TestClient) -> None:
    ties = band(client.get("/organizations/aqim/tenures").json(), "ties")
    types = {bar["type"] for row in ties["rows"] for bar in row["bars"]}
    assert {"pledgedAllegianceTo", "splinterOf", "memberOf", "branchOf", "successorOf"} <= types
    pledge = next(bar for row in ties["rows"] for bar in row["bars"]
                  if bar["type"] == "pledgedAllegianceTo" and bar["subject"]["id"] == "gspc")
    # no end: it stops where the GSPC does (renamed AQIM in 2007-01)
    assert pledge["end"] is None and pledge["possible"]["last"] == "2007-01-31"
    split = next(bar for row in ties["rows"] for bar in row["bars"] if bar["type"] == "splinterOf"
                 and bar["subject"]["id"] == "mujao")
    assert split["instantaneous"] and split["possible"] == {"first": "2011-10-01", "last": "2011-10-31"}
    assert split["certain"] is None
    firsts = [min(b["possible"]["first"] or "9999" for b in row["bars"]) for row in ties["rows"]
              if all(b["possible"]["first"] for b in row["bars"])]
    assert firsts == sorted(firsts)


def test_person_posts_with_predecessor_and_successor(client: TestClient) -> None:
    chart = client.get("/people/abdelmalek-droukdel/tenures").json()
    assert chart["subject"]["id"] == "abdelmalek-droukdel" and chart["organizations"] == []
    emir = band(chart, "emir")
    assert [r["entity"]["id"] for r in emir["rows"]] == ["gspc", "aqim"]
    assert all(r["predecessor"]["id"] == "nabil-sahraoui" and r["successor"]["id"] == "abu-ubaydah-yusuf-al-annabi"
               for r in emir["rows"])
    assert chart["posts"][0]["predecessor"]["id"] == "nabil-sahraoui"


def test_bad_ids(client: TestClient) -> None:
    for url in ("/organizations/nobody/tenures", "/organizations/nobody/timeline.svg", "/people/nobody/tenures"):
        assert_problem(client.get(url), 404, parameter="id", value="nobody")
    assert_problem(client.get("/organizations/abdelmalek-droukdel/tenures"), 422, parameter="id",
                   value="abdelmalek-droukdel")
    assert_problem(client.get("/organizations/abdelmalek-droukdel/timeline.svg"), 422, parameter="id",
                   value="abdelmalek-droukdel")
    assert_problem(client.get("/people/aqim/tenures"), 422, parameter="id", value="aqim")
    assert_problem(client.get("/organizations/" + "x" * 201 + "/tenures"), 422, parameter="id")


def test_in_the_openapi(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "TenureChart" in str(paths["/organizations/{id}/tenures"]["get"]["responses"]["200"])
    assert "/people/{id}/tenures" in paths
    assert "image/svg+xml" in paths["/organizations/{id}/timeline.svg"]["get"]["responses"]["200"]["content"]


def test_svg_for_every_organization(client: TestClient, embedded: EmbeddedStore) -> None:
    orgs = sorted(e for e, entity in embedded.graph.entities.items()
                  if embedded.graph.schema.is_a(entity.type, "Organization"))
    assert len(orgs) > 50
    version = client.get("/ready").json()["data_version"]
    for org in orgs:
        response = client.get(f"/organizations/{org}/timeline.svg")
        assert response.status_code == 200, (org, response.text)
        assert response.headers["content-type"] == "image/svg+xml"
        root = etree.fromstring(response.content, PARSER)
        assert root.tag == f"{SVG}svg", org
        texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
        assert f"Data version {version}" in texts and "date of the data" in texts, org
        assert embedded.graph.entities[org].name[:20] in str(root.findtext(f"{SVG}title")), org


def test_svg_of_aqim(client: TestClient) -> None:
    root = etree.fromstring(client.get("/organizations/aqim/timeline.svg").content, PARSER)
    bands = [g.get("data-band") for g in root.iter(f"{SVG}g") if g.get("data-band")]
    assert bands[0] == "emir" and bands[-1] == "ties"
    emir = next(g for g in root.iter(f"{SVG}g") if g.get("data-band") == "emir")
    rows = [g.get("data-entity") for g in emir.iter(f"{SVG}g") if g.get("class") == "row"]
    assert rows == ["hassan-hattab", "nabil-sahraoui", "abdelmalek-droukdel", "abu-ubaydah-yusuf-al-annabi"]
    tips = [t.text or "" for t in emir.iter(f"{SVG}title")]
    assert any("2007-01 to 2020-06-03" in t and "grading: A1" in t and "un-sc-droukdel-narrative" in t for t in tips)
    legend = " ".join(t.text or "" for g in root.iter(f"{SVG}g") if g.get("class") == "legend"
                      for t in g.iter(f"{SVG}text"))
    for status in ("disputed", "claimed", "refuted", "possible span", "certain span"):
        assert status in legend


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", "Tom & \"Jerry\""])
def test_svg_escapes_the_data(name: str) -> None:
    from jkg.api.charts.svg import render_svg
    from jkg.api.charts.tenures import TenureChart
    from jkg.graph.engine.views import EntityRef

    chart = TenureChart(subject=EntityRef(id="x", name=name, type="MilitantGroup"), organizations=[], bands=[],
                        first_day=None, last_day=dt.date(2020, 1, 1), statuses=["confirmed"], data_version="v",
                        data_date="2020")
    root = etree.fromstring(render_svg(chart), PARSER)
    assert name in str(root.findtext(f"{SVG}title"))
    assert not list(root.iter("script")) and not list(root.iter(f"{SVG}script"))
