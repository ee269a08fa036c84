"""Data for the Ideen-Check page (docs/ideen-check.md): an exporter writing api/web/ideen-*.js.

Like the other web data files (site_data.py) they are loaded by <script>, which works from file://
where fetch() does not: every file calls `KATALOG_DATEN(name, data)` (`site_data.script`, JSON made
script-safe so record text can never end a script or open markup) and the page reads them with
`KATALOG.load(name)` (katalog-core.js).

* ideen-index.js: everything the ranking needs for all projects, compact:
  - terms: the terms that count of the retrieval core's project corpus (space-separated; words,
    compound parts and thesaurus groups, see generator/enrich/similarity.py), and `common`: the
    terms left out because more than half of the projects use them;
  - post: per term the projects using it and the term frequency, as a string of
    varints (VARINT_ALPHABET: the first 32 characters end a number, the last 32 continue
    it, 5 bits each, most significant first): gap to the previous project minus 1, then
    tf minus 1. The browser computes idf = ln(1 + N / df) and each project's vector norm
    (summed in term order) from these, exactly as generator/enrich/similarity.py does;
  - analysis constants, the lexicon and the thesaurus for the idea's words (retrieval.js);
  - per project (in index order) the lead's Land and size class, partner flags and topics;
  - the programmes with what eligibility needs, and the labels.
* ideen-d-<n>.js: display facts of projects n*CHUNK … (n+1)*CHUNK-1 (title, place, status,
  experience, cost, partner wishes, contact), loaded only for projects that are shown.
* ideen-kommunen.js: every Gemeinde, Verband and Landkreis for the name search, packed
  per Kreis (see `municipality_groups`).
"""
from __future__ import annotations

from pathlib import Path

from generator.formats import WOULD_DO_AGAIN
from generator import ideas
from generator.enrich import partners, retrieval
from generator.enrich.matching import STATUS_ORDER, in_land
from generator.export.site_data import (FLAG_EXCHANGE, FLAG_OPEN_SOURCE, FLAG_SEEKING, WEB_DIR, flag_table, row, script,
                                        truncate)
from generator.retrieval import constants as retrieval_constants
from generator.sanitize import plain_text
from generator.reference import LAND_CODES, SIZE_CLASS_LABELS
from generator.vocabularies import default_vocabularies

CHUNK = 25
OUTCOME_CHARS = 280
SEEKING_CHARS = 200
FORMAT = 2
# Columns of the rows (the data names them; ideen-check.js looks positions up by name)
PROGRAMME_COLUMNS = ("id", "title", "funder", "level", "lands", "applicants", "topics", "status", "status_label", "check_url")
DETAIL_COLUMNS = ("id", "title", "place", "others", "status", "outcome", "would_do_again", "effort", "total_eur",
                  "own_share_eur", "funding", "seeking", "organisation", "email", "url")
FUNDING_COLUMNS = ("programme", "amount_eur")  # a detail row's funding: programme index (or title if not in the catalogue)
# basis: "e" declared by the body itself, "d" a dated source, "u" a source without date (`date` is then when it was read)
DECLARATION_COLUMNS = ("doc", "relation", "name", "key", "land", "date", "note", "organisation", "email", "url", "basis")
MUNICIPALITY_GROUP_COLUMNS = ("kreis", "name", "items")  # see municipality_groups
VARINT_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUV" + "WXYZabcdefghijklmnopqrstuvwxyz-_"
SIZES = ["unter-5000", "5000-20000", "20000-100000", "ueber-100000", "landkreis", "land"]
APPLICANTS = ["gemeinde", "stadt", "kreisfreie-stadt", "gemeindeverband", "landkreis", "sonstige"]
CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"  # applicant x size, one letter


def varint(value: int) -> str:
    if value < 0:
        raise ValueError("varint: negative value")
    groups = [value & 31]
    value >>= 5
    while value:
        groups.append(value & 31)
        value >>= 5
    groups.reverse()
    return "".join(VARINT_ALPHABET[32 + g] for g in groups[:-1]) + VARINT_ALPHABET[groups[-1]]


def _pairs(vocab: str) -> list:
    return [[t.id, t.label] for t in default_vocabularies()[vocab].terms]


def term_postings(index: ideas.IdeaIndex) -> tuple[list, list]:
    """(stems, encoded postings): tf recomputed as similarity weighs fields (integer field weights)."""
    tfs = index.tfs  # the term frequencies the vectors were made from
    stems = sorted(index.postings)
    encoded = []
    for stem in stems:
        parts, previous = [], -1
        for i in index.postings[stem]:
            tf = tfs[i][stem]
            if tf != int(tf) or tf < 1:
                raise ValueError(f"Termfrequenz nicht ganzzahlig: {stem} in {index.docs[i].id}")
            parts.append(varint(i - previous - 1) + varint(int(tf) - 1))
            previous = i
        encoded.append("".join(parts))
    return stems, encoded


