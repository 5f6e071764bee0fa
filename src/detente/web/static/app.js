/* detente web UI: hand-written, no dependencies. Pages are rendered by the server; this
   script fills them from the REST API. User-supplied text is only ever inserted with
   textContent / createTextNode (never innerHTML), so nothing a model or an article contains
   is interpreted as HTML. */
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
const SVGNS = "http://www.w3.org/2000/svg";
const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"];

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "text") node.textContent = v; else node.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) if (c) node.appendChild(c);
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

function toast(msg, isError) {
  const t = $("#toast");
  t.textContent = msg;
  t.className = "show" + (isError ? " err" : "");
  clearTimeout(toast._t);
  toast._t = setTimeout(() => { t.className = ""; }, isError ? 6000 : 2500);
}

class ApiError extends Error {
  constructor(status, body) {
    const problems = (body && body.problems) || [{ message: "HTTP " + status }];
    super(problems.map(p => p.message).join("; "));
    this.status = status; this.problems = problems; this.kind = body && body.error;
  }
}

function token() { return localStorage.getItem("detente-token") || ""; }

async function api(method, url, body) {
  const headers = { "Accept": "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && token()) headers["X-Detente-Token"] = token();
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 204) return null;
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (!res.ok && res.status !== 207) throw new ApiError(res.status, data);
  return data;
}

/* A page of a list: its items, the total (X-Total-Count) and the URLs of the pages before and
   after it (the Link header), as every list of the API answers. */
async function apiPage(url) {
  const res = await fetch(url, { headers: { "Accept": "application/json" } });
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (!res.ok) throw new ApiError(res.status, data);
  const links = {};
  for (const m of (res.headers.get("Link") || "").matchAll(/<([^>]*)>\s*;\s*rel="(\w+)"/g)) links[m[2]] = m[1];
  const total = parseInt(res.headers.get("X-Total-Count") || "", 10);
  const offset = parseInt(new URL(url, location.href).searchParams.get("offset") || "0", 10) || 0;
  return { items: data || [], total: isNaN(total) ? (data || []).length : total, offset,
           next: links.next || null, prev: links.prev || null };
}

/* Previous / "1–100 of 250" / Next under a list; go(url) shows the page at url. Hidden when
   the whole list fits on one page. */
function pager(box, page, go) {
  clear(box);
  box.hidden = !(page.next || page.prev);
  if (box.hidden) return;
  const from = page.items.length ? page.offset + 1 : 0;
  box.appendChild(el("button", { class: "small prev", disabled: !page.prev, onclick: () => go(page.prev) }, "← Previous"));
  box.appendChild(el("span", { class: "small muted info" }, from + "–" + (page.offset + page.items.length) + " of " + page.total));
  box.appendChild(el("button", { class: "small next", disabled: !page.next, onclick: () => go(page.next) }, "Next →"));
}

/* Every item of a list, page by page (for the short lists a select needs, such as the
   assumptions of a model); at most `most` items. */
async function apiAll(url, most = 5000) {
  let page = await apiPage(url), items = page.items;
  while (page.next && items.length < most) { page = await apiPage(page.next); items = items.concat(page.items); }
  return items;
}

function problemText(p) {
  const where = [p.line ? "line " + p.line : null, p.field ? p.field : null].filter(Boolean).join(", ");
  return (where ? where + ": " : "") + p.message;
}

function showError(err) {
  const hint = err.problems && err.problems[0] && err.problems[0].hint;
  toast((err.message || String(err)) + (err.status === 401 && hint ? " (" + hint + ")" : ""), true);
  if (err.status === 401 && $("#token")) $("#token").focus();  // the token box, top right
}

function debounce(fn, ms) {
  let t = null;
  return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
}

// The names the model gives a state (its 'states:'), as the CLI writes them: " name1/name2".
function stateNames(s) {
  return s && s.names && s.names.length ? " " + s.names.join("/") : "";
}

function stateLabel(s) {
  return s.id + ":" + s.yn + stateNames(s) + (s.taken && s.taken.length ? " (" + s.taken.join(", ") + ")" : " (nothing taken)");
}

/* ---- the model editor: line numbers and marks on the lines with problems ------------------ */

function setupEditor(box, problemsBox) {
  const ta = $("textarea", box), gutter = $(".gutter", box), marks = $(".marks", box);
  let errLines = new Map();
  const lh = () => parseFloat(getComputedStyle(ta).lineHeight) || 20;
  const pad = () => parseFloat(getComputedStyle(ta).paddingTop) || 6;
  function render() {
    const n = ta.value.split("\n").length;
    clear(gutter);
    for (let i = 1; i <= n; i++) {
      gutter.appendChild(el("div", { class: errLines.has(i) ? "err" : null, title: errLines.get(i) || null }, String(i)));
    }
    clear(marks);
    for (const [line, msg] of errLines) {
      marks.appendChild(el("div", { class: "mark", title: msg, style: "top:" + (pad() + (line - 1) * lh()) + "px" }));
    }
    sync();
  }
  function sync() {
    gutter.scrollTop = ta.scrollTop;
    marks.style.transform = "translateY(" + (-ta.scrollTop) + "px)";
    gutter.style.paddingTop = pad() + "px";
  }
  function jumpTo(line) {
    const lines = ta.value.split("\n");
    let pos = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i++) pos += lines[i].length + 1;
    ta.focus();
    ta.setSelectionRange(pos, pos + (lines[line - 1] || "").length);
    ta.scrollTop = Math.max(0, (line - 4) * lh());
    sync();
  }
  function setProblems(problems, okText) {
    errLines = new Map();
    for (const p of problems || []) if (p.line) errLines.set(p.line, p.message);
    render();
    if (!problemsBox) return;
    clear(problemsBox);
    if (problems && problems.length) {
      problemsBox.hidden = false; problemsBox.className = "problems";
      for (const p of problems) {
        const d = el("div", { class: "p", onclick: () => p.line && jumpTo(p.line) }, problemText(p));
        if (p.hint) d.appendChild(el("span", { class: "hint" }, "hint: " + p.hint));
        problemsBox.appendChild(d);
      }
    } else if (okText) {
      problemsBox.hidden = false; problemsBox.className = "problems ok"; problemsBox.textContent = okText;
    } else problemsBox.hidden = true;
  }
  ta.addEventListener("scroll", sync);
  ta.addEventListener("input", render);
  ta.addEventListener("keydown", e => {  // Tab inserts two spaces (YAML has no tabs)
    if (e.key === "Tab" && !e.shiftKey) {
      e.preventDefault();
      const s = ta.selectionStart;
      ta.setRangeText("  ", s, ta.selectionEnd, "end");
      render();
    }
  });
  render();
  return { ta, setProblems, jumpTo, render };
}

/* Insert a YAML skeleton at the cursor, indented like the current line: a quick way to add a
   decision maker, option, preference or constraint; the checker then says what is missing. */
const SNIPPETS = {
  "decision maker": ["- name: NEW_DM", "  options:", "    - name: new_option", "      label: What the option means", "  preferences:", "    - new_option"],
  "option": ["- name: new_option", "  label: What the option means", "  direction: both"],
  "preference": ["- statement: not new_option", "  evidence: {assumption: why the analyst assumes this}"],
  "constraint": ["- when: option_a and option_b", "  why: they cannot both happen"],
};

function insertSnippet(editor, kind) {
  const ta = editor.ta, text = ta.value, pos = ta.selectionStart;
  const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
  const lineEnd = text.indexOf("\n", pos) === -1 ? text.length : text.indexOf("\n", pos);
  const line = text.slice(lineStart, lineEnd);
  const indent = (line.match(/^\s*/) || [""])[0];
  const block = SNIPPETS[kind].map(l => indent + l).join("\n");
  const insertAt = line.trim() ? lineEnd : lineStart;
  const piece = (line.trim() ? "\n" : "") + block + (line.trim() ? "" : "\n");
  ta.setRangeText(piece, insertAt, line.trim() ? insertAt : lineEnd, "end");
  ta.dispatchEvent(new Event("input"));
  ta.focus();
}

function snippetBar(editor) {
  return el("div", { class: "row wrap small snippets" }, "Insert at the cursor:",
    Object.keys(SNIPPETS).map(k => el("button", { type: "button", onclick: () => insertSnippet(editor, k) }, "+ " + k)));
}

function renderOutline(box, summary, editor) {
  clear(box);
  if (!summary) { box.appendChild(el("p", { class: "muted" }, "Fix the problems to see the model's outline.")); return; }
  const jump = (line, text, cls) => el("span", { class: "jump " + (cls || ""), onclick: () => line && editor.jumpTo(line) }, text);
  box.appendChild(el("h3", {}, "Decision makers and options"));
  for (const d of summary.decision_makers) {
    const opts = el("ul", {}, d.options.map(o => el("li", {}, jump(o.line, o.name), o.label ? el("span", { class: "muted" }, " — " + o.label) : null,
      o.direction !== "both" ? el("span", { class: "dir" }, " (" + o.direction.replace("_", "-") + ")") : null)));
    const prefs = d.preferences.length ? el("ol", {}, d.preferences.map(p => el("li", {}, jump(p.line, p.text, "state"),
      p.evidence.length ? el("div", { class: "muted small" }, p.evidence[0]) : null))) :
      el("div", { class: "muted small" }, d.ranking_levels ? "explicit ranking, " + d.ranking_levels + " levels" : "no preferences");
    box.appendChild(el("div", {}, el("strong", {}, jump(d.line, d.name)), d.label ? el("span", { class: "muted" }, " " + d.label) : null, opts,
      el("div", { class: "small muted" }, "preferences, most important first:"), prefs));
  }
  box.appendChild(el("h3", {}, "Infeasible when"));
  box.appendChild(summary.constraints.length ? el("ul", {}, summary.constraints.map(c => el("li", {}, jump(c.line, c.when, "state"),
    c.why ? el("div", { class: "muted small" }, c.why) : null))) : el("p", { class: "muted small" }, "no constraints"));
  box.appendChild(el("p", { class: "small" }, "Status quo: ", el("span", { class: "state" }, summary.status_quo || "not given"),
    " · " + summary.n_options + " options"));
  if (summary.variants.length) {
    box.appendChild(el("h3", {}, "Variants"));
    box.appendChild(el("ul", {}, summary.variants.map(v => el("li", {}, jump(v.line, v.name), v.description ? el("div", { class: "muted small" }, v.description) : null))));
  }
}

/* ---- index page ------------------------------------------------------------------------------- */

