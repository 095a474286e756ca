/* jkg explorer: drawing a tenure chart (GET organizations/{id}/tenures) as plain SVG.
 *
 * A band per post with a row per holder, then other roles, then ties; each bar light over the
 * days it may have held (possible span), solid over the days it certainly held, styled by status
 * (CSS classes status-*, named in the legend), its dates, status, grading and sources in its
 * tooltip; a cursor over the year shown. timeline.js decides what to draw and what a click does.
 * Data is put in the page only as text, never as HTML.
 */
(function () {
  "use strict";

  const SVGNS = "http://www.w3.org/2000/svg";
  const LABEL = 220;   // width of the row labels
  const LANE = 11;     // height of one line of bars
  const ROW_PAD = 4;
  const HEAD = 18;     // band heading
  const AXIS = 16;     // year labels
  const RIGHT = 14;
  const DAY_MS = 86400000;
  const scales = new WeakMap(); // the box -> the scale it was last drawn with


  function node(tag, attrs, parent, text) {
    const n = document.createElementNS(SVGNS, tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) n.setAttribute(key, String(value));
    }
    if (text !== undefined) n.textContent = text;
    if (parent) parent.append(n);
    return n;
  }

  function day(iso) { return Date.parse(`${iso}T00:00:00Z`) / DAY_MS; }
  function yearStart(year) { return Date.UTC(year, 0, 1) / DAY_MS; }

  function makeScale(chart, width) {
    const lastYear = Number(chart.last_day.slice(0, 4));
    const firstYear = chart.first_day ? Number(chart.first_day.slice(0, 4)) : lastYear;
    const first = yearStart(firstYear);
    const last = yearStart(lastYear + 1);
    const left = LABEL;
    const span = width - LABEL - RIGHT;
    const x = (d) => left + span * (Math.min(Math.max(d, first), last) - first) / (last - first);
    return { firstYear, lastYear, first, last, left, right: left + span, x };
  }

  function dates(bar) {
    const start = bar.start || "start unknown";
    if (bar.instantaneous && !bar.end) return start;
    return `${start} to ${bar.end || "ongoing or unknown"}`;
  }

  function tooltip(bar) {
    return [
      `${bar.subject.name} ${bar.label} ${bar.object.name}`,
      dates(bar),
      `status: ${bar.status}; grading: ${bar.grading || "not graded"}`,
      `sources: ${bar.sources.join(", ")}`,
      bar.note || "",
    ].filter(Boolean).join("\n");
  }

  function drawBar(parent, scale, bar, y, on) {
    const g = node("g", {
      class: `tl-bar status-${bar.status}${on.selected === bar.relation ? " selected" : ""}`,
      "data-relation": bar.relation, "data-subject": bar.subject.id, "data-object": bar.object.id,
      tabindex: 0, role: "button", "aria-label": tooltip(bar).replace(/\n/g, "; "),
    }, parent);
    node("title", {}, g, tooltip(bar));
    const top = y + bar.lane * LANE + 1;
    const h = LANE - 2;
    const x1 = bar.possible.first ? scale.x(day(bar.possible.first)) : scale.left;
    const x2 = bar.possible.last ? scale.x(day(bar.possible.last) + 1) : scale.right;
    node("rect", { class: "possible", x: x1, y: top, width: Math.max(x2 - x1, 2), height: h }, g);
    if (bar.certain) {
      const c1 = scale.x(day(bar.certain.first));
      const c2 = bar.certain.last ? scale.x(day(bar.certain.last) + 1) : scale.right;
      node("rect", { class: "certain", x: c1, y: top, width: Math.max(c2 - c1, 2), height: h }, g);
    }
    if (bar.instantaneous) {
      const m = (x1 + x2) / 2;
      node("polygon", { class: "point", points: `${m},${top} ${m + h / 2},${top + h / 2} ${m},${top + h} ${m - h / 2},${top + h / 2}` }, g);
    }
    if (!bar.possible.first) node("text", { x: x1 + 2, y: top + h - 1, "font-size": 9 }, g, "?");
    if (!bar.possible.last) node("text", { x: x2 - 9, y: top + h - 1, "font-size": 9 }, g, "→");
    if (bar.status === "refuted") node("line", { class: "strike", x1, x2, y1: top + h / 2, y2: top + h / 2 }, g);
    g.addEventListener("click", () => on.bar(bar));
    g.addEventListener("keydown", (evt) => {
      if (evt.key === "Enter" || evt.key === " ") { evt.preventDefault(); on.bar(bar); }
    });
  }

  // Draw the chart into box; on: { selected: relation id, at: year, bar(bar), row(entity id) }.
  function render(box, chart, on) {
    const width = Math.max(box.clientWidth - 8, 560);
    const scale = makeScale(chart, width);
    scales.set(box, scale);
    const rows = chart.bands.reduce((n, b) => n + b.rows.reduce((m, r) => m + r.lanes * LANE + ROW_PAD, 0), 0);
    const height = AXIS + chart.bands.length * HEAD + rows + 4;
    const root = node("svg", { width, height, viewBox: `0 0 ${width} ${height}`, "aria-hidden": "false" });
    const grid = node("g", { class: "grid" }, root);
    const years = scale.lastYear - scale.firstYear + 1;
    const step = [1, 2, 5, 10, 20, 50].find((s) => years / s <= Math.max(4, (width - LABEL) / 60)) || 100;
    for (let year = scale.firstYear; year <= scale.lastYear; year += 1) {
      if (year % step !== 0) continue;
      const x = scale.x(yearStart(year));
      node("line", { x1: x, x2: x, y1: AXIS - 4, y2: height }, grid);
      node("text", { x: x + 2, y: AXIS - 5 }, grid, String(year));
    }
    let y = AXIS;
    for (const band of chart.bands) {
      const g = node("g", { class: `band band-${band.kind}`, "data-band": band.key }, root);
      const head = node("g", { class: "band-head" }, g);
      node("rect", { x: 0, y, width, height: HEAD - 3 }, head);
      node("text", { x: 6, y: y + 11 }, head, band.label);
      y += HEAD;
      for (const row of band.rows) {
        const r = node("g", { class: "row", "data-entity": row.entity.id }, g);
        const around = row.predecessor || row.successor
          ? ` (after ${row.predecessor ? row.predecessor.name : "—"}, before ${row.successor ? row.successor.name : "—"})` : "";
        const full = row.label + around;
        const label = node("text", { class: "row-label", x: 12, y: y + LANE - 2, "data-entity": row.entity.id }, r,
          full.length > 34 ? full.slice(0, 33) + "…" : full);
        node("title", {}, label, `${full}\nclick: open its timeline`);
        label.addEventListener("click", () => on.row(row.entity.id));
        for (const bar of row.bars) drawBar(r, scale, bar, y, on);
        y += row.lanes * LANE + ROW_PAD;
      }
    }
    node("g", { class: "cursor", id: "timeline-cursor" }, root);
    box.replaceChildren(root);
    drawCursor(box, on.at);
  }

  function drawCursor(box, year) {
    const cursor = box.querySelector("#timeline-cursor");
    const scale = scales.get(box);
    if (!cursor || !scale) return;
    cursor.replaceChildren();
    cursor.dataset.year = year === null ? "" : String(year);
    if (year === null) return;
    const x1 = scale.x(yearStart(year));
    const x2 = scale.x(yearStart(year + 1));
    const height = Number(box.querySelector("svg").getAttribute("height"));
    node("rect", { x: x1, y: AXIS - 4, width: Math.max(x2 - x1, 2), height }, cursor);
    node("line", { x1: (x1 + x2) / 2, x2: (x1 + x2) / 2, y1: AXIS - 4, y2: height }, cursor);
    node("text", { x: Math.min(x2 + 2, scale.right - 24), y: AXIS + 12 }, cursor, String(year));
  }

  function renderLegend(list, chart) {
    const items = (chart ? chart.statuses : []).map((status) => {
      const li = document.createElement("li");
      li.className = `status-${status}`;
      const key = document.createElement("span");
      key.className = "key";
      li.append(key, status);
      return li;
    });
    const possible = document.createElement("li");
    const pk = document.createElement("span");
    pk.className = "key possible";
    possible.append(pk, "possible span (light) · certain span (solid) · ◆ at a date · ? start unknown · → ongoing");
    list.replaceChildren(...items, possible);
  }

  function message(box, text) {
    const p = document.createElement("p");
    p.className = "note";
    p.textContent = text;
    box.replaceChildren(p);
  }

  window.jkgTimelineChart = Object.freeze({ render, drawCursor, renderLegend, message, day, dates });
})();
