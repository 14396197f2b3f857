// kgx serve's page: a hash router over the JSON API. Every text from articles goes into the
// DOM as text nodes, never parsed as markup, so no label or sentence can become markup.
"use strict";

const view = document.getElementById("view");

// el("p", {class: "x"}, "text", child) builds an element; strings become text nodes.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === undefined || c === null) continue;
    node.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
}

function show(...nodes) {
  view.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined));
}

async function getJson(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error((await r.text()).trim() || r.statusText);
  return r.json();
}

// Hash routes: #/search/Q, #/entity/ID, #/doc/ID/SENTENCE, #/sparql, #/.
function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [head, ...rest] = hash.split("/");
  const arg = rest.join("/");
  const run = {
    search: () => searchPage(decodeURIComponent(arg)),
    entity: () => entityPage(arg),
    doc: () => documentPage(rest[0], rest[1]),
    sparql: () => sparqlPage(),
  }[head] || homePage;
  run().catch((e) => show(el("p", { class: "error" }, String(e.message || e))));
}

function entityLink(entity) {
  return el("a", { href: "#/entity/" + entity.id, class: "entity-link" }, entity.label);
}

async function homePage() {
  const stats = await getJson("/api/stats");
  show(
    el("h1", {}, "Explore the graph"),
    el("p", {}, `${stats.quads} statements loaded; ${stats.documents.length} article(s) with their text.`),
    el("p", { class: "muted" }, "Search an entity by name above, or ask SPARQL."),
  );
}

async function searchPage(q) {
  document.getElementById("q").value = q;
  const data = await getJson("/api/search?q=" + encodeURIComponent(q));
  const list = el("ul", { class: "results" });
  for (const r of data.results) {
    list.append(el("li", {},
      el("a", { href: "#/entity/" + r.id, class: "result" }, r.label),
      el("span", { class: "type" }, r.type),
      el("span", { class: "muted" }, ` · ${r.facts} fact(s)`),
      r.aliases.length ? el("div", { class: "aliases muted" }, "also: " + r.aliases.join(", ")) : null,
    ));
  }
  show(
    el("h2", {}, `${data.total} match(es) for “${q}”`),
    data.total ? list : el("p", { class: "muted" }, "No entity has that name or alias."),
  );
}

function evidenceBlock(ev) {
  const quote = el("blockquote", { class: "sentence" }, ev.before);
  if (ev.trigger) quote.append(el("mark", { class: "trigger" }, ev.trigger));
  quote.append(ev.after);
  const meta = el("div", { class: "meta muted" },
    `${ev.doc}, sentence ${ev.sentence + 1} · rule ${ev.rule}`);
  if (ev.has_text) {
    meta.append(" · ", el("a", { href: `#/doc/${encodeURIComponent(ev.doc)}/${ev.sentence}`, class: "doc-link" }, "open in the article"));
  }
  return el("div", { class: "evidence-item" }, quote, meta);
}

async function entityPage(id) {
  const e = await getJson("/api/entity/" + id);
  const parts = [
    el("h1", {}, e.label, el("span", { class: "type" }, e.type)),
    e.aliases.length ? el("p", { class: "aliases" }, "Also called: " + e.aliases.join(", ")) : null,
    el("p", { class: "iri muted" }, e.iri),
  ];
  if (!e.relations.length) parts.push(el("p", { class: "muted" }, "No facts about this entity."));
  for (const group of e.relations) {
    const section = el("section", { class: "relation", "data-predicate": group.predicate },
      el("h3", {}, group.direction === "out" ? `${group.label} →` : `← ${group.label}`));
    for (const f of group.facts) {
      const evidence = el("div", { class: "evidence", hidden: "" }, ...f.evidence.map(evidenceBlock));
      const attr = f.role || f.claim;
      const toggle = el("button", { class: "fact-toggle", type: "button", "aria-expanded": "false", "data-other": f.other.label },
        f.other.label, el("span", { class: "type" }, f.other.type),
        attr ? el("span", { class: "attr" }, ` — ${f.role ? "role" : "claim"}: ${attr}`) : null,
        el("span", { class: "muted" }, ` · ${f.evidence.length} sentence(s), confidence ${f.confidence.toFixed(2)}`));
      toggle.addEventListener("click", () => {
        const open = evidence.hidden;
        evidence.hidden = !open;
        toggle.setAttribute("aria-expanded", String(open));
      });
      section.append(el("div", { class: "fact" }, toggle,
        el("div", { class: "meta" }, el("a", { href: "#/entity/" + f.other.id }, `go to ${f.other.label}`)),
        evidence));
    }
    parts.push(section);
  }
  const diagram = el("section", { class: "diagram" }, el("h3", {}, "Neighbourhood"));
  parts.push(diagram);
  show(...parts);
  if (!e.diagram) {
    diagram.append(el("p", { class: "muted" }, "Diagrams are drawn for articles extracted on the fly, not for a store or RDF files."));
    return;
  }
  const r = await fetch("/api/diagram/" + id);
  if (r.ok) {
    const url = URL.createObjectURL(await r.blob());
    diagram.append(el("img", { src: url, alt: `The neighbourhood of ${e.label}` }));
  } else {
    diagram.append(el("p", { class: "muted" }, (await r.text()).trim()));
  }
}