function initIndex() {
  const editor = setupEditor($("#new-editor"), $("#new-problems"));
  const check = debounce(async () => {
    try {
      const v = await api("POST", "/api/validate", { text: editor.ta.value });
      editor.setProblems(v.problems, v.valid ? "Valid model: " + v.summary.decision_makers.length + " decision makers, " + v.summary.n_options + " options" : null);
    } catch (e) { editor.setProblems(e.problems || []); }
  }, 400);
  editor.ta.addEventListener("input", check);
  check();
  $("#create").addEventListener("click", async () => {
    try {
      const sc = await api("POST", "/api/scenarios", { text: editor.ta.value, message: $("#new-message").value || null });
      location.href = "/scenarios/" + sc.id;
    } catch (e) { editor.setProblems(e.problems); showError(e); }
  });
}

/* ---- scenario page ---------------------------------------------------------------------------- */

const S = { id: null, version: null, summary: null, analysis: null, result: null, graph: null };

function initScenario() {
  S.id = document.body.dataset.scenarioId;
  S.version = parseInt(document.body.dataset.version, 10);
  const editor = setupEditor($("#editor"), $("#problems"));
  S.editor = editor;
  $("#editor").after(snippetBar(editor));
  // tabs (also from the URL hash, so links can open the results directly)
  const show = name => {
    $$(".tabs button").forEach(b => b.classList.toggle("active", b.dataset.tab === name));
    $$("section.tab").forEach(s => { s.hidden = s.id !== "tab-" + name; });
    if (name === "history") loadHistory();
    if (name === "evidence") loadAssumptions();
    if (name === "results" && S.graph) drawGraph();
  };
  $$(".tabs button").forEach(b => b.addEventListener("click", () => { history.replaceState(null, "", "#" + b.dataset.tab); show(b.dataset.tab); }));
  loadScenario().then(() => {
    const tab = location.hash.slice(1);
    if (["model", "results", "variants", "timeline", "evidence", "history"].includes(tab)) show(tab);
    latestAnalysis();
  });
  const check = debounce(async () => {
    try {
      const v = await api("POST", "/api/validate", { text: editor.ta.value });
      editor.setProblems(v.problems);
      if (v.valid) { renderOutline($("#outline"), v.summary, editor); }
    } catch (e) { editor.setProblems(e.problems || []); }
  }, 400);
  editor.ta.addEventListener("input", check);
  $("#save").addEventListener("click", save);
  $("#view-form").addEventListener("click", () => { if (!F.active) openForm(); });
  $("#view-yaml").addEventListener("click", () => { if (F.active) closeForm(); });
  $("#delete").addEventListener("click", async () => {
    if (!confirm("Delete this scenario, its " + S.version + " version(s), analyses and evidence links?")) return;
    try { await api("DELETE", "/api/scenarios/" + S.id + "?base_version=" + S.version); location.href = "/"; }
    catch (e) { showError(e); }
  });
  $("#run").addEventListener("click", runAnalysis);
  $("#compare").addEventListener("click", compare);
  $("#tl-run").addEventListener("click", loadTimeline);
  $("#only-eq").addEventListener("change", renderStability);
  $("#graph-concept").addEventListener("change", drawGraph);
  $("#graph-improvements").addEventListener("change", drawGraph);
  $("#paths-concept").addEventListener("change", loadPaths);
  $("#improvements-only").addEventListener("change", loadPaths);
  $("#ev-search").addEventListener("click", () => searchStatements());
  $("#cite").addEventListener("click", async () => {
    if (!keepUnsaved()) return;
    try {
      const r = await api("POST", "/api/scenarios/" + S.id + "/links/cite", { base_version: S.version });
      if (!r.added) { toast("Every linked statement is cited already"); return; }
      await loadScenario();
      loadAssumptions();
      toast("Cited " + r.added + " statement(s); saved version " + r.scenario.version);
    } catch (e) { showError(e); }
  });
  $("#ev-q").addEventListener("keydown", e => { if (e.key === "Enter") searchStatements(); });
  $("#ev-suggest").addEventListener("click", suggestEvidence);
  $("#tl-suggest").addEventListener("click", () => loadObservationSuggestions());
}

/* Writes made from the Timeline and Evidence tabs save a new version and reload the text:
   unsaved edits in the editor would be replaced, so ask first. */
function keepUnsaved() {
  const edited = (F.active && F.dirty) || (S.loadedText !== undefined && S.editor.ta.value !== S.loadedText);
  return !edited || confirm("This reloads the model from the server: your unsaved edits in the editor will be replaced. Go on?");
}

async function loadScenario() {
  const sc = await api("GET", "/api/scenarios/" + S.id);
  S.version = sc.version; S.summary = sc.summary;
  S.editor.ta.value = sc.text;
  S.loadedText = sc.text;
  S.editor.setProblems([]);
  $("#scenario-title").textContent = sc.title;
  document.title = sc.title + " · detente";
  $("#version-badge").textContent = "v" + sc.version;
  renderOutline($("#outline"), sc.summary, S.editor);
  const sel = $("#variant");
  clear(sel).appendChild(el("option", { value: "" }, "(base model)"));
  for (const v of (sc.summary.variants || [])) sel.appendChild(el("option", { value: v.name }, v.name));
  $("#conflict-box").hidden = true;
  if (F.active) openForm();  // e.g. "Load latest version" while in the form
}

async function save() {
  const box = $("#conflict-box");
  if (F.active && !(await formToYaml())) return;
  try {
    const sc = await api("PUT", "/api/scenarios/" + S.id, { text: S.editor.ta.value, base_version: S.version, message: $("#save-message").value || null });
    S.version = sc.version; S.summary = sc.summary;
    $("#version-badge").textContent = "v" + sc.version;
    $("#scenario-title").textContent = sc.title;
    $("#save-message").value = "";
    renderOutline($("#outline"), sc.summary, S.editor);
    const sel = $("#variant");
    clear(sel).appendChild(el("option", { value: "" }, "(base model)"));
    for (const v of (sc.summary.variants || [])) sel.appendChild(el("option", { value: v.name }, v.name));
    box.hidden = true;
    S.loadedText = S.editor.ta.value;
    toast("Saved version " + sc.version);
  } catch (e) {
    if (e.status === 409) {
      clear(box).hidden = false;
      box.appendChild(el("div", {}, e.problems[0].message));
      if (e.problems[0].hint) box.appendChild(el("div", { class: "muted small" }, e.problems[0].hint));
      box.appendChild(el("div", { class: "row" },
        el("button", { onclick: () => { showDiff(S.version, null); $$(".tabs button").find(b => b.dataset.tab === "history").click(); } }, "What changed"),
        el("button", { onclick: () => { if (confirm("Replace your text with the latest version?")) loadScenario(); } }, "Load latest version")));
    } else { S.editor.setProblems(e.problems); if (F.active) showFormProblems(e.problems || []); showError(e); }
  }
}

/* ---- the form view: the model's decision makers, options, preferences, constraints and status
   quo as plain inputs. It edits the parsed document (POST /api/document) and is checked by the
   same /api/validate as the YAML editor; problems are shown at the input whose field path they
   name. Going back to YAML (or saving) merges the document into the YAML it came from (POST
   /api/document/yaml): unchanged parts keep their comments, edited entries lose theirs. ------ */

const F = { active: false, doc: null, dirty: false, base: null };
const DIRECTIONS = ["both", "take_only", "drop_only"];

function formField(path, value, onchange, attrs) {
  return el("input", Object.assign({ "data-field": path, value: value === undefined || value === null ? "" : String(value),
    oninput: ev => { onchange(ev.target.value); formChanged(); } }, attrs || {}));
}

function formChanged() { F.dirty = true; $("#form-note").hidden = false; formCheck(); }

function structural(fn) { return () => { fn(); formChanged(); renderForm(); }; }

function moveItem(list, i, d) {
  const j = i + d;
  if (j < 0 || j >= list.length) return;
  [list[i], list[j]] = [list[j], list[i]];
}

function evidenceText(ev) {
  if (Array.isArray(ev)) return ev.map(evidenceText).filter(Boolean).join(" · ");
  if (typeof ev === "string") return ev;
  if (!ev || typeof ev !== "object") return "";
  if (ev.assumption) return "assumption: " + ev.assumption;
  const who = [ev.speaker, ev.channel, ev.date].filter(Boolean).join(", ");
  return (who ? who + ": " : "") + (ev.quote ? "“" + ev.quote + "”" : ev.note || ev.source || "");
}

/* The keys the form does not edit, named; the evidence quoted in one short line (read-only). */
function extraKeys(obj, shown) {
  if (!obj || typeof obj !== "object") return null;
  const rest = Object.keys(obj).filter(k => !shown.includes(k));
  if (!rest.length) return null;
  let ev = obj.evidence !== undefined ? evidenceText(obj.evidence) : "";
  if (ev.length > 160) ev = ev.slice(0, 157) + "…";
  return el("div", { class: "small muted ro" }, ev ? el("div", { class: "ev" }, "evidence: " + ev) : null,
    "also: " + rest.join(", ") + " (edit in YAML)");
}

function smallButton(text, title, onclick, disabled) {
  return el("button", { type: "button", class: "small", title, "aria-label": title, onclick, disabled: !!disabled }, text);
}

