/* jkg explorer: what changed between two years, around the entity drawn, styled on the graph.
 *
 * Calls GET changes?from=&to=&around=&depth=1, shows the graph for all time, and styles the
 * relations that began (added: green), ended (removed: red, dashed) or changed validity
 * (changed: purple), and the entities that began or ended; relations and entities of the answer
 * not drawn yet are added to the graph. The years go into the page state in the URL (timeline.js).
 * Data is put in the page only as text, never as HTML.
 *
 * window.jkgChanges exposes show() (used to reopen a shared view) and read-only probes for tests.
 */
(function () {
  "use strict";

  const hooks = window.jkgExplorerHooks;
  const timeline = window.jkgTimeline;
  if (!hooks || !timeline) return;

  const $ = (id) => document.getElementById(id);
  const els = {
    form: $("changes-form"),
    from: $("changes-from"),
    to: $("changes-to"),
    clear: $("changes-clear"),
    box: $("changes-box"),
    summary: $("changes-summary"),
    list: $("changes-list"),
    status: $("status"),
  };
  const cy = hooks.cy;

  cy.style()
    .selector("edge.added").style({ "line-color": "#2e9d4f", "target-arrow-color": "#2e9d4f", width: 3.5, "line-style": "solid" })
    .selector("edge.removed").style({ "line-color": "#c0392b", "target-arrow-color": "#c0392b", width: 3.5, "line-style": "dashed" })
    .selector("edge.changed").style({ "line-color": "#8e44ad", "target-arrow-color": "#8e44ad", width: 3, "line-style": "dotted" })
    .selector("node.added").style({ "border-color": "#2e9d4f", "border-width": 5 })
    .selector("node.removed").style({ "border-color": "#c0392b", "border-width": 5, "border-style": "dashed" })
    .selector("edge.highlighted").style({ width: 6, "line-color": "#f0a000", "target-arrow-color": "#f0a000", "z-index": 20 })
    .update();

  const ch = { answer: null, seq: 0, loading: 0, error: null };

  function kinds() {
    const a = ch.answer;
    return a ? [["added", a.began], ["removed", a.ended], ["changed", a.changed]] : [];
  }

  // Style the answer on the graph, adding what is not drawn (again after each redraw).
  function apply() {
    cy.elements(".added, .removed, .changed").removeClass("added removed changed");
    const a = ch.answer;
    if (!a) return;
    cy.batch(() => {
      for (const [kind, relations] of kinds()) {
        for (const rel of relations) {
          for (const ref of [rel.subject, rel.object]) {
            if (cy.getElementById(ref.id).empty()) {
              cy.add({ group: "nodes", data: { id: ref.id, name: ref.name, type: ref.type, color: "#c8ccd2" }, classes: "from-changes" });
            }
          }
          let edge = cy.getElementById(rel.id);
          if (edge.empty()) {
            edge = cy.add({ group: "edges", classes: "from-changes", data: {
              id: rel.id, source: rel.subject.id, target: rel.object.id, label: rel.label, type: rel.type,
              status: rel.status, valid: "" } });
          }
          edge.addClass(kind);
        }
      }
      for (const ref of a.entities_began) cy.getElementById(ref.id).addClass("added");
      for (const ref of a.entities_ended) cy.getElementById(ref.id).addClass("removed");
    });
    const fresh = cy.nodes(".from-changes").filter((n) => !n.position().x && !n.position().y);
    if (fresh.nonempty()) cy.layout({ name: "cose", animate: false, randomize: false, fit: true, padding: 40, nodeDimensionsIncludeLabels: true, numIter: 800 }).run();
  }

  function item(kind, verb, rel) {
    const li = document.createElement("li");
    li.className = kind;
    const when = [rel.start, rel.end].filter(Boolean).join(" to ");
    li.textContent = `${verb}: ${rel.subject.name} — ${rel.label} → ${rel.object.name}${when ? " [" + when + "]" : ""} (${rel.status})`;
    li.title = `sources: ${rel.sources.join(", ")}`;
    li.dataset.relation = rel.id;
    return li;
  }

  function renderList() {
    const a = ch.answer;
    if (!a) {
      els.box.hidden = true;
      els.list.replaceChildren();
      return;
    }
    const verbs = { added: "began", removed: "ended", changed: "changed" };
    const items = [];
    for (const [kind, relations] of kinds()) for (const rel of relations) items.push(item(kind, verbs[kind], rel));
    for (const ref of a.entities_began) items.push(Object.assign(document.createElement("li"), { className: "added", textContent: `began: ${ref.name} (${ref.type})` }));
    for (const ref of a.entities_ended) items.push(Object.assign(document.createElement("li"), { className: "removed", textContent: `ended: ${ref.name} (${ref.type})` }));
    els.summary.textContent = `${a.from_date} → ${a.to_date}: ${a.began.length} began (green), ${a.ended.length} ended (red, dashed), ${a.changed.length} changed (purple)`;
    els.list.replaceChildren(...items);
    els.box.hidden = false;
    els.box.open = true;
  }

  async function show(from, to) {
    const seq = ++ch.seq;
    const around = hooks.root();
    els.from.value = String(from);
    els.to.value = String(to);
    ch.loading += 1;
    try {
      let url = `changes?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
      if (around) url += `&around=${encodeURIComponent(around)}&depth=1`;
      const answer = await hooks.getJSON(url);
      if (seq !== ch.seq) return;
      ch.answer = answer;
      ch.error = null;
      timeline.setState("from", from);
      timeline.setState("to", to);
      await hooks.setAt(null); // both ends of every change are drawn for all time
      apply();
      renderList();
      els.clear.hidden = false;
      els.status.textContent = `Changes ${from} → ${to}${around ? " around " + around : ""}: `
        + `${answer.began.length} relations began, ${answer.ended.length} ended, ${answer.changed.length} changed validity.`;
    } catch (err) {
      if (seq !== ch.seq) return;
      ch.error = err.message;
      els.status.textContent = `Could not load the changes: ${err.message}`;
      els.status.classList.add("error");
    } finally {
      ch.loading -= 1;
    }
  }

  function clear() {
    ch.seq += 1;
    ch.answer = null;
    cy.elements(".from-changes").remove();
    apply();
    renderList();
    els.clear.hidden = true;
    timeline.setState("from", null);
    timeline.setState("to", null);
  }

  els.form.addEventListener("submit", (evt) => {
    evt.preventDefault();
    show(Number(els.from.value), Number(els.to.value));
  });
  els.clear.addEventListener("click", clear);
  hooks.on("drawn", apply);
  hooks.on("start", () => { if (ch.answer) clear(); });

  window.jkgChanges = Object.freeze({
    show,
    clear,
    busy: () => ch.loading > 0,
    error: () => ch.error,
    ids: (kind) => cy.elements(`.${kind}`).map((e) => e.id()),
  });
})();
