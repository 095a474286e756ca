/* jkg explorer: search an entity, draw its neighborhood with cytoscape.js, expand nodes,
 * filter relations as of a year, read an edge's dates, status, grading and sources.
 *
 * Plain browser JavaScript, no build step. It calls only the public REST endpoints, with
 * URLs relative to the page (so the app also works behind a path prefix):
 *   entities?q=&limit=                      search
 *   entities/{id}/neighborhood?depth=1&at=  nodes and edges to draw
 *   sources/{id}                            one source of an edge
 * timeline.js and changes.js (loaded after it) follow the page through window.jkgExplorerHooks.
 * Data from the API is put in the page only as text (textContent), never as HTML.
 *
 * window.jkgExplorer exposes read-only probes (and the cytoscape instance) for tests.
 */
(function () {
  "use strict";

  const YEAR_MIN = 1985;
  const YEAR_MAX = 2026;

  // Entity types of the ontology; anything else gets a stable colour from its name.
  const TYPE_COLORS = {
    MilitantGroup: "#d64541",
    BranchOrAffiliate: "#e8843a",
    SubUnit: "#f2b84b",
    Organization: "#c0392b",
    Person: "#3b7dd8",
    Country: "#4fa36b",
    Region: "#8cc9a0",
    Place: "#8cc9a0",
    Community: "#8e6fcf",
    Attack: "#5a5f66",
    Event: "#5a5f66",
    Statement: "#a8adb4",
  };

  const $ = (id) => document.getElementById(id);
  const els = {
    form: $("search-form"),
    input: $("search-input"),
    results: $("results"),
    slider: $("year-slider"),
    yearValue: $("year-value"),
    allTime: $("all-time"),
    reset: $("reset-button"),
    graph: $("graph"),
    status: $("status"),
    legend: $("legend"),
    edgeCount: $("edge-count"),
    relations: $("relations-list"),
    panel: $("side-panel"),
    panelTitle: $("panel-title"),
    panelBody: $("panel-body"),
    panelClose: $("panel-close"),
  };

  const state = {
    root: null,         // the entity picked from the results
    expanded: [],       // entities whose neighborhoods are drawn, in order
    at: null,           // year, or null for all time
    seq: 0,             // the latest refresh; older answers are dropped
    busy: 0,            // requests in flight
    refreshing: 0,      // refreshes not yet drawn
    nodes: new Map(),   // id -> EntityRef
    edges: new Map(),   // id -> RelationView
    selectedEdge: null,
    lastError: null,
  };
  const sourceCache = new Map(); // id -> Promise<SourceDetail>
  const listeners = new Map();   // event name -> [callback]: how timeline.js and changes.js follow the page

  function on(name, callback) {
    if (!listeners.has(name)) listeners.set(name, []);
    listeners.get(name).push(callback);
  }

  function emit(name, value) {
    for (const callback of listeners.get(name) || []) {
      try { callback(value); } catch (err) { state.lastError = String(err); }
    }
  }

  function colorOf(type) {
    if (TYPE_COLORS[type]) return TYPE_COLORS[type];
    let h = 0;
    for (const ch of String(type)) h = (h * 31 + ch.codePointAt(0)) % 360;
    return `hsl(${h}, 55%, 55%)`;
  }

  // ---- HTTP ---------------------------------------------------------------------------

  async function getJSON(url) {
    state.busy += 1;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      const text = await response.text();
      let body = null;
      try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
      if (!response.ok) {
        // RFC 9457 problem details when the API sends them, the status line otherwise.
        const what = body && (body.detail || body.title);
        throw new Error(`${response.status} ${what ? (typeof what === "string" ? what : JSON.stringify(what)) : response.statusText}`);
      }
      return body;
    } finally {
      state.busy -= 1;
    }
  }

  function setStatus(message, isError) {
    els.status.textContent = message;
    els.status.classList.toggle("error", Boolean(isError));
    if (isError) state.lastError = message;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function swatch(type) {
    const s = el("span", { class: "swatch", "aria-hidden": "true" });
    s.style.background = colorOf(type);
    return s;
  }

  // ---- the graph ----------------------------------------------------------------------

  const cy = window.cytoscape({
    container: els.graph,
    elements: [],
    minZoom: 0.1,
    maxZoom: 4,
    wheelSensitivity: 0.3,
    boxSelectionEnabled: false,
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(color)",
          label: "data(name)",
          "font-size": 11,
          color: "#1d2430",
          "text-valign": "bottom",
          "text-margin-y": 3,
          "text-wrap": "wrap",
          "text-max-width": 130,
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.75,
          "text-background-padding": 1,
          width: 26,
          height: 26,
          "border-width": 1,
          "border-color": "#3a3f47",
        },
      },
      { selector: "node.expanded", style: { "border-width": 3, "border-color": "#1d2430", width: 34, height: 34, "font-weight": "bold" } },
      { selector: "node.root", style: { width: 44, height: 44 } },
      {
        selector: "edge",
        style: {
          width: 1.6,
          "line-color": "#8d96a3",
          "target-arrow-color": "#8d96a3",
          "target-arrow-shape": "triangle",
          "arrow-scale": 0.9,
          "curve-style": "bezier",
          label: "data(label)",
          "font-size": 8,
          color: "#3a4250",
          "text-rotation": "autorotate",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "text-background-padding": 1,
        },
      },
      { selector: "edge[status = 'claimed']", style: { "line-style": "dashed" } },
      { selector: "edge[status = 'disputed']", style: { "line-style": "dashed", "line-color": "#c77c2e", "target-arrow-color": "#c77c2e" } },
      { selector: "edge[status = 'refuted']", style: { "line-style": "dotted", opacity: 0.55 } },
      { selector: "edge[valid = 'possible']", style: { "line-style": "dashed", opacity: 0.7 } },
      { selector: "edge:selected, edge.selected", style: { width: 3.5, "line-color": "#1f5fa8", "target-arrow-color": "#1f5fa8", color: "#1f5fa8" } },
      { selector: "node:selected", style: { "overlay-color": "#1f5fa8", "overlay-opacity": 0.15 } },
    ],
  });

  function nodeData(ref) {
    return { id: ref.id, name: ref.name, type: ref.type, color: colorOf(ref.type) };
  }

  function edgeData(rel) {
    return {
      id: rel.id,
      source: rel.subject.id,
      target: rel.object.id,
      label: rel.label,
      type: rel.type,
      status: rel.status,
      valid: rel.valid || "",
    };
  }

  // Put a new node beside a drawn neighbour, so the layout starts from a sensible place.
  function seedPosition(id, edges) {
    for (const rel of edges) {
      const other = rel.subject.id === id ? rel.object.id : rel.object.id === id ? rel.subject.id : null;
      if (!other) continue;
      const n = cy.getElementById(other);
      if (n.nonempty()) {
        const p = n.position();
        return { x: p.x + (Math.random() - 0.5) * 120, y: p.y + (Math.random() - 0.5) * 120 };
      }
    }
    return undefined;
  }

  function draw(nodes, edges, fresh) {
    const before = new Set(cy.nodes().map((n) => n.id()));
    let added = 0;
    cy.batch(() => {
      cy.edges().filter((e) => !edges.has(e.id())).remove();
      cy.nodes().filter((n) => !nodes.has(n.id())).remove();
      for (const ref of nodes.values()) {
        const existing = cy.getElementById(ref.id);
        if (existing.nonempty()) existing.data(nodeData(ref));
        else {
          cy.add({ group: "nodes", data: nodeData(ref), position: seedPosition(ref.id, edges.values()) });
          added += 1;
        }
      }
      for (const rel of edges.values()) {
        const existing = cy.getElementById(rel.id);
        if (existing.nonempty()) existing.data(edgeData(rel));
        else cy.add({ group: "edges", data: edgeData(rel) });
      }
      cy.nodes().removeClass("expanded root");
      for (const id of state.expanded) cy.getElementById(id).addClass("expanded");
      if (state.root) cy.getElementById(state.root).addClass("root");
    });
    if (added > 0 || fresh) {
      const layout = cy.layout({
        name: "cose",
        animate: false,
        randomize: fresh || before.size === 0,
        fit: true,
        padding: 40,
        nodeDimensionsIncludeLabels: true,
        idealEdgeLength: () => 130,
        nodeRepulsion: () => 16000,
        numIter: 1500,
      });
      layout.run();
    } else {
      cy.fit(undefined, 40);
    }
  }

  async function refresh(fresh) {
    if (state.expanded.length === 0) return;
    state.refreshing += 1;
    try {
      await load(fresh);
    } finally {
      state.refreshing -= 1;
    }
  }

  async function load(fresh) {
    const seq = ++state.seq;
    const at = state.at;
    setStatus(`Loading ${state.expanded.length === 1 ? "the neighborhood" : state.expanded.length + " neighborhoods"}${at ? " as of " + at : ""}…`);
    let answers;
    try {
      answers = await Promise.all(state.expanded.map((id) => {
        let url = `entities/${encodeURIComponent(id)}/neighborhood?depth=1`;
        if (at !== null) url += `&at=${at}`;
        return getJSON(url);
      }));
    } catch (err) {
      if (seq === state.seq) setStatus(`Could not load the graph: ${err.message}`, true);
      return;
    }
    if (seq !== state.seq) return; // a later refresh has started
    const nodes = new Map();
    const edges = new Map();
    for (const sub of answers) {
      for (const n of sub.nodes || []) nodes.set(n.id, n);
      for (const e of sub.edges || []) edges.set(e.id, e);
    }
    state.nodes = nodes;
    state.edges = edges;
    draw(nodes, edges, fresh);
    renderLegend();
    renderRelations();
    if (state.selectedEdge && !edges.has(state.selectedEdge)) {
      closePanel();
    } else if (state.selectedEdge) {
      showEdge(state.selectedEdge);
    }
    setStatus(`${nodes.size} entities, ${edges.size} relations${at !== null ? ` possibly in force in ${at}` : " (all time)"}.`
      + " Click a node to expand it, an edge for its sources.");
    emit("drawn", at);
  }

  function start(id) {
    state.root = id;
    state.expanded = [id];
    state.selectedEdge = null;
    closePanel();
    cy.elements().remove();
    for (const b of els.results.querySelectorAll(".result")) {
      b.setAttribute("aria-current", b.dataset.id === id ? "true" : "false");
    }
    emit("start", id);
    return refresh(true);
  }

  function expand(id) {
    if (state.expanded.includes(id)) {
      showNode(id);
      return Promise.resolve();
    }
    state.expanded.push(id);
    showNode(id);
    return refresh(false).then(() => {
      if (state.selectedEdge === null && !els.panel.hidden) showNode(id); // with its new degree
    });
  }

  function setAt(year) {
    const value = year === null ? null : Math.max(YEAR_MIN, Math.min(YEAR_MAX, Number(year)));
    if (value === state.at) return Promise.resolve();
    state.at = value;
    if (value !== null) els.slider.value = String(value);
    els.yearValue.textContent = value === null ? "all time" : String(value);
    els.allTime.checked = value === null;
    els.slider.classList.toggle("inactive", value === null);
    emit("at", value);
    return refresh(false);
  }

  // ---- lists beside the graph -------------------------------------------------------

  function renderLegend() {
    const counts = new Map();
    for (const n of state.nodes.values()) counts.set(n.type, (counts.get(n.type) || 0) + 1);
    els.legend.replaceChildren(...[...counts.entries()].sort().map(([type, count]) =>
      el("li", {}, swatch(type), `${type} (${count})`)));
  }

  function relationText(rel) {
    const when = rel.start || rel.end ? ` [${rel.start || "?"} – ${rel.end || "…"}]` : "";
    return `${rel.subject.name} — ${rel.label} → ${rel.object.name}${when}`;
  }

  function renderRelations() {
    els.edgeCount.textContent = String(state.edges.size);
    els.relations.replaceChildren(...[...state.edges.values()].map((rel) =>
      el("li", {}, el("button", { type: "button", "data-edge": rel.id, onclick: () => showEdge(rel.id) }, relationText(rel)))));
  }

  function renderResults(items, query) {
    if (!items.length) {
      els.results.replaceChildren(el("li", { class: "note", text: `Nothing found for “${query}”.` }));
      return;
    }
    els.results.replaceChildren(...items.map((hit) => {
      const matched = hit.matched && hit.matched !== hit.name ? `matched “${hit.matched}” (${hit.matched_kind})` : hit.matched_kind || "";
      return el("li", {},
        el("button", {
          type: "button", class: "result", "data-id": hit.id, "aria-current": "false",
          "aria-label": `${hit.name}, ${hit.type}: draw its neighborhood`,
          onclick: () => start(hit.id),
        },
        swatch(hit.type), hit.name,
        el("span", { class: "meta", text: `${hit.type} · ${hit.id}${matched ? " · " + matched : ""}${hit.ambiguous ? " · ambiguous" : ""}` })));
    }));
  }

  async function search(query) {
    const q = query.trim();
    if (!q) return;
    setStatus(`Searching “${q}”…`);
    try {
      const page = await getJSON(`entities?q=${encodeURIComponent(q)}&limit=10`);
      const items = (page && page.items) || [];
      renderResults(items, q);
      setStatus(items.length ? `${items.length}${page.total > items.length ? " of " + page.total : ""} results for “${q}”: pick one to draw it.` : `Nothing found for “${q}”.`);
    } catch (err) {
      els.results.replaceChildren();
      setStatus(`Search failed: ${err.message}`, true);
    }
  }

  // ---- the side panel -----------------------------------------------------------------

  function openPanel(title, ...body) {
    els.panelTitle.textContent = title;
    els.panelBody.replaceChildren(...body.filter((part) => part !== null && part !== undefined));
    els.panel.hidden = false;
    cy.resize();
  }

  function closePanel() {
    els.panel.hidden = true;
    state.selectedEdge = null;
    cy.edges().removeClass("selected");
    cy.resize();
  }

  function facts(pairs) {
    const dl = el("dl", { class: "facts" });
    for (const [key, value] of pairs) {
      if (value === null || value === undefined || value === "") continue;
      dl.append(el("dt", { text: key }), el("dd", { text: value }));
    }
    return dl;
  }

  function safeUrl(url) {
    try {
      const u = new URL(url, window.location.href);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  function loadSource(id) {
    if (!sourceCache.has(id)) {
      const p = getJSON(`sources/${encodeURIComponent(id)}`);
      p.catch(() => sourceCache.delete(id));
      sourceCache.set(id, p);
    }
    return sourceCache.get(id);
  }

  function sourceItem(id) {
    const li = el("li", { "data-source": id, class: "loading" }, `${id}: loading…`);
    loadSource(id).then((src) => {
      const href = src.url ? safeUrl(src.url) : null;
      const title = src.title || id;
      li.replaceChildren(
        el("span", { class: "publisher", text: src.publisher }), ", ",
        href ? el("a", { href, target: "_blank", rel: "noopener noreferrer", text: title }) : el("cite", { text: title }),
        " ", el("span", { class: "date", text: `(${src.date})` }),
        src.reliability ? ` · reliability ${src.reliability}` : "",
        src.cited_via ? ` · cited via ${src.cited_via}` : "",
      );
      li.className = "loaded";
    }).catch((err) => {
      li.textContent = `${id}: could not load (${err.message})`;
      li.className = "failed";
    });
    return li;
  }

  function showEdge(id) {
    const rel = state.edges.get(id);
    if (!rel) return;
    state.selectedEdge = id;
    cy.edges().removeClass("selected");
    cy.getElementById(id).addClass("selected");
    const qualifiers = Object.entries(rel.qualifiers || {}).map(([k, v]) => [k, v]);
    openPanel(`${rel.subject.name} — ${rel.label} → ${rel.object.name}`,
      facts([
        ["Relation", `${rel.label} (${rel.type})`],
        ["From", rel.start || "unknown"],
        ["Start note", rel.start_note],
        ["To", rel.end || "ongoing or unknown"],
        ["Status", rel.status],
        ["Grading", rel.grading ? `${rel.grading} (Admiralty)` : "not graded"],
        ["In force", state.at !== null && rel.valid ? `${rel.valid} in ${state.at}` : null],
        ...qualifiers,
        ["Id", rel.id],
      ]),
      rel.note ? el("p", { class: "note", text: rel.note }) : null,
      el("h3", { id: "sources-heading", text: `Sources (${rel.sources.length})` }),
      el("ol", { class: "sources", id: "edge-sources", "aria-labelledby": "sources-heading" }, ...rel.sources.map(sourceItem)),
    );
  }

  function showNode(id) {
    const ref = state.nodes.get(id) || { id, name: id, type: "" };
    state.selectedEdge = null;
    cy.edges().removeClass("selected");
    const degree = cy.getElementById(id).connectedEdges().length;
    openPanel(ref.name,
      facts([["Type", ref.type], ["Id", ref.id], ["Relations drawn", String(degree)]]),
      el("p", {}, el("a", { href: `entities/${encodeURIComponent(id)}`, target: "_blank", rel: "noopener", text: "Full record (JSON)" })),
    );
  }

  // ---- wiring -------------------------------------------------------------------------

  cy.on("tap", "node", (evt) => { expand(evt.target.id()); emit("node", evt.target.id()); });
  cy.on("tap", "edge", (evt) => { showEdge(evt.target.id()); });

  els.form.addEventListener("submit", (evt) => {
    evt.preventDefault();
    search(els.input.value);
  });

  let sliderTimer = null;
  els.slider.addEventListener("input", () => {
    els.allTime.checked = false;
    els.yearValue.textContent = els.slider.value;
    clearTimeout(sliderTimer);
    sliderTimer = setTimeout(() => setAt(Number(els.slider.value)), 250);
  });
  els.slider.addEventListener("change", () => {
    clearTimeout(sliderTimer);
    setAt(Number(els.slider.value));
  });
  els.allTime.addEventListener("change", () => {
    clearTimeout(sliderTimer);
    setAt(els.allTime.checked ? null : Number(els.slider.value));
  });
  els.reset.addEventListener("click", () => {
    state.root = null;
    state.expanded = [];
    state.nodes = new Map();
    state.edges = new Map();
    state.seq += 1;
    cy.elements().remove();
    closePanel();
    renderLegend();
    renderRelations();
    setStatus("Graph cleared. Search an entity to start.");
  });
  els.panelClose.addEventListener("click", closePanel);
  document.addEventListener("keydown", (evt) => { if (evt.key === "Escape" && !els.panel.hidden) closePanel(); });

  els.slider.classList.add("inactive");

  // ---- probes for tests and the console ------------------------------------------------

  function clientPoint(rendered) {
    const box = els.graph.getBoundingClientRect();
    return { x: box.left + rendered.x, y: box.top + rendered.y };
  }

  function inside(point, bb, margin) {
    return point.x >= bb.x1 - margin && point.x <= bb.x2 + margin && point.y >= bb.y1 - margin && point.y <= bb.y2 + margin;
  }

  // What timeline.js and changes.js use: the graph, the requests (counted as busy), the page's actions.
  window.jkgExplorerHooks = Object.freeze({
    cy, getJSON, start, expand, setAt, showEdge, closePanel, on,
    at: () => state.at,
    root: () => state.root,
    node: (id) => state.nodes.get(id) || null,
    selectedEdge: () => state.selectedEdge,
  });

  window.jkgExplorer = Object.freeze({
    cy,
    nodeCount: () => cy.nodes().length,
    edgeCount: () => cy.edges().length,
    nodeIds: () => cy.nodes().map((n) => n.id()),
    edgeIds: () => cy.edges().map((e) => e.id()),
    expanded: () => state.expanded.slice(),
    at: () => state.at,
    busy: () => state.busy > 0 || state.refreshing > 0,
    lastError: () => state.lastError,
    selectedEdge: () => state.selectedEdge,
    // Where to click, in page coordinates, to hit a node or an edge of the canvas.
    // A point of the node clear of every other node (its centre when nothing overlaps it).
    nodeClientPoint: (id) => {
      const n = cy.getElementById(id);
      if (n.empty()) return null;
      const bb = n.renderedBoundingBox({ includeLabels: false });
      const others = cy.nodes().filter((o) => o.id() !== id).map((o) => o.renderedBoundingBox({ includeLabels: false }));
      const c = n.renderedPosition();
      const dx = (bb.x2 - bb.x1) * 0.3;
      const dy = (bb.y2 - bb.y1) * 0.3;
      const candidates = [c, { x: c.x - dx, y: c.y }, { x: c.x + dx, y: c.y }, { x: c.x, y: c.y - dy }, { x: c.x, y: c.y + dy }];
      const clear = candidates.find((p) => !others.some((o) => inside(p, o, 1)));
      return clientPoint(clear || c);
    },
    // An edge whose midpoint lies clear of every node (so a click there hits the edge).
    edgeClientPoint: () => {
      const boxes = cy.nodes().map((n) => n.renderedBoundingBox({ includeLabels: false }));
      const width = els.graph.clientWidth;
      const height = els.graph.clientHeight;
      for (const e of cy.edges()) {
        const m = e.renderedMidpoint();
        if (m.x < 5 || m.y < 5 || m.x > width - 5 || m.y > height - 5) continue;
        if (boxes.some((bb) => inside(m, bb, 6))) continue;
        return { id: e.id(), ...clientPoint(m) };
      }
      return null;
    },
  });
})();