def index_data(catalogue, statuses: dict, core) -> dict:
    index = core.projects
    topics, lands, statuses_vocab = _pairs("topics"), _pairs("laender"), _pairs("project-statuses")
    land_ix = {code: i for i, (code, _n) in enumerate(lands)}
    topic_ix = {t: i for i, (t, _l) in enumerate(topics)}
    stems, encoded = term_postings(index)
    land_chars, size_chars, flag_chars, topic_masks = [], [], [], []
    for doc in index.docs:
        record = catalogue.projects[doc.id]
        land = sorted(doc.groups["land"])
        size = sorted(doc.groups["size"])
        land_chars.append(VARINT_ALPHABET[land_ix[land[0]]] if land and land[0] in land_ix else ".")
        size_chars.append(VARINT_ALPHABET[SIZES.index(size[0])] if size and size[0] in SIZES else ".")
        flags = ((FLAG_SEEKING if record.get("seeking_partners") else 0) | (FLAG_EXCHANGE if record.get("open_to_exchange") else 0)
                 | (FLAG_OPEN_SOURCE if (record.get("reuse") or {}).get("open_source") else 0))
        flag_chars.append(VARINT_ALPHABET[flags])
        mask = 0
        for t in record.get("topics") or []:
            if t in topic_ix:
                mask |= 1 << topic_ix[t]
        topic_masks.append(mask)
    programmes = []
    applicant_ix = {a: i for i, (a, _l) in enumerate(_pairs("applicant-types"))}
    for fid, record in catalogue.funding.items():
        status = statuses[fid]
        programmes.append(row(PROGRAMME_COLUMNS, {
            "id": fid, "title": record["title"], "funder": record.get("funder", ""), "level": record.get("level", ""),
            "lands": [land_ix[c] for c in record.get("lands") or [] if c in land_ix],
            "applicants": [applicant_ix[a] for a in record.get("eligible") or [] if a in applicant_ix],
            "topics": [topic_ix[t] for t in record.get("topics") or [] if t in topic_ix],
            "status": status.status, "status_label": status.label, "check_url": status.check_url}))
    return {
        "format": FORMAT, "built": catalogue.build_date.isoformat(), "n": len(index.docs), "chunk": CHUNK,
        "weights": {k: ideas.WEIGHTS[k] for k in ("text", "size", "land")},
        "minText": ideas.MIN_TEXT, "minShared": ideas.MIN_SHARED, "reasonWords": ideas.REASON_WORDS, "top": ideas.TOP_PROJECTS,
        "topicBasis": ideas.TOPIC_BASIS, "topicShare": ideas.TOPIC_SHARE, "maxTopics": ideas.MAX_TOPICS,
        "partnerPool": ideas.PARTNER_POOL, "maxPartners": ideas.MAX_PARTNERS,
        "analysis": retrieval_constants.analysis_constants(),
        "words": core.lexicon.words(), **retrieval_constants.packed_stems(core.lexicon.surface.items()),
        "thesaurus": core.thesaurus.as_data(),
        "common": sorted(t for t in index.df if t not in index.idf),
        "alphabet": VARINT_ALPHABET,
        "labels": {"topics": topics, "lands": lands, "statuses": statuses_vocab,
                   "applicants": _pairs("applicant-types"), "levels": _pairs("funding-levels"),
                   "sizes": [[s, SIZE_CLASS_LABELS[s]] for s in SIZES]},
        "landIn": {code: in_land(name) for code, name in lands},  # "in Sachsen", "im Saarland"
        "wouldDoAgain": dict(WOULD_DO_AGAIN),  # the one label table (generator/formats.py)
        "municipalTypes": list(ideas.MUNICIPAL_TYPES), "sizeTypes": {k: list(v) for k, v in ideas.SIZE_TYPES.items()},
        "statusRank": dict(STATUS_ORDER),
        "terms": " ".join(stems), "post": encoded,
        "docLand": "".join(land_chars), "docSize": "".join(size_chars), "docFlags": "".join(flag_chars),
        "docTopics": topic_masks, "flags": flag_table(),
        "programmes": programmes, "programmeColumns": list(PROGRAMME_COLUMNS), "detailColumns": list(DETAIL_COLUMNS),
        "fundingColumns": list(FUNDING_COLUMNS),
        "decl": declaration_rows(catalogue, index), "declColumns": list(DECLARATION_COLUMNS),
        "declSections": {key: list(relations) for key, relations in partners.IDEA_SECTIONS.items()},
        "maxDecl": partners.MAX_IDEA_DECLARATIONS,
    }


