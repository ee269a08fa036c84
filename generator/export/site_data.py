"""Data for the site's search, explorers and map, as JavaScript files (api/web/*.js).

Pages load these with <script src>, which works from file:// where fetch() does
not. Every file calls `KATALOG_DATEN(name, data)`; the JSON inside is made
script-safe (<, >, &, U+2028, U+2029 as \\u escapes), so record text can never
end a script or open markup.

Search: the index of the retrieval core (generator/retrieval/), split into
* suche-meta.js: sizes, shard keys, chunk size, the column names of the record rows and the
  analysis constants (generator/retrieval/constants.py) – small;
* suche-lexikon.js: the catalogue's words (one spelling per stem) with their stems packed as `cuts`
  (the browser does not stem them again) and the thesaurus, for compound splitting, typo tolerance
  and synonyms; docs/suche.md preloads it with suche-meta.js while the page loads;
* suche-t-<key>.js: postings of the terms starting with <key> (2 or more characters; a shard that
  grows past SHARD_BYTES is split by one more character): term -> [doc gap, points, ...];
* suche-d-<n>.js: rows (SEARCH_COLUMNS) of records n*CHUNK … (n+1)*CHUNK-1.
A first query loads meta and lexicon, the shards of its terms and the chunks of the hits it shows;
each hit is shown as soon as its chunk and the hits above it are there.
"""
from __future__ import annotations

import json
from pathlib import Path

from generator import dates, geo, search
from generator.enrich import UNCLEAR, deadlines, retrieval
from generator.retrieval import constants as retrieval_constants
from generator.retrieval.index import SearchIndex
from generator.reference import SIZE_CLASS_LABELS, SIZE_CLASSES
from generator.vocabularies import default_vocabularies, label

WEB_DIR = "web"
CHUNK = 20  # records per document chunk: the first 20 hits are spread over the index, so small chunks
SHARD_BYTES = 40_000  # split a term shard above this size (a query loads one shard per term)
FORMAT = 2
SEARCH_COLUMNS = ("kind", "id", "title", "subtitle", "summary")  # kind: 0 project, 1 programme


def script_json(data) -> str:
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        raw = raw.replace(char, escape)
    return raw


def script(name: str, data) -> str:
    return f"KATALOG_DATEN({json.dumps(name)},{script_json(data)});\n"


def shard_file_key(key: str) -> str:
    """File-name-safe form of a shard key: a-z and 0-9 stay, anything else becomes _<hex>."""
    return "".join(c if ("a" <= c <= "z" or "0" <= c <= "9") else f"_{ord(c):x}" for c in key)


# --- search ---------------------------------------------------------------------------------------

def encode_postings(index: SearchIndex, term: str) -> list:
    out, previous = [], 0
    for doc in sorted(index.postings[term]):
        out += [doc - previous, index.postings[term][doc]]
        previous = doc
    return out


def shards(index: SearchIndex, length: int = 2, terms: list | None = None) -> dict:
    """shard key -> {term: postings}; keys are prefixes, split further while a shard is too big."""
    groups: dict = {}
    for term in terms if terms is not None else index.terms():
        groups.setdefault(term[:length], []).append(term)
    out = {}
    for key, stems in groups.items():
        body = {s: encode_postings(index, s) for s in stems}
        size = len(script_json(body))
        longer = [s for s in stems if len(s) > length]
        if size > SHARD_BYTES and longer and length < 8:
            short = [s for s in stems if len(s) <= length]
            if short:
                out[key] = {s: body[s] for s in short}
            out.update(shards(index, length + 1, longer))
        else:
            out[key] = body
    return out


