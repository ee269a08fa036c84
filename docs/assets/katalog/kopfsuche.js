/* Suchfeld in der Kopfzeile jeder Seite: dieselbe Suche wie suche.html (retrieval.js + katalog-core.js),
 * erst beim ersten Tippen geladen. Zeigt die besten Treffer in einer Liste; Enter öffnet die Suchseite
 * mit allen Treffern (#q=…). Kein Index der ganzen Website, keine Anfrage an fremde Server, auch über file://.
 * Werte aus Einträgen werden nur als Text eingesetzt. */
(function () {
  "use strict";
  var SHOWN = 8;
  var here = document.currentScript && document.currentScript.src;
  var base;
  try { base = new URL("../../", here || location.href); } catch (error) { return; }
  function url(path) { return new URL(path, base).href; }
  var header = document.querySelector(".md-header__inner");
  if (!header || document.getElementById("kopfsuche-text")) return;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  var form = el("form", { "class": "kdk-kopfsuche", role: "search", "aria-label": "Katalog durchsuchen", action: url("suche.html") });
  var label = el("label", { "for": "kopfsuche-text", "class": "kdk-kopfsuche__label" }, "Katalog durchsuchen");
  var input = el("input", { id: "kopfsuche-text", type: "search", name: "q", placeholder: "Katalog durchsuchen",
    autocomplete: "off", spellcheck: "false", "aria-controls": "kopfsuche-liste" });
  var panel = el("div", { id: "kopfsuche-liste", "class": "kdk-kopfsuche__liste" });
  panel.hidden = true;
  var status = el("p", { "class": "kdk-kopfsuche__status", role: "status", "aria-live": "polite" });
  var list = el("ol", { "class": "kdk-kopfsuche__treffer" });
  var all = el("a", { "class": "kdk-kopfsuche__alle", href: url("suche.html") }, "Alle Treffer auf der Suchseite");
  panel.appendChild(status);
  panel.appendChild(list);
  panel.appendChild(all);
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(panel);
  var source = header.querySelector(".md-header__source");
  header.insertBefore(form, source || null);

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
      ready = (window.KATALOG_RETRIEVAL ? Promise.resolve() : loadScript(url("assets/katalog/retrieval.js")))
        .then(function () { return loadScript(url("assets/katalog/katalog-core.js")); })
        .then(function () { return window.KATALOG; });
    }
    return ready;
  }

  function page(query) { return url("suche.html") + (query ? "#q=" + encodeURIComponent(query) : ""); }
  function show(open) {
    panel.hidden = !open;
  }

  var token = 0;
  function run() {
    var query = input.value.trim();
    var mine = ++token;
    all.href = page(query);
    if (!query) { show(false); return; }
    core().then(function (K) {
      return K.search(query).then(function (res) {
        if (mine !== token) return;
        var top = res.hits.slice(0, SHOWN);
        return K.docs(top.map(function (h) { return h.doc; })).then(function (rows) {
          if (mine !== token) return;
          while (list.firstChild) list.removeChild(list.firstChild);
          return K.searchMeta().then(function (meta) {
            var c = K.columns(meta.columns); // Spaltennamen aus generator/export/site_data.py (SEARCH_COLUMNS)
            rows.forEach(function (row) {
              var li = el("li", { "class": "kdk-kopfsuche__eintrag" });
              li.appendChild(el("a", { href: K.page(row[c.kind], row[c.id]) }, row[c.title]));
              li.appendChild(el("span", { "class": "kdk-kopfsuche__meta" }, (row[c.kind] === 0 ? "Projekt" : "Förderprogramm") + " · " + row[c.subtitle]));
              list.appendChild(li);
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
    location.href = page(input.value.trim());
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { show(false); input.focus(); }
  });
  document.addEventListener("click", function (event) { if (!form.contains(event.target)) show(false); });
})();
