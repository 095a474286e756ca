"""The tenure chart as a standalone SVG document, for reports.

Built as an XML tree (:mod:`xml.etree.ElementTree`), so names and notes from the data
are escaped by the writer, never pasted into markup. One band per post (then other roles,
then ties), a row per holder; each bar light over its possible span and solid over its
certain span, styled by status (named in the legend), with its dates, status, grading
and sources in a ``<title>`` (a tooltip in a browser). The caption gives the data
version and the date of the data.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from jkg.api.charts.tenures import Bar, TenureChart

__all__ = ["STATUS_STYLES", "render_svg"]

SVG_NS = "http://www.w3.org/2000/svg"

#: status -> (colour, stroke dash pattern or "" for solid); refuted bars are also struck through.
STATUS_STYLES: dict[str, tuple[str, str]] = {
    "confirmed": ("#1f5fa8", ""),
    "reported": ("#4f9bd9", ""),
    "claimed": ("#8e44ad", "4 2"),
    "disputed": ("#d9822b", "2 2"),
    "refuted": ("#8d939b", "1 2"),
}
OTHER_STYLE = ("#5b6472", "")

WIDTH = 1100
LABEL_WIDTH = 300
RIGHT = 24
TOP = 64
LANE = 12
ROW_PAD = 6
BAND_HEAD = 22
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"


def _text(parent: ET.Element, x: float, y: float, text: str, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, "text", {"x": f"{x:.1f}", "y": f"{y:.1f}", **attrs})
    node.text = text
    return node


def _rect(parent: ET.Element, x: float, y: float, w: float, h: float, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, "rect", {"x": f"{x:.1f}", "y": f"{y:.1f}", "width": f"{max(w, 0):.1f}",
                                          "height": f"{h:.1f}", **attrs})


def _short(text: str, limit: int = 46) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tooltip(bar: Bar) -> str:
    """What a bar says when pointed at: the relation, its dates, status, grading and sources."""
    lines = [
        f"{bar.subject.name} {bar.label} {bar.object.name}",
        _dates(bar),
        f"status: {bar.status}; grading: {bar.grading or 'not graded'}",
        f"sources: {', '.join(bar.sources)}",
    ]
    if bar.note:
        lines.append(bar.note)
    return "\n".join(lines)


def _dates(bar: Bar) -> str:
    start = bar.start or "start unknown"
    if bar.instantaneous and bar.end is None:
        return start
    return f"{start} to {bar.end or 'ongoing or unknown'}"


class _Scale:
    def __init__(self, first: dt.date, last: dt.date) -> None:
        self.first = dt.date(first.year, 1, 1).toordinal()
        self.last = dt.date(last.year, 12, 31).toordinal()
        self.left = LABEL_WIDTH
        self.width = WIDTH - LABEL_WIDTH - RIGHT

    def x(self, day: dt.date | None, open_end: bool = False) -> float:
        if day is None:
            return self.left + (self.width if open_end else 0)
        ordinal = min(max(day.toordinal(), self.first), self.last + 1)
        return self.left + self.width * (ordinal - self.first) / (self.last + 1 - self.first)


def _bar(parent: ET.Element, scale: _Scale, bar: Bar, y: float) -> None:
    colour, dash = STATUS_STYLES.get(bar.status, OTHER_STYLE)
    group = ET.SubElement(parent, "g", {"class": f"bar status-{bar.status}", "data-relation": bar.relation})
    ET.SubElement(group, "title").text = tooltip(bar)
    top = y + bar.lane * LANE + 1
    x1, x2 = scale.x(bar.possible.first), scale.x(bar.possible.last, open_end=True)
    if bar.possible.last is not None:
        x2 = max(x2, scale.x(bar.possible.last + dt.timedelta(days=1)))
    stroke = {"stroke": colour, "stroke-width": "1"} | ({"stroke-dasharray": dash} if dash else {})
    _rect(group, x1, top, max(x2 - x1, 2), LANE - 2, fill=colour, **{"fill-opacity": "0.28"}, **stroke)
    if bar.certain is not None:
        c1 = scale.x(bar.certain.first)
        c2 = scale.x(bar.certain.last, open_end=True) if bar.certain.last is None else scale.x(
            bar.certain.last + dt.timedelta(days=1))
        _rect(group, c1, top, max(c2 - c1, 2), LANE - 2, fill=colour, **({"fill-opacity": "0.55"}
                                                                          if bar.status == "refuted" else {}))
    if bar.instantaneous:
        mid = (x1 + x2) / 2
        h = (LANE - 2) / 2
        corners = ((mid, top), (mid + h, top + h), (mid, top + 2 * h), (mid - h, top + h))
        points = " ".join(f"{px:.1f},{py:.1f}" for px, py in corners)
        ET.SubElement(group, "polygon", {"points": points, "fill": colour, "stroke": "#ffffff", "stroke-width": "0.8"})
    if bar.possible.first is None:
        _text(group, x1 + 2, top + LANE - 4, "?", fill="#1d2430", **{"font-size": "9"})
    if bar.possible.last is None:
        _text(group, x2 - 8, top + LANE - 4, "→", fill="#1d2430", **{"font-size": "9"})
    if bar.status == "refuted":
        ET.SubElement(group, "line", {"x1": f"{x1:.1f}", "x2": f"{x2:.1f}", "y1": f"{top + (LANE - 2) / 2:.1f}",
                                      "y2": f"{top + (LANE - 2) / 2:.1f}", "stroke": "#1d2430",
                                      "stroke-width": "1"})


def _axis(svg: ET.Element, scale: _Scale, height: float) -> None:
    first, last = dt.date.fromordinal(scale.first).year, dt.date.fromordinal(scale.last).year
    span = last - first + 1
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 1000) if span / s <= 16)
    axis = ET.SubElement(svg, "g", {"class": "axis", "font-size": "10", "fill": "#5b6472"})
    for year in range(first - first % step, last + 1, step):
        if year < first:
            continue
        x = scale.x(dt.date(year, 1, 1))
        ET.SubElement(axis, "line", {"x1": f"{x:.1f}", "x2": f"{x:.1f}", "y1": str(TOP - 8), "y2": f"{height:.1f}",
                                     "stroke": "#e3e7ec", "stroke-width": "1"})
        _text(axis, x + 2, TOP - 12, str(year))


def _legend(svg: ET.Element, chart: TenureChart, y: float) -> float:
    legend = ET.SubElement(svg, "g", {"class": "legend", "font-size": "11", "fill": "#1d2430"})
    x = 12.0
    _text(legend, x, y + 10, "Status:")
    x += 48
    for status in chart.statuses:
        colour, dash = STATUS_STYLES.get(status, OTHER_STYLE)
        _rect(legend, x, y + 1, 22, 10, fill=colour, stroke=colour, **({"stroke-dasharray": dash} if dash else {}))
        _text(legend, x + 26, y + 10, status)
        x += 34 + 7 * len(status)
    x += 12
    _rect(legend, x, y + 1, 22, 10, fill="#1f5fa8", **{"fill-opacity": "0.28"}, stroke="#1f5fa8")
    _text(legend, x + 26, y + 10, "possible span")
    x += 118
    _rect(legend, x, y + 1, 22, 10, fill="#1f5fa8")
    _text(legend, x + 26, y + 10, "certain span")
    x += 110
    _text(legend, x, y + 10, "◆ at a date   ? start unknown   → ongoing")
    return y + 18


def render_svg(chart: TenureChart) -> bytes:
    """The chart as an SVG document (UTF-8, with an XML declaration)."""
    ET.register_namespace("", SVG_NS)
    renamed = [o.name for o in chart.organizations if o.id != chart.subject.id]
    rows = sum(len(b.rows) for b in chart.bands)
    lanes = sum(r.lanes for b in chart.bands for r in b.rows)
    body = len(chart.bands) * BAND_HEAD + lanes * LANE + rows * ROW_PAD + (0 if chart.bands else 20)
    height = TOP + body + 56
    svg = ET.Element("svg", {"xmlns": SVG_NS, "width": str(WIDTH), "height": str(height),
                             "viewBox": f"0 0 {WIDTH} {height}", "font-family": FONT, "role": "img"})
    title = f"Tenures of {chart.subject.name}"
    if renamed:
        title += f" (with its earlier or later names: {', '.join(renamed)})"
    ET.SubElement(svg, "title").text = title
    _rect(svg, 0, 0, WIDTH, height, fill="#ffffff")
    _text(svg, 12, 22, _short(title, 120), **{"font-size": "16", "font-weight": "bold", "fill": "#1d2430"})
    first = chart.first_day or chart.last_day
    scale = _Scale(first, chart.last_day)
    _axis(svg, scale, TOP + body)
    y = float(TOP)
    for band in chart.bands:
        head = ET.SubElement(svg, "g", {"class": f"band band-{band.kind}", "data-band": band.key})
        _rect(head, 0, y, WIDTH, BAND_HEAD - 4, fill="#eef1f5")
        _text(head, 12, y + 13, band.label, **{"font-size": "12", "font-weight": "bold", "fill": "#1d2430"})
        y += BAND_HEAD
        for row in band.rows:
            height_of_row = row.lanes * LANE + ROW_PAD
            line = ET.SubElement(head, "g", {"class": "row", "data-entity": row.entity.id})
            label = _text(line, 20, y + LANE - 2, _short(row.label), **{"font-size": "11", "fill": "#1d2430"})
            if len(row.label) > 46:
                ET.SubElement(label, "title").text = row.label
            for bar in row.bars:
                _bar(line, scale, bar, y)
            y += height_of_row
    if not chart.bands:
        _text(svg, 12, y + 14, "No tenures or ties are recorded.", **{"font-size": "12", "fill": "#5b6472"})
    y = _legend(svg, chart, y + 14)
    caption = (f"Data version {chart.data_version} · date of the data {chart.data_date or 'unknown'} "
               f"(latest source) · light: every day it may have held; solid: the days it certainly held · jkg")
    _text(svg, 12, y + 14, caption, **{"class": "caption", "font-size": "10", "fill": "#5b6472"})
    document: bytes = ET.tostring(svg, encoding="utf-8", xml_declaration=True)
    return document
