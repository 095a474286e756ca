"""GET /export and /export/{format}: every format of the registry, whole or as of a date, as a file."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from jkg.api.main import create_app
from jkg.api.routers import exports
from jkg.graph.engine.dates import Span
from jkg.graph.exports.registry import formats, restricted
from jkg.graph.store import EmbeddedStore

from .conftest import assert_problem, make_settings


def test_the_list_names_every_format_with_its_media_type(client: TestClient) -> None:
    response = client.get("/export")
    assert response.status_code == 200
    listed = {f["name"]: f for f in response.json()}
    assert set(listed) == set(formats())
    assert listed["gexf"] == {"name": "gexf", "summary": formats()["gexf"].summary, "writes": "file",
                              "media_type": "application/gexf+xml", "filename": "jkg-gexf.gexf"}
    assert listed["neo4j-admin"]["media_type"] == "application/zip"
    assert listed["neo4j-admin"]["filename"] == "jkg-neo4j-admin.zip"


@pytest.mark.parametrize("name", list(formats()))
def test_every_format_is_served_as_a_file(client: TestClient, name: str) -> None:
    response = client.get(f"/export/{name}", params={"at": "2013"})
    assert response.status_code == 200, response.text
    listed = next(f for f in client.get("/export").json() if f["name"] == name)
    assert response.headers["content-type"].split(";")[0] == listed["media_type"]
    assert f'filename="{listed["filename"]}"' in response.headers["content-disposition"]
    assert response.content


def test_the_whole_graph_without_a_date(client: TestClient, embedded: EmbeddedStore) -> None:
    response = client.get("/export/graphml")
    back = nx.read_graphml(io.BytesIO(response.content), force_multigraph=True)
    tg = embedded.graph
    assert set(back.nodes) == set(tg.entities) and back.number_of_edges() == len(tg.relations)


def test_a_period_cuts_the_graph_by_the_time_rule(client: TestClient, embedded: EmbeddedStore) -> None:
    response = client.get("/export/gexf", params={"from": "2016", "to": "2018"})
    back = nx.read_gexf(io.BytesIO(response.content))
    cut = restricted(embedded.graph, Span.between("2016", "2018"))
    assert {key for _, _, key in back.edges(keys=True)} == set(cut.relations)
    assert set(back.nodes) == set(cut.entities) and len(cut.entities) < len(embedded.graph.entities)


def test_rdf_is_served_as_turtle(client: TestClient, embedded: EmbeddedStore) -> None:
    response = client.get("/export/rdf", params={"at": "2007-01"})
    graph = Graph().parse(data=response.content, format="turtle")
    assert len(graph) > 1000


def test_a_folder_is_served_as_a_zip_archive(client: TestClient) -> None:
    response = client.get("/export/neo4j-admin", params={"at": "2013"})
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = set(archive.namelist())
        assert {"entities.csv", "relations.csv", "import.args"} <= names
        assert archive.read("entities.csv").decode().startswith("id:ID(Entity)")


@pytest.mark.parametrize(("query", "parameter", "value"), [
    ({"at": "2019-02-30"}, "at", "2019-02-30"),
    ({"at": "last year"}, "at", "last year"),
    ({"from": "2015", "to": "2013"}, "to", "2013"),
    ({"at": "2013", "from": "2012"}, "at", "2013"),
])
def test_bad_dates_are_422_problems(client: TestClient, query: dict[str, str], parameter: str, value: Any) -> None:
    assert_problem(client.get("/export/rdf", params=query), 422, parameter, value)


def test_an_unknown_format_is_a_422_problem(client: TestClient) -> None:
    assert_problem(client.get("/export/pdf"), 422, "format", "pdf")


def test_another_backend_answers_501(embedded: EmbeddedStore) -> None:
    class Remote:
        """A store that is not the embedded one (as the Neo4j store is not)."""

        def __getattr__(self, name: str) -> Any:
            return getattr(embedded, name)

    with TestClient(create_app(make_settings(), store=Remote()), raise_server_exceptions=False) as remote:
        body = assert_problem(remote.get("/export/rdf"), 501)
        assert "jkg export" in body["detail"]
        assert remote.get("/export").status_code == 200


def test_an_answer_asked_again_is_the_same_file(client: TestClient) -> None:
    first = client.get("/export/graphml", params={"at": "2001"})
    again = client.get("/export/graphml", params={"at": "2001"})
    other = client.get("/export/graphml", params={"at": "2002"})
    assert first.content == again.content != other.content
    assert again.headers["content-disposition"] == first.headers["content-disposition"]


def test_a_large_answer_is_streamed_from_a_file_removed_once_sent(
        client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(exports, "KEPT_BYTES", 10)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    response = client.get("/export/gexf", params={"at": "1999"})
    assert response.status_code == 200 and nx.read_gexf(io.BytesIO(response.content)).number_of_edges() > 0
    assert not list(tmp_path.iterdir())  # the temporary folder went once the file was sent
