// SPDX-License-Identifier: Apache-2.0
// The offline graph page (tools/tessera/viz.py): search by name, click a
// node to highlight what it requires (blue) and what depends on it
// (magenta), and show why it is in the product and its size. Reads only the
// models embedded in the page; no network.
"use strict";
(function () {
  const models = JSON.parse(document.getElementById("models").textContent);
  const docPrefix = models.docPrefix || "";
  let view = "product";

  function index(model) {
    const comps = new Map(), ifaces = new Map(), out = new Map(), inc = new Map();
    for (const c of model.components) comps.set(c.name, c);
    for (const i of model.interfaces) ifaces.set(i.name, i);
    for (const e of model.edges) {
      if (!out.has(e.from)) out.set(e.from, []);
      if (!inc.has(e.to)) inc.set(e.to, []);
      out.get(e.from).push(e);
      inc.get(e.to).push(e);
    }
    return { model, comps, ifaces, out, inc };
  }
  const idx = { product: index(models.product) };
  if (models.tree) idx.tree = index(models.tree);

  const svgOf = (v) => document.querySelector("#view-" + v + " svg");
  const domId = (node) => (models.idPrefix || {})[view] + node.replace(":", "-");
  const live = (e) => e.kind !== "alternative";

  // Requirements: the interfaces a node uses and their (chosen) providers.
  // Dependents: the nodes using an interface the component provides.
  function neighbours(node) {
    const ix = idx[view], req = new Set(), dep = new Set(), via = new Set(), edges = [];
    for (const e of ix.out.get(node) || []) {
      if (!live(e)) continue;
      edges.push(e);
      if (node.startsWith("i:")) { req.add(e.to); continue; }
      via.add(e.to);
      for (const p of ix.out.get(e.to) || []) if (live(p)) { req.add(p.to); edges.push(p); }
    }
    for (const e of ix.inc.get(node) || []) {
      if (!live(e)) continue;
      edges.push(e);
      if (node.startsWith("i:")) { dep.add(e.from); continue; }
      via.add(e.from);
      for (const u of ix.inc.get(e.from) || []) if (live(u)) { dep.add(u.from); edges.push(u); }
    }
    req.delete(node); dep.delete(node);
    return { req: [...req].sort(), dep: [...dep].sort(), via: [...via].sort(), edges };
  }

  function clear(svg) {
    svg.classList.remove("dimmed");
    for (const el of svg.querySelectorAll(".sel,.req,.dep,.via,.hl"))
      el.classList.remove("sel", "req", "dep", "via", "hl");
  }

  function nameList(nodes) {
    if (!nodes.length) return "<li><i>none</i></li>";
    return nodes.map((n) => "<li>" + esc(n.slice(2)) + (n.startsWith("i:") ? " (interface)" : "") + "</li>").join("");
  }
  function esc(s) {
    return String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
  }

  function panelFor(node, nb) {
    const ix = idx[view], name = node.slice(2);
    const panel = document.getElementById("panel");
    let h = "";
    if (node.startsWith("c:")) {
      const c = ix.comps.get(name);
      const s = c.size;
      const size = s ? (s.text + s.data + s.bss) + " B (text " + s.text + ", data " + s.data + ", bss " + s.bss + ")"
        : (view === "product" ? "unknown: no link map (build the product)" : "per product only");
      h += "<h2>" + esc(name) + "</h2><p>" + esc(c.summary) + "</p>";
      h += "<p>state: <b>" + esc(c.state) + "</b><br>folder: " + esc(c.dir) + "<br>size: <span id=\"panel-size\">" + esc(size) + "</span></p>";
      if (c.why) h += "<h3>why</h3><ul class=\"why\"><li>" + [name].concat(c.why).map(esc).join("</li><li>&larr; ") + "</li></ul>";
      if (c.products) h += "<p>in products: " + esc(c.products.join(", ") || "none") + "</p>";
      h += "<p><a href=\"" + esc(docPrefix + c.doc) + "\">reference (docs/components.md)</a></p>";
    } else if (node.startsWith("i:")) {
      const i = ix.ifaces.get(name);
      h += "<h2>interface " + esc(name) + "</h2><p>" + esc(i.summary) + " (" + esc(i.cardinality) + ")</p>";
      if (i.choice) h += "<p>chosen: " + esc(i.chosen.join(", ") || "none") + "</p>";
    } else {
      h += "<h2>product " + esc(name) + "</h2>";
    }
    h += "<h3 class=\"legend-req\">requires</h3><ul id=\"panel-req\">" + nameList(nb.req) + "</ul>";
    h += "<h3 class=\"legend-dep\">dependents</h3><ul id=\"panel-dep\">" + nameList(nb.dep) + "</ul>";
    panel.innerHTML = h;
  }

  function select(node) {
    const svg = svgOf(view);
    clear(svg);
    const el = document.getElementById(domId(node));
    if (!el || !svg.contains(el)) return null;
    const nb = neighbours(node);
    svg.classList.add("dimmed");
    el.classList.add("sel");
    const mark = (n, cls) => { const g = document.getElementById(domId(n)); if (g && svg.contains(g)) g.classList.add(cls); };
    nb.req.forEach((n) => mark(n, "req"));
    nb.dep.forEach((n) => mark(n, "dep"));
    nb.via.forEach((n) => mark(n, "via"));
    for (const e of nb.edges) {
      const g = document.getElementById(domId(e.from) + "--" + e.to.replace(":", "-"));
      if (g && svg.contains(g)) g.classList.add("hl");
    }
    panelFor(node, nb);
    return nb;
  }

  function search(text) {
    const svg = svgOf(view);
    for (const el of svg.querySelectorAll(".match")) el.classList.remove("match");
    const q = text.trim().toLowerCase();
    const found = [];
    if (q) {
      const ix = idx[view];
      for (const n of ix.comps.keys()) if (n.toLowerCase().includes(q)) found.push("c:" + n);
      for (const n of ix.ifaces.keys()) if (n.toLowerCase().includes(q)) found.push("i:" + n);
    }
    for (const n of found) {
      const g = document.getElementById(domId(n));
      if (g && svg.contains(g)) g.classList.add("match");
    }
    document.getElementById("matches").textContent = q ? found.length + " match" + (found.length === 1 ? "" : "es") : "";
    if (found.length) {
      const g = document.getElementById(domId(found[0]));
      if (g && g.scrollIntoView) g.scrollIntoView({ block: "center", inline: "center" });
    }
    return found;
  }

  function show(v) {
    view = v;
    for (const s of document.querySelectorAll(".view")) s.hidden = s.id !== "view-" + v;
    search(document.getElementById("search").value);
  }

  document.getElementById("search").addEventListener("input", (ev) => search(ev.target.value));
  document.getElementById("search").addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") { const f = search(ev.target.value); if (f.length) select(f[0]); }
  });
  for (const r of document.querySelectorAll("input[name=view]"))
    r.addEventListener("change", (ev) => show(ev.target.value));
  for (const v of Object.keys(idx)) {
    const svg = svgOf(v);
    if (!svg) continue;
    svg.addEventListener("click", (ev) => {
      const g = ev.target.closest("g.node");
      if (!g) { clear(svg); return; }
      const title = g.querySelector("title");
      if (!title) return;
      const node = title.textContent;
      if (!/^[cip]:/.test(node)) return;
      // A click highlights; the reference page is one link away in the panel.
      ev.preventDefault();
      select(node);
    });
  }
  window.tessera = { select, search, show, neighbours, get view() { return view; } };
})();
