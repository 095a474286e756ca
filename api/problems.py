"""Every error the API returns, as RFC 9457 problem details, translated in one place.

=============================  ======  ==========================================
exception                      status  problem ``type``
=============================  ======  ==========================================
NotFoundError                  404     ``urn:jkg:problem:not-found``
BadParameterError              422     ``urn:jkg:problem:bad-parameter``
RequestValidationError         422     ``urn:jkg:problem:bad-parameter``
BadDateError (no parameter)    422     ``urn:jkg:problem:bad-date``
DataValidationError            409     ``urn:jkg:problem:invalid-data``
StoreUnavailableError          503     ``urn:jkg:problem:store-unavailable``
HTTPException                  its own ``about:blank``
anything else                  500     ``urn:jkg:problem:internal``
=============================  ======  ==========================================

Problems about a parameter name it (``parameter``) and repeat the value given (``value``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from jkg.graph.exceptions import (
    BadDateError,
    BadParameterError,
    DataValidationError,
    NotFoundError,
    StoreUnavailableError,
)

__all__ = [
    "PROBLEM_MEDIA_TYPE",
    "Problem",
    "ProblemItem",
    "install_problem_handlers",
    "problem_response",
    "renamed_parameter",
    "responses",
]

log = logging.getLogger("jkg.api")

PROBLEM_MEDIA_TYPE = "application/problem+json"
_URN = "urn:jkg:problem:"
#: Seconds a client should wait before asking again a store that is down.
RETRY_AFTER = "5"


class ProblemItem(BaseModel):
    """One bad parameter."""

    parameter: str = Field(description="Name of the parameter, as the request wrote it")
    location: str | None = Field(None, description="Where it was: query, path, header or body")
    value: Any = Field(None, description="The value given (null when the parameter is missing)")
    reason: str = Field(description="What is wrong with it")


class Problem(BaseModel):
    """An error, as RFC 9457 problem details (``application/problem+json``)."""

    type: str = Field("about:blank", description="URI identifying the kind of problem")
    title: str = Field(description="Short summary of the kind of problem")
    status: int = Field(description="The HTTP status code")
    detail: str | None = Field(None, description="What went wrong in this occurrence, in words")
    instance: str | None = Field(None, description="The request that failed (path and query)")
    parameter: str | None = Field(None, description="The bad parameter, when one is to blame")
    value: Any = Field(None, description="The value given for that parameter")
    errors: list[ProblemItem] | None = Field(None, description="Every bad parameter, when there are several")
    data_problems: list[str] | None = Field(None, description="Problems found in the data (invalid data only)")


def _phrase(status: int) -> str | None:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return None


def _jsonable(value: object) -> Any:
    try:
        return jsonable_encoder(value)
    except (TypeError, ValueError):
        return str(value)


def problem_response(
    status: int,
    detail: str | None = None,
    *,
    kind: str | None = None,
    title: str | None = None,
    instance: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    """A problem+json response; ``kind`` names our own problem types (``not-found``), else ``about:blank``."""
    body: dict[str, Any] = {
        "type": f"{_URN}{kind}" if kind else "about:blank",
        "title": title or _phrase(status) or "Error",
        "status": status,
    }
    if detail is not None:
        body["detail"] = detail
    if instance is not None:
        body["instance"] = instance
    body.update({key: _jsonable(value) for key, value in extensions.items()})
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=dict(headers or {}))


def _instance(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def _bad_parameter(request: Request, items: list[dict[str, Any]]) -> JSONResponse:
    detail = "; ".join(
        f"{i['parameter']}{'' if i['value'] is None else '=' + repr(i['value'])}: {i['reason']}" for i in items
    )
    first = items[0]
    return problem_response(
        422, detail, kind="bad-parameter", title="Invalid parameter", instance=_instance(request),
        parameter=first["parameter"], value=first["value"], errors=items,
    )


# -- handlers ----------------------------------------------------------------------


async def _not_found(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NotFoundError)
    # name the parameter that carried the unknown id, when the request has exactly one
    carriers = [k for k, v in [*request.path_params.items(), *request.query_params.multi_items()] if v == exc.ident]
    if len(carriers) == 1:
        return problem_response(404, f"{carriers[0]}={exc.ident!r}: {exc}", kind="not-found", title="Not found",
                                instance=_instance(request), parameter=carriers[0], value=exc.ident)
    return problem_response(404, str(exc), kind="not-found", title="Not found", instance=_instance(request),
                            value=exc.ident)


#: The API's parameter for each concept the engine's errors name (an endpoint that names one otherwise
#: says so with :func:`renamed_parameter`). A concept not listed is the parameter's own name.
PARAMETER_OF_CONCEPT = {
    "query": "q", "results": "limit", "paths": "limit", "hops": "max_hops", "neighborhood size": "max_nodes",
    "date": "at", "relation types": "type", "entity types": "type", "organization": "org", "person": "id",
}


async def _bad_parameter_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BadParameterError)
    parameter = PARAMETER_OF_CONCEPT.get(exc.concept, exc.concept)
    location = "path" if parameter in request.path_params else "query"
    return _bad_parameter(request, [
        {"parameter": parameter, "location": location, "value": _jsonable(exc.value), "reason": exc.reason}
    ])


async def _bad_date(request: Request, exc: Exception) -> JSONResponse:
    # Routers name date parameters (see jkg.api.params); this catches a date a store parsed itself.
    return problem_response(422, str(exc), kind="bad-date", title="Invalid date", instance=_instance(request))


async def _request_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    items = []
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        location = loc[0] if loc else None
        names = [part for part in loc[1:] if not part.isdigit()]
        items.append({
            "parameter": ".".join(names) or location or "request",
            "location": location,
            "value": _jsonable(error.get("input")) if error.get("type") != "missing" else None,
            "reason": str(error.get("msg", "invalid")),
        })
    if not items:
        items.append({"parameter": "request", "location": None, "value": None, "reason": "invalid request"})
    return _bad_parameter(request, items)


async def _invalid_data(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DataValidationError)
    return problem_response(
        409, str(exc).splitlines()[0], kind="invalid-data", title="The data does not validate",
        instance=_instance(request), data_problems=[str(p) for p in exc.problems[:200]],
    )


async def _unavailable(request: Request, exc: Exception) -> JSONResponse:
    return problem_response(503, str(exc) or "the store is unavailable", kind="store-unavailable",
                            title="Store unavailable", instance=_instance(request),
                            headers={"Retry-After": RETRY_AFTER})


async def _http_exception(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != _phrase(exc.status_code) else None
    if exc.status_code == 404 and detail is None:
        detail = f"no such endpoint: {request.url.path}"
    return problem_response(exc.status_code, detail, instance=_instance(request), headers=exc.headers)


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, _instance(request), exc_info=exc)
    return problem_response(500, "An unexpected error occurred; it has been logged.", kind="internal",
                            title="Internal server error", instance=_instance(request))


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error with a problem, and declare problems in the OpenAPI document."""
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(BadParameterError, _bad_parameter_error)
    app.add_exception_handler(BadDateError, _bad_date)
    app.add_exception_handler(RequestValidationError, _request_validation)
    app.add_exception_handler(DataValidationError, _invalid_data)
    app.add_exception_handler(StoreUnavailableError, _unavailable)
    app.add_exception_handler(StarletteHTTPException, _http_exception)
    app.add_exception_handler(Exception, _internal)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _problems_as_problem_json(FastAPI.openapi(app))  # caches the schema in app.openapi_schema
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _problems_as_problem_json(schema: dict[str, Any]) -> None:
    """Error responses are declared as application/json by FastAPI; they are problem+json."""
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if status[:1] in "45" and "application/json" in content:
                    content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")


_DESCRIPTIONS = {
    401: "Missing or malformed bearer token",
    403: "Wrong bearer token",
    404: "No such entity, source or endpoint",
    409: "Conflict: the data does not validate, or a reload is already running",
    422: "A parameter is invalid; the problem names it and the value given",
    500: "Unexpected error (a bug); never caused by bad input",
    503: "The store is unavailable (not loaded, or Neo4j unreachable)",
}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these error statuses, each a :class:`Problem`."""
    return {status: {"model": Problem, "description": _DESCRIPTIONS[status]} for status in statuses}


@contextmanager
def renamed_parameter(**names: str) -> Iterator[None]:
    """Re-raise a store's BadParameterError under the name this endpoint gives its concept
    (``renamed_parameter(organization="id")``), rather than :data:`PARAMETER_OF_CONCEPT`'s."""
    try:
        yield
    except BadParameterError as exc:
        if exc.concept in names:
            raise BadParameterError(names[exc.concept], exc.value, exc.reason) from exc
        raise
