/* Suchfeld in der Kopfzeile jeder Seite (Formular: overrides/partials/kopfsuche.html): dieselbe Suche wie
 * suche.html (retrieval.js + katalog-core.js), erst beim ersten Tippen geladen. Zeigt die besten Treffer in einer
 * Liste; Enter öffnet die Suchseite mit allen Treffern (#q=…). Ohne JavaScript bleibt das Formular verborgen.
 * Kein Index der ganzen Website, keine Anfrage an fremde Server, auch über file://.
 * Werte aus Einträgen werden nur als Text eingesetzt (K.el). */
(function () {
  "use strict";
  var SHOWN = 8;
  var form = document.querySelector("form.kdk-kopfsuche");
  if (!form) return;
  var input = form.querySelector("#kopfsuche-text");
  var panel = form.querySelector("#kopfsuche-liste");
  var status = form.querySelector(".kdk-kopfsuche__status");
  var list = form.querySelector(".kdk-kopfsuche__treffer");
  var all = form.querySelector(".kdk-kopfsuche__alle");
  form.hidden = false;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(tag);
    });
  }
  var ready = null;
  function core() {
    if (window.KATALOG && window.KATALOG.search) return Promise.resolve(window.KATALOG);
    if (!ready) {
      ready = (window.KATALOG_RETRIEVAL ? Promise.resolve() : loadScript(form.getAttribute("data-retrieval")))
        .then(function () { return loadScript(form.getAttribute("data-core")); })
        .then(function () { return window.KATALOG; });
    }
    return ready;
  }

  // form.action: die Suchseite als volle Adresse (der Browser löst das relative action-Attribut auf)
  function searchPage(query) { return form.action + (query ? "#q=" + encodeURIComponent(query) : ""); }
  function show(open) {
    panel.hidden = !open;
  }

  var token = 0;
  function run() {
    var query = input.value.trim();
    var mine = ++token;
    all.href = searchPage(query);
    if (!query) { show(false); return; }
    core().then(function (K) {
      return K.search(query).then(function (res) {
        if (mine !== token) return;
        var top = res.hits.slice(0, SHOWN);
        return K.docs(top.map(function (h) { return h.doc; })).then(function (rows) {
          if (mine !== token) return;
          K.clear(list);
          return K.searchMeta().then(function (meta) {
            var c = K.columns(meta.columns); // Spaltennamen aus generator/export/site_data.py (SEARCH_COLUMNS)
            rows.forEach(function (row) {
              list.appendChild(K.el("li", { className: "kdk-kopfsuche__eintrag" }, [
                K.el("a", { href: K.page(row[c.kind], row[c.id]), text: row[c.title] }),
                K.el("span", { className: "kdk-kopfsuche__meta",
                  text: (row[c.kind] === 0 ? "Projekt" : "Förderprogramm") + " · " + row[c.subtitle] }),
              ]));
            });
            return rows;
          });
        }).then(function (rows) {
          if (mine !== token || rows === undefined) return;
          if (!res.concepts.length) status.textContent = "Nur Füllwörter – bitte genauer suchen.";
          else if (!res.hits.length) status.textContent = "Keine Treffer." + (res.suggestion ? " Meinten Sie „" + res.suggestion + "“?" : "");
          else status.textContent = K.number(res.hits.length) + " Treffer" + (res.hits.length > SHOWN ? ", die ersten " + SHOWN : "");
          all.hidden = !res.hits.length;
          show(true);
        });
      });
    }).catch(function () {
      status.textContent = "Die Suche konnte nicht geladen werden.";
      show(true);
    });
  }

  var timer = null;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
  input.addEventListener("focus", function () { core().catch(function () {}); if (input.value.trim() && list.firstChild) show(true); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    location.href = searchPage(input.value.trim());
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { show(false); input.focus(); }
  });
  document.addEventListener("click", function (event) { if (!form.contains(event.target)) show(false); });
})();