def truncate(value: str, limit: int) -> str:
    value = " ".join(str(value).split())
    if len(value) <= limit:
        return value
    cut = value[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def search_files(catalogue, enriched, index: SearchIndex) -> dict:
    files = {}
    keys = {}
    for key, body in sorted(shards(index).items()):
        name = f"suche-t-{shard_file_key(key)}"
        files[name] = body
        keys[key] = shard_file_key(key)
    for start in range(0, len(index.docs), CHUNK):
        rows = []
        for kind, rid in index.docs[start:start + CHUNK]:
            record = catalogue.projects[rid] if kind == "project" else catalogue.funding[rid]
            rows.append(row(SEARCH_COLUMNS, {
                "kind": 0 if kind == "project" else 1, "id": rid, "title": record["title"],
                "subtitle": search.subtitle(catalogue, enriched, kind, rid),
                # the whole summary (the schema caps it): suche.js shows a snippet around the first match
                "summary": " ".join(record.get("summary", "").split())}))
        files[f"suche-d-{start // CHUNK}"] = rows
    files["suche-lexikon"] = retrieval_constants.lexicon_data(index)
    files["suche-meta"] = {
        "format": FORMAT, "n": len(index.docs), "projects": index.projects, "chunk": CHUNK, "columns": list(SEARCH_COLUMNS),
        "analysis": retrieval_constants.analysis_constants(), "noteWords": search.KIND_WORDS, "shards": keys, "built": catalogue.build_date.isoformat(),
    }
    return files


# --- explorers ------------------------------------------------------------------------------------

def _vocab_pairs(vocab: str) -> list:
    return [[t.id, t.label] for t in default_vocabularies()[vocab].terms]


def _indexer(pairs: list):
    position = {pair[0]: i for i, pair in enumerate(pairs)}
    return lambda values: sorted({position[v] for v in values if v in position})


SIZE_PAIRS = [[cid, lbl] for cid, lbl, _lo, _hi in SIZE_CLASSES] + [["landkreis", SIZE_CLASS_LABELS["landkreis"]]]

# The one flag table of the site data (explorer, Ideen-Check): bit values, URL-fragment key and label.
# The data files carry it (`flags`), so the scripts never hard-code a bit.
FLAGS = {  # name -> (bit, fragment key, label)
    "seeking": (1, "partner", "Partner gesucht"),
    "exchange": (2, "austausch", "Austausch erwünscht"),
    "open_source": (4, "opensource", "Open Source"),
    "reusable": (8, "nachnutzbar", "Nachnutzbar (Open Source, EfA …)"),
}
FLAG_SEEKING, FLAG_EXCHANGE, FLAG_OPEN_SOURCE, FLAG_REUSABLE = (FLAGS[n][0] for n in ("seeking", "exchange", "open_source", "reusable"))
EXPLORER_FLAGS = ("seeking", "open_source", "reusable")  # the explorer's "Merkmale" facet, in this order


def flag_bits(facts) -> int:
    """The FLAGS bits of a project (enrich.types.ProjectFacts)."""
    on = {"seeking": facts.seeking_partners, "exchange": facts.open_to_exchange, "open_source": facts.open_source,
          "reusable": facts.reusable}
    return sum(FLAGS[name][0] for name, value in on.items() if value)


def flag_table() -> dict:
    """FLAGS as the scripts read it: name -> bit."""
    return {name: bit for name, (bit, _key, _label) in FLAGS.items()}


# Columns of the item rows (the data files name them; the scripts look positions up by name).
PROJECT_COLUMNS = ("id", "title", "place", "lands", "sizes", "status", "topics", "programmes", "flags")
FUNDING_COLUMNS = ("id", "title", "funder", "level", "lands", "applicants", "topics", "status", "status_label",
                   "deadlines", "check_url")
MAP_PLACE_COLUMNS = ("x", "y", "name", "land", "projects")
MAP_PROJECT_COLUMNS = ("id", "title")
MAP_LAND_COLUMNS = ("code", "name", "path")  # Länder outlines: ISO code, name, SVG path


def row(columns: tuple, values: dict) -> list:
    """One item as a list in column order; refuses a value without a column or a column without a value."""
    if set(values) != set(columns):
        raise ValueError(f"Spalten und Werte passen nicht zusammen: {sorted(set(values) ^ set(columns))}")
    return [values[name] for name in columns]


def explorer_projects(catalogue, enriched) -> dict:
    topics, lands, statuses = _vocab_pairs("topics"), _vocab_pairs("laender"), _vocab_pairs("project-statuses")
    programmes = [[fid, record["title"]] for fid, record in catalogue.funding.items()]
    topic_ix, land_ix, size_ix, prog_ix = _indexer(topics), _indexer(lands), _indexer(SIZE_PAIRS), _indexer(programmes)
    status_ix = {pair[0]: i for i, pair in enumerate(statuses)}
    items = []
    for pid, record in catalogue.projects.items():
        facts = enriched.projects[pid]
        items.append(row(PROJECT_COLUMNS, {
            "id": pid, "title": record["title"], "place": facts.place_label,
            "lands": land_ix(facts.lands), "sizes": size_ix(facts.size_classes),
            "status": status_ix[record["status"]], "topics": topic_ix(record.get("topics", [])),
            "programmes": prog_ix(facts.programmes), "flags": flag_bits(facts)}))
    features = [[FLAGS[name][1], FLAGS[name][2], FLAGS[name][0]] for name in EXPLORER_FLAGS]
    return {"built": catalogue.build_date.isoformat(), "columns": list(PROJECT_COLUMNS), "flags": flag_table(),
            "facets": {"topics": topics, "lands": lands, "sizes": SIZE_PAIRS, "statuses": statuses, "programmes": programmes,
                       "features": features},
            "items": items}


def explorer_funding(catalogue, enriched) -> dict:
    levels, lands, applicants = _vocab_pairs("funding-levels"), _vocab_pairs("laender"), _vocab_pairs("applicant-types")
    topics = _vocab_pairs("topics")
    statuses = _vocab_pairs("application-statuses") + [[UNCLEAR, "Stand unklar"]]  # computed, no record says it
    level_ix = {pair[0]: i for i, pair in enumerate(levels)}
    status_ix = {pair[0]: i for i, pair in enumerate(statuses)}
    land_ix, appl_ix, topic_ix = _indexer(lands), _indexer(applicants), _indexer(topics)
    upcoming: dict = {}  # recurring deadlines appear with their next occurrence; closed programmes have none
    for deadline in deadlines.upcoming(enriched.deadlines, enriched.programme_status, enriched.build_date):
        day = dates.earliest(deadline.closes)
        if day is not None:
            upcoming.setdefault(deadline.programme, []).append(day.isoformat())
    items = []
    for fid, record in catalogue.funding.items():
        status = enriched.programme_status.get(fid)
        computed = status.status if status else record["application"]["status"]
        items.append(row(FUNDING_COLUMNS, {
            "id": fid, "title": record["title"], "funder": record["funder"], "level": level_ix[record["level"]],
            "lands": land_ix(record.get("lands", [])), "applicants": appl_ix(record.get("eligible", [])),
            "topics": topic_ix(record.get("topics", [])), "status": status_ix[computed],
            "status_label": status.label if status else label("application-statuses", computed),
            "deadlines": sorted(set(upcoming.get(fid, []))), "check_url": status.check_url if status else ""}))
    return {"built": catalogue.build_date.isoformat(), "columns": list(FUNDING_COLUMNS),
            "facets": {"levels": levels, "lands": lands, "applicants": applicants, "topics": topics, "statuses": statuses},
            "items": items}


# --- map ------------------------------------------------------------------------------------------

def map_data(catalogue, enriched) -> dict:
    """Länder outlines as SVG paths plus one point per place that leads a project."""
    outlines = geo.laender_paths()
    places: dict = {}
    without = []
    for index, pid in enumerate(catalogue.projects):
        spot = enriched.projects[pid].spot
        if spot is None or spot.lat is None or spot.lon is None:
            without.append(index)
            continue
        key = spot.ags
        if key not in places:
            x, y = geo.project(spot.lon, spot.lat)
            places[key] = row(MAP_PLACE_COLUMNS, {"x": round(x, 1), "y": round(y, 1), "name": spot.name,
                                                  "land": spot.land_code, "projects": []})
        places[key][MAP_PLACE_COLUMNS.index("projects")].append(index)
    return {
        "built": catalogue.build_date.isoformat(),
        "viewBox": list(geo.VIEWBOX),
        "laenderColumns": list(MAP_LAND_COLUMNS),
        "laender": [row(MAP_LAND_COLUMNS, {"code": code, "name": name, "path": d}) for code, name, d in outlines],
        "placeColumns": list(MAP_PLACE_COLUMNS), "places": [places[k] for k in sorted(places)],
        "projectColumns": list(MAP_PROJECT_COLUMNS),
        "projects": [row(MAP_PROJECT_COLUMNS, {"id": pid, "title": record["title"]}) for pid, record in catalogue.projects.items()],
        "without": without,
        "lands": _vocab_pairs("laender"),
    }


def write(catalogue, enriched, out_dir: Path) -> list[Path]:
    folder = out_dir / WEB_DIR
    folder.mkdir(parents=True, exist_ok=True)
    core = enriched.retrieval if enriched is not None and enriched.retrieval is not None else retrieval.build(catalogue)
    files = search_files(catalogue, enriched, core.search)
    files["projekte"] = explorer_projects(catalogue, enriched)
    files["foerderung"] = explorer_funding(catalogue, enriched)
    files["karte"] = map_data(catalogue, enriched)
    written = []
    for name, data in files.items():
        target = folder / f"{name}.js"
        target.write_text(script(name, data), encoding="utf-8")
        written.append(target)
    return written