function renderForm() {
  const box = clear($("#form")), doc = F.doc;
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) {
    box.appendChild(el("p", { class: "muted" }, "The text is not a model document; edit it in YAML."));
    return;
  }
  box.appendChild(el("label", { class: "fl" }, "Title", formField("title", doc.title, v => { doc.title = v; })));
  if (!Array.isArray(doc.decision_makers)) doc.decision_makers = [];
  doc.decision_makers.forEach((dm, di) => {
    const dp = "decision_makers[" + di + "]";
    const sec = el("fieldset", { class: "fdm", "data-field": dp }, el("legend", {}, "Decision maker " + (di + 1)));
    sec.appendChild(el("div", { class: "frow" },
      el("label", { class: "fl" }, "Name", formField(dp + ".name", dm.name, v => { dm.name = v; })),
      el("label", { class: "fl grow" }, "Label", formField(dp + ".label", dm.label, v => { if (v) dm.label = v; else delete dm.label; })),
      smallButton("Remove", "Remove decision maker " + (di + 1), structural(() => doc.decision_makers.splice(di, 1)))));
    const more = extraKeys(dm, ["name", "label", "options", "preferences", "ranking"]);
    if (more) sec.appendChild(more);
    // options
    if (!Array.isArray(dm.options)) dm.options = [];
    const opts = el("div", { class: "flist", "data-field": dp + ".options" }, el("div", { class: "fh" }, "Options"));
    dm.options.forEach((o, oi) => {
      const op = dp + ".options[" + oi + "]";
      const short = typeof o === "string";  // "options: [a, b]" names only, until a label is given
      const obj = () => { if (typeof dm.options[oi] !== "object" || dm.options[oi] === null) dm.options[oi] = { name: String(dm.options[oi] || "") }; return dm.options[oi]; };
      const dir = el("select", { "data-field": op + ".direction", "aria-label": "direction", onchange: ev => {
        if (ev.target.value === "both" && (short || o.direction === undefined) && typeof dm.options[oi] !== "object") return;
        obj().direction = ev.target.value; formChanged();
      } }, DIRECTIONS.map(d => el("option", { value: d, selected: ((!short && o && o.direction) || "both") === d }, d)));
      opts.appendChild(el("div", { class: "fitem", "data-field": op },
        el("div", { class: "frow" },
          formField(op + ".name", short ? o : o && o.name, v => { if (typeof dm.options[oi] === "object" && dm.options[oi]) dm.options[oi].name = v; else dm.options[oi] = v; },
            { placeholder: "name", "aria-label": "option name", class: "fname" }),
          formField(op + ".label", short ? "" : o && o.label, v => { if (v) obj().label = v; else if (typeof dm.options[oi] === "object" && dm.options[oi]) delete dm.options[oi].label; },
            { placeholder: "label", "aria-label": "option label", class: "grow" }),
          dir,
          smallButton("✕", "Remove option " + ((short ? o : o && o.name) || oi + 1), structural(() => dm.options.splice(oi, 1)))),
        short ? null : extraKeys(o, ["name", "label", "direction"])));
    });
    opts.appendChild(el("button", { type: "button", class: "small add-option", onclick: structural(() => dm.options.push({ name: "", label: "" })) }, "+ option"));
    sec.appendChild(opts);
    // preferences (or an explicit ranking, which the form leaves alone)
    if (dm.ranking !== undefined && dm.preferences === undefined) {
      sec.appendChild(el("div", { class: "small muted ro" }, "Explicit ranking of " + (Array.isArray(dm.ranking) ? dm.ranking.length : "?") + " levels (edit in YAML)."));
    } else {
      if (!Array.isArray(dm.preferences)) dm.preferences = [];
      const prefs = dm.preferences;
      const list = el("ol", { class: "flist prefs", "data-field": dp + ".preferences" });
      prefs.forEach((p, pi) => {
        const pp = dp + ".preferences[" + pi + "]";
        const isObj = p && typeof p === "object";
        const input = formField(pp + ".statement", isObj ? p.statement : p, v => { if (isObj) p.statement = v; else prefs[pi] = v; },
          { "aria-label": "preference statement " + (pi + 1), class: "grow mono", placeholder: "e.g. not option_a if option_b" });
        list.appendChild(el("li", { class: "fitem", "data-field": pp },
          el("div", { class: "frow" }, input,
            smallButton("↑", "Move statement " + (pi + 1) + " up", structural(() => moveItem(prefs, pi, -1)), pi === 0),
            smallButton("↓", "Move statement " + (pi + 1) + " down", structural(() => moveItem(prefs, pi, 1)), pi === prefs.length - 1),
            smallButton("✕", "Remove statement " + (pi + 1), structural(() => prefs.splice(pi, 1)))),
          isObj ? extraKeys(p, ["statement"]) : null));
      });
      sec.appendChild(el("div", { class: "fh" }, "Preference statements, most important first"));
      sec.appendChild(list);
      const allStrings = prefs.every(p => typeof p === "string");
      sec.appendChild(el("button", { type: "button", class: "small add-pref", onclick: structural(() => prefs.push(allStrings ? "" : { statement: "" })) }, "+ statement"));
    }
    box.appendChild(sec);
  });
  box.appendChild(el("button", { type: "button", class: "small", onclick: structural(() => doc.decision_makers.push({ name: "", options: [{ name: "", label: "" }], preferences: [] })) }, "+ decision maker"));
  // infeasible states
  const inf = Array.isArray(doc.infeasible) ? doc.infeasible : [];
  const cons = el("fieldset", { class: "fdm", "data-field": "infeasible" }, el("legend", {}, "Infeasible when"));
  inf.forEach((c, ci) => {
    const cp = "infeasible[" + ci + "]";
    const obj = () => { if (typeof inf[ci] !== "object" || inf[ci] === null) inf[ci] = { when: String(inf[ci] || "") }; return inf[ci]; };
    cons.appendChild(el("div", { class: "fitem", "data-field": cp },
      el("div", { class: "frow" },
        formField(cp + ".when", typeof c === "object" && c ? c.when : c, v => { obj().when = v; }, { "aria-label": "constraint " + (ci + 1), placeholder: "option_a and option_b", class: "grow mono" }),
        smallButton("✕", "Remove constraint " + (ci + 1), structural(() => { inf.splice(ci, 1); if (!inf.length) delete doc.infeasible; }))),
      formField(cp + ".why", typeof c === "object" && c ? c.why : "", v => { if (v) obj().why = v; else delete obj().why; }, { "aria-label": "why constraint " + (ci + 1) + " holds", placeholder: "why", class: "why" }),
      typeof c === "object" ? extraKeys(c, ["when", "why"]) : null));
  });
  if (!inf.length) cons.appendChild(el("p", { class: "small muted" }, "no constraints"));
  cons.appendChild(el("button", { type: "button", class: "small", onclick: structural(() => { if (!Array.isArray(doc.infeasible)) doc.infeasible = []; doc.infeasible.push({ when: "", why: "" }); }) }, "+ constraint"));
  box.appendChild(cons);
  // status quo: a Y/N string or a list of the options taken
  const wasList = Array.isArray(doc.status_quo);
  box.appendChild(el("label", { class: "fl" }, "Status quo " + (wasList ? "(options taken, comma-separated)" : "(Y/N string, or options taken)"),
    formField("status_quo", wasList ? doc.status_quo.join(", ") : doc.status_quo, v => {
      if (!v.trim()) delete doc.status_quo;
      else doc.status_quo = wasList || v.includes(",") ? v.split(",").map(x => x.trim()).filter(Boolean) : v.trim();
    }, { class: "mono" })));
  // shown, not edited
  const vs = Array.isArray(doc.variants) ? doc.variants : [];
  const ro = Object.keys(doc).filter(k => !["title", "decision_makers", "infeasible", "status_quo", "variants"].includes(k));
  box.appendChild(el("div", { class: "small muted ro" },
    vs.length ? el("div", {}, "Variants: ", vs.map(v => (v && v.name) || "?").join(", "), " (edit in YAML)") : null,
    ro.length ? el("div", {}, "Also in the model: ", ro.join(", "), " (edit in YAML)") : null,
    el("div", {}, "Evidence entries are kept as they are; edit them in YAML.")));
}

function fieldTarget(field) {
  let f = field || "";
  while (f) {
    const node = $("#form").querySelector('[data-field="' + CSS.escape(f) + '"]');
    if (node) return node;
    const cut = Math.max(f.lastIndexOf("."), f.lastIndexOf("["));
    if (cut <= 0) break;
    f = f.slice(0, cut);
  }
  return null;
}

function showFormProblems(problems) {
  $$("#form .ferr").forEach(n => n.remove());
  $$("#form .field-err").forEach(n => { n.classList.remove("field-err"); n.removeAttribute("aria-invalid"); });
  const top = clear($("#form-problems"));
  top.hidden = !problems.length;
  for (const p of problems) {
    const target = fieldTarget(p.field);
    const msg = p.message + (p.hint ? " (" + p.hint + ")" : "");
    if (target) {
      target.classList.add("field-err");
      target.setAttribute("aria-invalid", "true");
      const note = el("div", { class: "ferr" }, msg);
      if (target.tagName === "INPUT" || target.tagName === "SELECT") {
        const row = target.closest(".frow");
        (row || target).after(note);
      } else target.insertBefore(note, target.children[1] || null);
    }
    top.appendChild(el("div", { class: "p", onclick: () => target && target.focus && target.focus() },
      (p.field ? p.field + ": " : "") + msg));
  }
}

const formCheck = debounce(async () => {
  if (!F.active) return;
  try {
    const v = await api("POST", "/api/validate", { text: JSON.stringify(F.doc), format: "json" });
    showFormProblems(v.problems || []);
    // the outline follows the form; its line numbers would point into the JSON, so drop them
    if (v.valid) renderOutline($("#outline"), JSON.parse(JSON.stringify(v.summary, (k, x) => k === "line" ? undefined : x)), S.editor);
  } catch (e) { showFormProblems(e.problems || []); }
}, 400);

function setView(form) {
  F.active = form;
  $("#form-view").hidden = !form;
  $("#yaml-view").hidden = form;
  $("#view-form").classList.toggle("active", form); $("#view-form").setAttribute("aria-pressed", String(form));
  $("#view-yaml").classList.toggle("active", !form); $("#view-yaml").setAttribute("aria-pressed", String(!form));
  $(".snippets") && ($(".snippets").hidden = form);
}

async function openForm() {
  try {
    const r = await api("POST", "/api/document", { text: S.editor.ta.value });
    F.doc = r.document; F.dirty = false; F.base = S.editor.ta.value;
  } catch (e) { S.editor.setProblems(e.problems || []); toast("Fix the YAML syntax first: " + e.message, true); return; }
  $("#form-note").hidden = true;
  setView(true);
  renderForm();
  formCheck();
}

/* Write the form's document back into the YAML editor (only if the form changed it). */
async function formToYaml() {
  if (!F.dirty) return true;
  try {
    const r = await api("POST", "/api/document/yaml", { document: F.doc, text: F.base });
    S.editor.ta.value = F.base = r.text;
    S.editor.ta.dispatchEvent(new Event("input"));
    F.dirty = false;
    return true;
  } catch (e) { showError(e); return false; }
}

async function closeForm() {
  if (!(await formToYaml())) return;
  setView(false);
  S.editor.render();
}

/* ---- analyses ----------------------------------------------------------------------------------- */

async function latestAnalysis() {
  try {
    const jobs = await api("GET", "/api/scenarios/" + S.id + "/analyses");
    const done = jobs.find(j => j.status === "done" && j.version === S.version && !j.variant) || jobs.find(j => j.status === "done");
    if (done) await showAnalysis(done);
  } catch (e) { /* no analyses yet */ }
}

function setProgress(job) {
  const p = $("#progress");
  p.hidden = false;
  $(".bar", p).style.width = Math.round(100 * (job.progress || 0)) + "%";
  $(".label", p).textContent = job.status === "done" ? "done: " + job.n_states + " states" :
    job.status === "failed" ? "failed" : job.status + (job.task && job.total ? " · " + job.task + " " + job.done + "/" + job.total : "");
}

