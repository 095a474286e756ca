"""Neo4j Browser's style and guide, served by the API and applied on connect.

``GET /neo4j/style.grass`` is a GRASS stylesheet generated from the ontology at request
time: every label a node can carry (each concrete class's Neo4j labels, plus ``Entity``,
``Name``, ``Source`` and ``Dataset``) gets a colour, a size and a caption, and every
relationship type a caption. ``GET /neo4j/guide.html`` is a Browser guide (``:play``):
slides with runnable Cypher. Neo4j's ``browser.post_connect_cmd`` loads both
(``style <api>/neo4j/style.grass; play <api>/neo4j/guide.html``, see neo4j-local/).

Browser fetches them from its own origin (``http://localhost:7474``), and the guide with
``Pragma``/``Cache-Control`` request headers, which makes the browser send a CORS
preflight first; so both paths answer ``OPTIONS`` too, and every answer carries
``Access-Control-Allow-Origin: *`` (they are public, read-only files).

Browser's GRASS parser knows no comments (a comment would become part of the next selector),
nor a second ``:`` in a value; the stylesheet has neither.

``api/neo4j/style.grass`` is the same stylesheet committed for use without the API
(drag it onto Browser); a test checks that it equals the generated one.
Regenerate it with ``python -m jkg.api.routers.neo4j_browser > api/neo4j/style.grass``.

>>> "node.MilitantGroup {" in grass_stylesheet(load_schema())
True
"""

from __future__ import annotations

import colorsys
from functools import cache
from pathlib import Path

from fastapi import APIRouter, Request, Response

from jkg.ontology.schema import Schema, load_schema

__all__ = ["GUIDE", "STYLE", "browser_labels", "grass_stylesheet", "router"]

FOLDER = Path(__file__).resolve().parent.parent / "neo4j"
GUIDE = FOLDER / "guide.html"
STYLE = FOLDER / "style.grass"

#: Labels every graph has besides the ontology's classes, with their caption property.
EXTRA_LABELS = {"Entity": "{name}", "Name": "{text}", "Source": "{publisher}", "Dataset": "{version}"}
#: Relationship types the loader adds besides the ontology's relation types.
LINK_TYPES = ("HAS_NAME", "SUPPORTS", "CITED_VIA")

# Node diameters by the most general class of a lineage; the rest get the default.
_DIAMETER = {"Organization": 80, "Person": 65, "Community": 65}
_DEFAULT_DIAMETER = 50
_SMALL_DIAMETER = 30  # names, sources, the dataset node

_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Max-Age": "600",
}

router = APIRouter(prefix="/neo4j", tags=["neo4j"])


def browser_labels(schema: Schema) -> list[str]:
    """Every label of the graph: ``Entity``, the ontology's, then names, sources and the dataset."""
    lineages = [schema.classes[c].neo4j_labels for c in schema.concrete_classes()]
    classes = sorted({label for lineage in lineages for label in lineage})
    return ["Entity", *classes, "Name", "Source", "Dataset"]


def _hex(hue: float, lightness: float, saturation: float) -> str:
    r, g, b = colorsys.hls_to_rgb(hue % 1.0, lightness, saturation)
    return "#{:02X}{:02X}{:02X}".format(*(round(255 * v) for v in (r, g, b)))


def _text_colour(hue: float, lightness: float, saturation: float) -> str:
    r, g, b = colorsys.hls_to_rgb(hue % 1.0, lightness, saturation)
    return "#000000" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.55 else "#FFFFFF"


def _rule(selector: str, props: dict[str, str]) -> str:
    body = "".join(f"  {key}: {value};\n" for key, value in props.items())
    return f"{selector} {{\n{body}}}\n"


def _node(label: str, hue: float, lightness: float, saturation: float, diameter: int, caption: str) -> str:
    return _rule(f"node.{label}", {
        "color": _hex(hue, lightness, saturation),
        "border-color": _hex(hue, lightness - 0.15, saturation),
        "text-color-internal": _text_colour(hue, lightness, saturation),
        "diameter": f"{diameter}px",
        "caption": f'"{caption}"',
    })


