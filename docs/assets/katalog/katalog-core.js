/* Kommunaler Digitalisierungskatalog – gemeinsame Bausteine für Suche, Explorer und Karte.
 *
 * - Daten kommen als <script>-Dateien aus api/web/ (funktioniert auch über file://).
 * - Textanalyse wie generator/text.py: Wörter, Stoppwörter, Snowball-Stemmer Deutsch
 *   (Port von snowballstemmer 3.1.1, german.sbl). Ein Browser-Test vergleicht die
 *   Stämme mit Python.
 * - Ranking wie generator/search.py (ganzzahlig, daher identisch):
 *   Teil je Suchwort q und Eintrag = max über Indexstämme t mit t.startsWith(q)
 *   von idf(t) * w(t, Eintrag) * (t === q ? 2 : 1); Treffer nur, wenn jedes
 *   Suchwort passt; Summe absteigend, bei Gleichstand Indexreihenfolge.
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
  K.columns = function (names) {
    // Spaltennamen einer Datendatei (von Python geschrieben) -> Position: it[c.title] statt it[1]
    var out = {};
    names.forEach(function (name, i) { out[name] = i; });
    return out;
  };
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

  /* ---------- Snowball German (snowballstemmer 3.1.1) ---------- */
  function set(chars) {
    var out = {};
    Array.from(chars).forEach(function (c) { out[c] = true; });
    return out;
  }
  var V = set("aeiouyäöü");
  var ET = set("Udfgklmnrstzä");
  var S_END = set("bdfghklmnrt");
  var ST_END = set("bdfghklmnt");
  var A2 = ["erinnen", "erin", "ern", "lns", "em", "en", "ln", "er", "es", "e", "s"];
  var A4 = ["est", "en", "er", "et", "st"];
  var A3 = ["geordn", "intern", "tick", "plan", "tr"];
  var A6 = ["heit", "isch", "keit", "lich", "end", "ung", "ig", "ik"];
  var A7 = ["'sch", "'s", "'"];

  function longestSuffix(word, list) {
    var best = null;
    for (var i = 0; i < list.length; i++) {
      var s = list[i];
      if (word.length >= s.length && word.slice(word.length - s.length) === s && (!best || s.length > best.length)) best = s;
    }
    return best;
  }

  function stem(input) {
    var w = input.toLowerCase();
    // prelude 1: u and y between vowels become U and Y
    var chars = w.split("");
    for (var i = 0; i + 2 < chars.length; i++) {
      if (V[chars[i]] && (chars[i + 1] === "u" || chars[i + 1] === "y") && V[chars[i + 2]]) {
        chars[i + 1] = chars[i + 1] === "u" ? "U" : "Y";
      }
    }
    w = chars.join("");
    // prelude 2: ß -> ss, ae/oe/ue -> ä/ö/ü, qu stays
    var out = "";
    for (var j = 0; j < w.length; ) {
      var two = w.substr(j, 2);
      if (two === "ae") { out += "ä"; j += 2; }
      else if (two === "oe") { out += "ö"; j += 2; }
      else if (two === "ue") { out += "ü"; j += 2; }
      else if (two === "qu") { out += "qu"; j += 2; }
      else if (w[j] === "ß") { out += "ss"; j += 1; }
      else { out += w[j]; j += 1; }
    }
    w = out;
    // regions R1 and R2 (Snowball): each starts after the first non-vowel that follows a vowel
    function regionAfter(start) {
      var c = start;
      while (c < w.length && !V[w[c]]) c++;
      while (c < w.length && V[w[c]]) c++;
      return Math.min(c + 1, w.length);
    }
    var p1 = w.length;
    var p2 = w.length;
    if (w.length >= 3) {
      var r1 = regionAfter(0);
      p1 = Math.max(r1, 3);
      p2 = regionAfter(r1);
    }
    // step 1
    var s = longestSuffix(w, A2);
    if (s !== null && w.length - s.length >= p1) {
      var stemPart = w.slice(0, w.length - s.length);
      if (s === "em") {
        if (stemPart.slice(-4) !== "syst") w = stemPart;
      } else if (s === "erinnen" || s === "erin" || s === "ern" || s === "er") {
        w = stemPart;
      } else if (s === "e" || s === "en" || s === "es") {
        w = stemPart;
        if (w.slice(-1) === "s" && w.slice(0, -1).slice(-3) === "nis") w = w.slice(0, -1);
      } else if (s === "s") {
        if (stemPart.length > 0 && S_END[stemPart[stemPart.length - 1]]) w = stemPart;
      } else { // ln, lns
        w = stemPart + "l";
      }
    }
    // step 2
    s = longestSuffix(w, A4);
    if (s !== null && w.length - s.length >= p1) {
      var before = w.slice(0, w.length - s.length);
      if (s === "en" || s === "er" || s === "est") {
        w = before;
      } else if (s === "st") {
        if (before.length >= 4 && ST_END[before[before.length - 1]]) w = before;
      } else { // et
        if (before.length > 0 && ET[before[before.length - 1]] && longestSuffix(before, A3) === null) w = before;
      }
    }
    // step 3
    s = longestSuffix(w, A6);
    if (s !== null && w.length - s.length >= p2) {
      var rest = w.slice(0, w.length - s.length);
      if (s === "end" || s === "ung") {
        w = rest;
        if (w.slice(-2) === "ig" && w.slice(-3, -2) !== "e" && w.length - 2 >= p2) w = w.slice(0, -2);
      } else if (s === "ig" || s === "ik" || s === "isch") {
        if (rest.slice(-1) !== "e") w = rest;
      } else if (s === "lich" || s === "heit") {
        w = rest;
        if ((w.slice(-2) === "er" || w.slice(-2) === "en") && w.length - 2 >= p1) w = w.slice(0, -2);
      } else { // keit
        w = rest;
        var t = longestSuffix(w, ["lich", "ig"]);
        if (t !== null && w.length - t.length >= p2) w = w.slice(0, w.length - t.length);
      }
    }
    // step 4: apostrophe endings
    s = longestSuffix(w, A7);
    if (s !== null && w.length - s.length >= 2) w = w.slice(0, w.length - s.length);
    // postlude
    return w.replace(/U/g, "u").replace(/Y/g, "y").replace(/ä/g, "a").replace(/ö/g, "o").replace(/ü/g, "u");
  }
  K.stem = stem;

  /* ---------- Wörter wie generator/text.py ---------- */
  var WORD = /[\p{L}\p{N}]+/gu;
  var DIGITS = /^\p{Nd}+$/u;
  K.words = function (text, stop, minLength) {
    var out = [];
    var found = String(text).normalize("NFC").match(WORD) || [];
    found.forEach(function (word) {
      if (Array.from(word).length < minLength || DIGITS.test(word)) return;
      if (stop[word.toLowerCase()]) return;
      out.push(word);
    });
    return out;
  };

  /* ---------- Suche ---------- */
  var meta = null;
  var stopSet = null;
  K.searchMeta = function () {
    return K.load("suche-meta").then(function (m) {
      if (!meta) {
        meta = m;
        stopSet = {};
        m.stop.forEach(function (w) { stopSet[w] = true; });
      }
      return m;
    });
  };
  K.queryStems = function (query) {
    var out = [];
    K.words(query, stopSet, meta.minLength).forEach(function (word) {
      var s = stem(word);
      if (s && out.indexOf(s) < 0) out.push(s);
    });
    return out;
  };
  function shardsFor(q) {
    var names = [];
    Object.keys(meta.shards).forEach(function (key) {
      if (key.indexOf(q) === 0 || q.indexOf(key) === 0) names.push({ key: key, file: "suche-t-" + meta.shards[key] });
    });
    return names;
  }
  /* Alle Treffer: [{doc, score}] absteigend; doc = Index (Projekte zuerst, dann Förderprogramme). */
  K.search = function (query) {
    return K.searchMeta().then(function () {
      var stems = K.queryStems(query);
      if (!stems.length) return { stems: stems, hits: [] };
      var jobs = [];
      var perStem = stems.map(function (q) {
        var files = shardsFor(q);
        files.forEach(function (f) { jobs.push(K.load(f.file)); });
        return files;
      });
      return Promise.all(jobs).then(function () {
        var total = null;
        for (var n = 0; n < stems.length; n++) {
          var q = stems[n];
          var best = new Map();
          perStem[n].forEach(function (f) {
            var shard = loaded[f.file];
            Object.keys(shard).forEach(function (term) {
              if (term.indexOf(q) !== 0) return;
              var list = shard[term];
              var factor = list[0] * (term === q ? meta.exact : 1);
              var doc = 0;
              for (var i = 1; i < list.length; i += 2) {
                doc += list[i];
                var part = factor * list[i + 1];
                if (part > (best.get(doc) || 0)) best.set(doc, part);
              }
            });
          });
          if (total === null) {
            total = best;
          } else {
            var next = new Map();
            total.forEach(function (score, doc) {
              if (best.has(doc)) next.set(doc, score + best.get(doc));
            });
            total = next;
          }
          if (!total.size) break;
        }
        var hits = [];
        total.forEach(function (score, doc) { hits.push({ doc: doc, score: score }); });
        hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
        return { stems: stems, hits: hits };
      });
    });
  };
  /* Titel, Untertitel und Kurzbeschreibung zu Indexnummern: [[art, id, titel, untertitel, text]]. */
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

  /* Die Kopfzeilen-Suche von Material lädt auf jeder Seite ihren ganzen Index.
   * Auf den Seiten dieses Moduls leitet sie stattdessen zur schnellen Katalogsuche. */
  K.takeOverHeaderSearch = function () {
    var form = document.forms.namedItem("search");
    if (!form) return;
    form.removeAttribute("name");
    var input = form.querySelector("input");
    function go(event) {
      event.preventDefault();
      event.stopImmediatePropagation();
      var value = input ? input.value.trim() : "";
      location.href = K.url("suche.html") + (value ? "#q=" + encodeURIComponent(value) : "");
    }
    form.addEventListener("submit", go, true);
    // Material fängt Enter im Suchfeld selbst ab; wir sind vorher dran (Capture an window).
    window.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target === input) go(event);
    }, true);
  };
})();