async function runAnalysis() {
  const concepts = $$("input[name=concept]:checked").map(i => i.value);
  const variant = $("#variant").value || null;
  $("#run").disabled = true;
  document.body.dataset.analysis = "busy";
  try {
    const job = await api("POST", "/api/scenarios/" + S.id + "/analyses", { concepts, variant });
    setProgress(job);
    const final = await follow(job);
    if (final.status === "failed") {
      const p = (final.error && final.error.problems) || [{ message: "the analysis failed" }];
      toast(p.map(problemText).join("; "), true);
    } else await showAnalysis(final);
  } catch (e) { showError(e); } finally { $("#run").disabled = false; document.body.dataset.analysis = "ready"; }
}

function follow(job) {
  if (job.status === "done" || job.status === "failed") return Promise.resolve(job);
  return new Promise(resolve => {
    let es = null;
    const poll = async () => {  // fallback when server-sent events are not available
      for (;;) {
        const j = await api("GET", "/api/analyses/" + job.id);
        setProgress(j);
        if (j.status === "done" || j.status === "failed") return resolve(j);
        await new Promise(r => setTimeout(r, 400));
      }
    };
    if (!window.EventSource) return poll();
    es = new EventSource("/api/analyses/" + job.id + "/events");
    const handle = ev => {
      const j = JSON.parse(ev.data);
      setProgress(j);
      if (j.status === "done" || j.status === "failed") { es.close(); resolve(j); }
    };
    es.addEventListener("progress", handle);
    es.addEventListener("done", handle);
    es.addEventListener("failed", handle);
    es.onerror = () => { es.close(); poll(); };
  });
}

async function showAnalysis(job) {
  S.analysis = job;
  setProgress(job);
  // large models: the compact result (equilibria and stable sets, not every state)
  S.result = await api("GET", "/api/analyses/" + job.id + "/result" + (job.n_states > 2000 ? "?states=false" : ""));
  $("#results").hidden = false;
  const concepts = Object.keys(S.result.results);
  for (const sel of [$("#graph-concept"), $("#paths-concept")]) {
    const keep = sel.value;
    clear(sel);
    for (const c of concepts) sel.appendChild(el("option", { value: c }, c));
    if (concepts.includes(keep)) sel.value = keep; else if (concepts.includes("SEQ")) sel.value = "SEQ";
  }
  renderEquilibria();
  renderStability();
  $("#explanation").textContent = "Click a cell of the stability table to see why a state is or is not stable for a decision maker.";
  $("#explanation").className = "muted";
  G.view = null; G.selected = null; G.highlight = new Set();  // a new picture
  try {
    S.graph = await api("GET", "/api/analyses/" + job.id + "/graph"); S.graphError = null;
    $("#graph-improvements").checked = S.graph.n_states > 40;  // a readable picture first
  }
  catch (e) { S.graph = null; S.graphError = e.message; }
  drawGraph();
  loadPaths();
}

// Compact results (detente.analysis/2, beyond 4,096 states; docs/json-schema.md): sets of state
// ids as inclusive ranges or a base64 bitset (bit j of the bytes, least significant first, is id
// first + j); the equilibria also come as states (the first 1,000: equilibrium_states).
function inSet(set, id) {
  if (Array.isArray(set.ranges)) {
    let lo = 0, hi = set.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1, [a, b] = set.ranges[mid];
      if (id < a) hi = mid - 1; else if (id > b) lo = mid + 1; else return true;
    }
    return false;
  }
  const j = id - set.first;
  if (j < 0 || j >= set.size) return false;
  if (!set._bytes) set._bytes = Uint8Array.from(atob(set.bitset), ch => ch.charCodeAt(0));
  return ((set._bytes[j >> 3] >> (j & 7)) & 1) === 1;
}
const eqStates = res => Array.isArray(res.equilibria) ? res.equilibria : (res.equilibrium_states || []);
const eqCount = res => Array.isArray(res.equilibria) ? res.equilibria.length : res.equilibria.count;
// Is a state (an object with id and yn) stable for a DM: readable lists of Y/N, or a compact set.
function stableTest(list) {
  if (Array.isArray(list)) { const set = new Set(list); return s => set.has(s.yn); }
  return s => inSet(list, s.id);
}

function renderEquilibria() {
  const r = S.result, box = clear($("#equilibria"));
  box.appendChild(el("p", { class: "small muted" }, (r.model.title || "Model") + (r.model.variant ? " · variant " + r.model.variant : "") +
    " · " + r.n_states + " feasible states" + (r.status_quo ? " · status quo " + r.status_quo.id + ":" + r.status_quo.yn + stateNames(r.status_quo) : "")));
  // Hypergames: what each DM with a perception expects, beside reality (docs/hypergames.md).
  const hg = r.hypergame || null;
  const viewers = hg ? Object.keys(hg.views).filter(d => hg.views[d].differs_from_reality) : [];
  const head = el("tr", {}, el("th", {}, "Concept"), el("th", {}, hg ? "Equilibria (reality)" : "Equilibria"));
  for (const d of viewers) head.appendChild(el("th", { class: "view" }, d + " expects"));
  if (hg) head.appendChild(el("th", {}, "Hypergame equilibria"));
  const t = el("table", { class: "list" }, el("thead", {}, head));
  const tb = el("tbody");
  // A state in a view's column explains that view there (the hypergame column: the first viewer's).
  const ynCell = (list, viewer, concept) => {
    const cell = el("td");
    if (!list || !list.length) cell.appendChild(el("span", { class: "muted" }, "none"));
    else for (const y of list) {
      const yn = typeof y === "string" ? y : y.yn;
      cell.appendChild(viewer ? el("div", { class: "state link", tabindex: "0", role: "button",
        title: "why does " + viewer + " expect " + yn + " under " + concept + ", and what happens there?",
        onclick: () => explainView(yn, viewer, concept),
        onkeydown: ev => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); explainView(yn, viewer, concept); } } }, yn)
        : el("div", { class: "state" }, yn));
    }
    return cell;
  };
  for (const c of r.concepts) {
    const cell = el("td");
    if (r.skipped[c]) cell.appendChild(el("span", { class: "muted small" }, "skipped: " + r.skipped[c]));
    else if (!eqCount(r.results[c])) cell.appendChild(el("span", { class: "muted" }, "none"));
    else {
      const shown = eqStates(r.results[c]);
      for (const s of shown) cell.appendChild(el("div", { class: "state" }, stateLabel(s)));
      if (eqCount(r.results[c]) > shown.length)
        cell.appendChild(el("div", { class: "muted small" }, "… " + (eqCount(r.results[c]) - shown.length) +
          " more (all of them: the result's JSON, or detente analyze --format json/csv/npz)"));
    }
    const row = el("tr", {}, el("td", {}, el("strong", {}, c)), cell);
    const hr = hg && hg.results[c];
    for (const d of viewers) row.appendChild(hr ? ynCell(hr.by_dm[d].expected, d, c) : el("td", { class: "muted small" }, "-"));
    if (hg) row.appendChild(hr ? ynCell(hr.hypergame_equilibrium, viewers[0], c) : el("td", { class: "muted small" }, "-"));
    tb.appendChild(row);
  }
  t.appendChild(tb);
  box.appendChild(t);
  if (!hg) return;
  box.appendChild(el("p", { class: "small muted" },
    "Each DM's view: the equilibria it expects in the game it perceives; a hypergame equilibrium is one every DM " +
    "can see and none leaves in its own view. Click a state, or ask below, to see that DM's view beside reality."));
  // Any state, any DM: why does it expect the state (or not), and what actually happens there.
  const who = el("select", { id: "view-dm", "aria-label": "decision maker whose view to explain" },
    r.model.decision_makers.map(d => el("option", { value: d.name }, d.name)));
  if (viewers.length) who.value = viewers[0];
  const what = el("input", { id: "view-state", size: "10", "aria-label": "state (id, Y/N or taken options)",
    placeholder: "state", value: (hg.results[hg.concepts[0]].by_dm[who.value] || { expected: [] }).expected[0] || "" });
  const how = el("select", { id: "view-concept", "aria-label": "concept" }, hg.concepts.map(c => el("option", { value: c }, c)));
  if (hg.concepts.includes("SEQ")) how.value = "SEQ";
  const ask = () => { if (what.value.trim()) explainView(what.value.trim(), who.value, how.value); };
  what.addEventListener("keydown", ev => { if (ev.key === "Enter") { ev.preventDefault(); ask(); } });
  box.appendChild(el("div", { class: "row wrap small" }, "Why does ", who, " expect ", what, " under ", how, "? ",
    el("button", { type: "button", id: "view-explain", onclick: ask }, "Explain")));
}

/* Why a DM expects a state to hold, and what actually happens there (docs/hypergames.md): the
   state's stability for each DM in that DM's view beside reality, and each move the view did not
   anticipate, by whom, with the statement and evidence it rests on. */