def declaration_rows(catalogue, index: ideas.IdeaIndex) -> list:
    """Rows in DECLARATION_COLUMNS (doc: the project's index position), one per declaration on a project of the
    index, in generator.enrich.partners' order (the Ideen-Check's sections „plant“ and „ansprechbar“)."""
    rows = []
    for d in partners.declarations(catalogue):
        if d.project in index.position:
            rows.append(row(DECLARATION_COLUMNS, {
                "doc": index.position[d.project], "relation": d.relation, "name": d.name, "key": d.key, "land": d.land,
                "date": d.date, "note": truncate(d.note, SEEKING_CHARS), "organisation": d.organisation,
                "email": d.email, "url": d.url, "basis": "e" if d.by_consent else "d" if d.source_dated else "u"}))
    return rows


def detail_rows(catalogue, enriched, index: ideas.IdeaIndex, start: int) -> list:
    """Rows in DETAIL_COLUMNS (others: further participants; funding: rows in FUNDING_COLUMNS; the Land
    is in docLand); contact only for projects seeking partners or exchange (the only ones it is shown for)."""
    programme_ix = {fid: i for i, fid in enumerate(catalogue.funding)}
    rows = []
    for doc in index.docs[start:start + CHUNK]:
        record = catalogue.projects[doc.id]
        f = ideas.project_facts(record, catalogue.funding, enriched.projects[doc.id])
        exp, budget, place = f["experience"], f["budget"], f["place"]
        contact = f["contact"] if (f["seeking_partners"] or f["open_to_exchange"]) else {}
        rows.append(row(DETAIL_COLUMNS, {
            "id": doc.id, "title": f["title"], "place": place["name"], "others": place["others"], "status": f["status"],
            "outcome": truncate(plain_text(exp.get("outcome", "")), OUTCOME_CHARS), "would_do_again": exp.get("would_do_again", ""),
            "effort": exp.get("effort", ""), "total_eur": budget.get("total_eur"), "own_share_eur": budget.get("own_share_eur"),
            "funding": [row(FUNDING_COLUMNS, {"programme": programme_ix.get(u["programme"], u["title"]), "amount_eur": u["amount_eur"]})
                        for u in f["funding"]],
            "seeking": truncate(f["seeking"] or "", SEEKING_CHARS), "organisation": contact.get("organisation", ""),
            "email": contact.get("email", ""), "url": contact.get("url", "")}))
    return rows


def municipality_groups(reference) -> list:
    """Rows in MUNICIPALITY_GROUP_COLUMNS, one per Kreis: kreis key, Kreis name, items; items is "|"-joined
    "<key suffix><code letter><name>"; the suffix is the key after the Kreis' five digits ("" for the Kreis
    itself), the letter encodes applicant type and size class (CODE_ALPHABET[applicant index * len(SIZES) + size
    index]). Kreisfreie Städte appear once, as the Gemeinde."""
    groups: dict = {}
    for m in sorted(reference.by_key.values(), key=lambda m: m.key):
        if m.level not in ideas.SEARCHABLE_LEVELS or (m.level == "kreis" and m.applicant_type == "kreisfreie-stadt"):
            continue
        if m.applicant_type not in APPLICANTS or m.size_class not in SIZES:
            continue
        kreis = m.key[:5]
        code = CODE_ALPHABET[APPLICANTS.index(m.applicant_type) * len(SIZES) + SIZES.index(m.size_class)]
        name = m.name.replace("|", "/")
        groups.setdefault(kreis, []).append(f"{m.key[5:]}{code}{name}")
    kreis_names = {m.key: m.name for m in reference.by_key.values() if m.level == "kreis"}
    return [row(MUNICIPALITY_GROUP_COLUMNS, {"kreis": k, "name": kreis_names.get(k, ""), "items": "|".join(items)})
            for k, items in sorted(groups.items())]


def files(catalogue, enriched) -> dict:
    """name -> data of every Ideen-Check data file, from the catalogue and its Enriched model (programme status,
    project views; the retrieval core is built if the model has none)."""
    core = enriched.retrieval if enriched.retrieval is not None else retrieval.build(catalogue)
    index = core.projects
    out: dict[str, object] = {"ideen-index": index_data(catalogue, enriched.programme_status, core)}
    for start in range(0, len(index.docs), CHUNK):
        out[f"ideen-d-{start // CHUNK}"] = detail_rows(catalogue, enriched, index, start)
    out["ideen-kommunen"] = {"applicants": APPLICANTS, "sizes": SIZES, "codes": CODE_ALPHABET,
                             "landCodes": dict(LAND_CODES), "sizeOrder": dict(ideas.SIZE_ORDER), "exactOrder": dict(ideas.EXACT_ORDER),
                             "groupColumns": list(MUNICIPALITY_GROUP_COLUMNS), "groups": municipality_groups(catalogue.reference)}
    return out


def write(catalogue, enriched, out_dir: Path) -> list[Path]:
    """Exporter (generator.export.EXPORTERS): the files into out_dir/web/ next to the site's other data files
    (export.write_step empties out_dir first, so no stale chunk survives)."""
    folder = Path(out_dir) / WEB_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files(catalogue, enriched).items():
        path = folder / f"{name}.js"
        path.write_text(script(name, data), encoding="utf-8")
        written.append(path)
    return written
