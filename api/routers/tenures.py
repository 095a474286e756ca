"""Tenure charts: who held which post when, and the ties beside them; as JSON and as SVG."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from jkg.api.charts.svg import render_svg
from jkg.api.charts.tenures import TenureChart, organization_chart, person_chart
from jkg.api.deps import StoreDep
from jkg.api.params import OrgId, PersonId
from jkg.api.problems import renamed_parameter, responses

router = APIRouter(tags=["time"], responses=responses(404, 422, 500, 503))

SVG = "image/svg+xml"


@router.get("/organizations/{id}/tenures", summary="The tenure chart of an organization, across renamings")
def organization_tenures(store: StoreDep, id: OrgId) -> TenureChart:
    """A band per post (emir, deputy emir...) with a row per holder, a band per other leadership role, and a
    band of its memberships, affiliations, pledges, splits and mergers. Each bar gives its possible span and
    its certain span in days, its status, grading and sources. Follows the organization across renamings
    (the GSPC's emirs continue as AQIM's), as `/succession` does."""
    with renamed_parameter(organization="id"):
        return organization_chart(store, id)


@router.get("/people/{id}/tenures", summary="The tenure chart of a person: posts held, with predecessors and "
                                             "successors, and ties")
def person_tenures(store: StoreDep, id: PersonId) -> TenureChart:
    """A band per post held with a row per organization (its predecessor and successor there), and a band of
    the person's memberships and affiliations."""
    with renamed_parameter(person="id"):
        return person_chart(store, id)


@router.get("/organizations/{id}/timeline.svg", summary="The tenure chart of an organization, as SVG",
            response_class=Response, responses={200: {"content": {SVG: {}}, "description": "An SVG document"}})
def organization_timeline_svg(store: StoreDep, id: OrgId) -> Response:
    """The chart of `/organizations/{id}/tenures` drawn server-side for reports, with the data version and
    the date of the data (its latest source) in a caption."""
    with renamed_parameter(organization="id"):
        chart = organization_chart(store, id)
    return Response(render_svg(chart), media_type=SVG)