async function explainView(state, viewer, concept) {
  const box = $("#explanation");
  box.className = "";
  clear(box).appendChild(el("span", { class: "muted" }, "…"));
  if (window.innerWidth < 860) box.parentElement.scrollIntoView({ block: "start" });
  const q = new URLSearchParams({ state, view: viewer, concept });
  try {
    const ex = await api("GET", "/api/analyses/" + S.analysis.id + "/explain-view?" + q);
    clear(box);
    const s = ex.state, label = (s.id ? s.id + ":" : "") + s.yn + stateNames(s);
    box.appendChild(el("p", {}, el("span", { class: "tag " + (ex.expected ? "good" : "bad") }, ex.expected ? "expected" : "not expected"),
      " ", el("span", { class: "state" }, label), " in ", el("strong", {}, ex.viewer + "'s view"), " under " + ex.concept + "; in reality ",
      el("span", { class: "tag " + (ex.real_equilibrium ? "good" : "bad") }, ex.real_equilibrium ? "an equilibrium" : "not an equilibrium"),
      "; ", el("span", { class: "tag " + (ex.hypergame_equilibrium ? "good" : "bad") }, ex.hypergame_equilibrium ? "a hypergame equilibrium" : "not a hypergame equilibrium")));
    if (!ex.has_perception) box.appendChild(el("p", { class: "small muted" }, ex.viewer + " has no perception in this model: its view is reality."));
    if (ex.visible && Object.keys(ex.stable_in_view).length) {
      const mark = ok => el("td", { class: "c " + (ok ? "y" : "n") }, ok ? "✓" : "✗");
      const t = el("table", { class: "list view-beside" }, el("thead", {}, el("tr", {}, el("th", {}, "Stable for"),
        el("th", {}, "in " + ex.viewer + "'s view"), el("th", {}, "in reality"), el("th", {}, "in its own view"))));
      const tb = el("tbody");
      for (const d of Object.keys(ex.stable_in_view))
        tb.appendChild(el("tr", {}, el("td", {}, d), mark(ex.stable_in_view[d]), mark(ex.stable_in_reality[d]), mark(ex.stable_in_own_view[d])));
      t.appendChild(tb);
      box.appendChild(t);
    }
    if (ex.unanticipated.length) {
      box.appendChild(el("p", { class: "small" }, ex.visible ? "What " + ex.viewer + "'s view did not anticipate:" : ""));
      for (const u of ex.unanticipated) {
        const d = el("div", { class: "path" }, el("div", {}, el("strong", {}, u.dm), " ", el("span", { class: "tag bad" }, u.reason.replace(/_/g, " ")),
          " ", el("span", { class: "state" }, u.from), u.to !== u.from ? [" → ", el("span", { class: "state" }, u.to)] : ""),
          el("div", { class: "small" }, u.text));
        if (u.rests_on.length) d.appendChild(el("ul", { class: "small" }, u.rests_on.map(i => el("li", {}, "rests on: " + i.what,
          i.evidence ? el("span", { class: "muted" }, " — " + i.evidence) : "", i.note ? el("span", { class: "muted" }, " (" + i.note + ")") : ""))));
        box.appendChild(d);
      }
    }
    box.appendChild(el("details", {}, el("summary", { class: "small" }, "as text"), el("div", { class: "explain-text" }, ex.text)));
  } catch (e) { clear(box).appendChild(el("span", { class: "problems" }, e.message)); }
}

function renderStability() {
  const r = S.result, table = clear($("#stability"));
  if (!r) return;
  const concepts = Object.keys(r.results);
  const dms = r.model.decision_makers.map(d => d.name);
  const eqSets = {};
  for (const c of concepts) eqSets[c] = new Set(eqStates(r.results[c]).map(s => s.yn));
  const stableOf = {};
  for (const c of concepts) for (const dm of dms) stableOf[c + "\u0000" + dm] = stableTest(r.results[c].stable_for[dm]);
  let states = r.states || [];
  if (!states.length) {  // results without every state: show the equilibria only
    const seen = new Map();
    for (const c of concepts) for (const s of eqStates(r.results[c])) seen.set(s.yn, s);
    states = Array.from(seen.values());
  }
  const onlyEq = $("#only-eq").checked || states.length > 300;
  if (states.length > 300) $("#only-eq").checked = true;
  if (onlyEq) states = states.filter(s => concepts.some(c => eqSets[c].has(s.yn)));
  const head1 = el("tr", {}, el("th", { rowspan: 2 }, "State"), concepts.map(c => el("th", { class: "group", colspan: dms.length + 1 }, c)));
  const head2 = el("tr", {}, concepts.map(() => [dms.map((d, i) => el("th", { class: i === 0 ? "first" : null, title: d }, d)), el("th", { title: "equilibrium" }, "Eq")]));
  table.appendChild(el("thead", {}, head1, head2));
  const tb = el("tbody");
  for (const s of states) {
    const isEq = concepts.some(c => eqSets[c].has(s.yn));
    const tr = el("tr", { class: isEq ? "eq" : null }, el("td", { class: "state", title: s.taken.join(", ") || "nothing taken" }, s.id + ":" + s.yn + stateNames(s)));
    for (const c of concepts) {
      dms.forEach((dm, i) => {
        const ok = stableOf[c + "\u0000" + dm](s);
        tr.appendChild(el("td", { class: "c " + (ok ? "y" : "n") + (i === 0 ? " first" : ""), title: "why is " + s.yn + (ok ? " stable" : " not stable") + " for " + dm + " under " + c + "?",
          "data-state": s.id, "data-dm": dm, "data-concept": c, tabindex: "0", role: "button",
          onclick: ev => explainCell(ev.currentTarget),
          onkeydown: ev => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); explainCell(ev.currentTarget); } } }, ok ? "✓" : "✗"));
      });
      tr.appendChild(el("td", { class: "c " + (eqSets[c].has(s.yn) ? "y" : "n") }, eqSets[c].has(s.yn) ? "E" : ""));
    }
    tb.appendChild(tr);
  }
  table.appendChild(tb);
  if (!states.length) table.appendChild(el("tr", {}, el("td", { class: "muted" }, "no states to show")));
}

async function explainCell(td) {
  $$("#stability td.sel").forEach(x => x.classList.remove("sel"));
  td.classList.add("sel");
  const box = $("#explanation");
  box.className = "";
  clear(box).appendChild(el("span", { class: "muted" }, "…"));
  if (window.innerWidth < 860) box.parentElement.scrollIntoView({ block: "start" });  // one column: it is above
  const q = new URLSearchParams({ state: td.dataset.state, dm: td.dataset.dm, concept: td.dataset.concept });
  try {
    const ex = await api("GET", "/api/analyses/" + S.analysis.id + "/explain?" + q);
    clear(box);
    box.appendChild(el("p", {}, el("span", { class: "tag " + (ex.stable ? "good" : "bad") }, ex.stable ? "stable" : "not stable"),
      " ", el("span", { class: "state" }, stateLabel(ex.state)), " for ", el("strong", {}, ex.dm), " under " + ex.concept +
      " (" + ex.dm + " ranks it " + ex.rank + " of " + ex.levels + ")"));
    if (!ex.improvements.length) box.appendChild(el("p", {}, ex.dm + " has no unilateral improvement from here."));
    for (const imp of ex.improvements) {
      const m = imp.move;
      const d = el("div", { class: "path" }, el("div", {}, "Improvement: ", el("strong", {}, m.dm), " " + changesText(m.changes) + " → ", el("span", { class: "state" }, m.to.id + ":" + m.to.yn + stateNames(m.to))));
      if (imp.sanction && imp.sanction.length) {
        d.appendChild(el("div", { class: "small" }, "deterred by ", el("span", { class: "tag " + (imp.credible ? "good" : "bad") }, imp.credible ? "credible" : "not credible"), " sanction:"));
        d.appendChild(el("ol", {}, imp.sanction.map(s => el("li", {}, el("strong", {}, s.dm), " " + changesText(s.changes) + " → ", el("span", { class: "state" }, s.to.id + ":" + s.to.yn + stateNames(s.to)),
          s.improves_mover ? "" : el("span", { class: "tag bad" }, "hurts " + s.dm)))));
      } else if (imp.note) d.appendChild(el("div", { class: "small muted" }, imp.note));
      box.appendChild(d);
    }
    box.appendChild(el("details", {}, el("summary", { class: "small" }, "as text"), el("div", { class: "explain-text" }, ex.text)));
  } catch (e) { clear(box).appendChild(el("span", { class: "problems" }, e.message)); }
}

function changesText(changes) {
  return Object.entries(changes).map(([k, v]) => (v ? "takes " : "drops ") + k).join(", ");
}

async function loadPaths() {
  const box = clear($("#paths"));
  if (!S.analysis) return;
  const q = new URLSearchParams({ concept: $("#paths-concept").value, improvements_only: $("#improvements-only").checked });
  try {
    const p = await api("GET", "/api/analyses/" + S.analysis.id + "/paths?" + q);
    box.appendChild(el("p", { class: "small" }, "From the status quo ", el("span", { class: "state" }, stateLabel(p.status_quo)), ": " + p.n_reachable + " states reachable."));
    for (const path of p.paths) {
      const against = path.moves.filter(m => m.against_mover);
      box.appendChild(el("div", { class: "path" }, el("div", {}, "→ ", el("span", { class: "state" }, stateLabel(path.target)), " in " + path.length + " move" + (path.length === 1 ? "" : "s")),
        el("ol", {}, path.moves.map(m => el("li", {}, el("strong", {}, m.dm), " " + changesText(m.changes), " ",
          el("span", { class: "tag " + (m.improves_mover ? "good" : "bad") },
            m.improves_mover ? "improvement" : (m.against_mover ? "against " + m.dm + "'s interest" : "not an improvement (a tie)"))))),
        against.length ? el("div", { class: "small" }, "Every shortest path needs at least " + against.length + " move" + (against.length === 1 ? "" : "s") +
          " against its mover's interest; here: " + against.map(m => m.dm + " " + changesText(m.changes)).join("; ") + ".") : null));
    }
    for (const u of p.unreachable) box.appendChild(el("div", { class: "path muted" }, "✗ ", el("span", { class: "state" }, stateLabel(u)), " cannot be reached"));
    if (!p.paths.length && !p.unreachable.length) box.appendChild(el("p", { class: "muted" }, "No equilibria under this concept."));
  } catch (e) { box.appendChild(el("p", { class: "muted" }, e.message)); }
}

/* ---- the state graph: plain SVG, layered by the number of options taken ---------------------- */

const G = { view: null, highlight: new Set(), selected: null };

