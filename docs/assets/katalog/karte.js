/* Projektkarte (karte.md): Länderumrisse als SVG, Projekte als Punkte, dichte Gebiete
 * zusammengefasst (Raster je Zoomstufe). Keine Kacheln, keine fremden Server. */
(function () {
  "use strict";
  var K = window.KATALOG;
  var root = document.getElementById("karte-app");
  if (!root) return;
  var SVG = "http://www.w3.org/2000/svg";
  var CELL = 44; // Rastergröße in Bildschirmpixeln
  var TARGET = 24; // kleinste Zielfläche eines Punkts in Bildschirmpixeln (WCAG 2.5.8)
  var MAX_ZOOM = 32;

  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  K.load("karte").then(function (data) {
    K.clear(root);
    var vb = data.viewBox;
    var P = K.columns(data.placeColumns); // Spalten der Orte und Projekte (generator/export/site_data.py)
    var R = K.columns(data.projectColumns);
    var L = K.columns(data.laenderColumns);
    var view = { zoom: 1, cx: vb[2] / 2, cy: vb[3] / 2 };
    var landNames = {};
    data.lands.forEach(function (pair) { landNames[pair[0]] = pair[1]; }); // [code, label] pairs

    var title = svg("title", { id: "karte-titel" });
    title.textContent = "Karte der Projekte in Deutschland";
    var outlines = svg("g", { class: "kdk-karte__laender" }, data.laender.map(function (l) {
      var path = svg("path", { d: l[L.path], "fill-rule": "evenodd" });
      var t = svg("title");
      t.textContent = l[L.name];
      path.appendChild(t);
      return path;
    }));
    var markers = svg("g", { class: "kdk-karte__punkte" });
    var map = svg("svg", { viewBox: vb.join(" "), role: "group", "aria-labelledby": "karte-titel", class: "kdk-karte__svg" },
      [title, outlines, markers]);

    var zoomIn = K.el("button", { type: "button", className: "md-button", text: "Vergrößern", "aria-controls": "karte-bild" });
    var zoomOut = K.el("button", { type: "button", className: "md-button", text: "Verkleinern", "aria-controls": "karte-bild" });
    var whole = K.el("button", { type: "button", className: "md-button", text: "Ganz Deutschland", "aria-controls": "karte-bild" });
    var status = K.el("p", { className: "kdk-statuszeile", role: "status", "aria-live": "polite" });
    var panel = K.el("div", { className: "kdk-karte__liste", id: "karte-liste", tabindex: "-1" });
    var figure = K.el("div", { className: "kdk-karte__bild", id: "karte-bild" });
    figure.appendChild(map);
    root.appendChild(K.el("div", { className: "kdk-karte__werkzeuge" }, [zoomIn, zoomOut, whole]));
    root.appendChild(status);
    root.appendChild(K.el("div", { className: "kdk-karte__layout" }, [figure, panel]));

    var total = data.projects.length;
    var located = total - data.without.length;

    function setView() {
      var w = vb[2] / view.zoom;
      var h = vb[3] / view.zoom;
      view.cx = Math.min(Math.max(view.cx, w / 2), vb[2] - w / 2);
      view.cy = Math.min(Math.max(view.cy, h / 2), vb[3] - h / 2);
      map.setAttribute("viewBox", [view.cx - w / 2, view.cy - h / 2, w, h].map(function (n) { return n.toFixed(1); }).join(" "));
      zoomOut.disabled = view.zoom <= 1;
      zoomIn.disabled = view.zoom >= MAX_ZOOM;
      draw();
    }

    // Bildschirmpixel in Karteneinheiten: Punkte und Raster behalten ihre Größe auf dem Bildschirm.
    function pixel() {
      // preserveAspectRatio „meet“: der kleinere Maßstab gilt (max-height kann die Breite beschneiden)
      var box = map.getBoundingClientRect();
      return Math.max(vb[2] / view.zoom / (box.width || vb[2]), vb[3] / view.zoom / (box.height || vb[3]));
    }

    function clusters() {
      var size = CELL * pixel();
      var cells = {};
      data.places.forEach(function (p, index) {
        var key = Math.floor(p[P.x] / size) + ":" + Math.floor(p[P.y] / size);
        var c = cells[key] || (cells[key] = { x: 0, y: 0, n: 0, places: [] });
        var n = p[P.projects].length;
        c.x += p[P.x] * n;
        c.y += p[P.y] * n;
        c.n += n;
        c.places.push(index);
      });
      return Object.keys(cells).map(function (k) {
        var c = cells[k];
        c.x /= c.n;
        c.y /= c.n;
        return c;
      });
    }

    function showList(c) {
      K.clear(panel);
      var ids = [];
      c.places.forEach(function (pi) { data.places[pi][P.projects].forEach(function (i) { ids.push(i); }); });
      var names = c.places.map(function (pi) { return data.places[pi][P.name]; });
      panel.appendChild(K.el("h2", { text: "Projekte in " + names.slice(0, 3).join(", ") + (names.length > 3 ? " und weiteren Orten" : "") }));
      panel.appendChild(K.el("ul", {}, ids.map(function (i) {
        var p = data.projects[i];
        return K.el("li", {}, [K.el("a", { href: K.page(0, p[R.id]), text: p[R.title] })]);
      })));
      panel.focus();
    }

    function draw() {
      while (markers.firstChild) markers.removeChild(markers.firstChild);
      var unit = pixel();
      clusters().forEach(function (c) {
        var single = c.n === 1;
        var onePlace = c.places.length === 1;
        var place = data.places[c.places[0]];
        var r = (single ? 6 : 9 + Math.min(10, Math.sqrt(c.n) * 1.2)) * unit; // höchstens 19 px: Kreise überdecken sich kaum
        var label = single
          ? data.projects[place[P.projects][0]][R.title] + " (" + place[P.name] + ")"
          : K.number(c.n) + " Projekte " + (onePlace ? "in " + place[P.name] : "um " + place[P.name]) + (onePlace || view.zoom >= MAX_ZOOM ? " – Liste zeigen" : " – vergrößern");
        var link = svg("a", { href: single ? K.page(0, data.projects[place[P.projects][0]][R.id]) : "#karte-liste",
          class: single ? "kdk-karte__punkt" : "kdk-karte__gruppe", "aria-label": label });
        var t = svg("title");
        t.textContent = label;
        link.appendChild(t);
        // unsichtbare Trefferfläche: mindestens 24 × 24 Bildschirmpixel (WCAG 2.5.8), auch für kleine Punkte
        link.appendChild(svg("circle", { class: "kdk-karte__ziel", cx: c.x.toFixed(2), cy: c.y.toFixed(2),
          r: (Math.max(r / unit, TARGET / 2 + 0.5) * unit).toFixed(2) }));
        link.appendChild(svg("circle", { cx: c.x.toFixed(2), cy: c.y.toFixed(2), r: r.toFixed(2) }));
        if (!single) {
          var text = svg("text", { x: c.x.toFixed(2), y: c.y.toFixed(2), "font-size": (11 * unit).toFixed(2), dy: "0.35em", "aria-hidden": "true" });
          text.textContent = c.n > 999 ? Math.round(c.n / 1000) + "k" : String(c.n);
          link.appendChild(text);
          link.addEventListener("click", function (event) {
            event.preventDefault();
            if (onePlace || view.zoom >= MAX_ZOOM) {
              showList(c);
            } else {
              view.zoom = Math.min(MAX_ZOOM, view.zoom * 2);
              view.cx = c.x;
              view.cy = c.y;
              setView();
              status.textContent = "Vergrößert auf " + place[P.name] + " (Stufe " + view.zoom + ").";
            }
          });
        }
        markers.appendChild(link);
      });
    }

    var resizeTimer = null;
    window.addEventListener("resize", function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(draw, 150);
    });
    zoomIn.addEventListener("click", function () { view.zoom = Math.min(MAX_ZOOM, view.zoom * 2); setView(); });
    zoomOut.addEventListener("click", function () { view.zoom = Math.max(1, view.zoom / 2); setView(); });
    whole.addEventListener("click", function () { view = { zoom: 1, cx: vb[2] / 2, cy: vb[3] / 2 }; setView(); });

    status.textContent = K.number(located) + " von " + K.number(total) + " Projekten auf der Karte" +
      (data.without.length ? " (" + K.number(data.without.length) + " ohne Ort mit amtlichem Schlüssel)" : "") + ".";

    // Textalternative: Projekte je Land, mit Link in den Explorer
    var perLand = {};
    data.places.forEach(function (p) { perLand[p[P.land]] = (perLand[p[P.land]] || 0) + p[P.projects].length; });
    var rows = data.lands.filter(function (pair) { return perLand[pair[0]]; }).map(function (pair) {
      return K.el("tr", {}, [
        K.el("th", { scope: "row" }, [K.el("a", { href: K.url("explorer.html") + "#land=" + encodeURIComponent(pair[0]), text: pair[1] })]),
        K.el("td", { text: K.number(perLand[pair[0]]) }),
      ]);
    });
    root.appendChild(K.el("h2", { id: "karte-tabelle", text: "Projekte je Land" }));
    root.appendChild(K.el("table", { className: "kdk-karte__tabelle" }, [
      K.el("thead", {}, [K.el("tr", {}, [K.el("th", { scope: "col", text: "Land (Sitz der federführenden Kommune)" }), K.el("th", { scope: "col", text: "Projekte" })])]),
      K.el("tbody", {}, rows),
    ]));
    setView();
  }).catch(function (error) {
    root.textContent = "Die Kartendaten konnten nicht geladen werden (" + error.message + ").";
  });
})();
