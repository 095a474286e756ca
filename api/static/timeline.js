/* jkg explorer: the tenure timeline under the graph, linked to it, and the page state in the URL.
 *
 * Loads GET organizations/{id}/tenures (or people/{id}/tenures, by the entity's class in the
 * ontology) and has timeline-chart.js draw it: a Gantt chart of tenures and ties, possible spans
 * light, certain spans solid, statuses styled apart and named in the legend.
 *
 * Linked to the graph (through window.jkgExplorerHooks, from explore.js): clicking a bar moves
 * the year slider into the tenure and highlights the relation's edge (expanding an endpoint if
 * the edge is not drawn); moving the slider draws a cursor on the timeline; clicking a node or
 * picking a result opens its timeline. The page state (entity, year, timeline shown, selected
 * relation, and the changes' years, kept by changes.js) lives in the URL's hash, so a view can be
 * shared and reopened. Data is put in the page only as text, never as HTML.
 *
 * window.jkgTimeline exposes read-only probes for tests, and the page state to changes.js.
 */
(function () {
  "use strict";

  const hooks = window.jkgExplorerHooks;
  const draw = window.jkgTimelineChart;
  if (!hooks || !draw) return;

  const DAY_MS = 86400000;

  const $ = (id) => document.getElementById(id);
  const els = {
    panel: $("timeline-panel"),
    box: $("timeline"),
    title: $("timeline-title"),
    legend: $("timeline-legend"),
    svgLink: $("timeline-svg"),
    toggle: $("timeline-toggle"),
    slider: $("year-slider"),
  };

  const tl = {
    entity: null,     // whose timeline is drawn (or loading)
    chart: null,      // the TenureChart
    seq: 0,           // the latest request; older answers are dropped
    loading: 0,
    selected: null,   // the selected bar's relation id
    error: null,
    restoring: false,
  };

  let drawnWidth = 0; // the panel's width when the chart was last drawn

  // ---- the page state, in the URL's hash ------------------------------------------------

  const pageState = new Map();

  function readUrl() {
    const raw = window.location.hash.replace(/^#/, "") || window.location.search.replace(/^\?/, "");
    const params = new URLSearchParams(raw);
    pageState.clear();
    for (const [key, value] of params) if (value !== "") pageState.set(key, value);
  }

  function writeUrl() {
    if (tl.restoring) return;
    const params = new URLSearchParams();
    for (const key of ["entity", "of", "at", "timeline", "edge", "from", "to"]) {
      if (pageState.has(key)) params.set(key, pageState.get(key));
    }
    const hash = params.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${hash ? "#" + hash : ""}`);
  }

  function setState(key, value) {
    if (value === null || value === undefined || value === "") pageState.delete(key);
    else pageState.set(key, String(value));
    writeUrl();
  }

  // ---- drawing (timeline-chart.js) -----------------------------------------------------

  function render() {
    if (!tl.chart || !tl.chart.bands.length || els.panel.hidden) return;
    drawnWidth = els.box.clientWidth;
    draw.render(els.box, tl.chart, {
      selected: tl.selected, at: hooks.at(), bar: selectBar, row: (id) => { hooks.start(id); },
    });
  }

  function message(text) { draw.message(els.box, text); }

  // ---- loading ---------------------------------------------------------------------------

  // Which tenures an entity type has: read from the ontology (a class's lineage), asked once.
  let lineages = null;
  function lineageOf(type) {
    if (!lineages) {
      lineages = hooks.getJSON("ontology").then((o) => new Map((o.classes || []).map((c) => [c.name, c.lineage])));
      lineages.catch(() => { lineages = null; });
    }
    return lineages.then((m) => m.get(type) || []);
  }

  async function fetchChart(id) {
    let known = hooks.node(id);
    if (!known) known = await hooks.getJSON(`entities/${encodeURIComponent(id)}`);
    const lineage = await lineageOf(known.type);
    const kind = lineage.includes("Person") ? "people" : lineage.includes("Organization") ? "organizations" : null;
    if (kind === null) throw new Error(`422 a ${known.type} has no tenures`);
    return hooks.getJSON(`${kind}/${encodeURIComponent(id)}/tenures`);
  }

  async function openTimeline(id) {
    if (!id) return;
    if (id === tl.entity && tl.chart) return;
    const seq = ++tl.seq;
    tl.entity = id;
    setState("of", id === hooks.root() ? null : id);
    tl.loading += 1;
    els.title.textContent = "Timeline: loading…";
    try {
      const chart = await fetchChart(id);
      if (seq !== tl.seq) return;
      tl.chart = chart;
      tl.error = null;
      const renamed = chart.organizations.filter((o) => o.id !== chart.subject.id).map((o) => o.name);
      els.title.textContent = `Timeline of ${chart.subject.name}${renamed.length ? " (also as " + renamed.join(", ") + ")" : ""}`;
      draw.renderLegend(els.legend, chart);
      if (chart.organizations.length) {
        els.svgLink.href = `organizations/${encodeURIComponent(chart.subject.id)}/timeline.svg`;
        els.svgLink.hidden = false;
      } else {
        els.svgLink.hidden = true;
      }
      if (!chart.bands.length) message(`No tenures or ties are recorded for ${chart.subject.name}.`);
      else render();
    } catch (err) {
      if (seq !== tl.seq) return;
      tl.chart = null;
      tl.error = err.message;
      els.title.textContent = "Timeline";
      els.svgLink.hidden = true;
      message(String(err.message).startsWith("422")
        ? `No timeline for this entity (${err.message.slice(4)}): only organizations and people have tenures.`
        : `Could not load the timeline: ${err.message}`);
    } finally {
      tl.loading -= 1;
    }
  }

  // ---- linking to the graph --------------------------------------------------------------

  function yearInside(bar) {
    const span = bar.certain || bar.possible;
    const chart = tl.chart;
    const first = span.first || bar.possible.first || chart.first_day || chart.last_day;
    const last = span.last || bar.possible.last || chart.last_day;
    const middle = new Date(((draw.day(first) + draw.day(last)) / 2) * DAY_MS).getUTCFullYear();
    return Math.max(Number(els.slider.min), Math.min(Number(els.slider.max), middle));
  }

  function markSelected() {
    for (const g of els.box.querySelectorAll(".tl-bar")) {
      g.classList.toggle("selected", g.dataset.relation === tl.selected);
    }
  }

  function highlight() {
    const cy = hooks.cy;
    cy.edges(".highlighted").removeClass("highlighted");
    if (!tl.selected) return false;
    const edge = cy.getElementById(tl.selected);
    if (edge.empty()) return false;
    edge.addClass("highlighted");
    return true;
  }

  async function selectBar(bar) {
    tl.selected = bar.relation;
    markSelected();
    setState("edge", bar.relation);
    await hooks.setAt(yearInside(bar));
    if (!highlight()) {
      // not drawn around the entities shown: draw the neighborhood of an endpoint
      for (const end of [bar.subject.id, bar.object.id]) {
        await hooks.expand(end);
        if (highlight()) break;
      }
    }
    if (highlight()) hooks.showEdge(bar.relation);
  }

  function findBar(relation) {
    if (!tl.chart) return null;
    for (const band of tl.chart.bands) {
      for (const row of band.rows) {
        const bar = row.bars.find((b) => b.relation === relation);
        if (bar) return bar;
      }
    }
    return null;
  }

  function showPanel(open) {
    els.panel.hidden = !open;
    els.toggle.textContent = open ? "Hide timeline" : "Show timeline";
    els.toggle.setAttribute("aria-expanded", String(open));
    setState("timeline", open ? null : "0");
    hooks.cy.resize();
    if (open) render();
  }

  hooks.on("start", (id) => {
    tl.selected = null;
    setState("edge", null);
    setState("entity", id);
    openTimeline(id);
  });
  hooks.on("node", (id) => { openTimeline(id); });
  hooks.on("at", (year) => {
    draw.drawCursor(els.box, year);
    setState("at", year);
  });
  hooks.on("drawn", () => { highlight(); });
  els.toggle.addEventListener("click", () => showPanel(els.panel.hidden));
  // Redraw when the panel's width changes (the window, or the side panel opening beside it).
  new ResizeObserver(() => {
    if (els.box.clientWidth !== drawnWidth && tl.chart && tl.chart.bands.length) render();
  }).observe(els.box);

  // ---- reopening a shared view -------------------------------------------------------------

  async function restore() {
    readUrl();
    if (!pageState.size) return;
    tl.restoring = true;
    try {
      const entity = pageState.get("entity");
      const at = pageState.get("at");
      const edge = pageState.get("edge");
      const of = pageState.get("of");
      if (pageState.get("timeline") === "0") showPanel(false);
      if (entity) {
        if (at) await hooks.setAt(Number(at));
        await hooks.start(entity);
        if (of) openTimeline(of);
        await waitFor(() => tl.loading === 0);
        const bar = edge ? findBar(edge) : null;
        if (bar) {
          tl.selected = edge;
          pageState.set("edge", edge);
          markSelected();
          if (!highlight()) {
            for (const end of [bar.subject.id, bar.object.id]) {
              await hooks.expand(end);
              if (highlight()) break;
            }
          }
          if (highlight()) hooks.showEdge(edge);
        }
      }
      if (window.jkgChanges && pageState.get("from") && pageState.get("to")) {
        await window.jkgChanges.show(Number(pageState.get("from")), Number(pageState.get("to")));
      }
    } finally {
      tl.restoring = false;
      writeUrl();
    }
  }

  function waitFor(test) {
    return new Promise((resolve) => {
      const tick = () => (test() ? resolve() : setTimeout(tick, 30));
      tick();
    });
  }

  let restoring = null;
  document.addEventListener("DOMContentLoaded", () => { restoring = restore(); });

  // ---- probes for tests and changes.js -------------------------------------------------------

  window.jkgTimeline = Object.freeze({
    entity: () => (tl.chart ? tl.chart.subject.id : null),
    busy: () => tl.loading > 0 || tl.restoring,
    error: () => tl.error,
    selected: () => tl.selected,
    cursorYear: () => {
      const c = els.box.querySelector("#timeline-cursor");
      return c && c.dataset.year ? Number(c.dataset.year) : null;
    },
    // the entities of a band's rows, top to bottom
    rows: (band) => [...els.box.querySelectorAll(`g.band[data-band="${CSS.escape(band)}"] g.row`)].map((r) => r.dataset.entity),
    restored: () => restoring,
    state: (key) => pageState.get(key) || null,
    setState,
  });
})();
