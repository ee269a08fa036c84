/* Katalog-Explorer (explorer.md) und Förder-Explorer (foerder-explorer.md).
 *
 * Facettenfilter: innerhalb einer Facette ODER, zwischen Facetten UND. Die Zahl neben
 * jedem Wert sagt, wie viele Einträge es mit diesem Wert gäbe, wenn alle übrigen
 * Filter gelten. Der Zustand steht im URL-Fragment; Zurück/Vor stellen ihn wieder her.
 */
(function () {
  "use strict";
  var K = window.KATALOG;
  var PAGE = 30;

  function projectConfig(data) {
    var f = data.facets;
    var c = K.columns(data.columns); // Spaltennamen aus generator/export/site_data.py
    return {
      noun: ["Projekt", "Projekte"],
      textLabel: "Freitext (Titel, Kommune, Beschreibung …)",
      kind: 0,
      offset: 0,
      facets: [
        { key: "thema", legend: "Handlungsfeld", values: f.topics, get: function (it) { return it[c.topics]; } },
        { key: "land", legend: "Land", values: f.lands, get: function (it) { return it[c.lands]; } },
        { key: "groesse", legend: "Größenklasse", values: f.sizes, get: function (it) { return it[c.sizes]; } },
        { key: "status", legend: "Status", values: f.statuses, get: function (it) { return [it[c.status]]; } },
        { key: "programm", legend: "Förderprogramm", values: f.programmes, select: "Alle Förderprogramme", get: function (it) { return it[c.programmes]; } },
        { key: "merkmal", legend: "Merkmale", flags: true, values: f.features, get: function (it) { return it[c.flags]; } },
      ],
      card: function (it) {
        var lands = it[c.lands].map(function (i) { return f.lands[i][1]; }).join(", ");
        var meta = [it[c.place], lands, f.statuses[it[c.status]][1]].filter(Boolean).join(" · ");
        return [
          K.el("p", { className: "kdk-kachel__meta", text: meta }),
          K.el("p", { className: "kdk-kachel__themen" }, it[c.topics].map(function (i) {
            return K.el("span", { className: "kdk-marke", text: f.topics[i][1] });
          }).concat(it[c.flags] & data.flags.seeking ? [K.el("span", { className: "kdk-marke kdk-marke--partner", text: "Partner gesucht" })] : [])),
        ];
      },
    };
  }

  function fundingConfig(data) {
    var f = data.facets;
    var c = K.columns(data.columns);
    var allLands = f.lands.map(function (_land, i) { return i; }); // bundesweite Programme gelten in jedem Land
    var built = new Date(data.built + "T00:00:00Z");
    var OPEN = f.statuses.map(function (s, i) { return s[0] === "offen" || s[0] === "laufend" ? i : -1; });
    // Welche Programme kann man jetzt beantragen? Offene zuerst, dann angekündigte, laufende (belegt),
    // Stand unklar und geschlossene; in jeder Gruppe nach der nächsten Frist, dann nach Titel.
    var GROUP = ["offen", "angekuendigt", "laufend", "unklar", "geschlossen"];
    var rank = f.statuses.map(function (s) { var g = GROUP.indexOf(s[0]); return g < 0 ? GROUP.length : g; });
    return {
      noun: ["Förderprogramm", "Förderprogramme"],
      textLabel: "Freitext (Titel, Fördergeber, Beschreibung …)",
      kind: 1,
      offset: null, // set from search meta: programmes follow the projects in the index
      compare: function (x, y, byTitle) {
        var dx = x[c.deadlines][0] || "", dy = y[c.deadlines][0] || "";
        return rank[x[c.status]] - rank[y[c.status]] ||
          (dx === dy ? 0 : !dx ? 1 : !dy ? -1 : dx < dy ? -1 : 1) || byTitle(x, y);
      },
      facets: [
        { key: "ebene", legend: "Ebene", values: f.levels, get: function (it) { return [it[c.level]]; } },
        { key: "land", legend: "Land (bundesweite Programme zählen überall)", values: f.lands,
          get: function (it) { return it[c.lands].length ? it[c.lands] : allLands; } },
        { key: "berechtigt", legend: "Antragsberechtigt", values: f.applicants, get: function (it) { return it[c.applicants]; } },
        { key: "thema", legend: "Handlungsfeld", values: f.topics, get: function (it) { return it[c.topics]; } },
        { key: "offen", legend: "Antragsstatus", flags: true, values: [["jetzt", "Jetzt offen (offen oder laufend, belegt)", 1]],
          get: function (it) { return OPEN.indexOf(it[c.status]) >= 0 ? 1 : 0; } },
        { key: "status", legend: "Status am Stichtag", values: f.statuses, get: function (it) { return [it[c.status]]; } },
        { key: "frist", legend: "Frist endet innerhalb von", select: "beliebig", single: true,
          values: [["2", "2 Wochen"], ["4", "4 Wochen"], ["8", "8 Wochen"], ["13", "3 Monaten"], ["26", "6 Monaten"], ["52", "12 Monaten"]],
          match: function (it, value) {
            var limit = new Date(built.getTime() + Number(value) * 7 * 86400000);
            return it[c.deadlines].some(function (iso) {
              var day = new Date(iso + "T00:00:00Z");
              return day >= built && day <= limit;
            });
          } },
      ],
      note: "Stand der Daten: " + K.germanDate(data.built) + ". Fristen und Status beziehen sich auf diesen Tag.",
      card: function (it) {
        var lands = it[c.lands].length ? it[c.lands].map(function (i) { return f.lands[i][1]; }).join(", ") : (f.levels[it[c.level]][0] === "eu" ? "EU-weit" : "bundesweit");
        var next = it[c.deadlines].length ? "nächste Frist " + K.germanDate(it[c.deadlines][0]) : "";
        return [
          K.el("p", { className: "kdk-kachel__meta", text: [f.levels[it[c.level]][1], it[c.funder], lands].join(" · ") }),
          K.el("p", { className: "kdk-kachel__meta" }, [
            K.el("span", { className: "kdk-marke kdk-marke--" + f.statuses[it[c.status]][0], text: it[c.status_label] }),
            /^https?:\/\//.test(it[c.check_url] || "") ? " " : null,
            /^https?:\/\//.test(it[c.check_url] || "") ? K.el("a", { href: it[c.check_url], rel: "nofollow", text: "Programmseite" }) : null,
            next ? " " + next : null,
          ]),
          K.el("p", { className: "kdk-kachel__themen" }, it[c.topics].map(function (i) {
            return K.el("span", { className: "kdk-marke", text: f.topics[i][1] });
          })),
        ];
      },
    };
  }

  function start(root, dataName, makeConfig) {
    root.setAttribute("aria-busy", "true");
    K.load(dataName).then(function (data) {
      var config = makeConfig(data);
      build(root, data, config);
      root.removeAttribute("aria-busy");
    }).catch(function (error) {
      root.removeAttribute("aria-busy");
      root.textContent = "Die Daten konnten nicht geladen werden (" + error.message + ").";
    });
  }

  function build(root, data, config) {
    var cols = K.columns(data.columns);
    var items = data.items;
    var order = items.map(function (_it, i) { return i; });
    var collator = new Intl.Collator("de");
    function byTitle(x, y) { return collator.compare(x[cols.title], y[cols.title]); }
    order.sort(function (a, b) { return config.compare ? config.compare(items[a], items[b], byTitle) : byTitle(items[a], items[b]); });
    var state = {};
    var textHits = null; // null = kein Freitext; sonst Map itemIndex -> Rang
    var shown = 0;
    var matches = [];
    var controls = {};
    var countNodes = {};

    K.clear(root);
    var textInput = K.el("input", { type: "search", id: "filter-text", autocomplete: "off" });
    var filterBox = K.el("form", { className: "kdk-filter__formular", "aria-label": "Filter" });
    filterBox.addEventListener("submit", function (e) { e.preventDefault(); });
    filterBox.appendChild(K.el("div", { className: "kdk-feld" }, [K.el("label", { for: "filter-text", text: config.textLabel }), textInput]));

    config.facets.forEach(function (facet) {
      countNodes[facet.key] = [];
      var fieldset = K.el("fieldset", { className: "kdk-facette" }, [K.el("legend", { text: facet.legend })]);
      if (facet.select) {
        var id = "filter-" + facet.key;
        var select = K.el("select", { id: id, "aria-label": facet.legend }, [K.el("option", { value: "", text: facet.select })]
          .concat(facet.values.map(function (v) { return K.el("option", { value: v[0], text: v[1] }); })));
        select.addEventListener("change", function () { changed(); });
        controls[facet.key] = select;
        fieldset.appendChild(select);
      } else {
        controls[facet.key] = facet.values.map(function (v, index) {
          var id = "filter-" + facet.key + "-" + index;
          var box = K.el("input", { type: "checkbox", id: id, value: v[0] });
          box.addEventListener("change", function () { changed(); });
          var count = K.el("span", { className: "kdk-zahl" });
          countNodes[facet.key].push(count);
          fieldset.appendChild(K.el("div", { className: "kdk-option" }, [box, K.el("label", { for: id }, [v[1] + " ", count])]));
          return box;
        });
      }
      filterBox.appendChild(fieldset);
    });
    var reset = K.el("button", { type: "button", className: "md-button", text: "Alle Filter zurücksetzen" });
    reset.addEventListener("click", function () {
      textInput.value = "";
      config.facets.forEach(function (facet) {
        if (facet.select) controls[facet.key].value = "";
        else controls[facet.key].forEach(function (box) { box.checked = false; });
      });
      changed();
    });
    filterBox.appendChild(reset);

    // Auf schmalen Bildschirmen sind die Filter eingeklappt; ein Schalter zeigt sie.
    var toggle = K.el("button", { type: "button", className: "md-button kdk-filter__schalter", "aria-expanded": "false",
      "aria-controls": "explorer-filter", text: "Filter anzeigen" });
    filterBox.id = "explorer-filter";
    var details = K.el("div", { className: "kdk-filter" }, [toggle, filterBox]);
    var narrow = window.matchMedia("(max-width: 44.9375em)");
    function layout() {
      filterBox.hidden = narrow.matches && toggle.getAttribute("aria-expanded") !== "true";
    }
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      layout();
      updateToggle();
    });
    if (narrow.addEventListener) narrow.addEventListener("change", layout);
    layout();
    var status = K.el("p", { className: "kdk-statuszeile", role: "status", "aria-live": "polite", id: "explorer-status" });
    var list = K.el("ul", { className: "kdk-kacheln", id: "explorer-liste" });
    var more = K.el("button", { type: "button", className: "md-button", hidden: true, text: "Weitere anzeigen" });
    more.addEventListener("click", function () { render(false); });
    var results = K.el("div", { className: "kdk-ergebnisse" }, [
      config.note ? K.el("p", { className: "kdk-hinweis", text: config.note }) : null, status, list, more]);
    root.appendChild(K.el("div", { className: "kdk-explorer" }, [details, results]));

    var timer = null;
    textInput.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { changed(true); }, 200);
    });

    var activeCount = 0;
    function updateToggle() {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.textContent = (open ? "Filter ausblenden" : "Filter anzeigen") + (activeCount ? " (" + activeCount + " aktiv)" : "");
    }

    function readControls() {
      var out = { text: textInput.value.trim() };
      config.facets.forEach(function (facet) {
        if (facet.select) out[facet.key] = controls[facet.key].value ? [controls[facet.key].value] : [];
        else out[facet.key] = controls[facet.key].filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      });
      return out;
    }
    function applyToControls(s) {
      textInput.value = s.text || "";
      config.facets.forEach(function (facet) {
        var chosen = s[facet.key] || [];
        if (facet.select) controls[facet.key].value = chosen[0] || "";
        else controls[facet.key].forEach(function (b) { b.checked = chosen.indexOf(b.value) >= 0; });
      });
    }
    function fromHash() {
      var raw = K.readHash();
      var s = { text: raw.text || "" };
      config.facets.forEach(function (facet) {
        var known = facet.values.map(function (v) { return v[0]; });
        s[facet.key] = (raw[facet.key] || "").split(",").filter(function (v) { return known.indexOf(v) >= 0; });
      });
      return s;
    }
    function sameState(a, b) {
      return JSON.stringify(a) === JSON.stringify(b);
    }

    // Prüfer je Facette: gibt für ein Element true zurück, wenn es die Auswahl erfüllt.
    function testers(s) {
      return config.facets.map(function (facet) {
        var chosen = s[facet.key];
        if (!chosen.length) return null;
        if (facet.match) return function (it) { return facet.match(it, chosen[0]); };
        if (facet.flags) {
          var mask = 0;
          facet.values.forEach(function (v) { if (chosen.indexOf(v[0]) >= 0) mask |= v[2]; });
          return function (it) { return (facet.get(it) & mask) === mask; };
        }
        var wanted = {};
        facet.values.forEach(function (v, i) { if (chosen.indexOf(v[0]) >= 0) wanted[i] = true; });
        return function (it) { return facet.get(it).some(function (i) { return wanted[i]; }); };
      });
    }

    function compute(s) {
      var tests = testers(s);
      var counts = config.facets.map(function (facet) { return facet.values.map(function () { return 0; }); });
      matches = [];
      var nF = tests.length;
      for (var n = 0; n < order.length; n++) {
        var idx = order[n];
        var it = items[idx];
        if (textHits && !textHits.has(idx)) continue;
        var failed = -1;
        var fails = 0;
        for (var f = 0; f < nF; f++) {
          if (tests[f] && !tests[f](it)) { fails++; failed = f; if (fails > 1) break; }
        }
        if (fails > 1) continue;
        if (fails === 0) matches.push(idx);
        for (var g = 0; g < nF; g++) {
          if (fails === 1 && g !== failed) continue; // zählt nur für die Facette, an der es scheitert
          var facet = config.facets[g];
          if (facet.match) {
            facet.values.forEach(function (v, vi) { if (facet.match(it, v[0])) counts[g][vi]++; });
          } else if (facet.flags) {
            var bits = facet.get(it);
            facet.values.forEach(function (v, vi) { if ((bits & v[2]) === v[2]) counts[g][vi]++; });
          } else {
            facet.get(it).forEach(function (vi) { counts[g][vi]++; });
          }
        }
      }
      if (textHits) matches.sort(function (a, b) { return textHits.get(a) - textHits.get(b); });
      config.facets.forEach(function (facet, g) {
        if (facet.select) {
          var options = controls[facet.key].options;
          facet.values.forEach(function (v, vi) { options[vi + 1].textContent = v[1] + " (" + K.number(counts[g][vi]) + ")"; });
        } else {
          countNodes[facet.key].forEach(function (node, vi) {
            node.textContent = "(" + K.number(counts[g][vi]) + ")";
            node.parentNode.parentNode.classList.toggle("kdk-option--leer", counts[g][vi] === 0);
          });
        }
      });
    }

    function render(reset) {
      if (reset) {
        K.clear(list);
        shown = 0;
      }
      matches.slice(shown, shown + PAGE).forEach(function (idx) {
        var it = items[idx];
        var heading = K.el("h3", { className: "kdk-kachel__titel" }, [K.el("a", { href: K.page(config.kind, it[cols.id]), text: it[cols.title] })]);
        list.appendChild(K.el("li", { className: "kdk-kachel" }, [heading].concat(config.card(it))));
      });
      shown = Math.min(matches.length, shown + PAGE);
      more.hidden = shown >= matches.length;
      more.textContent = "Weitere anzeigen (" + K.number(matches.length - shown) + " übrig)";
    }

    function active(s) {
      var n = s.text ? 1 : 0;
      config.facets.forEach(function (facet) { n += s[facet.key].length; });
      return n;
    }

    function refresh(s) {
      var job = Promise.resolve();
      if (s.text) {
        job = K.search(s.text).then(function (res) {
          return K.searchMeta().then(function (meta) {
            var offset = config.kind === 0 ? 0 : meta.projects;
            var limit = config.kind === 0 ? meta.projects : meta.n;
            textHits = new Map();
            var rank = 0;
            res.hits.forEach(function (h) {
              if (h.doc >= offset && h.doc < limit) textHits.set(h.doc - offset, rank++);
            });
          });
        });
      } else {
        textHits = null;
      }
      return job.then(function () {
        compute(s);
        var n = matches.length;
        status.textContent = K.number(n) + " " + (n === 1 ? config.noun[0] : config.noun[1]) +
          (active(s) ? " passen zu den Filtern" : " insgesamt");
        if (n === 1) status.textContent = status.textContent.replace("passen", "passt");
        activeCount = active(s);
        updateToggle();
        render(true);
      });
    }

    function changed(replace) {
      var s = readControls();
      K.writeHash(s, replace);
      refresh(s);
      showResults();
    }

    // Auf breiten Bildschirmen bleibt die Filterspalte stehen (katalog.css); liegen die Ergebnisse nach
    // einem Häkchen weit unten in der Spalte außerhalb des Fensters, kommt ihr Anfang ins Bild. Die
    // Anzahl sagt die Statuszeile (aria-live) ohnehin an; der Fokus bleibt beim Filter.
    function showResults() {
      if (narrow.matches) return;
      var top = results.getBoundingClientRect().top;
      if (top < 0 || top > window.innerHeight - 80) results.scrollIntoView({ block: "start" });
    }

    window.addEventListener("hashchange", function () {
      var s = fromHash();
      if (sameState(s, readControls())) return;
      applyToControls(s);
      refresh(s);
    });
    var initial = fromHash();
    applyToControls(initial);
    refresh(initial);
  }

  var projects = document.getElementById("explorer-app");
  if (projects) start(projects, "projekte", projectConfig);
  var funding = document.getElementById("foerder-explorer-app");
  if (funding) start(funding, "foerderung", fundingConfig);
})();
