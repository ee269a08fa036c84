/* Kommunaler Digitalisierungskatalog – der Suchkern in JavaScript.
 *
 * Genaue Übertragung von generator/text.py (Wörter, Stoppwörter, Snowball-Stemmer Deutsch) und
 * generator/retrieval/ (Wortschatz, Zerlegung zusammengesetzter Wörter, Tippfehler, Thesaurus,
 * Suchbegriffe mit ihren Alternativen, Rangfolge). Alle Konstanten kommen aus den Daten, die Python
 * schreibt (constants); die Tests vergleichen die Ergebnisse unter Node mit Python.
 *
 * Läuft im Browser (window.KATALOG_RETRIEVAL) und unter Node (module.exports). Kein DOM, kein Netz.
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.KATALOG_RETRIEVAL = api;
})(typeof window !== "undefined" ? window : globalThis, function () {
  "use strict";

  /* ---------- Snowball German (snowballstemmer 3.1.1 / PyStemmer 3.1.0) ---------- */
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

  function snowball(input) {
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

  var stemCache = new Map();
  function stem(word) {
    var found = stemCache.get(word);
    if (found === undefined) {
      found = snowball(word);
      if (stemCache.size > 200000) stemCache.clear();
      stemCache.set(word, found);
    }
    return found;
  }

  /* ---------- Wörter wie generator/text.py ---------- */
  var WORD = /[\p{L}\p{N}]+/gu;
  var DIGITS = /^\p{Nd}+$/u;
  function words(text, stop, minLength) {
    var out = [];
    var found = String(text).normalize("NFC").match(WORD) || [];
    found.forEach(function (word) {
      if (Array.from(word).length < minLength || DIGITS.test(word)) return;
      if (stop[word.toLowerCase()]) return;
      out.push(word);
    });
    return out;
  }

  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function len(s) { return Array.from(s).length; }

  /* ---------- Analyse (generator/retrieval/analysis.py) ---------- */
  function osaWithinOne(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    if (la > lb) return a.slice(i + 1) === b.slice(i);
    return a.slice(i) === b.slice(i + 1);
  }

  function deletions(word) {
    var out = [word];
    for (var i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
    return out;
  }

  /* constants: the `analysis` object Python writes (see generator/retrieval/constants.py). */
  /* Die Stämme der Lexikonwörter aus `cuts` (constants.py: packed_stems): je Wort ein Zeichen, wie viele
   * Buchstaben der Stemmer von der gefalteten Form abschneidet; `odd` nennt Ausnahmen nach Position. */
  var CUT_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
  function folded(word) {
    return word.toLowerCase().replace(/ß/g, "ss").replace(/ä/g, "a").replace(/ö/g, "o").replace(/ü/g, "u");
  }
  function unpackStems(words, cuts, odd) {
    return words.map(function (word, i) {
      var cut = cuts.charAt(i);
      if (cut === "~") return odd[String(i)];
      var base = folded(word);
      return base.slice(0, base.length - CUT_DIGITS.indexOf(cut));
    });
  }

  /* lexiconStems (wahlweise): die Stämme zu lexiconWords, schon ausgepackt; sonst stemmt der Konstruktor. */
  function Analyzer(constants, lexiconWords, thesaurusData, lexiconStems) {
    this.c = constants;
    var stop = {};
    constants.stop.forEach(function (w) { stop[w] = true; });
    this.stop = stop;
    var surface = new Map();
    lexiconWords.forEach(function (w, i) { surface.set(lexiconStems ? lexiconStems[i] : stem(w), w); });
    this.surface = surface;
    this.sorted = Array.from(surface.keys()).sort();
    this.near_ = null;
    this.pieces_ = new Map();
    this.thesaurus = new Thesaurus(this, thesaurusData || []);
  }

  Analyzer.prototype.stemsWithWords = function (text) {
    var self = this;
    var out = [];
    words(text, this.stop, this.c.minLength).forEach(function (word) {
      var s = stem(word);
      if (s) out.push([s, word]);
    });
    return out;
  };
  Analyzer.prototype.stems = function (text) {
    return this.stemsWithWords(text).map(function (p) { return p[0]; });
  };
  Analyzer.prototype.known = function (s) { return this.surface.has(s); };

  Analyzer.prototype.near = function (s) {
    var self = this;
    if (this.near_ === null) {
      this.near_ = new Map();
      this.sorted.forEach(function (known) {
        deletions(known).forEach(function (key) {
          var list = self.near_.get(key);
          if (!list) self.near_.set(key, (list = []));
          list.push(known);
        });
      });
    }
    var found = new Set();
    deletions(s).forEach(function (key) {
      (self.near_.get(key) || []).forEach(function (known) {
        if (known !== s && osaWithinOne(s, known)) found.add(known);
      });
    });
    return Array.from(found).sort(function (a, b) {
      return Math.abs(a.length - s.length) - Math.abs(b.length - s.length) || cmp(a, b);
    }).slice(0, this.c.maxTypo);
  };

  Analyzer.prototype.prefixed = function (s) {
    var list = this.sorted, lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (list[mid] < s) lo = mid + 1; else hi = mid; }
    var out = [];
    for (var i = lo; i < list.length; i++) {
      if (list[i].indexOf(s) !== 0) break;
      if (list[i] !== s) out.push(list[i]);
    }
    return out;
  };

  Analyzer.prototype.split = function (word, fuzzy) {
    return this.pieces(word, !!fuzzy).map(function (p) { return p[0]; });
  };

  Analyzer.prototype.parts = function (word) {
    return this.partsWithPieces(word).map(function (p) { return p[0]; });
  };

  Analyzer.prototype.partsWithPieces = function (word) {
    var out = [];
    var seen = new Set();
    var todo = [word];
    while (todo.length) {
      var pieces = this.pieces(todo.shift(), false);
      for (var i = 0; i < pieces.length; i++) {
        if (!seen.has(pieces[i][0])) {
          seen.add(pieces[i][0]);
          out.push(pieces[i]);
          todo.push(pieces[i][1]);
        }
      }
    }
    return out;
  };

  Analyzer.prototype.head = function (word) {
    return this.headWithPieces(word).map(function (p) { return p[0]; });
  };

  Analyzer.prototype.headWithPieces = function (word) {
    if (len(word) < this.c.minCompound) return [];
    for (var i = word.length - this.c.minPart; i >= this.c.minHead; i--) {
      var head = stem(word.slice(0, i));
      if (this.surface.has(head)) return [[head, word.slice(0, i)], [stem(word.slice(i)), word.slice(i)]];
    }
    return [];
  };

  Analyzer.prototype.pieces = function (word, fuzzy) {
    var key = (fuzzy ? "1" : "0") + word;
    var found = this.pieces_.get(key);
    if (found === undefined) {
      found = [];
      if (len(word) >= this.c.minCompound) {
        found = this.split_(word, false, this.c.maxParts) || [];
        if (!found.length && fuzzy) found = this.split_(word, true, this.c.maxParts) || [];
      }
      this.pieces_.set(key, found);
    }
    return found;
  };

  Analyzer.prototype.final_ = function (rest, fuzzy) {
    var s = stem(rest);
    if (!fuzzy) return this.surface.has(s) ? s : "";
    if (len(rest) >= this.c.typoMin && !this.surface.has(s)) {
      var near = this.near(s);
      if (near.length) return near[0];
    }
    return "";
  };

  Analyzer.prototype.split_ = function (word, fuzzy, budget) {
    var c = this.c;
    var best = null;
    var links = [""].concat(c.links);
    for (var i = word.length - c.minPart; i >= c.minPart; i--) {
      var headWord = word.slice(0, i);
      var head = stem(headWord);
      if (!this.surface.has(head) || head.length < c.minPart) continue;
      for (var k = 0; k < links.length; k++) {
        var link = links[k];
        if (word.slice(i, i + link.length) !== link) continue;
        var rest = word.slice(i + link.length);
        if (rest.length < c.minPart) continue;
        var fin = this.final_(rest, fuzzy);
        var candidate = fin ? [[head, headWord], [fin, rest]] : null;
        if (candidate === null && budget > 2 && rest.length >= c.minCompound) {
          var tail = this.split_(rest, fuzzy, budget - 1);
          candidate = tail ? [[head, headWord]].concat(tail) : null;
        }
        if (candidate && (best === null || candidate.length < best.length)) {
          best = candidate;
          if (best.length === 2) return best;
        }
      }
    }
    return best;
  };

  /* ---------- Thesaurus (generator/retrieval/thesaurus.py) ---------- */
  function Thesaurus(analyzer, data) {
    var self = this;
    this.groups = [];
    this.index = new Map();
    data.forEach(function (group) {
      var entries = [];
      group[1].forEach(function (phrase) {
        var stems = analyzer.stems(phrase);
        var key = stems.join(" ");
        if (stems.length && !self.index.has(key)) {
          self.index.set(key, self.groups.length);
          entries.push([stems, phrase]);
        }
      });
      self.groups.push([group[0], entries]);
    });
    this.prefix = analyzer.c.groupPrefix;
  }
  Thesaurus.prototype.groupOf = function (stems) {
    var g = this.index.get(stems.join(" "));
    return g === undefined ? null : g;
  };
  Thesaurus.prototype.term = function (g) { return this.prefix + this.groups[g][0]; };
  Thesaurus.prototype.groupOfTerm = function (term) {
    if (!this.byTerm) {
      this.byTerm = new Map();
      for (var g = 0; g < this.groups.length; g++) this.byTerm.set(this.term(g), g);
    }
    var found = this.byTerm.get(term);
    return found === undefined ? null : found;
  };
  Thesaurus.prototype.label = function (g) {
    return this.groups[g][1].length ? this.groups[g][1][0][1] : this.groups[g][0];
  };
  Thesaurus.prototype.phraseAt = function (stems) {
    for (var length = stems.length; length > 0; length--) {
      var g = this.groupOf(stems.slice(0, length));
      if (g !== null) return [length, g];
    }
    return [1, null];
  };
  Thesaurus.prototype.alternatives = function (g, own, kind, shown) {
    var ownKey = own.join(" ");
    var out = [[kind, [this.term(g)], this.label(g)]];
    this.groups[g][1].forEach(function (entry) {
      if (entry[0].join(" ") !== ownKey) out.push([shown, entry[0], entry[1]]);
    });
    return out;
  };

  /* ---------- Suchbegriffe: [word, [[kind, terms, label], ...]] ---------- */
  Analyzer.prototype.concepts = function (text) {
    var c = this.c, K = c.kinds;
    var pairs = this.stemsWithWords(text);
    var out = [];
    var seen = new Set();
    var i = 0;
    while (i < pairs.length) {
      var window_ = pairs.slice(i, i + c.maxPhrase).map(function (p) { return p[0]; });
      var found = this.thesaurus.phraseAt(window_);
      var length = found[0], group = found[1];
      var stems, word, alts;
      if (length > 1) {
        stems = pairs.slice(i, i + length).map(function (p) { return p[0]; });
        word = pairs.slice(i, i + length).map(function (p) { return p[1]; }).join(" ");
        alts = [[K.exact, stems, ""]].concat(this.thesaurus.alternatives(group, stems, K.synonym, K.shown));
        i += length;
      } else {
        stems = [pairs[i][0]];
        word = pairs[i][1];
        alts = this.wordAlternatives(pairs[i][0], pairs[i][1], group);
        i += 1;
      }
      var key = stems.join(" ");
      if (seen.has(key) || !alts.length) continue;
      seen.add(key);
      out.push([word, alts]);
    }
    return out;
  };

  Analyzer.prototype.wordAlternatives = function (s, word, group) {
    var self = this, c = this.c, K = c.kinds;
    var alts = [[K.exact, [s], ""]];
    var known = this.surface.has(s);
    if (s.length >= c.minPrefix) {
      this.prefixed(s).forEach(function (t) { alts.push([K.prefix, [t], ""]); });
    }
    var lower = word.toLowerCase();
    var pieces = this.partsWithPieces(lower);
    if (!known && len(word) >= c.typoMin) {
      this.near(s).forEach(function (t) { alts.push([K.typo, [t], self.surface.get(t)]); });
      if (!pieces.length) pieces = this.pieces(lower, true);
      if (!pieces.length) pieces = this.headWithPieces(lower);
    }
    var parts = pieces.map(function (p) { return p[0]; });
    if (parts.length) alts.push([K.part, parts.slice(), pieces.map(function (p) { return p[1]; }).join(" ")]);
    if (group !== null) alts = alts.concat(this.thesaurus.alternatives(group, [s], K.synonym, K.shown));
    parts.forEach(function (part) {
      var g = self.thesaurus.groupOf([part]);
      if (g !== null && g !== group) alts = alts.concat(self.thesaurus.alternatives(g, [part], K.partSynonym, K.shownPart));
    });
    return alts;
  };

  /* Hervorhebung: [[start, ende]] der Wörter eines Texts, deren Analyse einen der Begriffe `terms` (Set der
   * Indexbegriffe der Anfrage) trifft – ihr Wortstamm, ein Teil des zusammengesetzten Worts, die Thesaurus-Gruppe
   * des Worts oder eines Teils, oder eine Thesaurus-Wendung aus mehreren Wörtern (so wie der Index einen Eintrag
   * erfasst, generator/retrieval/index.py: record_terms). Stoppwörter und Zahlen nie. */
  Analyzer.prototype.marks = function (text, terms) {
    var self = this, c = this.c;
    var tokens = [];
    var found, re = /[\p{L}\p{N}]+/gu;
    text = String(text);
    while ((found = re.exec(text)) !== null) {
      var word = found[0];
      if (len(word) < c.minLength || DIGITS.test(word) || this.stop[word.normalize("NFC").toLowerCase()]) continue;
      tokens.push([found.index, found.index + word.length, stem(word.normalize("NFC")), word.normalize("NFC").toLowerCase()]);
    }
    var hit = tokens.map(function (token) {
      var own = [token[2]].concat(self.parts(token[3]));
      return own.some(function (t) {
        if (terms.has(t)) return true;
        var g = self.thesaurus.groupOf([t]);
        return g !== null && terms.has(self.thesaurus.term(g));
      });
    });
    for (var i = 0; i < tokens.length; i++) {  // Wendungen: die längste ab jedem Wort
      for (var length = Math.min(c.maxPhrase, tokens.length - i); length > 1; length--) {
        var g = this.thesaurus.groupOf(tokens.slice(i, i + length).map(function (t) { return t[2]; }));
        if (g !== null) {
          if (terms.has(this.thesaurus.term(g))) for (var k = i; k < i + length; k++) hit[k] = true;
          break;
        }
      }
    }
    var out = [];
    tokens.forEach(function (token, j) { if (hit[j]) out.push([token[0], token[1]]); });
    return out;
  };

  /* Ausschnitt eines langen Texts mit seinen Hervorhebungen (spans aus marks): höchstens `limit` Zeichen, an
   * Wortgrenzen geschnitten; liegt die erste Hervorhebung dahinter, beginnt er einige Wörter vor ihr („… “).
   * Ergebnis: [text, spans] mit den Spannen im Ausschnitt. */
  function snippet(text, spans, limit) {
    text = String(text);
    if (text.length <= limit) return [text, spans];
    var start = 0;
    if (spans.length && spans[0][1] > limit) {
      start = Math.max(0, spans[0][0] - Math.floor(limit / 3));
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < spans[0][0] ? space + 1 : spans[0][0];
      if (text.length - start < limit) {  // near the end: show the last `limit` characters
        var from = text.indexOf(" ", text.length - limit);
        start = from >= 0 && from < spans[0][0] ? from + 1 : start;
      }
    }
    var end = start + limit;
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      end = cut > start ? cut : end;
    } else end = text.length;
    var head = start > 0 ? "… " : "", tail = end < text.length ? " …" : "";
    var shift = head.length - start;
    var kept = spans.filter(function (sp) { return sp[0] >= start && sp[1] <= end; })
      .map(function (sp) { return [sp[0] + shift, sp[1] + shift]; });
    return [head + text.slice(start, end) + tail, kept];
  }

  /* Alle Indexbegriffe, die eine Anfrage braucht (zum Laden der Teildateien). */
  function conceptTerms(concepts) {
    var out = [];
    var seen = new Set();
    concepts.forEach(function (concept) {
      concept[1].forEach(function (alt) {
        alt[1].forEach(function (t) { if (!seen.has(t)) { seen.add(t); out.push(t); } });
      });
    });
    return out;
  }

  /* Rangfolge (generator/retrieval/index.py: score). postings(term) -> Map doc -> points (oder undefined);
   * projects: Zahl der Projekte (sie stehen im Index vor den Förderprogrammen); n: Zahl aller Einträge im Index.
   * Ergebnis: {ranked: [[doc, rank, score]], found: [[word, label, kind]]}. */
  function idfPoints(constants, n, df) {
    return Math.max(1, Math.floor(constants.idfScale * Math.log(1 + (n - df + 0.5) / (df + 0.5))));
  }

  function score(constants, concepts, postings, projects, n) {
    var factors = constants.factors, shownKinds = constants.shownKinds, K = constants.kinds, cover = constants.cover;
    var total = new Map(), coordination = new Map();
    var found = [], foundKeys = new Set();
    concepts.forEach(function (concept) {
      var perAlt = [];
      var literal = new Set();
      var parts = 1;
      for (var a = 0; a < concept[1].length; a++) {
        if (concept[1][a][0] === K.part) { parts = concept[1][a][1].length; break; }
      }
      concept[1].forEach(function (alt) {
        var kind = alt[0], terms = alt[1];
        var sums = new Map(), hits = null;  // hits: terms found per doc, only for alternatives of several terms
        if (terms.length === 1) {
          sums = postings(terms[0]) || sums;
        } else {
          hits = new Map();
          terms.forEach(function (t) {
            var list = postings(t);
            if (!list) return;
            list.forEach(function (points, doc) {
              sums.set(doc, (sums.get(doc) || 0) + points);
              hits.set(doc, (hits.get(doc) || 0) + 1);
            });
          });
        }
        if (sums.size && shownKinds.indexOf(kind) >= 0) {
          var key = JSON.stringify([concept[0], alt[2], kind]);
          if (!foundKeys.has(key)) { foundKeys.add(key); found.push([concept[0], alt[2], kind]); }
        }
        if (constants.literalKinds.indexOf(kind) >= 0) {
          sums.forEach(function (_points, doc) { if (!hits || hits.get(doc) === terms.length) literal.add(doc); });
        }
        perAlt.push([alt, sums, hits]);
      });
      var weight = idfPoints(constants, n, literal.size);
      var best = new Map(), share = new Map();
      perAlt.forEach(function (entry) {
        var kind = entry[0][0], terms = entry[0][1], sums = entry[1], hits = entry[2];
        var factor = factors[kind];
        if (!factor) return;
        var count = terms.length;
        var own = 0;
        if (constants.expandedKinds.indexOf(kind) >= 0) {
          var list = postings(terms[0]);
          own = idfPoints(constants, n, list ? list.size : 0);
        }
        sums.forEach(function (points, doc) {
          if (own > weight) points = Math.floor(points * weight / own);
          var value = Math.floor(factor * points / count);
          if (value > (best.get(doc) || 0)) best.set(doc, value);
          var covered;
          if (kind === K.partSynonym) covered = Math.floor(cover / parts);
          else if ((kind === K.exact || kind === K.part) && hits) covered = Math.floor(cover * hits.get(doc) / count);
          else covered = cover;
          if (covered > (share.get(doc) || 0)) share.set(doc, covered);
        });
      });
      best.forEach(function (value, doc) {
        total.set(doc, (total.get(doc) || 0) + value);
        coordination.set(doc, (coordination.get(doc) || 0) + weight * share.get(doc));
      });
    });
    var fundingFirst = concepts.some(function (c) {
      return c[1].some(function (alt) { return alt[1].length === 1 && alt[1][0] === constants.fundingTerm; });
    });
    var first = fundingFirst ? projects : 0;
    var ranked = [];
    total.forEach(function (s, doc) { ranked.push([doc, s * coordination.get(doc), s]); });
    ranked.sort(function (a, b) { return ((a[0] < first) - (b[0] < first)) || b[1] - a[1] || a[0] - b[0]; });
    return { ranked: ranked, found: found };
  }

  /* „Meinten Sie …?“ (index.py: suggestion). indexed(stem) sagt, ob der Index den Begriff hat. Jedes ersetzte
   * Wort ist ein Indexbegriff: der Vorschlag findet also immer etwas. */
  Analyzer.prototype.suggestion = function (query, indexed) {
    var self = this;
    var pairs = this.stemsWithWords(query);
    if (!pairs.length) return "";
    var changed = false;
    var out = pairs.map(function (p) {
      if (indexed(p[0])) return p[1];
      var near = p[0].length >= 3 ? self.near(p[0]).filter(indexed) : [];
      if (near.length) { changed = true; return self.surface.get(near[0]); }
      return p[1];
    });
    return changed ? out.join(" ") : "";
  };

  /* Spaltennamen einer Datendatei (von Python geschrieben) -> Position: row[c.title] statt row[1]. */
  function columns(names) {
    var out = {};
    names.forEach(function (name, i) { out[name] = i; });
    return out;
  }

  return {
    columns: columns, stem: stem, words: words, snippet: snippet, osaWithinOne: osaWithinOne, Analyzer: Analyzer, conceptTerms: conceptTerms,
    score: score, unpackStems: unpackStems,
  };
});