function drawGraph() {
  const box = clear($("#graph"));
  const btns = clear($("#dm-buttons"));
  if (!S.graph) { box.appendChild(el("p", { class: "muted", style: "padding:12px" }, S.graphError || "")); return; }
  const g = S.graph;
  const color = {};
  g.dms.forEach((d, i) => { color[d] = COLORS[i % COLORS.length]; });
  for (const d of g.dms) {
    const b = el("button", { class: "dm" + (G.highlight.has(d) ? " on" : ""), style: "border-color:" + color[d] + (G.highlight.has(d) ? ";background:" + color[d] : ""),
      "aria-pressed": G.highlight.has(d) ? "true" : "false", onclick: () => { G.highlight.has(d) ? G.highlight.delete(d) : G.highlight.add(d); drawGraph(); } }, d);
    btns.appendChild(b);
  }
  // layout: one row per number of options taken, states spread evenly within a row
  const layers = new Map();
  for (const n of g.nodes) { const k = n.taken.length; if (!layers.has(k)) layers.set(k, []); layers.get(k).push(n); }
  const keys = Array.from(layers.keys()).sort((a, b) => a - b);
  const widest = Math.max(...keys.map(k => layers.get(k).length));
  const dx = 70, dy = 110, H = keys.length * dy + 60;
  const aspect = (box.clientWidth || 800) / (box.clientHeight || 500);
  // at least the box's proportions, so a small graph is drawn at a natural size, centred
  const W = Math.max(400, widest * dx + 80, box.clientHeight > box.clientWidth * 1.05 ? 0 : H * aspect);
  const pos = {};
  keys.forEach((k, row) => {
    const items = layers.get(k);
    const span = (items.length - 1) * dx;
    items.forEach((n, i) => { pos[n.id] = { x: W / 2 - span / 2 + i * dx, y: 50 + row * dy }; });
  });
  // a tall box (phone): layers become columns, so the picture fills the screen
  let VW = W, VH = H;
  if (box.clientHeight > box.clientWidth * 1.05) {
    for (const id in pos) pos[id] = { x: pos[id].y, y: pos[id].x };
    VW = H; VH = W;
  }
  G.pos = pos;
  const eq = new Set((g.equilibria[$("#graph-concept").value] || []));
  const root = svg("svg", { viewBox: G.view || ("0 0 " + VW + " " + VH), role: "img", "aria-label": "state graph" });
  const defs = svg("defs");
  for (const d of g.dms) {
    defs.appendChild(svg("marker", { id: "arrow-" + g.dms.indexOf(d), viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "6", markerHeight: "6", orient: "auto-start-reverse" },
      svg("path", { d: "M0,0 L10,5 L0,10 z", fill: color[d] })));
  }
  root.appendChild(defs);
  const layer = svg("g");
  const sel = G.selected;
  const onlyImp = $("#graph-improvements").checked;
  for (const e of g.edges) {
    if (onlyImp && !e.improvement) continue;
    const a = pos[e.from], b = pos[e.to];
    if (!a || !b) continue;
    const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2, len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const bend = 0.18 * len, nx = -(b.y - a.y) / len, ny = (b.x - a.x) / len;
    const r = 13, ux = (b.x - a.x) / len, uy = (b.y - a.y) / len;
    const d = "M" + (a.x + ux * r) + "," + (a.y + uy * r) + " Q" + (mx + nx * bend) + "," + (my + ny * bend) + " " + (b.x - ux * r) + "," + (b.y - uy * r);
    let cls = "edge" + (e.improvement ? "" : " nonimp");
    const active = (G.highlight.size === 0 || G.highlight.has(e.dm)) && (sel === null || e.from === sel || e.to === sel);
    if (G.highlight.size || sel !== null) cls += active ? " hl" : " dim";
    layer.appendChild(svg("path", { d, class: cls, stroke: color[e.dm], "marker-end": "url(#arrow-" + g.dms.indexOf(e.dm) + ")" },
      svg("title", { text: e.dm + ": " + e.from + " → " + e.to + (e.improvement ? " (improvement)" : "") })));
  }
  root.appendChild(layer);
  const showYN = g.nodes.length <= 64;
  for (const n of g.nodes) {
    const p = pos[n.id];
    const cls = "node" + (eq.has(n.id) ? " eq" : "") + (g.status_quo === n.id ? " sq" : "") + (sel !== null && sel !== n.id && !g.edges.some(e => (e.from === sel && e.to === n.id) || (e.to === sel && e.from === n.id)) ? " dim" : "");
    const node = svg("g", { class: cls, transform: "translate(" + p.x + "," + p.y + ")", "data-id": n.id, style: "cursor:pointer" },
      svg("title", { text: n.id + ":" + n.yn + stateNames(n) + " — " + (n.taken.length ? n.taken.join(", ") : "nothing taken") + (eq.has(n.id) ? " (equilibrium)" : "") + (g.status_quo === n.id ? " (status quo)" : "") }),
      svg("circle", { r: 13 }),
      svg("text", { "text-anchor": "middle", dy: "3.5", text: String(n.id) }),
      showYN ? svg("text", { "text-anchor": "start", dx: "16", dy: "-9", text: n.yn }) : null);
    node.addEventListener("click", ev => {
      ev.stopPropagation();
      G.selected = G.selected === n.id ? null : n.id;
      G.view = G.selected === null ? null : neighbourhoodView(g, G.selected);  // zoom to its moves
      drawGraph();
    });
    root.appendChild(node);
  }
  box.appendChild(root);
  enablePanZoom(box, root, VW, VH);
  graphInfo(g);
}

function graphInfo(g) {
  const info = clear($("#graph-info"));
  if (G.selected === null) { info.textContent = "Click a state to see its moves."; return; }
  const n = g.nodes.find(x => x.id === G.selected);
  const eqs = Object.entries(g.equilibria).filter(([, ids]) => ids.includes(n.id)).map(([c]) => c);
  info.appendChild(el("strong", {}, "State " + n.id + ":" + n.yn + stateNames(n)));
  info.appendChild(document.createTextNode(" — " + (n.taken.length ? "taken: " + n.taken.join(", ") : "nothing taken") +
    (g.status_quo === n.id ? " · the status quo" : "") + (eqs.length ? " · equilibrium under " + eqs.join(", ") : " · no equilibrium")));
  const out = g.edges.filter(e => e.from === n.id);
  if (out.length) info.appendChild(el("div", {}, "Moves from here: " + out.map(e => e.dm + " → " + e.to + (e.improvement ? " (improvement)" : "")).join("; ")));
}

function neighbourhoodView(g, id) {
  const ids = new Set([id]);
  for (const e of g.edges) { if (e.from === id) ids.add(e.to); if (e.to === id) ids.add(e.from); }
  const pts = Array.from(ids).map(i => G.pos[i]).filter(Boolean);
  const xs = pts.map(p => p.x), ys = pts.map(p => p.y), pad = 50;
  let x0 = Math.min(...xs) - pad, x1 = Math.max(...xs) + pad, y0 = Math.min(...ys) - pad, y1 = Math.max(...ys) + pad;
  return [x0, y0, x1 - x0, y1 - y0].join(" ");
}

function enablePanZoom(box, root, W, H) {
  const vb = () => root.getAttribute("viewBox").split(" ").map(Number);
  const set = v => { G.view = v.join(" "); root.setAttribute("viewBox", G.view); };
  const zoom = (f, cx, cy) => {
    const [x, y, w, h] = vb();
    cx = cx === undefined ? x + w / 2 : cx; cy = cy === undefined ? y + h / 2 : cy;
    set([cx - (cx - x) * f, cy - (cy - y) * f, w * f, h * f]);
  };
  box.onwheel = ev => {
    ev.preventDefault();
    const [x, y, w, h] = vb(), r = box.getBoundingClientRect();
    zoom(ev.deltaY > 0 ? 1.15 : 1 / 1.15, x + (ev.clientX - r.left) / r.width * w, y + (ev.clientY - r.top) / r.height * h);
  };
  let drag = null;
  box.onpointerdown = ev => { drag = { x: ev.clientX, y: ev.clientY, v: vb() }; };
  box.onpointermove = ev => {
    if (!drag) return;
    const r = box.getBoundingClientRect(), [, , w, h] = drag.v;
    set([drag.v[0] - (ev.clientX - drag.x) / r.width * w, drag.v[1] - (ev.clientY - drag.y) / r.height * h, w, h]);
  };
  box.onpointerup = box.onpointerleave = () => { drag = null; };
  box.onclick = () => { if (G.selected !== null) { G.selected = null; G.view = null; drawGraph(); } };
  $("#zoom-in").onclick = () => zoom(1 / 1.3);
  $("#zoom-out").onclick = () => zoom(1.3);
  $("#zoom-reset").onclick = () => { G.view = null; root.setAttribute("viewBox", "0 0 " + W + " " + H); };
}

/* ---- variants ------------------------------------------------------------------------------------ */

async function compare() {
  const box = clear($("#comparison"));
  box.appendChild(el("p", { class: "muted" }, "Analysing the variants…"));
  const concepts = $$("input[name=concept]:checked").map(i => i.value);
  const q = new URLSearchParams();
  concepts.forEach(c => q.append("concepts", c));
  try {
    const res = await api("GET", "/api/scenarios/" + S.id + "/compare?" + q);
    const cmp = res.comparison;
    clear(box);
    if (cmp.models.length === 1) box.appendChild(el("p", { class: "muted" }, "This model declares no variants (add a 'variants:' section)."));
    const t = el("table", { class: "list" });
    t.appendChild(el("thead", {}, el("tr", {}, el("th", {}, "Concept"), cmp.models.map(m => el("th", {}, m.name, el("div", { class: "small muted" }, m.n_states + " states"))))));
    const tb = el("tbody");
    tb.appendChild(el("tr", {}, el("td", { class: "muted small" }, "changes"), cmp.models.map(m => el("td", { class: "small" },
      m.description ? el("div", { class: "muted" }, m.description) : null, el("ul", {}, (m.changes || []).map(c => el("li", {}, c)))))));
    for (const c of cmp.concepts) {
      tb.appendChild(el("tr", {}, el("td", {}, el("strong", {}, c)), cmp.models.map(m => {
        const td = el("td");
        if (m.skipped && m.skipped[c]) td.appendChild(el("span", { class: "muted small" }, "skipped"));
        const eqs = m.equilibria[c] || [];
        if (!eqs.length && !(m.skipped && m.skipped[c])) td.appendChild(el("span", { class: "muted" }, "none"));
        const appear = new Set((m.appear && m.appear[c]) || []);
        for (const s of eqs) td.appendChild(el("div", { class: "state" }, stateLabel(s), appear.has(s.yn) ? el("span", { class: "tag good" }, "new") : null));
        for (const y of (m.vanish && m.vanish[c]) || []) td.appendChild(el("div", { class: "state muted" }, el("span", { class: "tag bad" }, "gone"), " " + y));
        return td;
      })));
    }
    t.appendChild(tb);
    box.appendChild(t);
  } catch (e) { clear(box).appendChild(el("p", { class: "problems" }, e.message)); }
}

/* ---- timeline: observed moves judged against the model in force ------------------------------------ */

async function loadTimeline() {
  const box = clear($("#timeline"));
  document.body.dataset.timeline = "loading";
  box.appendChild(el("p", { class: "muted" }, "Following the timeline…"));
  const q = new URLSearchParams({ concept: $("#tl-concept").value, robustness: $("#tl-robust").checked ? "true" : "false" });
  if ($("#tl-days").value) q.set("persisted_days", $("#tl-days").value);
  try {
    const d = await api("GET", "/api/scenarios/" + S.id + "/timeline?" + q);
    clear(box);
    renderTimeline(box, d, q);
    document.body.dataset.timeline = "ready";
  } catch (e) {
    clear(box).appendChild(el("div", { class: "problems" }, (e.problems || [{ message: e.message }]).map(p => el("div", {}, problemText(p), p.hint ? el("div", { class: "small muted" }, p.hint) : null))));
    document.body.dataset.timeline = "failed";
  }
}

/* ---- suggested observations: stored statements that report an option taken or dropped ---------- */

function optionLabel(name) {
  for (const d of (S.summary && S.summary.decision_makers) || []) {
    for (const o of d.options) if (o.name === name && o.label) return " (" + o.label + ")";
  }
  return "";
}