async function documentPage(id, sentence) {
  const d = await getJson("/api/document/" + id);
  const text = el("div", { class: "document" });
  let target = null;
  for (const run of d.runs) {
    const cls = [];
    if (run.fact) cls.push("fact-sentence");
    if (sentence !== undefined && String(run.sentence) === sentence) cls.push("sentence-target");
    let node = run.entity
      ? el("a", { class: "mention", href: "#/entity/" + run.entity.id, title: `${run.entity.label} (${run.entity.type})` }, run.text)
      : document.createTextNode(run.text);
    if (run.trigger) node = el("mark", { class: "trigger" }, node);
    if (cls.length) {
      node = el("span", { class: cls.join(" ") }, node);
      if (!target && cls.includes("sentence-target")) target = node;
    }
    text.append(node);
  }
  show(
    el("h1", {}, d.id),
    el("p", { class: "muted" }, "Names kgx found are links; sentences that state facts are shaded, their trigger words marked."),
    text,
  );
  if (target) target.scrollIntoView({ block: "center" });
}

async function sparqlPage() {
  const examples = await getJson("/api/queries");
  const box = el("textarea", { id: "sparql-query", spellcheck: "false" },
    "SELECT ?name ?org WHERE {\n  ?p kgx:affiliatedWith ?o .\n  ?p rdfs:label ?name .\n  ?o rdfs:label ?org .\n} LIMIT 50");
  const out = el("div", { id: "sparql-results" });
  const buttons = el("div", { class: "examples" }, "Worked queries: ");
  for (const ex of examples) {
    const b = el("button", { type: "button" }, ex.name);
    b.addEventListener("click", () => { box.value = ex.query; });
    buttons.append(b);
  }
  const run = el("button", { type: "button", id: "sparql-run" }, "Run");
  run.addEventListener("click", async () => {
    out.replaceChildren(el("p", { class: "muted" }, "Running…"));
    const r = await fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json, text/turtle;q=0.9" },
      body: box.value,
    });
    const body = await r.text();
    if (!r.ok) { out.replaceChildren(el("p", { class: "error" }, `${r.status}: ${body}`)); return; }
    if (!(r.headers.get("content-type") || "").includes("json")) { out.replaceChildren(el("pre", {}, body)); return; }
    const data = JSON.parse(body);
    if ("boolean" in data) { out.replaceChildren(el("p", {}, String(data.boolean))); return; }
    const vars = data.head.vars;
    const table = el("table", {}, el("tr", {}, ...vars.map((v) => el("th", {}, v))));
    for (const b of data.results.bindings) {
      table.append(el("tr", {}, ...vars.map((v) => el("td", {}, b[v] ? b[v].value : ""))));
    }
    out.replaceChildren(el("p", { class: "muted" }, `${data.results.bindings.length} row(s)`), table);
  });
  show(el("h1", {}, "SPARQL"),
    el("p", { class: "muted" }, "Prefixes kgx, rdf, rdfs, owl, xsd, skos, schema, prov, oa, org and dcterms are predeclared."),
    buttons, box, el("p", {}, run), out);
}

document.getElementById("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  location.hash = "#/search/" + encodeURIComponent(document.getElementById("q").value);
});
window.addEventListener("hashchange", route);
route();
