/* Katalogsuche (suche.md): Eingabe, Trefferliste, Zustand im URL-Fragment (#q=…&art=…). */
(function () {
  "use strict";
  var K = window.KATALOG;
  var root = document.getElementById("suche-app");
  if (!root) return;
  var PAGE = 20;
  var KINDS = { "": "Alles", projekte: "Projekte", foerderprogramme: "Förderprogramme" };

  var input = K.el("input", { type: "search", id: "suche-text", name: "q", autocomplete: "off", spellcheck: "false",
    "aria-describedby": "suche-hinweis" });
  var kind = K.el("select", { id: "suche-art", name: "art" }, Object.keys(KINDS).map(function (k) {
    return K.el("option", { value: k, text: KINDS[k] });
  }));
  var form = K.el("form", { role: "search", className: "kdk-suchform", "aria-label": "Katalog durchsuchen" }, [
    K.el("div", { className: "kdk-feld" }, [K.el("label", { for: "suche-text", text: "Suchbegriffe" }), input]),
    K.el("div", { className: "kdk-feld" }, [K.el("label", { for: "suche-art", text: "Art" }), kind]),
    K.el("button", { type: "submit", className: "md-button md-button--primary", text: "Suchen" }),
  ]);
  var hint = K.el("p", { id: "suche-hinweis", className: "kdk-hinweis",
    text: "Gebeugte Wörter finden ihre Grundform („Parkplätzen“ findet „Parkplatz“), Wortanfänge genügen („Glasf“), " +
      "zusammengesetzte Wörter finden ihre Teile („Parksensoren“ findet „Sensoren … Parken“); gleichbedeutende Wörter " +
      "und kleine Tippfehler werden mitgesucht. Einträge mit mehr Suchwörtern stehen vorn." });
  var status = K.el("p", { id: "suche-status", className: "kdk-statuszeile", role: "status", "aria-live": "polite" });
  var notes = K.el("p", { id: "suche-auch", className: "kdk-hinweis", hidden: true });
  var list = K.el("ol", { id: "suche-treffer", className: "kdk-treffer" });
  var more = K.el("button", { type: "button", className: "md-button", hidden: true, text: "Weitere Treffer anzeigen" });
  K.clear(root);
  [form, hint, status, notes, list, more].forEach(function (n) { root.appendChild(n); });

  var current = { hits: [], terms: new Set(), shown: 0, token: 0 };

  function filtered(hits, meta) {
    if (kind.value === "projekte") return hits.filter(function (h) { return h.doc < meta.projects; });
    if (kind.value === "foerderprogramme") return hits.filter(function (h) { return h.doc >= meta.projects; });
    return hits;
  }

  // Text mit hervorgehobenen Suchwörtern (<mark>), nur aus Textknoten gebaut: jedes Wort, dessen Analyse
  // (Wortstamm, Teile, gleichbedeutende Wörter; retrieval.js: marks) einen Begriff der Anfrage trifft. Mit `limit`
  // ein Ausschnitt, der die erste Hervorhebung zeigt (retrieval.js: snippet), wenn der Text länger ist.
  var SNIPPET = 200; // Zeichen; die Suchdaten tragen die ganze Kurzbeschreibung (höchstens 400 Zeichen)
  function marked(text, terms, limit) {
    text = String(text);
    var analyzer = K.analyzer();
    var spans = analyzer ? analyzer.marks(text, terms) : [];
    if (limit) {
      var cut = window.KATALOG_RETRIEVAL.snippet(text, spans, limit);
      text = cut[0];
      spans = cut[1];
    }
    var out = [];
    var last = 0;
    spans.forEach(function (span) {
      if (span[0] > last) out.push(document.createTextNode(text.slice(last, span[0])));
      out.push(K.el("mark", { text: text.slice(span[0], span[1]) }));
      last = span[1];
    });
    if (last < text.length) out.push(document.createTextNode(text.slice(last)));
    return out;
  }

  function card(row) {
    var c = current.columns; // Spaltennamen aus generator/export/site_data.py (SEARCH_COLUMNS)
    var label = row[c.kind] === 0 ? "Projekt" : "Förderprogramm";
    return K.el("li", { className: "kdk-treffer__eintrag" }, [
      K.el("a", { href: K.page(row[c.kind], row[c.id]), className: "kdk-treffer__titel" }, marked(row[c.title], current.terms)),
      K.el("p", { className: "kdk-treffer__meta" }, [K.el("span", { className: "kdk-marke", text: label }), " " + row[c.subtitle]]),
      row[c.summary] ? K.el("p", { className: "kdk-treffer__text" }, marked(row[c.summary], current.terms, SNIPPET)) : null,
    ]);
  }

  // Jeder Treffer erscheint, sobald sein Datenstück und die Treffer davor da sind (alle laden parallel).
  function showMore() {
    var slice = current.hits.slice(current.shown, current.shown + PAGE);
    var token = current.token;
    var shown = Promise.resolve();
    slice.forEach(function (h) {
      var row = K.doc(h.doc);
      shown = shown.then(function () { return row; }).then(function (r) {
        if (token === current.token) list.appendChild(card(r));
      });
    });
    return shown.then(function () {
      if (token !== current.token) return;
      current.shown += slice.length;
      more.hidden = current.shown >= current.hits.length;
    });
  }

  function run(query) {
    var token = ++current.token;
    if (!query.trim()) {
      K.clear(list);
      more.hidden = true;
      status.textContent = "Bitte einen Suchbegriff eingeben.";
      return Promise.resolve();
    }
    return Promise.all([K.search(query), K.searchMeta()]).then(function (res) {
      if (token !== current.token) return;
      var hits = filtered(res[0].hits, res[1]);
      current.hits = hits;
      current.terms = new Set(res[0].stems);
      current.columns = K.columns(res[1].columns);
      current.shown = 0;
      K.clear(list);
      notes.hidden = true;
      K.clear(notes);
      if (!res[0].concepts.length) {
        status.textContent = "Die Suchbegriffe bestehen nur aus Füllwörtern. Bitte genauer suchen.";
        more.hidden = true;
        return;
      }
      if (!hits.length) {
        status.textContent = "Keine Treffer für „" + query.trim() + "“." + (res[0].suggestion ? "" : " Andere Wörter versuchen.");
        if (res[0].suggestion) {
          var proposal = res[0].suggestion;
          status.appendChild(document.createTextNode(" Meinten Sie "));
          status.appendChild(K.el("a", { href: "#q=" + encodeURIComponent(proposal), id: "suche-vorschlag", text: "„" + proposal + "“" }));
          status.appendChild(document.createTextNode("?"));
        }
        more.hidden = true;
        return;
      }
      status.textContent = K.number(hits.length) + " Treffer für „" + query.trim() + "“";
      var words = res[1].noteWords;
      var found = res[0].found.map(function (f) { return "„" + f[1] + "“ (" + words[f[2]] + " „" + f[0] + "“)"; });
      if (found.length) {
        notes.textContent = "Auch gesucht: " + found.join(", ");
        notes.hidden = false;
      }
      return showMore();
    }).catch(function (error) {
      status.textContent = "Die Suche konnte nicht geladen werden (" + error.message + ").";
    });
  }

  var timer = null;
  function update(replace) {
    K.writeHash({ q: input.value.trim(), art: kind.value }, replace);
    return run(input.value);
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { update(true); }, 150);
  });
  kind.addEventListener("change", function () { update(false); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    update(false);
  });
  more.addEventListener("click", function () { showMore(); });

  function fromHash(event) {
    var state = K.readHash();
    if (event && (state.q || "") === input.value.trim() && (state.art || "") === kind.value) return;
    input.value = state.q || "";
    kind.value = KINDS.hasOwnProperty(state.art || "") ? state.art || "" : "";
    return run(input.value);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  if (!input.value) input.focus();
})();
