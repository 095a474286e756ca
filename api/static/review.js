// The review page of article proposals: the sentence with its mentions, the proposed fact, the graph's facts
// beside it; accept, edit (then accept) or reject, with a reason. Every text from the data goes in with
// textContent, never as HTML. URLs are relative to the page (/review/articles), so a path prefix works.
"use strict";

const $ = (id) => document.getElementById(id);
const say = (text, bad) => { const s = $("status"); s.textContent = text; s.className = bad ? "error" : ""; };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

async function call(method, url, body) {
  const headers = { "Authorization": "Bearer " + $("token").value.trim() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = data.detail || data.title || response.statusText;
    const reasons = (data.errors || []).map((e) => e.reason || e.msg).filter(Boolean).join("; ");
    throw new Error(response.status + ": " + (typeof detail === "string" ? detail : JSON.stringify(detail))
                    + (reasons ? " (" + reasons + ")" : ""));
  }
  return data;
}

// The sentence, with each mention marked: linked (its graph id as a tooltip) or not.
function sentence(payload) {
  const text = payload.sentence || "";
  const box = el("div", { class: "sentence" });
  let at = 0;
  const mentions = (payload.mentions || []).slice().sort((a, b) => a[0] - b[0]);
  for (const [start, end, id] of mentions) {
    if (start < at) continue;
    box.append(text.slice(at, start));
    box.append(el("mark", id ? { class: "linked", title: id } : { class: "unlinked", title: "not linked" },
                  text.slice(start, end)));
    at = end;
  }
  box.append(text.slice(at));
  return box;
}

function proposedFact(p) {
  const r = p.payload.relation;
  const fact = el("div", {},
    el("span", { class: "badge " + p.payload.versus }, p.payload.versus + (p.payload.conflict ? ": " + p.payload.conflict : "")),
    " ", el("strong", {}, p.payload.subject_name), " ", el("code", {}, r.type), " ", el("strong", {}, p.payload.object_name));
  const details = el("div", { class: "meta" },
    "date " + (r.date || "none") + " · status " + r.status + " · score " + p.score
    + (p.payload.edited ? " · edited" : ""));
  return el("div", {}, el("h3", {}, "Proposed"), fact, details);
}

function graphFacts(p) {
  const list = el("ul", { class: "facts" });
  for (const f of p.payload.graph_facts || []) {
    list.append(el("li", f.id === p.payload.graph_relation ? { class: "compared" } : {},
      f.type + " " + f.subject + " → " + f.object + " (" + (f.start || "?") + (f.end ? " to " + f.end : "")
      + ", " + f.status + ")"));
  }
  if (!list.childElementCount) list.append(el("li", {}, "the graph holds no such fact"));
  return el("div", {}, el("h3", {}, "The graph now"), list);
}

function card(p) {
  const reason = el("textarea", { placeholder: "reason (kept with the judgement)", "aria-label": "reason" });
  const date = el("input", { placeholder: "date (EDTF)", size: "12", "aria-label": "date" });
  const status = el("input", { placeholder: "status", size: "10", "aria-label": "status" });
  const object = el("input", { placeholder: "object id", size: "28", "aria-label": "object" });
  date.value = p.payload.relation.date || ""; status.value = p.payload.relation.status; object.value = p.payload.relation.object;
  const editBox = el("div", { class: "edit" }, date, status, object);
  const box = el("div", { class: "card", "data-pair": p.id });
  const done = (text) => { box.classList.add("judged"); box.querySelector(".actions").replaceChildren(el("em", {}, text)); };
  const judge = async (verdict) => {
    try {
      await call("POST", "../review/" + encodeURIComponent(p.id), { verdict, who: $("who").value.trim() || "analyst", reason: reason.value });
      done(verdict === "positive" ? "accepted" : "rejected");
    } catch (error) { say(error.message, true); }
  };
  const accept = el("button", { class: "accept" }, "Accept");
  const reject = el("button", { class: "reject" }, "Reject");
  const edit = el("button", { class: "edit-toggle" }, "Edit");
  const save = el("button", { class: "save" }, "Save and accept");
  accept.onclick = () => judge("positive");
  reject.onclick = () => judge("negative");
  edit.onclick = () => editBox.classList.toggle("open");
  save.onclick = async () => {
    try {
      await call("POST", "articles/" + encodeURIComponent(p.id) + "/edit",
                 { date: date.value.trim() || null, status: status.value.trim(), object: object.value.trim() });
      await judge("positive");
    } catch (error) { say(error.message, true); }
  };
  editBox.append(save);
  box.append(
    el("div", { class: "meta" }, p.payload.article + (p.payload.outlet ? " · " + p.payload.outlet : "")
       + (p.payload.published ? " · " + p.payload.published : "") + " · " + p.id),
    sentence(p.payload),
    el("div", { class: "cols" }, proposedFact(p), graphFacts(p)),
    el("div", { class: "actions" }, reason, accept, edit, reject),
    editBox);
  return box;
}

async function load() {
  sessionStorage.setItem("jkg-review-token", $("token").value.trim());
  try {
    const page = await call("GET", "../review?kind=article&limit=500");
    $("list").replaceChildren(...page.pending.map(card));
    say(page.count + " pending article proposal(s)");
  } catch (error) { say(error.message, true); }
}

async function apply() {
  try {
    const done = await call("POST", "articles/apply");
    say("Wrote " + done.files.length + " file(s): " + done.files.join(", ") + ". Reload the data (POST /admin/reload) to serve them.");
  } catch (error) { say(error.message, true); }
}

$("token").value = sessionStorage.getItem("jkg-review-token") || "";
$("load").onclick = load;
$("apply").onclick = apply;
