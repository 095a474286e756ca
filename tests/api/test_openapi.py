"""The OpenAPI document: enums from the ontology, examples, problems, summaries."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from jkg.ontology.schema import Schema


@pytest.fixture(scope="module")
def openapi(client: TestClient) -> dict[str, Any]:
    document: dict[str, Any] = client.get("/openapi.json").json()
    return document


def parameter(openapi: dict[str, Any], path: str, name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(p for p in openapi["paths"][path]["get"]["parameters"] if p["name"] == name)
    return found


def test_public_contract_paths(openapi: dict[str, Any]) -> None:
    assert set(openapi["paths"]) >= {
        "/health", "/ready", "/entities", "/entities/{id}", "/entities/{id}/relations",
        "/entities/{id}/neighborhood", "/organizations/{id}/leaders", "/organizations/{id}/lineage",
        "/organizations/{id}/affiliations", "/succession", "/people/{id}/succession", "/paths",
        "/timeline/{id}", "/snapshot", "/centrality", "/sources", "/sources/{id}", "/ontology",
    }


def test_enums_come_from_the_ontology(openapi: dict[str, Any], schema: Schema) -> None:
    components = openapi["components"]["schemas"]
    assert components["EntityType"]["enum"] == list(schema.classes)
    assert components["RelationType"]["enum"] == list(schema.relation_types)
    assert components["Post"]["enum"] == list(schema.vocabulary("Posts"))
    assert parameter(openapi, "/entities/{id}/relations", "direction")["schema"]["enum"] == ["both", "out", "in"]


def test_examples_on_parameters(openapi: dict[str, Any]) -> None:
    assert parameter(openapi, "/succession", "org")["examples"]["aqim"]["value"] == "aqim"
    assert parameter(openapi, "/organizations/{id}/leaders", "at")["examples"]["year"]["value"] == "2013"
    q = parameter(openapi, "/entities", "q")
    assert q["required"] and "Okacha" in {e["value"] for e in q["examples"].values()}


def test_dates_are_documented_as_partial_dates(openapi: dict[str, Any]) -> None:
    for path, name in [("/snapshot", "at"), ("/timeline/{id}", "from"), ("/timeline/{id}", "to"),
                       ("/entities/{id}/relations", "at")]:
        found = parameter(openapi, path, name)
        assert found["schema"]["pattern"].startswith("^[0-9]{4}")
        assert "YYYY-MM-DD" in found["description"]


def test_every_operation_has_a_summary_and_problem_responses(openapi: dict[str, Any]) -> None:
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            assert operation.get("summary"), (method, path)
            assert operation.get("description"), (method, path)
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    assert list(response["content"]) == ["application/problem+json"], (method, path, status)
                    assert response["content"]["application/problem+json"]["schema"]["$ref"].endswith("/Problem")
            if operation.get("parameters"):
                assert "422" in operation["responses"], (method, path)
    assert "HTTPValidationError" not in openapi["components"]["schemas"]


def test_lists_are_pages(openapi: dict[str, Any]) -> None:
    for path in ("/entities", "/sources", "/organizations/{id}/leaders", "/timeline/{id}", "/paths"):
        ok = openapi["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok["$ref"].split("/")[-1].startswith("Page_")
        assert {"limit", "cursor"} <= {p["name"] for p in openapi["paths"][path]["get"]["parameters"]}