def grass_stylesheet(schema: Schema) -> str:
    """The GRASS stylesheet: general rules first, so a subclass's rule wins (Browser applies rules in order)."""
    concrete = schema.concrete_classes()
    families = sorted({schema.classes[c].neo4j_labels[0] for c in concrete})
    members: dict[str, list[str]] = {f: [] for f in families}
    for name in sorted({label for c in concrete for label in schema.classes[c].neo4j_labels[1:]}):
        family = next(schema.classes[c].neo4j_labels[0] for c in concrete if name in schema.classes[c].neo4j_labels)
        members[family].append(name)
    parts = [
        _rule("node", {"diameter": f"{_DEFAULT_DIAMETER}px", "font-size": "10px", "caption": '"{name}"'}),
        _node("Entity", 0.0, 0.65, 0.0, _DEFAULT_DIAMETER, EXTRA_LABELS["Entity"]),
    ]
    for i, family in enumerate(families):
        hue = i / len(families)
        diameter = _DIAMETER.get(family, _DEFAULT_DIAMETER)
        parts.append(_node(family, hue, 0.55, 0.6, diameter, EXTRA_LABELS["Entity"]))
        for j, label in enumerate(members[family], start=1):
            shift = (j if j % 2 else -j) * 0.025  # nearby hues, alternating sides of the family's
            parts.append(_node(label, hue + shift, 0.45 + 0.2 * j / (len(members[family]) + 1), 0.65, diameter,
                               EXTRA_LABELS["Entity"]))
    parts.append(_node("Name", 0.0, 0.85, 0.0, _SMALL_DIAMETER, EXTRA_LABELS["Name"]))
    parts.append(_node("Source", 0.13, 0.85, 0.35, _SMALL_DIAMETER, EXTRA_LABELS["Source"]))
    parts.append(_node("Dataset", 0.0, 0.3, 0.0, _SMALL_DIAMETER, EXTRA_LABELS["Dataset"]))
    parts.append(_rule("relationship", {"color": "#A5ABB6", "shaft-width": "2px", "font-size": "8px",
                                        "caption": '"<type>"'}))
    for rtype in sorted(t.neo4j_type for t in schema.relation_types.values()):
        parts.append(_rule(f"relationship.{rtype}", {"shaft-width": "2px", "caption": '"<type>"'}))
    for rtype in LINK_TYPES:
        parts.append(_rule(f"relationship.{rtype}", {"color": "#D0D3D8", "shaft-width": "1px",
                                                     "caption": '"<type>"'}))
    return "".join(parts)


@cache
def _style() -> str:
    return grass_stylesheet(load_schema())


@cache
def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _preflight(request: Request) -> Response:
    asked = request.headers.get("access-control-request-headers", "")
    return Response(status_code=204, headers={**_CORS, "Access-Control-Allow-Headers": asked or "*"})


@router.get("/style.grass", include_in_schema=False)
def style() -> Response:
    """The GRASS stylesheet (``:style http://<api>/neo4j/style.grass`` in Browser)."""
    return Response(_style(), media_type="text/plain; charset=utf-8",
                    headers={**_CORS, "Cache-Control": "no-cache"})


@router.get("/guide.html", include_in_schema=False)
def guide() -> Response:
    """The Browser guide (``:play http://<api>/neo4j/guide.html``)."""
    return Response(_guide(), media_type="text/html; charset=utf-8", headers={**_CORS, "Cache-Control": "no-cache"})


router.add_api_route("/style.grass", _preflight, methods=["OPTIONS"], include_in_schema=False)
router.add_api_route("/guide.html", _preflight, methods=["OPTIONS"], include_in_schema=False)


if __name__ == "__main__":
    print(_style(), end="")
