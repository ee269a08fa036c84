/* Kommunaler Digitalisierungskatalog – gemeinsame Bausteine für Suche, Explorer und Karte.
 *
 * - Daten kommen als <script>-Dateien aus api/web/ (funktioniert auch über file://).
 * - Textanalyse und Rangfolge: retrieval.js (vorher laden), die genaue Übertragung von
 *   generator/text.py und generator/retrieval/ (ganzzahlige Punkte, daher dieselbe
 *   Reihenfolge wie `katalog suche`; die Tests vergleichen unter Node).
 * - Werte aus Einträgen werden nur per textContent / DOM-APIs eingesetzt.
 */
(function () {
  "use strict";

  var here = document.currentScript && document.currentScript.src;
  var BASE;
  try {
    BASE = new URL("../../", here || location.href); // assets/katalog/ -> Wurzel der Website
  } catch (error) {
    BASE = new URL(location.href); // eingebettet ohne eigene Adresse (z. B. about:blank)
  }
  var K = (window.KATALOG = window.KATALOG || {});
  K.base = BASE;

  K.url = function (path) {
    return new URL(path, BASE).href;
  };
  K.page = function (kind, id) {
    var folder = kind === 0 || kind === "project" ? "projekte/" : "foerderprogramme/";
    return K.url(folder + encodeURIComponent(id) + ".html");
  };

  /* ---------- Daten laden ---------- */
  var loaded = {};
  var pending = {};
  window.KATALOG_DATEN = function (name, data) {
    loaded[name] = data;
    if (pending[name]) pending[name].resolve(data);
  };
  K.load = function (name) {
    if (loaded[name]) return Promise.resolve(loaded[name]);
    if (pending[name]) return pending[name].promise;
    var entry = {};
    entry.promise = new Promise(function (resolve, reject) {
      entry.resolve = resolve;
      entry.reject = reject;
    });
    pending[name] = entry;
    var tag = document.createElement("script");
    tag.src = K.url("api/web/" + name + ".js");
    tag.async = true;
    tag.onerror = function () {
      delete pending[name];
      entry.reject(new Error("Daten konnten nicht geladen werden: " + name));
    };
    document.head.appendChild(tag);
    return entry.promise;
  };

  /* ---------- DOM ---------- */
  K.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) return;
        if (key === "text") node.textContent = value;
        else if (key === "className") node.className = value;
        else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? "" : String(value));
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  };
  K.clear = function (node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  };
  K.number = function (n) {
    return n.toLocaleString("de-DE");
  };
  K.euro = function (n) {
    // wie generator/formats.py euro(): 1250000 -> "1.250.000 €"
    return K.number(n) + " €";
  };
  K.columns = window.KATALOG_RETRIEVAL.columns; // Spaltennamen einer Datendatei -> Position: it[c.title] statt it[1]
  K.germanDate = function (iso) {
    var p = String(iso).split("-");
    if (p.length === 3) return p[2] + "." + p[1] + "." + p[0];
    if (p.length === 2) return p[1] + "/" + p[0];
    return String(iso);
  };

  /* ---------- Zustand im URL-Fragment (#a=1&b=x,y) ---------- */
  K.readHash = function () {
    var out = {};
    var raw = location.hash.replace(/^#/, "");
    if (!raw && location.search) raw = location.search.replace(/^\?/, "");
    raw.split("&").forEach(function (pair) {
      if (!pair) return;
      var i = pair.indexOf("=");
      var key = decodeURIComponent(i < 0 ? pair : pair.slice(0, i));
      var value = i < 0 ? "" : decodeURIComponent(pair.slice(i + 1).replace(/\+/g, " "));
      out[key] = value;
    });
    return out;
  };
  K.writeHash = function (state, replace) {
    var parts = [];
    Object.keys(state).forEach(function (key) {
      var value = state[key];
      if (value === "" || value === null || value === undefined || (Array.isArray(value) && !value.length)) return;
      parts.push(encodeURIComponent(key) + "=" + encodeURIComponent(Array.isArray(value) ? value.join(",") : value));
    });
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (hash === location.hash || (!hash && !location.hash)) return false;
    var target = location.href.replace(/#.*$/, "") + (hash || "#");
    if (replace) location.replace(target);
    else location.hash = hash || "";
    return true;
  };

  /* ---------- Suche: der Suchkern aus retrieval.js ---------- */
  var R = window.KATALOG_RETRIEVAL;
  K.stem = R.stem;
  K.words = R.words;
  var meta = null;
  var analyzer = null;
  var indexed = null;
  K.searchMeta = function () {
    return Promise.all([K.load("suche-meta"), K.load("suche-lexikon")]).then(function (res) {
      if (!analyzer) {
        meta = res[0];
        var lexicon = res[1];
        var all = lexicon.words.concat(lexicon.extra);
        var stems = R.unpackStems(all, lexicon.cuts, lexicon.odd); // vorberechnet: kein Stemmen vor der ersten Suche
        analyzer = new R.Analyzer(meta.analysis, all, lexicon.thesaurus, stems);
        indexed = new Set(stems.slice(0, lexicon.words.length));
      }
      return meta;
    });
  };
  K.analyzer = function () { return analyzer; };
  function shardFile(term) {
    // the longest shard key that starts the term (shards are split by longer prefixes when they grow)
    for (var n = Math.min(term.length, 8); n >= 1; n--) {
      var file = meta.shards[term.slice(0, n)];
      if (file !== undefined) return "suche-t-" + file;
    }
    return null;
  }
  var postingCache = new Map();
  function postings(term) {
    if (postingCache.has(term)) return postingCache.get(term);
    var file = shardFile(term);
    var list = file && loaded[file] ? loaded[file][term] : undefined;
    var map;
    if (list) {
      map = new Map();
      var doc = 0;
      for (var i = 0; i < list.length; i += 2) { doc += list[i]; map.set(doc, list[i + 1]); }
    }
    postingCache.set(term, map);
    return map;
  }
  /* Alle Treffer: {concepts, hits: [{doc, score (Rang), points}] absteigend, found: [[wort, anderes wort, art]], suggestion};
   * doc = Index (Projekte zuerst, dann Förderprogramme). Dieselbe Rangfolge wie `katalog suche`. */
  K.search = function (query) {
    return K.searchMeta().then(function () {
      var concepts = analyzer.concepts(query);
      if (!concepts.length) return { concepts: concepts, stems: [], hits: [], found: [], suggestion: "" };
      var files = [];
      R.conceptTerms(concepts).forEach(function (t) {
        var f = shardFile(t);
        if (f && files.indexOf(f) < 0) files.push(f);
      });
      return Promise.all(files.map(function (f) { return K.load(f).catch(function () { return null; }); })).then(function () {
        var result = R.score(meta.analysis, concepts, postings, meta.projects, meta.n);
        var hits = result.ranked.map(function (r) { return { doc: r[0], score: r[1], points: r[2] }; });
        var stems = [];
        concepts.forEach(function (c) { c[1].forEach(function (alt) { alt[1].forEach(function (t) { if (stems.indexOf(t) < 0) stems.push(t); }); }); });
        return { concepts: concepts, stems: stems, hits: hits, found: result.found,
                 suggestion: hits.length ? "" : analyzer.suggestion(query, function (t) { return indexed.has(t); }) };
      });
    });
  };
  /* Titel, Untertitel und Kurzbeschreibung zu einer Indexnummer: [art, id, titel, untertitel, text]. */
  K.doc = function (i) {
    return K.docs([i]).then(function (rows) { return rows[0]; });
  };
  /* Dasselbe für mehrere Indexnummern: [[art, id, titel, untertitel, text]]. */
  K.docs = function (indices) {
    return K.searchMeta().then(function () {
      var chunks = [];
      indices.forEach(function (i) {
        var c = Math.floor(i / meta.chunk);
        if (chunks.indexOf(c) < 0) chunks.push(c);
      });
      return Promise.all(chunks.map(function (c) { return K.load("suche-d-" + c); })).then(function () {
        return indices.map(function (i) {
          return loaded["suche-d-" + Math.floor(i / meta.chunk)][i % meta.chunk];
        });
      });
    });
  };

})();
