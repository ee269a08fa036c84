/* Ideen-Check: similar projects, eligible programmes and partners for an idea, in the browser.
 *
 * The same computation as generator/ideas.py (see its docstring): the idea's words through the
 * retrieval core (retrieval.js: stems, compound parts, synonyms, typos), TF-IDF cosine against every
 * project, score = 0.45 * Text + 0.07 * same size class + 0.03 * same Land, then topics,
 * programmes (generator/enrich/matching.py's eligibility) and partners. Cut-offs, weights and the
 * analysis constants come from the data Python writes.
 *
 * Data comes from <script> files (api/web/ideen-*.js, generator/export/ideas_data.py) loaded with
 * KATALOG.load (katalog-core.js, load it first); that works from file:// as well. Nothing typed leaves the page: no request carries it, nothing
 * stores it (no cookies, no storage, not in the URL). Every value is inserted with textContent.
 */
(function (root) {
  "use strict";

  // ------------------------------------------------------------------ text analysis (retrieval.js)
  var K = root.KATALOG || {};
  var R = root.KATALOG_RETRIEVAL;
  var analyzer = null;

  function stemsWithWords(text) { return analyzer.stemsWithWords(text); }

  // ------------------------------------------------------------------ the index
  var index = null;

  function decodeIndex(raw) {
    var alphabet = raw.alphabet;
    var value = {};
    for (var a = 0; a < alphabet.length; a++) value[alphabet[a]] = a;
    var n = raw.n;
    var terms = raw.terms ? raw.terms.split(" ") : [];
    var termIx = new Map();
    var docs = [], weights = [];
    var norm2 = new Float64Array(n);
    for (var t = 0; t < terms.length; t++) {
      termIx.set(terms[t], t);
      var enc = raw.post[t];
      var list = [], tfs = [];
      var pos = 0, prev = -1;
      while (pos < enc.length) {
        var acc = 0, d;
        do { d = value[enc[pos++]]; acc = acc * 32 + (d & 31); } while (d >= 32);
        prev = prev + acc + 1;
        acc = 0;
        do { d = value[enc[pos++]]; acc = acc * 32 + (d & 31); } while (d >= 32);
        list.push(prev); tfs.push(acc + 1);
      }
      var idf = Math.log(1 + n / list.length);
      var w = new Float64Array(list.length);
      for (var k = 0; k < list.length; k++) {
        w[k] = (1 + Math.log(tfs[k])) * idf;
        norm2[list[k]] += w[k] * w[k];
      }
      docs.push(Int32Array.from(list)); weights.push(w);
    }
    for (var t2 = 0; t2 < weights.length; t2++) {
      var dl = docs[t2], wl = weights[t2];
      for (var j = 0; j < dl.length; j++) wl[j] = wl[j] / (Math.sqrt(norm2[dl[j]]) || 1);
    }
    var labels = {};
    Object.keys(raw.labels).forEach(function (key) {
      var map = new Map();
      raw.labels[key].forEach(function (pair) { map.set(pair[0], pair[1]); });
      labels[key] = { list: raw.labels[key], map: map };
    });
    var common = new Set(raw.common);
    return { P: K.columns(raw.programmeColumns), D: K.columns(raw.detailColumns), C: K.columns(raw.declColumns), U: K.columns(raw.fundingColumns), raw: raw, n: n, termIx: termIx, docs: docs, weights: weights, value: value, labels: labels, common: common };
  }

  function docLand(i) { var c = index.raw.docLand[i]; return c === "." ? "" : index.labels.lands.list[index.value[c]][0]; }
  function docSize(i) { var c = index.raw.docSize[i]; return c === "." ? "" : index.labels.sizes.list[index.value[c]][0]; }
  function docFlags(i) { return index.value[index.raw.docFlags[i]]; }
  function docTopics(i) {
    var mask = index.raw.docTopics[i], out = [];
    index.labels.topics.list.forEach(function (pair, k) { if (mask & (1 << k)) out.push(pair[0]); });
    return out;
  }

  function round6(x) { return Math.round(x * 1e6) / 1e6; }

  function inLand(code) { return index.raw.landIn[code] || "in " + code; }

  function sizeReason(size) {
    if (size === "landkreis") return "ebenfalls ein Landkreis";
    if (size === "land") return "ebenfalls ein Land";
    return "ähnliche Gemeindegröße (" + (index.labels.sizes.map.get(size) || size) + ")";
  }

  // The idea as a vector (generator/ideas.py: idea_doc): each concept's terms with the best factor of their
  // alternatives; common words do not count; an unknown term only if nothing else of its concept is known.
  // origins: where each term came from, for the reasons (ideas.py: origin).
  function ideaVector(text) {
    var kinds = index.raw.analysis.kinds, factors = index.raw.analysis.factors;
    var weights = new Map(), surface = new Map(), origins = new Map();
    function inDf(t) { return index.termIx.has(t) || index.common.has(t); }
    analyzer.concepts(text).forEach(function (concept) {
      var terms = new Map();
      var partAlt = null;
      concept[1].forEach(function (alt) { if (partAlt === null && alt[0] === kinds.part) partAlt = alt; });
      concept[1].forEach(function (alt) {
        if (alt[0] === kinds.prefix || alt[0] === kinds.shown || alt[0] === kinds.shownPart) return;
        var f = factors[alt[0]];
        alt[1].forEach(function (t) { if (f > (terms.has(t) ? terms.get(t)[0] : 0)) terms.set(t, [f, alt[0]]); });
      });
      var known = false;
      terms.forEach(function (_f, t) { if (inDf(t)) known = true; });
      terms.forEach(function (fk, t) {
        if ((inDf(t) && !index.termIx.has(t)) || (!inDf(t) && known)) return;
        if (fk[0] > (weights.get(t) || 0)) {
          weights.set(t, fk[0]);
          if (!surface.has(t)) surface.set(t, concept[0]);
          if (!origins.has(t)) origins.set(t, origin(t, fk[1], concept, partAlt));
        }
      });
    });
    var unknown = Math.log(1 + index.n);
    var q = new Map(), norm = 0;
    weights.forEach(function (f, t) {
      var ti = index.termIx.get(t);
      var idf = ti === undefined ? unknown : Math.log(1 + index.n / index.docs[ti].length);
      var w = f / 100 * idf;
      q.set(t, w);
      norm += w * w;
    });
    norm = Math.sqrt(norm) || 1;
    q.forEach(function (w, t) { q.set(t, w / norm); });
    return { q: q, surface: surface, origins: origins };
  }

  // [shown word, the idea's word, its stems, other members of the synonym group, longer parts containing this
  // part [[stem, shown]]] of an idea term (generator/ideas.py: origin).
  function origin(term, kind, concept, partAlt) {
    var kinds = index.raw.analysis.kinds, th = analyzer.thesaurus, word = concept[0];
    var own = [];
    for (var a = 0; a < concept[1].length; a++) if (concept[1][a][0] === kinds.exact) { own = concept[1][a][1]; break; }
    if ((kind === kinds.part || kind === kinds.partSynonym) && partAlt !== null) {
      var pieces = partAlt[2].split(" "), parts = partAlt[1];
      if (kind === kinds.part) {
        var piece = pieces[parts.indexOf(term)];
        var longer = [];
        parts.forEach(function (t, i) { if (pieces[i].indexOf(piece) >= 0 && pieces[i].length > piece.length) longer.push([t, pieces[i]]); });
        longer.sort(function (x, y) { return y[1].length - x[1].length; });  // stable: equal lengths keep part order
        return [written(piece, word), word, own, [], longer.map(function (tp) { return [tp[0], written(tp[1], word)]; })];
      }
      var group = th.groupOfTerm(term);
      var at = 0;
      while (th.groupOf([parts[at]]) !== group) at++;
      var shown = written(pieces[at], word);
      return [shown, shown, [parts[at]], members(group, [parts[at]]), []];
    }
    if (kind === kinds.synonym) return [word, word, own, members(th.groupOfTerm(term), own), []];
    return [word, word, own, [], []];
  }

  function written(piece, word) {
    var first = word.charAt(0);
    return first && first !== first.toLowerCase() ? piece.charAt(0).toUpperCase() + piece.slice(1) : piece;
  }

  function members(group, own) {
    var key = own.join(" ");
    return analyzer.thesaurus.groups[group][1].filter(function (entry) { return entry[0].join(" ") !== key; });
  }

  function docHas(stem, doc) {
    var t = index.termIx.get(stem);
    return t !== undefined && binarySearch(index.docs[t], doc) >= 0;
  }

  // How a shared term is named in a reason (generator/ideas.py: project_word).
  function projectWord(origins, surface, term, doc) {
    var o = origins.get(term) || [surface.get(term), surface.get(term), [], [], []];
    for (var i = 0; i < o[3].length; i++) {
      if (o[3][i][0].every(function (s) { return docHas(s, doc); })) return o[3][i][1] + " [gleichbedeutend mit " + o[0] + "]";
    }
    if (o[2].length && o[2].every(function (s) { return docHas(s, doc); })) return o[1];
    for (var j = 0; j < o[4].length; j++) if (docHas(o[4][j][0], doc)) return o[4][j][1];
    return o[0];
  }

  // asker: {land, landName, sizeClass, types: [...], municipality: {key, name, ...} | null}
  function check(text, asker) {
    var raw = index.raw;
    var idea = ideaVector(text);
    var q = idea.q, surface = idea.surface, origins = idea.origins;
    var needed = Math.min(raw.minShared, new Set(Array.from(surface.values())).size);
    var text_ = new Float64Array(index.n);
    var shared = new Int32Array(index.n);
    var touched = [];
    q.forEach(function (qw, stem) {
      var t = index.termIx.get(stem);
      if (t === undefined) return;
      var dl = index.docs[t], wl = index.weights[t];
      for (var j = 0; j < dl.length; j++) {
        var d = dl[j];
        if (shared[d] === 0) touched.push(d);
        shared[d] += 1;
        text_[d] += qw * wl[j];
      }
    });
    var weights = raw.weights;
    var hits = [];
    for (var h = 0; h < touched.length; h++) {
      var i = touched[h];
      if (text_[i] < raw.minText || shared[i] < needed) continue;
      var total = weights.text * text_[i];
      var size = docSize(i), land = docLand(i);
      if (asker.sizeClass && size === asker.sizeClass) total += weights.size;
      if (asker.land && land === asker.land) total += weights.land;
      hits.push({ doc: i, score: round6(total), text: text_[i] });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    // reasons for the ones shown (and the partner pool)
    var shownCount = Math.max(raw.top, raw.partnerPool);
    hits.slice(0, shownCount).forEach(function (hit) { hit.reasons = reasons(hit, q, surface, origins, asker); });
    var topics = ideaTopics(hits);
    var partners = [];
    hits.slice(0, raw.partnerPool).forEach(function (hit) { if (partners.length < raw.maxPartners && (docFlags(hit.doc) & (raw.flags.seeking | raw.flags.exchange))) partners.push(hit); });
    var pool = hits.slice(0, raw.partnerPool).map(function (hit) { return hit.doc; });
    var sections = raw.declSections || {};
    return {
      words: Array.from(new Set(Array.from(q.keys()).map(function (s) { return surface.get(s); }))),
      projects: hits.slice(0, raw.top), total: hits.length, topics: topics,
      programmes: eligibleProgrammes(asker, topics), partners: partners,
      planning: declarationsFor(pool, sections.planning || []), answering: declarationsFor(pool, sections.answering || [])
    };
  }

  // Declarations (generator/enrich/partners.py for_idea): on the most similar projects, in their order,
  // each declarer once. Rows in declColumns (generator/export/ideas_data.py DECLARATION_COLUMNS).
  function declarationsFor(pool, relations) {
    var raw = index.raw, C = index.C, rank = new Map();
    pool.forEach(function (doc, i) { rank.set(doc, i); });
    var found = (raw.decl || []).filter(function (row) { return rank.has(row[C.doc]) && relations.indexOf(row[C.relation]) >= 0; });
    found.sort(function (a, b) {
      var an = a[C.name].toLowerCase(), bn = b[C.name].toLowerCase();
      return rank.get(a[C.doc]) - rank.get(b[C.doc]) || (an < bn ? -1 : an > bn ? 1 : 0);
    });
    var seen = new Set(), out = [];
    found.forEach(function (row) {
      var who = row[C.key] || row[C.name];
      if (!seen.has(who)) { seen.add(who); out.push(row); }
    });
    return out.slice(0, raw.maxDecl || 10);
  }

  function reasons(hit, q, surface, origins, asker) {
    var products = [];
    q.forEach(function (qw, stem) {
      var t = index.termIx.get(stem);
      if (t === undefined) return;
      var dl = index.docs[t];
      var j = binarySearch(dl, hit.doc);
      if (j >= 0) products.push([qw * index.weights[t][j], stem]);
    });
    products.sort(function (a, b) { return b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
    var words = Array.from(new Set(products.map(function (p) { return projectWord(origins, surface, p[1], hit.doc); }))).slice(0, index.raw.reasonWords);
    var out = [words.length ? "ähnliche Beschreibung (" + words.join(", ") + ")" : "ähnliche Beschreibung"];
    if (asker.sizeClass && docSize(hit.doc) === asker.sizeClass) out.push(sizeReason(asker.sizeClass));
    if (asker.land && docLand(hit.doc) === asker.land) out.push("ebenfalls " + inLand(asker.land));
    return out;
  }

  function binarySearch(arr, x) {
    var lo = 0, hi = arr.length - 1;
    while (lo <= hi) { var mid = (lo + hi) >> 1; if (arr[mid] === x) return mid; if (arr[mid] < x) lo = mid + 1; else hi = mid - 1; }
    return -1;
  }

  function ideaTopics(hits) {
    var order = new Map();
    index.labels.topics.list.forEach(function (pair, k) { order.set(pair[0], k); });
    var sums = new Map();
    hits.slice(0, index.raw.topicBasis).forEach(function (hit) {
      docTopics(hit.doc).forEach(function (t) { sums.set(t, (sums.get(t) || 0) + hit.score); });
    });
    if (!sums.size) return [];
    var best = Math.max.apply(null, Array.from(sums.values()));
    var kept = Array.from(sums.keys()).filter(function (t) { return sums.get(t) >= index.raw.topicShare * best - 1e-9; });
    kept.sort(function (a, b) { return round6(sums.get(b)) - round6(sums.get(a)) || order.get(a) - order.get(b); });
    return kept.slice(0, index.raw.maxTopics);
  }

  function eligibleProgrammes(asker, topics) {
    if (!topics.length) return [];
    var L = index.labels, raw = index.raw, P = index.P;
    var out = [];
    raw.programmes.forEach(function (p) {
      var lands = p[P.lands].map(function (k) { return L.lands.list[k][0]; });
      var eligible = p[P.applicants].map(function (k) { return L.applicants.list[k][0]; });
      var ptopics = p[P.topics].map(function (k) { return L.topics.list[k][0]; });
      var region;
      if (!lands.length) region = p[P.level] === "eu" ? "gilt EU-weit" : "gilt bundesweit";
      else if (asker.land && lands.indexOf(asker.land) >= 0) region = "gilt " + inLand(asker.land);
      else return;
      var types = asker.types.filter(function (t) { return eligible.indexOf(t) >= 0; });
      var shared = topics.filter(function (t) { return ptopics.indexOf(t) >= 0; });
      if (!types.length || !shared.length) return;
      var label = p[P.status_label];
      out.push({
        id: p[P.id], title: p[P.title], funder: p[P.funder], status: p[P.status], label: label, check: p[P.check_url] || "", shared: shared.length,
        reasons: [(shared.length === 1 ? "Handlungsfeld: " : "Handlungsfelder: ") + shared.map(function (t) { return L.topics.map.get(t) || t; }).join(", "),
          region, "antragsberechtigt: " + types.map(function (t) { return L.applicants.map.get(t) || t; }).join(", "),
          !label ? p[P.status] : p[P.status] === "unklar" ? label : label.charAt(0).toLowerCase() + label.slice(1)]
      });
    });
    var rank = raw.statusRank;
    out.sort(function (a, b) {
      return ((rank[a.status] === undefined ? 9 : rank[a.status]) - (rank[b.status] === undefined ? 9 : rank[b.status]))
        || b.shared - a.shared || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    return out;
  }

  // ------------------------------------------------------------------ municipalities (name search)
  var municipalities = null;

  function fold(text) {
    var s = String(text).toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss");
    s = s.normalize("NFKD").replace(/\p{M}/gu, "").replace(/-/g, " ");
    return s.split(/\s+/).filter(Boolean).join(" ");
  }

  // ideen-kommunen.js: rows in groupColumns (generator/export/ideas_data.py municipality_groups); the Land codes
  // of the key prefixes and the size order of the name search come from Python as well.
  var sizeOrder = {}, exactOrder = {};
  function decodeMunicipalities(raw) {
    var list = [];
    var G = K.columns(raw.groupColumns);
    sizeOrder = raw.sizeOrder;
    exactOrder = raw.exactOrder;
    raw.groups.forEach(function (g) {
      var kreis = g[G.kreis];
      g[G.items].split("|").forEach(function (item) {
        var m = /^(\d*)(.)(.*)$/.exec(item);
        var code = raw.codes.indexOf(m[2]);
        var applicant = raw.applicants[Math.floor(code / raw.sizes.length)];
        var size = raw.sizes[code % raw.sizes.length];
        var key = kreis + m[1];
        list.push({ key: key, name: m[3], folded: fold(m[3]), applicant: applicant, size: size,
          land: raw.landCodes[key.slice(0, 2)], kreis: m[1] ? g[G.name] : "" });
      });
    });
    return list;
  }

  // generator/ideas.py find_municipalities: exact names (a Gemeinde or Stadt before a Gemeindeverband before a
  // Landkreis of that name: exactOrder), then names starting with the query, then names containing it; larger size
  // classes first, then key.
  function findMunicipalities(query, limit) {
    var wanted = fold(query);
    if (!wanted) return [];
    var ranked = [];
    municipalities.forEach(function (m) {
      var group = m.folded === wanted ? 0 : m.folded.indexOf(wanted) === 0 ? 1 : m.folded.indexOf(wanted) > 0 ? 2 : -1;
      if (group < 0) return;
      var level = group === 0 ? (exactOrder[m.applicant] || 0) : 0;
      ranked.push([group, level, sizeOrder[m.size] === undefined ? 9 : sizeOrder[m.size], m.key, m]);
    });
    ranked.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0); });
    return ranked.slice(0, limit || 10).map(function (r) { return r[4]; });
  }

  function askerForMunicipality(m) {
    return { land: m.land, landName: index.labels.lands.map.get(m.land) || m.land, sizeClass: m.size, types: [m.applicant], municipality: m };
  }

  function askerFor(land, size) {
    var types = size ? (index.raw.sizeTypes[size] || index.raw.municipalTypes) : index.raw.municipalTypes;
    return { land: land || "", landName: land ? (index.labels.lands.map.get(land) || land) : "", sizeClass: size || "", types: types, municipality: null };
  }

  // ------------------------------------------------------------------ loading detail chunks (KATALOG.load)
  function details(docsWanted) {
    var chunk = index.raw.chunk;
    var needed = Array.from(new Set(docsWanted.map(function (d) { return Math.floor(d / chunk); })));
    return Promise.all(needed.map(function (n) { return K.load("ideen-d-" + n); })).then(function (chunks) {
      var byChunk = new Map();
      needed.forEach(function (n, i) { byChunk.set(n, chunks[i]); });
      var out = new Map();
      docsWanted.forEach(function (d) { out.set(d, byChunk.get(Math.floor(d / chunk))[d % chunk]); });
      return out;
    });
  }

  // ------------------------------------------------------------------ rendering (textContent only)
  // DOM and formats from katalog-core.js (K.el, K.euro, K.germanDate), label tables from Python (index.raw.wouldDoAgain)

  function renderProject(row, hit, withReasons) {
    var D = index.D;
    var li = K.el("li", { "class": "kdk-idea-hit" });
    var h = K.el("h3");
    h.appendChild(K.el("a", { href: "projekte/" + encodeURIComponent(row[D.id]) + ".html" }, [row[D.title]]));
    li.appendChild(h);
    var land = docLand(hit.doc);
    var where = [row[D.place] + (row[D.others] ? " (+" + row[D.others] + ")" : ""), index.labels.lands.map.get(land) || land,
      index.labels.statuses.map.get(row[D.status]) || row[D.status]].filter(Boolean).join(" · ");
    li.appendChild(K.el("p", { "class": "kdk-meta" }, [where]));
    if (withReasons) li.appendChild(K.el("p", { "class": "kdk-idea-reasons" }, ["Warum ähnlich: " + hit.reasons.join("; ")]));
    if (row[D.outcome] || row[D.would_do_again] || row[D.effort]) {
      var p = K.el("p", { "class": "kdk-idea-experience" });
      p.appendChild(K.el("strong", null, ["Erfahrung: "]));
      var parts = [];
      if (row[D.outcome]) parts.push(row[D.outcome]);
      if (row[D.would_do_again]) parts.push("Würde es wieder so machen: " + (index.raw.wouldDoAgain[row[D.would_do_again]] || row[D.would_do_again]) + ".");
      if (row[D.effort]) parts.push("Aufwand: " + row[D.effort] + ".");
      p.appendChild(document.createTextNode(parts.join(" ")));
      li.appendChild(p);
    }
    var costs = [];
    if (row[D.total_eur] !== null && row[D.total_eur] !== undefined) costs.push("Gesamtkosten " + K.euro(row[D.total_eur]) + (row[D.own_share_eur] !== null && row[D.own_share_eur] !== undefined ? " (Eigenanteil " + K.euro(row[D.own_share_eur]) + ")" : ""));
    row[D.funding].forEach(function (f) {
      var programme = f[index.U.programme], amount = f[index.U.amount_eur];
      var title = typeof programme === "number" ? index.raw.programmes[programme][index.P.title] : programme;
      costs.push("gefördert aus " + title + (amount !== null && amount !== undefined ? ": " + K.euro(amount) : ""));  // Titel tragen oft schon „…“ oder „Förderung …“
    });
    if (costs.length) {
      var c = K.el("p", { "class": "kdk-idea-cost" });
      c.appendChild(K.el("strong", null, ["Kosten: "]));
      c.appendChild(document.createTextNode(costs.join("; ")));
      li.appendChild(c);
    }
    var flags = docFlags(hit.doc), badges = [];
    var F = index.raw.flags; // the one flag table (generator/export/site_data.py FLAGS)
    if (flags & F.seeking) badges.push("Partner gesucht");
    if (flags & F.exchange) badges.push("Austausch erwünscht");
    if (flags & F.open_source) badges.push("Open Source");
    if (badges.length) {
      var b = K.el("p");
      badges.forEach(function (text) { b.appendChild(K.el("span", { "class": "kdk-badge kdk-flag" }, [text])); b.appendChild(document.createTextNode(" ")); });
      li.appendChild(b);
    }
    return li;
  }

  function renderPartner(row, hit) {
    var D = index.D;
    var li = K.el("li");
    li.appendChild(K.el("a", { href: "projekte/" + encodeURIComponent(row[D.id]) + ".html" }, [row[D.title]]));
    var flags = docFlags(hit.doc);
    var wants = [flags & index.raw.flags.seeking ? "sucht Partner" : "", flags & index.raw.flags.exchange ? "wünscht Austausch" : ""].filter(Boolean).join(" und ");
    li.appendChild(document.createTextNode(" (" + row[D.place] + "): " + wants));
    if (row[D.seeking]) { li.appendChild(K.el("br")); li.appendChild(K.el("span", { "class": "kdk-meta" }, ["Gesucht: " + row[D.seeking]])); }
    var contact = [row[D.organisation], row[D.email], row[D.url]].filter(Boolean);
    if (contact.length) {
      li.appendChild(K.el("br"));
      // a press article is a source, not a contact: without mailbox or contact page the way is via the municipality
      var span = K.el("span", { "class": "kdk-meta" }, [(row[D.email] || row[D.url] ? "Kontakt: " : "Kontakt: über die Kommune – ") + row[D.organisation]]);
      if (row[D.email]) { span.appendChild(document.createTextNode(", ")); span.appendChild(K.el("a", { href: "mailto:" + row[D.email] }, [row[D.email]])); }
      if (row[D.url] && /^https?:\/\//.test(row[D.url])) { span.appendChild(document.createTextNode(", ")); span.appendChild(K.el("a", { href: row[D.url], rel: "noopener noreferrer nofollow" }, ["Kontaktseite"])); }
      li.appendChild(span);
    }
    return li;
  }

  function renderDeclaration(row, project) {
    var C = index.C, D = index.D;
    var li = K.el("li");
    li.appendChild(K.el("strong", null, [row[C.name]]));
    var land = index.labels.lands.map.get(row[C.land]) || row[C.land];
    if (land) li.appendChild(document.createTextNode(" (" + land + ")"));
    li.appendChild(document.createTextNode(" – zu „"));
    li.appendChild(K.el("a", { href: "projekte/" + encodeURIComponent(project[D.id]) + ".html" }, [project[D.title]]));
    // never an old source as a present state: who said it, and when (see generator/export/ideas_data.py)
    var basis = row[C.basis], date = K.germanDate(row[C.date]);
    var when = basis === "e" ? "gemeldet " + date + " von der Kommune selbst"
      : basis === "d" ? "laut Quelle, Stand " + date
      : "laut Quelle (ohne Datum, gelesen " + date + ")";
    li.appendChild(document.createTextNode("“ · " + when));
    if (row[C.note]) { li.appendChild(K.el("br")); li.appendChild(K.el("span", { "class": "kdk-note" }, [row[C.note]])); }
    li.appendChild(K.el("br"));
    var span = K.el("span", { "class": "kdk-meta" });
    var email = row[C.email], url = row[C.url];
    if (email || url) {
      span.appendChild(document.createTextNode("Kontakt: " + row[C.organisation]));
      if (email) { span.appendChild(document.createTextNode(", ")); span.appendChild(K.el("a", { href: "mailto:" + email }, [email])); }
      if (url && /^https?:\/\//.test(url)) { span.appendChild(document.createTextNode(", ")); span.appendChild(K.el("a", { href: url, rel: "noopener noreferrer nofollow" }, ["Kontaktseite"])); }
    } else {
      span.appendChild(document.createTextNode("Kontakt: über die Kommune – " + row[C.organisation]));
    }
    li.appendChild(span);
    return li;
  }

  function section(title, id) {
    var s = K.el("section", { "class": "kdk-idea-section", "aria-labelledby": id });
    s.appendChild(K.el("h2", { id: id }, [title]));
    return s;
  }

  function render(out, result, rows, asker, text) {
    var box = document.createDocumentFragment();
    var L = index.labels;
    // on paper the form is hidden: the idea and for whom it was checked head the printout
    var printed = K.el("div", { "class": "kdk-print-only kdk-idea-printed" });
    printed.appendChild(K.el("p", null, ["Idee: " + text]));
    printed.appendChild(K.el("p", null, ["Geprüft für: " + describe(asker) + " · Stand " + K.germanDate(index.raw.built)]));
    box.appendChild(printed);
    var intro = K.el("p", { "class": "kdk-idea-summary", role: "status" });
    intro.textContent = result.total
      ? result.total + (result.total === 1 ? " ähnliches Projekt" : " ähnliche Projekte") + " für " + describe(asker) + "."
      : "Keine ähnlichen Projekte gefunden. Beschreiben Sie die Idee mit anderen Worten, z. B. mit Fachbegriffen („Parkleitsystem“, „E-Akte“).";
    box.appendChild(intro);
    if (result.topics.length) box.appendChild(K.el("p", { "class": "kdk-meta" }, ["Erkannte Handlungsfelder: " + result.topics.map(function (t) { return L.topics.map.get(t) || t; }).join(", ")]));
    if (result.projects.length) {
      var s1 = section("Ähnliche Projekte", "idee-projekte");
      var ol = K.el("ol", { "class": "kdk-idea-list" });
      result.projects.forEach(function (hit) { ol.appendChild(renderProject(rows.get(hit.doc), hit, true)); });
      s1.appendChild(ol);
      box.appendChild(s1);
    }
    if (result.topics.length) {
      var s2 = section("Förderprogramme", "idee-foerderung");
      s2.appendChild(K.el("p", { "class": "kdk-meta" }, [programmesIntro(asker) + " Stand der Fristen: " + K.germanDate(index.raw.built) + "."]));
      if (!result.programmes.length) s2.appendChild(K.el("p", { "class": "kdk-empty" }, ["Keine passenden Förderprogramme im Katalog."]));
      var ul = K.el("ul", { "class": "kdk-list" });
      result.programmes.slice(0, 10).forEach(function (p) {
        var li = K.el("li");
        li.appendChild(K.el("a", { "class": "kdk-list__title", href: "foerderprogramme/" + encodeURIComponent(p.id) + ".html" }, [p.title]));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(K.el("span", { "class": "kdk-badge kdk-app-" + p.status }, [p.label]));
        if (p.status === "unklar" && /^https?:\/\//.test(p.check)) {
          li.appendChild(document.createTextNode(" "));
          li.appendChild(K.el("a", { "class": "kdk-check", href: p.check, rel: "nofollow" }, ["Programmseite"]));
        }
        li.appendChild(K.el("br"));
        li.appendChild(K.el("span", { "class": "kdk-meta" }, [p.funder + " · " + p.reasons.slice(0, 3).join("; ")]));
        ul.appendChild(li);
      });
      s2.appendChild(ul);
      if (result.programmes.length > 10) s2.appendChild(K.el("p", { "class": "kdk-meta" }, ["… und " + (result.programmes.length - 10) + " weitere: siehe Förderprogramme."]));
      if (!asker.land) s2.appendChild(K.el("p", { "class": "kdk-meta" }, ["Nur bundes- und EU-weite Programme: wählen Sie Ihre Kommune oder Ihr Land, um auch Landesprogramme zu sehen."]));
      box.appendChild(s2);
    }
    if (result.projects.length) {
      var s3 = section("Partner und Austausch", "idee-partner");
      if (!result.partners.length) s3.appendChild(K.el("p", { "class": "kdk-empty" }, ["Zu dieser Idee sucht derzeit niemand Partner oder Austausch."]));
      var pl = K.el("ul", { "class": "kdk-list" });
      result.partners.forEach(function (hit) { pl.appendChild(renderPartner(rows.get(hit.doc), hit)); });
      s3.appendChild(pl);
      box.appendChild(s3);
      [["planning", "Diese Kommunen planen Ähnliches – Partner für eine gemeinsame Umsetzung?", "idee-planen",
        "Zu den ähnlichen Projekten hat noch keine Kommune gemeldet, dass sie Ähnliches plant."],
       ["answering", "Ansprechbar zu diesem Thema", "idee-ansprechbar",
        "Zu den ähnlichen Projekten hat sich noch keine Kommune als ansprechbar gemeldet."]].forEach(function (spec) {
        var s = section(spec[1], spec[2]);
        var list = result[spec[0]] || [];
        if (!list.length) s.appendChild(K.el("p", { "class": "kdk-empty" }, [spec[3]]));
        var ul = K.el("ul", { "class": "kdk-list" });
        list.forEach(function (row) { ul.appendChild(renderDeclaration(row, rows.get(row[index.C.doc]))); });
        s.appendChild(ul);
        box.appendChild(s);
      });
    }
    out.replaceChildren(box);
  }

  function describe(asker) {
    if (asker.municipality) return asker.municipality.name;
    var parts = [asker.landName, asker.sizeClass ? index.labels.sizes.map.get(asker.sizeClass) : ""].filter(Boolean);
    return parts.length ? "Kommunen in " + parts.join(", ") : "alle Kommunen";
  }

  function programmesIntro(asker) {
    if (asker.municipality) return "Programme zu diesen Handlungsfeldern, für die " + asker.municipality.name + " antragsberechtigt ist.";
    if (asker.land || asker.sizeClass) return "Programme zu diesen Handlungsfeldern für Kommunen mit diesen Angaben (" + describe(asker).replace(/^Kommunen in /, "") + ").";
    return "Bundes- und EU-weite Programme zu diesen Handlungsfeldern.";
  }

  // The index and the analysis, from the data of ideen-index.js (also without a page: the tests run this under Node).
  function prepare(raw) {
    if (!index) {
      index = decodeIndex(raw);
      analyzer = new R.Analyzer(index.raw.analysis, index.raw.words, index.raw.thesaurus,
        R.unpackStems(index.raw.words, index.raw.cuts, index.raw.odd)); // Stämme vorberechnet (ideas_data.py)
    }
  }

  // ------------------------------------------------------------------ page wiring
  var DEBOUNCE_MS = 80;  // results this long after the last keystroke
  var PREFETCH_MS = 100;
  function init(rootEl) {
    var missing = "Die Daten des Ideen-Checks fehlen (Seite neu erzeugen: katalog build).";
    if (!R || !K.load) { rootEl.querySelector(".kdk-idea-results").textContent = missing; return; }
    K.load("ideen-index").then(function (raw) { prepare(raw); wire(rootEl); },
      function () { rootEl.querySelector(".kdk-idea-results").textContent = missing; });
  }

  function wire(rootEl) {
    var textArea = rootEl.querySelector("#idee-text");
    var search = rootEl.querySelector("#idee-kommune");
    var options = rootEl.querySelector("#idee-kommune-treffer");
    var chosen = rootEl.querySelector("#idee-kommune-gewaehlt");
    var landSelect = rootEl.querySelector("#idee-land");
    var sizeSelect = rootEl.querySelector("#idee-groesse");
    var out = rootEl.querySelector(".kdk-idea-results");
    var picked = null;
    var timer = null, generation = 0;

    index.labels.lands.list.forEach(function (pair) { landSelect.appendChild(K.el("option", { value: pair[0] }, [pair[1]])); });
    index.labels.sizes.list.forEach(function (pair) { if (pair[0] !== "land") sizeSelect.appendChild(K.el("option", { value: pair[0] }, [pair[1]])); });

    function currentAsker() {
      return picked ? askerForMunicipality(picked) : askerFor(landSelect.value, sizeSelect.value);
    }

    function run() {
      var text = textArea.value;
      var mine = ++generation;
      if (!stemsWithWords(text).length) { out.replaceChildren(); rootEl.removeAttribute("data-state"); return; }
      var asker = currentAsker();
      var t0 = performance.now();
      var result = check(text, asker);
      var t1 = performance.now();
      var wanted = result.projects.concat(result.partners).map(function (h) { return h.doc; })
        .concat(result.planning.concat(result.answering).map(function (row) { return row[index.C.doc]; }));
      details(wanted).then(function (rows) {
        if (mine !== generation) return;
        var t2 = performance.now();
        render(out, result, rows, asker, text);
        // timings for bench/ideas_bench.py (milliseconds: ranking, loading details, drawing)
        rootEl.setAttribute("data-ms", [t1 - t0, t2 - t1, performance.now() - t2].map(Math.round).join(" "));
        rootEl.setAttribute("data-state", "fertig");
      }, function () {
        out.textContent = "Die Projektdaten konnten nicht geladen werden.";
      });
    }

    // While typing, the details of the current best hits are fetched ahead (at most every PREFETCH_MS),
    // so that when typing stops most of them are already here. Only our own data files are fetched.
    var lastPrefetch = 0;
    function prefetch() {
      var now = performance.now();
      if (now - lastPrefetch < PREFETCH_MS || !stemsWithWords(textArea.value).length) return;
      lastPrefetch = now;
      var result = check(textArea.value, currentAsker());
      details(result.projects.concat(result.partners).map(function (h) { return h.doc; })).catch(function () {});
    }

    function schedule() { clearTimeout(timer); rootEl.setAttribute("data-state", "rechnet"); timer = setTimeout(run, DEBOUNCE_MS); }

    // „Gießen (Stadt) – Kreis Gießen, Hessen“, not „Gießen – Gießen“; names such as „Rhein-Sieg-Kreis“ or
    // „Region Hannover“ say what they are already
    function kreisLabel(name) {
      return /kreis|region/i.test(name) ? name : "Kreis " + name;
    }

    function pick(m) {
      picked = m;
      closeList();
      search.value = "";
      chosen.replaceChildren();
      if (m) {
        var text = m.name + " (" + (m.kreis ? kreisLabel(m.kreis) + ", " : "") + (index.labels.lands.map.get(m.land) || m.land) + ", " + (index.labels.sizes.map.get(m.size) || m.size) + ")";
        chosen.appendChild(K.el("span", null, ["Gewählt: " + text + " "]));
        var reset = K.el("button", { type: "button", "class": "md-button" }, ["Andere Kommune"]);
        reset.addEventListener("click", function () { pick(null); search.focus(); });
        chosen.appendChild(reset);
        landSelect.value = m.land; sizeSelect.value = m.size === "landkreis" || sizeOrder[m.size] !== undefined ? m.size : "";
        landSelect.disabled = true; sizeSelect.disabled = true;
      } else {
        landSelect.disabled = false; sizeSelect.disabled = false;
      }
      schedule();
    }

    search.addEventListener("focus", function () { loadMunicipalities().catch(function () {}); });
    search.addEventListener("input", function () {
      loadMunicipalities().then(showMunicipalities, function () {
        options.replaceChildren(K.el("li", { "class": "kdk-meta" }, ["Die Liste der Kommunen konnte nicht geladen werden."]));
      });
    });

    // Combobox (WAI-ARIA 1.2): the focus stays in the text field; the arrow keys move the active option
    // (aria-activedescendant), Enter picks it, Escape closes the list; a click picks too.
    var found = [], active = -1;
    function closeList() {
      found = []; active = -1;
      options.replaceChildren();
      search.setAttribute("aria-expanded", "false");
      search.removeAttribute("aria-activedescendant");
    }
    function setActive(i) {
      var items = options.querySelectorAll("[role=option]");
      if (!items.length) return;
      active = (i + items.length) % items.length;
      items.forEach(function (item, n) { item.setAttribute("aria-selected", n === active ? "true" : "false"); });
      search.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }
    function showMunicipalities() {
      found = findMunicipalities(search.value, 8);
      active = -1;
      options.replaceChildren();
      search.removeAttribute("aria-activedescendant");
      found.forEach(function (m, i) {
        var label = m.name + " (" + (index.labels.applicants.map.get(m.applicant) || m.applicant) + ") – " +
          (m.kreis ? kreisLabel(m.kreis) + ", " : "") + (index.labels.lands.map.get(m.land) || m.land);
        var li = K.el("li", { role: "option", id: "idee-kommune-option-" + i, "aria-selected": "false", "class": "kdk-idea-option", "data-ags": m.key }, [label]);
        li.addEventListener("mousedown", function (event) { event.preventDefault(); }); // the field keeps the focus
        li.addEventListener("click", function () { pick(m); });
        options.appendChild(li);
      });
      if (search.value.trim() && !found.length) options.appendChild(K.el("li", { "class": "kdk-meta", role: "presentation" }, ["Keine Kommune mit diesem Namen."]));
      search.setAttribute("aria-expanded", found.length ? "true" : "false");
    }
    search.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!found.length) { if (search.value.trim()) loadMunicipalities().then(showMunicipalities); return; }
        event.preventDefault();
        setActive(active < 0 ? (event.key === "ArrowDown" ? 0 : found.length - 1) : active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && active >= 0 && found[active]) {
        event.preventDefault();
        pick(found[active]);
      } else if (event.key === "Escape" && found.length) {
        event.preventDefault();
        closeList();
      }
    });
    textArea.addEventListener("input", function () { schedule(); prefetch(); });
    landSelect.addEventListener("change", schedule);
    sizeSelect.addEventListener("change", schedule);
    var printButton = rootEl.querySelector("#idee-drucken");
    if (printButton) printButton.addEventListener("click", function () { root.print(); });
    rootEl.setAttribute("data-ready", "1");
    if (textArea.value) schedule();
  }

  // The municipality list (about 12,500 names) is loaded only when someone searches for a municipality.
  function loadMunicipalities() {
    if (municipalities) return Promise.resolve(municipalities);
    return K.load("ideen-kommunen").then(function (raw) {
      if (!municipalities) municipalities = decodeMunicipalities(raw);
      return municipalities;
    });
  }

  root.KatalogIdeen = { prepare: prepare, fold: fold, loadMunicipalities: loadMunicipalities, check: check, findMunicipalities: findMunicipalities,
    askerFor: askerFor, askerForMunicipality: askerForMunicipality, stemsWithWords: stemsWithWords };

  function start() { var r = document.querySelector(".kdk-idea"); if (r) init(r); }
  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
  }
})(typeof window !== "undefined" ? window : globalThis);