function recordsText(c) {
  if (c.kind === "move") return c.owner + (c.value ? " takes " : " drops ") + c.option + optionLabel(c.option);
  return c.option + optionLabel(c.option) + (c.value ? " observed taken" : " observed not taken");
}

async function loadObservationSuggestions(url) {
  const box = clear($("#tl-suggestions"));
  document.body.dataset.suggestions = "loading";
  box.appendChild(el("p", { class: "muted" }, "Ranking the stored statements…"));
  try {
    S.suggestUrl = typeof url === "string" ? url : "/api/scenarios/" + S.id + "/suggested-observations?limit=20";
    const page = await apiPage(S.suggestUrl);
    clear(box);
    pager($("#tl-suggestions-pager"), page, loadObservationSuggestions);
    if (!page.items.length) box.appendChild(el("p", { class: "muted" }, page.total ? "No more candidates on this page." :
      "No candidate observation among the stored statements. Add articles on the Evidence page."));
    for (const c of page.items) box.appendChild(observationCard(c));
    document.body.dataset.suggestions = "ready";
  } catch (e) {
    clear(box).appendChild(el("div", { class: "problems" }, (e.problems || [{ message: e.message }]).map(p => el("div", {}, problemText(p), p.hint ? el("div", { class: "small muted" }, p.hint) : null))));
    $("#tl-suggestions-pager").hidden = true;
    document.body.dataset.suggestions = "failed";
  }
}

function observationCard(c) {
  const st = c.statement;
  const card = el("div", { class: "assumption statement observation", "data-statement": st.id });
  const status = el("div", { class: "small", role: "status" });
  const add = el("button", { class: "add-observation", onclick: () => addObservation(c, add, status) }, "Add to timeline");
  card.append(
    el("div", {}, el("span", { class: "who" }, st.speaker || "unknown"), " · " + [c.date, st.channel, st.article_source].filter(Boolean).join(" · "),
      el("span", { class: "small muted", title: "Relevance (TF-IDF cosine)" }, " · score " + c.score.toFixed(2))),
    el("div", { class: "content" }, "“" + st.content + "”"),
    el("div", { class: "records" }, "Would record: ", el("strong", {}, recordsText(c)),
      el("span", { class: "small muted" }, " — a " + c.kind + " on " + c.date + ", read from “" + c.verb + "”")),
    el("pre", { class: "snippet" }, c.snippet),
    el("div", { class: "row wrap" }, add, status));
  return card;
}

async function addObservation(c, button, status) {
  if (!keepUnsaved()) return;
  button.disabled = true;
  status.className = "small"; status.textContent = "Saving…";
  try {
    const r = await api("POST", "/api/scenarios/" + S.id + "/timeline/events",
      { base_version: S.version, statement_id: c.statement.id, option: c.option, value: c.value });
    await loadScenario();
    status.textContent = r.added ? "Added; saved version " + r.scenario.version : "The timeline cites this statement already";
    toast(r.added ? "Added to the timeline; saved version " + r.scenario.version : "The timeline cites this statement already");
    loadObservationSuggestions(S.suggestUrl);  // the added candidate is no longer proposed
  } catch (e) {
    button.disabled = false;
    const p = (e.problems || [])[0] || { message: e.message };
    status.className = "small problems";
    status.textContent = p.message + (p.hint ? " (" + p.hint + ")" : "");
    if (e.status === 409) status.appendChild(el("button", { class: "small", onclick: async () => { if (!keepUnsaved()) return; await loadScenario(); loadObservationSuggestions(S.suggestUrl); } }, "Load the latest version"));
    showError(e);
  }
}

function pct(x) { return x === null || x === undefined ? "–" : Math.round(100 * x) + "%"; }
function num(x, digits) { return x === null || x === undefined ? "–" : x.toFixed(digits); }

function renderTimeline(box, d, q) {
  const sc = d.scores, b = sc.brier;
  const label = k => "model " + k + " (" + d.versions[k].label + ")";
  box.appendChild(el("section", { class: "panel" }, el("h2", {}, "Scores"),
    el("ul", { class: "scores", id: "tl-scores" },
      el("li", {}, el("strong", {}, sc.anticipated + " of " + sc.moves), " moves anticipated (" + pct(sc.share_anticipated) + ")"),
      el("li", {}, Object.entries(sc.by_kind).map(([k, v]) => k + ": " + v).join(", ")),
      el("li", {}, "equilibria held " + num(sc.equilibrium_spells.mean_days, 1) + " days on average (" + sc.equilibrium_spells.n + " spells)"),
      el("li", {}, "other states " + num(sc.other_spells.mean_days, 1) + " days (" + sc.other_spells.n + " spells, " + sc.other_spells.censored + " still held)"),
      el("li", {}, "Brier vs 'persisted ≥ " + d.persisted_days + " days' (" + b.n + " spells): robustness " + num(b.robustness, 3) + ", plain analysis " + num(b.analysis, 3))),
    el("p", { class: "small muted" }, "Concept " + d.concept + ", " + d.model.date + " to " + d.until + ". A Brier score of 0 is perfect; always saying 0.5 scores 0.25."),
    Object.entries(d.robustness_notes || {}).map(([k, v]) => el("p", { class: "small muted" }, "No robustness for model " + k + ": " + v))));
  box.appendChild(el("section", { class: "panel" }, el("h2", {}, "Picture"),
    el("img", { class: "timeline-picture", alt: "Observed states over time, moves marked anticipated or surprise, revisions marked",
               src: "/api/scenarios/" + S.id + "/timeline/picture?" + q })));
  const t = el("table", { class: "list", id: "tl-moves" });
  t.appendChild(el("thead", {}, el("tr", {}, ["Date", "Mover", "Move", "States", "Judged", "Contradicts", "Fixed by"].map(h => el("th", {}, h)))));
  const tb = el("tbody");
  for (const m of d.moves) {
    const ev = (m.events || []).map(i => d.path.flatMap(p => p.events).find(e => e.index === i)).filter(Boolean);
    tb.appendChild(el("tr", { class: m.anticipated ? "anticipated" : "surprise" },
      el("td", { class: "nowrap" }, m.date),
      el("td", {}, m.mover),
      el("td", {}, Object.entries(m.changes).map(([o, v]) => (v ? "takes " : "drops ") + o).join(", "),
        ev.map(e => el("div", { class: "why" }, e.event || ""))),
      el("td", { class: "small nowrap" }, (m.from || "?") + ((m.from_names || []).length ? " " + m.from_names.join("/") : "") + " → " + (m.to || "?") + ((m.to_names || []).length ? " " + m.to_names.join("/") : ""), el("div", { class: "muted" }, "model " + m.version)),
      el("td", { class: "kind" }, el("span", { class: "tag " + (m.anticipated ? "good" : "bad") }, m.anticipated ? "anticipated" : "surprise"),
        m.anticipated ? el("div", { class: "small muted" }, m.kind + (m.path_target ? " (towards " + m.path_target + ")" : "")) : null),
      el("td", { class: "small" }, m.contradicts.map(c => el("div", {}, c)), m.without_it ? el("div", { class: "muted" }, m.without_it) : null),
      el("td", { class: "small" }, m.fixed_by !== null ? label(m.fixed_by) : (m.anticipated ? "" : "no later revision"))));
  }
  t.appendChild(tb);
  box.appendChild(el("section", { class: "panel" }, el("h2", {}, "Observed moves"),
    d.moves.length ? el("div", { class: "scroll" }, t) : el("p", { class: "muted" }, "No option changed on any observed date.")));
  const vs = el("ol", { start: 0, id: "tl-versions" }, d.versions.map(v => el("li", {}, v.label,
    el("div", { class: "small muted" }, d.concept + " equilibria: " + (v.equilibria.join(", ") || "none")),
    v.why ? el("div", { class: "why" }, v.why) : null)));
  const sp = el("table", { class: "list" });
  sp.appendChild(el("thead", {}, el("tr", {}, ["From", "State", "Days", "Equilibrium", "P(equilibrium)", "Persisted"].map(h => el("th", {}, h)))));
  sp.appendChild(el("tbody", {}, d.spells.map(s => el("tr", {},
    el("td", { class: "nowrap" }, s.start), el("td", {}, s.state + ((s.names || []).length ? " " + s.names.join("/") : ""), el("div", { class: "small muted" }, s.taken.join(", ") || "nothing taken")),
    el("td", {}, s.days + (s.censored ? "+" : "")), el("td", {}, s.equilibrium ? "yes" : "no"),
    el("td", {}, num(s.p_equilibrium, 2)), el("td", {}, s.persisted === null ? "–" : s.persisted ? "yes" : "no")))));
  box.appendChild(el("div", { class: "grid2" },
    el("section", { class: "panel" }, el("h2", {}, "Model versions"), vs),
    el("section", { class: "panel" }, el("h2", {}, "How long each state held"), el("div", { class: "scroll" }, sp))));
}

/* ---- evidence on the scenario page ---------------------------------------------------------------- */

async function loadAssumptions() {
  const box = clear($("#assumptions"));
  try {
    const items = await apiAll("/api/scenarios/" + S.id + "/assumptions?limit=1000");
    S.assumptions = items;
    for (const a of items) {
      const d = el("div", { class: "assumption" }, el("div", { class: "key" }, a.key), el("div", {}, a.text));
      for (const ev of a.evidence) d.appendChild(el("div", { class: "small muted" }, "model: " + ev));
      for (const c of (S.evidenceSuggestions && S.evidenceSuggestions.get(a.key)) || []) {
        d.appendChild(el("div", { class: "suggested statement" }, el("span", { class: "small muted", title: "Similarity (TF-IDF cosine)" }, "suggested " + c.score.toFixed(2) + " · "),
          el("span", { class: "who" }, c.speaker || "unknown"), " (" + [c.channel, c.date || c.article_date, c.article_source].filter(Boolean).join(", ") + "): “" + c.content + "” ",
          a.links.some(ln => ln.statement_id === c.id) ? el("span", { class: "small muted" }, "linked") :
            el("button", { class: "small", onclick: async () => { try { await api("POST", "/api/scenarios/" + S.id + "/links", { statement_id: c.id, target: a.key }); toast("Linked"); loadAssumptions(); } catch (e) { showError(e); } } }, "Link")));
      }
      for (const ln of a.links) {
        const st = ln.statement || {};
        d.appendChild(el("div", { class: "linked statement" }, el("span", { class: "who" }, st.speaker || "unknown"), " (" + [st.channel, st.date || st.article_date, st.article_source].filter(Boolean).join(", ") + "): “" + (st.content || "") + "” ",
          el("button", { class: "small", onclick: async () => { try { await api("DELETE", "/api/links/" + ln.id); loadAssumptions(); } catch (e) { showError(e); } } }, "unlink")));
      }
      box.appendChild(d);
    }
  } catch (e) { box.appendChild(el("p", { class: "problems" }, e.message)); }
}

