// Runs the JavaScript retrieval core under Node on the data files a build wrote, for the parity tests.
// Usage: node retrieval_run.js SITE_DIR < requests.json  (requests: {"search": [queries], "ideas": [[text, asker]],
// "stems": [words], "words": [[text, stop, minLength]], "marks": [[query, text]], "formats": {number, euro, dates},
// "snippets": [[query, text, limit]]}); prints the results as JSON.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const site = process.argv[2];
const R = require(path.resolve(__dirname, "../../docs/assets/katalog/retrieval.js"));

function loadData(file, callbackName) {
  const out = {};
  const context = { [callbackName]: (name, data) => { out[name] = data; } };
  vm.runInNewContext(fs.readFileSync(file, "utf8"), context);
  return out;
}

function web(name) {
  return loadData(path.join(site, "api", "web", name + ".js"), "KATALOG_DATEN")[name];
}

// The analyzer of the search page (katalog-core.js: K.searchMeta) from the shipped lexicon and its packed stems,
// for the highlighting requests.
function searchAnalyzer() {
  const meta = web("suche-meta");
  const lexicon = web("suche-lexikon");
  const all = lexicon.words.concat(lexicon.extra);
  const stems = R.unpackStems(all, lexicon.cuts, lexicon.odd);
  return { analyzer: new R.Analyzer(meta.analysis, all, lexicon.thesaurus, stems) };
}

// The search as the page runs it: katalog-core.js (K.search: shard lookup, postings, suggestion) over the data
// files, handed in the way the page's <script> tags hand them in (KATALOG_DATEN).
async function searchAll(queries) {
  const sandbox = pageScripts(["katalog-core.js"]);
  const folder = path.join(site, "api", "web");
  for (const file of fs.readdirSync(folder).filter((f) => f.startsWith("suche-"))) {
    vm.runInContext(fs.readFileSync(path.join(folder, file), "utf8"), sandbox);
  }
  const K = sandbox.KATALOG;
  const out = [];
  for (const q of queries) {
    const r = await K.search(q);
    out.push({ concepts: r.concepts, ranked: r.hits.map((h) => [h.doc, h.score, h.points]), found: r.found,
               suggestion: r.suggestion });
  }
  return out;
}

function marksAll(requests) {
  const { analyzer } = searchAnalyzer();
  return requests.map(([query, text]) => {
    const terms = new Set(R.conceptTerms(analyzer.concepts(query)));
    return analyzer.marks(text, terms).map(([start, end]) => text.slice(start, end));
  });
}

// The page's scripts in the page's order (katalog-core.js, the shared helpers, first) in a page-like sandbox.
function pageScripts(scripts) {
  const sandbox = { KATALOG_RETRIEVAL: R, URL: URL, location: { href: "file:///site/ideen-check.html" },
                    document: { currentScript: null, readyState: "complete", querySelector: () => null },
                    performance: { now: () => 0 } };
  sandbox.globalThis = sandbox.window = sandbox;
  vm.createContext(sandbox);
  for (const script of scripts) {
    vm.runInContext(fs.readFileSync(path.resolve(__dirname, "../../docs/assets/katalog", script), "utf8"), sandbox);
  }
  return sandbox;
}

function ideasAll(requests) {
  const api = pageScripts(["katalog-core.js", "ideen-check.js"]).KatalogIdeen;
  api.prepare(web("ideen-index"));
  return requests.map(([text, asker]) => {
    const a = api.askerFor(asker.land || "", asker.size || "");
    const r = api.check(text, a);
    return { projects: r.projects.map((h) => [h.doc, h.score, h.text, h.reasons]), total: r.total, topics: r.topics,
             words: r.words };
  });
}

(async () => {
const request = JSON.parse(fs.readFileSync(0, "utf8"));
const out = {};
if (request.search) out.search = await searchAll(request.search);
if (request.ideas) out.ideas = ideasAll(request.ideas);
if (request.marks) out.marks = marksAll(request.marks);
if (request.snippets) out.snippets = request.snippets.map(([query, text, limit]) => {
  const { analyzer } = searchAnalyzer();
  const [shown, spans] = R.snippet(text, analyzer.marks(text, new Set(R.conceptTerms(analyzer.concepts(query)))), limit);
  return [shown, spans.map(([a, b]) => shown.slice(a, b))];
});
if (request.formats) {
  const K = pageScripts(["katalog-core.js"]).KATALOG;
  out.formats = { number: request.formats.number.map((n) => K.number(n)), euro: request.formats.euro.map((n) => K.euro(n)),
                  dates: request.formats.dates.map((d) => K.germanDate(d)) };
}
if (request.stems) out.stems = request.stems.map((w) => R.stem(w));
if (request.lexiconStems) {
  const lexicon = web("suche-lexikon");
  const all = lexicon.words.concat(lexicon.extra);
  const stems = R.unpackStems(all, lexicon.cuts, lexicon.odd);
  const ideas = web("ideen-index");
  const ideaStems = R.unpackStems(ideas.words, ideas.cuts, ideas.odd);
  out.lexiconStems = all.map((w, i) => [w, stems[i]]).concat(ideas.words.map((w, i) => [w, ideaStems[i]]));
}
if (request.words) out.words = request.words.map(([t, stop, n]) => { const s = {}; stop.forEach((w) => { s[w] = true; }); return R.words(t, s, n); });
process.stdout.write(JSON.stringify(out));
})();