async function suggestEvidence() {
  try {
    const items = await apiAll("/api/scenarios/" + S.id + "/suggested-evidence?limit=1000");
    S.evidenceSuggestions = new Map(items.filter(x => x.key).map(x => [x.key, x.candidates]));
    const n = items.reduce((k, x) => k + x.candidates.length, 0);
    toast(n ? n + " suggested statement(s) shown under the assumptions" : "No stored statement is similar to an assumption");
    loadAssumptions();
  } catch (e) { showError(e); }
}

async function searchStatements(url) {
  const box = clear($("#ev-results"));
  const q = $("#ev-q").value.trim();
  try {
    if (typeof url !== "string") url = null;
    let page = await apiPage(url || "/api/evidence/statements?" + new URLSearchParams({ text: q, limit: 50 }));
    if (!url && !page.items.length && q) page = await apiPage("/api/evidence/statements?" + new URLSearchParams({ speaker: q, limit: 50 }));
    if (!page.items.length) box.appendChild(el("p", { class: "muted" }, "No stored statements match. Add articles on the Evidence page."));
    if (!S.assumptions) await loadAssumptions();
    for (const st of page.items) box.appendChild(statementCard(st, S.id, () => S.assumptions, loadAssumptions));
    const nav = el("div", { class: "pager row" });
    box.appendChild(nav);
    pager(nav, page, searchStatements);
  } catch (e) { box.appendChild(el("p", { class: "problems" }, e.message)); }
}

function statementCard(st, scenarioId, getAssumptions, after) {
  const sel = el("select", {}, (getAssumptions() || []).map(a => el("option", { value: a.key }, a.key + " — " + a.text.slice(0, 60))));
  return el("div", { class: "assumption statement" },
    el("div", {}, el("span", { class: "who" }, st.speaker || "unknown"), " · " + [st.channel, st.date || st.article_date, st.article_source].filter(Boolean).join(" · "),
      st.date_guessed ? el("span", { class: "tag bad", title: "The article's publication date was guessed from its text; check it" }, " · date guessed")
        : (st.date_source ? el("span", { class: "small muted", title: "Where the date came from" }, " (" + st.date_source + ")") : null)),
    st.uid ? el("div", { class: "small muted", title: "Stable id: cite it in a model as statement_id; it holds in any database" }, st.uid) : null,
    el("div", {}, "“" + st.content + "”"),
    el("div", { class: "row wrap" }, sel, el("button", { onclick: async () => {
      try { await api("POST", "/api/scenarios/" + scenarioId + "/links", { statement_id: st.id, target: sel.value }); toast("Linked"); after(); }
      catch (e) { showError(e); }
    } }, "Link")));
}

/* ---- history --------------------------------------------------------------------------------------- */

async function loadHistory(url) {
  const list = clear($("#versions"));
  const page = await apiPage(typeof url === "string" ? url : "/api/scenarios/" + S.id + "/versions?limit=50");
  pager($("#versions-pager"), page, loadHistory);
  for (const v of page.items) {
    list.appendChild(el("li", { value: v.version, "data-version": v.version, onclick: () => showDiff(v.version - 1, v.version) },
      "v" + v.version + " · " + (v.created_at || "").slice(0, 16).replace("T", " ") + (v.author ? " · " + v.author : ""),
      v.message ? el("div", { class: "small muted" }, v.message) : null));
  }
}

async function showDiff(from, to) {
  const box = clear($("#diff"));
  box.className = "";
  $$("#versions li").forEach(li => li.classList.toggle("sel", String(li.dataset.version) === String(to)));
  if (from < 1) { box.appendChild(el("p", { class: "muted" }, "The first version.")); return; }
  try {
    const q = new URLSearchParams({ from });
    if (to) q.set("to", to);
    const d = await api("GET", "/api/scenarios/" + S.id + "/diff?" + q);
    box.appendChild(el("p", { class: "small" }, "From v" + d.from_version + " to v" + d.to_version + ":"));
    box.appendChild(d.changes.length ? el("ul", {}, d.changes.map(c => el("li", {}, c))) : el("p", { class: "muted small" }, "No change to the model's structure."));
    const pre = el("div", { class: "diff" });
    for (const line of d.unified.split("\n")) {
      pre.appendChild(el("span", { class: line.startsWith("+") && !line.startsWith("+++") ? "add" : line.startsWith("-") && !line.startsWith("---") ? "del" : null }, line + "\n"));
    }
    box.appendChild(pre);
  } catch (e) { box.appendChild(el("p", { class: "problems" }, e.message)); }
}

/* ---- the evidence page ----------------------------------------------------------------------------- */

const E = { assumptions: [] };

function initEvidence() {
  $("#filters").addEventListener("submit", ev => { ev.preventDefault(); loadStatements(); });
  $("#link-scenario").addEventListener("change", loadTargets);
  $("#link-scenario-q").addEventListener("input", debounce(findScenarios, 300));
  $("#ingest").addEventListener("click", ingest);
  $("#upload").addEventListener("click", upload);
  loadStatements();
}

/* The scenario select holds one page (50) of scenarios whose title contains the search. */
async function findScenarios() {
  const q = $("#link-scenario-q").value.trim(), sel = $("#link-scenario"), keep = sel.value;
  try {
    const page = await apiPage("/api/scenarios?" + new URLSearchParams({ q, limit: 50 }));
    clear(sel).appendChild(el("option", { value: "" }, page.items.length ? "(choose)" : "(no scenario matches)"));
    for (const s of page.items) sel.appendChild(el("option", { value: s.id }, s.title));
    if (page.items.some(s => String(s.id) === keep)) sel.value = keep; else if (keep) loadTargets();
    $("#link-scenario-count").textContent = page.total > page.items.length ?
      page.items.length + " most recent of " + page.total + (q ? " matching" : "") + ": narrow the search to find the others" :
      (q ? page.total + " matching" : "");
  } catch (e) { showError(e); }
}

async function loadTargets() {
  const sid = $("#link-scenario").value, sel = clear($("#link-target"));
  E.assumptions = [];
  if (!sid) return;
  try {
    E.assumptions = await apiAll("/api/scenarios/" + sid + "/assumptions?limit=1000");
    for (const a of E.assumptions) sel.appendChild(el("option", { value: a.key }, a.key + " — " + a.text.slice(0, 60)));
  } catch (e) { showError(e); }
}

async function loadStatements(url) {
  const q = new URLSearchParams();
  for (const [k, v] of new FormData($("#filters"))) if (v) q.set(k, v);
  const tb = clear($("#statements tbody"));
  try {
    E.url = typeof url === "string" ? url : "/api/evidence/statements?" + q;
    const page = await apiPage(E.url);
    pager($("#statements-pager"), page, loadStatements);
    const rows = page.items;
    if (!rows.length) tb.appendChild(el("tr", {}, el("td", { colspan: 7, class: "muted" }, "No statements. Add an article below, or run detente ingest.")));
    for (const st of rows) {
      tb.appendChild(el("tr", { class: "statement" },
        el("td", { class: "who" }, st.speaker || "unknown"),
        el("td", {}, st.channel || "", st.channel_detail ? el("div", { class: "small muted" }, st.channel_detail) : null),
        el("td", { class: "nowrap" }, st.date || (st.article_date ? st.article_date + " (dateline)" : "")),
        el("td", {}, st.article_url ? el("a", { href: safeUrl(st.article_url), rel: "noopener noreferrer" }, st.article_source || "source") : (st.article_source || "")),
        el("td", {}, st.content),
        el("td", { class: "small" }, st.links.map(l => el("div", {}, el("a", { href: "/scenarios/" + l.scenario_id + "#evidence" }, l.scenario_title), ": " + l.target))),
        el("td", {}, el("button", { onclick: () => linkStatement(st) }, "Link"))));
    }
  } catch (e) { showError(e); }
}

function safeUrl(u) { return /^https?:\/\//i.test(u) ? u : "#"; }

async function linkStatement(st) {
  const sid = $("#link-scenario").value, target = $("#link-target").value;
  if (!sid || !target) { toast("Choose a scenario and an assumption first", true); return; }
  try { await api("POST", "/api/scenarios/" + sid + "/links", { statement_id: st.id, target }); toast("Linked to " + target); loadStatements(E.url); }
  catch (e) { showError(e); }
}

async function ingest() {
  const out = $("#ingest-result");
  out.textContent = "Reading…";
  const art = { text: $("#art-text").value, date: $("#art-date").value || null, source: $("#art-source").value || null, title: $("#art-title").value || null };
  try {
    const res = await api("POST", "/api/evidence/articles", { articles: [art] });
    const r = res.results[0];
    out.textContent = r.ok ? (r.created ? r.statements + " statements and " + r.figures + " figures stored" : "already stored") : r.problems.map(problemText).join("; ");
    if (r.ok) loadStatements();
  } catch (e) { out.textContent = e.message; }
}

async function upload() {
  const out = clear($("#upload-result"));
  const files = $("#files").files;
  if (!files.length) { toast("Choose one or more files first", true); return; }
  const form = new FormData();
  for (const f of files) form.append("files", f);
  if ($("#art-date").value) form.append("date", $("#art-date").value);
  if ($("#art-source").value) form.append("source", $("#art-source").value);
  const headers = token() ? { "X-Detente-Token": token() } : {};
  try {
    const res = await fetch("/api/evidence/files", { method: "POST", body: form, headers });
    const data = await res.json();
    if (!res.ok && res.status !== 207) throw new ApiError(res.status, data);
    for (const r of data.results) {
      out.appendChild(el("li", { class: r.ok ? null : "problems" }, r.ok ?
        (r.created ? r.statements + " statements, " + r.figures + " figures stored" : "already stored") :
        r.problems.map(problemText).join("; ")));
    }
    loadStatements();
  } catch (e) { showError(e); }
}

/* ---- start -------------------------------------------------------------------------------------- */

document.addEventListener("DOMContentLoaded", () => {
  const tok = $("#token");
  if (tok) { tok.value = token(); tok.addEventListener("change", () => localStorage.setItem("detente-token", tok.value)); }
  const page = document.body.dataset.page;
  if (page === "index") initIndex();
  else if (page === "scenario") initScenario();
  else if (page === "evidence") initEvidence();
});
