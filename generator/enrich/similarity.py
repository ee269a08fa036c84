"""Similar projects and similar programmes, each link with its reasons in German.

Score of project B for project A (all parts between 0 and 1, weights sum to 1):

    score = 0.45 * Text + 0.20 * Handlungsfelder + 0.15 * Schlagworte
          + 0.10 * Förderprogramm + 0.07 * Größe + 0.03 * Land

- Text: cosine similarity of TF-IDF vectors over stemmed German words
  (generator.text: stop words removed, Snowball stems). A word counts 3 times
  in the title, 2 times in the tags, once in summary and description;
  tf weight 1 + ln(tf), idf = ln(1 + N / df) (N records, df records with the word).
- Handlungsfelder: shared topics / all topics of both (Jaccard).
- Schlagworte: shared tags / all tags of both (Jaccard; tags compared by their
  stems, so "Sensor" and "Sensoren" are the same tag).
- Förderprogramm: 1 if both name the same programme in `funding`.
- Größe: 1 if the lead municipalities are in the same size class
  (generator.reference.SIZE_CLASSES; Landkreise form a class of their own).
- Land: 1 if the lead municipalities are in the same Land.

Programmes: score = 0.50 * Text + 0.25 * Handlungsfelder + 0.15 * Schlagworte
+ 0.05 * gleicher Fördergeber + 0.05 * gleiches Fördergebiet (both bundesweit,
both EU-weit, or a Land in common).

Which pairs are scored (this keeps the cost near-linear): for each record we
take its CANDIDATE_TERMS most characteristic words (highest TF-IDF weight)
among the words that occur in at least 2 and at most MAX_DF_SHARE of all
records (but never fewer than MIN_DF_CAP records), plus the programmes it names;
records sharing the most of these are the candidates (at most MAX_CANDIDATES),
and only candidates are scored exactly. A record that shares no such word with
another has no similar records.

A link is shown only with a substantive reason: a shared Handlungsfeld,
a shared tag, text similarity of at least TEXT_REASON_MIN, the same programme
(for programmes: the same Fördergeber). Top TOP_N by score, ties by id.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from generator.enrich import SimilarLink
from generator.enrich.matching import lead_entry
from generator.reference import SIZE_CLASS_KREIS, SIZE_CLASS_LABELS, SIZE_CLASS_LAND
from generator.text import key as tag_key
from generator.text import stems_with_words
from generator.vocabularies import default_vocabularies

TOP_N = 5
FIELD_WEIGHTS = (("title", 3), ("tags", 2), ("summary", 1), ("description", 1))
PROJECT_WEIGHTS = {"text": 0.45, "topics": 0.20, "tags": 0.15, "programme": 0.10, "size": 0.07, "land": 0.03}
PROGRAMME_WEIGHTS = {"text": 0.50, "topics": 0.25, "tags": 0.15, "funder": 0.05, "region": 0.05}
TEXT_REASON_MIN = 0.10  # cosine from which "ähnliche Beschreibung" is a reason
TEXT_REASON_WORDS = 3  # shared words named in that reason
MAX_DF_SHARE = 0.05
MIN_DF_CAP = 50
CANDIDATE_TERMS = 12
MAX_CANDIDATES = 30


@dataclass
class Doc:
    """One record prepared for comparison."""

    id: str
    vector: dict  # stem -> weight, unit length
    surface: dict  # stem -> word as first written in the record
    topics: tuple  # topic ids in record order
    tags: dict  # tag key -> tag as written, record order
    groups: dict  # feature name -> frozenset of values (programmes, funder, region, size, land)


def _record_text(record: dict, field: str) -> str:
    value = record.get(field)
    if field == "tags":
        return " ".join(str(t) for t in value or [])
    return str(value) if isinstance(value, str) else ""


def _term_frequencies(record: dict) -> tuple[dict, dict]:
    tf: dict[str, float] = {}
    surface: dict[str, str] = {}
    for field, weight in FIELD_WEIGHTS:
        for stem, word in stems_with_words(_record_text(record, field)):
            tf[stem] = tf.get(stem, 0) + weight
            if stem not in surface:
                surface[stem] = word
    return tf, surface


def _tags(record: dict) -> dict:
    out = {}
    for tag in record.get("tags") or []:
        k = tag_key(str(tag))
        if k and k not in out:
            out[k] = str(tag)
    return out


def build_docs(records: dict, groups_of) -> list[Doc]:
    """Docs sorted by id with TF-IDF vectors; `groups_of(record)` gives the non-text features."""
    raw = []
    df: Counter = Counter()
    for record_id in sorted(records):
        record = records[record_id]
        tf, surface = _term_frequencies(record)
        df.update(tf.keys())
        raw.append((record_id, record, tf, surface))
    n = len(raw)
    idf = {term: math.log(1 + n / count) for term, count in df.items()}
    docs = []
    for record_id, record, tf, surface in raw:
        vector = {t: (1 + math.log(f)) * idf[t] for t, f in tf.items()}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vector = {t: w / norm for t, w in vector.items()}
        topics = tuple(dict.fromkeys(t for t in record.get("topics") or [] if isinstance(t, str)))
        docs.append(Doc(record_id, vector, surface, topics, _tags(record), groups_of(record)))
    return docs


def candidates(docs: list[Doc], group_keys: tuple = ()) -> list[list[int]]:
    """For each doc the indices of the docs worth scoring (see module docstring)."""
    n = len(docs)
    max_df = max(MIN_DF_CAP, math.ceil(MAX_DF_SHARE * n))
    postings: dict = {}
    for i, doc in enumerate(docs):
        for term in doc.vector:
            postings.setdefault(term, []).append(i)
        for name in group_keys:
            for value in doc.groups.get(name, ()):
                postings.setdefault((name, value), []).append(i)
    usable = {term: ids for term, ids in postings.items() if 2 <= len(ids) <= max_df}
    out = []
    for i, doc in enumerate(docs):
        terms = sorted((t for t in doc.vector if t in usable), key=lambda t: (-doc.vector[t], t))[:CANDIDATE_TERMS]
        counts: Counter = Counter()
        for term in terms:
            counts.update(usable[term])
        for name in group_keys:
            for value in doc.groups.get(name, ()):
                ids = usable.get((name, value))
                if ids:
                    counts.update(ids)
        counts.pop(i, None)
        out.append([j for j, _count in counts.most_common(MAX_CANDIDATES)])
    return out


def text_similarity(a: Doc, b: Doc) -> float:
    va, vb = a.vector, b.vector
    return sum(va[t] * vb[t] for t in va.keys() & vb.keys())


def _jaccard(a, b) -> float:
    union = len(set(a) | set(b))
    return len(set(a) & set(b)) / union if union else 0.0


def _shares(a: Doc, b: Doc, name: str) -> bool:
    return bool(a.groups.get(name, frozenset()) & b.groups.get(name, frozenset()))


def score(a: Doc, b: Doc, weights: dict) -> float:
    total = weights["text"] * text_similarity(a, b)
    total += weights["topics"] * _jaccard(a.topics, b.topics)
    total += weights["tags"] * _jaccard(a.tags, b.tags)
    for name in weights:
        if name not in ("text", "topics", "tags") and _shares(a, b, name):
            total += weights[name]
    return round(total, 6)


def _listing(singular: str, plural: str, items: list[str]) -> str:
    return f"{singular if len(items) == 1 else plural}: {', '.join(items)}"


def shared_words(a: Doc, b: Doc, exclude: set) -> list[str]:
    """The words contributing most to the text similarity, spelled as in either record (the shorter form)."""
    shared = sorted((t for t in a.vector.keys() & b.vector.keys() if t not in exclude),
                    key=lambda t: (-(a.vector[t] * b.vector[t]), t))
    words = []
    for term in shared[:TEXT_REASON_WORDS]:
        mine, theirs = a.surface[term], b.surface[term]
        words.append(theirs if len(theirs) < len(mine) else mine)
    return words


def common_reasons(a: Doc, b: Doc, topic_labels: dict) -> tuple[list[str], bool]:
    """Reasons from Handlungsfelder, Schlagworte and text; and whether any of them is substantive."""
    reasons = []
    topics = [t for t in a.topics if t in b.topics]
    if topics:
        reasons.append(_listing("gleiches Handlungsfeld", "gleiche Handlungsfelder", [topic_labels.get(t, t) for t in topics]))
    tags = [k for k in a.tags if k in b.tags]
    if tags:
        reasons.append(_listing("gemeinsames Schlagwort", "gemeinsame Schlagworte", [a.tags[k] for k in tags]))
    text = text_similarity(a, b)
    if text >= TEXT_REASON_MIN:
        tag_stems = {part for k in tags for part in k.split()}
        words = shared_words(a, b, tag_stems)
        reasons.append(f"ähnliche Beschreibung ({', '.join(words)})" if words else "ähnliche Beschreibung")
    return reasons, bool(reasons)


def rank(docs: list[Doc], weights: dict, group_keys: tuple, reasons_for) -> dict:
    """id -> [SimilarLink] (at most TOP_N), best first, ties by id."""
    pools = candidates(docs, group_keys)
    out = {}
    for i, doc in enumerate(docs):
        scored = sorted(((score(doc, docs[j], weights), docs[j].id, j) for j in pools[i]), key=lambda s: (-s[0], s[1]))
        links = []
        for value, _id, j in scored:
            reasons, substantive = reasons_for(doc, docs[j])
            if substantive:
                links.append(SimilarLink(docs[j].id, value, tuple(reasons)))
                if len(links) == TOP_N:
                    break
        out[doc.id] = links
    return out


# --- projects -------------------------------------------------------------------------------------------------

def _project_groups(reference):
    def groups(record: dict) -> dict:
        programmes = frozenset(f["programme"] for f in record.get("funding") or []
                               if isinstance(f, dict) and isinstance(f.get("programme"), str))
        entry = lead_entry(record) or {}
        size, land = frozenset(), frozenset()
        if entry.get("ags"):
            municipality = reference.get(str(entry["ags"]))
            if municipality is not None:
                size, land = frozenset([municipality.size_class]), frozenset([municipality.land_code])
        elif entry.get("land"):
            land = frozenset([str(entry["land"])])
        return {"programme": programmes, "size": size, "land": land}
    return groups


def size_reason(size_class: str) -> str:
    if size_class == SIZE_CLASS_KREIS[0]:
        return "ebenfalls ein Landkreis"
    if size_class == SIZE_CLASS_LAND[0]:
        return "ebenfalls ein Land"
    return f"ähnliche Gemeindegröße ({SIZE_CLASS_LABELS.get(size_class, size_class)})"


def similar_projects(projects: dict, funding: dict, reference) -> dict:
    """project id -> [SimilarLink] for every project (top TOP_N, see module docstring)."""
    vocabularies = default_vocabularies()
    topic_labels = vocabularies["topics"].labels()
    land_labels = vocabularies["laender"].labels()
    docs = build_docs(projects, _project_groups(reference))

    def reasons_for(a: Doc, b: Doc):
        reasons, substantive = common_reasons(a, b, topic_labels)
        programmes = sorted(a.groups["programme"] & b.groups["programme"])
        if programmes:
            titles = [str((funding.get(p) or {}).get("title") or p) for p in programmes]
            reasons.append(_listing("gleiches Förderprogramm", "gleiche Förderprogramme", titles))
            substantive = True
        for size_class in sorted(a.groups["size"] & b.groups["size"]):
            reasons.append(size_reason(size_class))
        for land in sorted(a.groups["land"] & b.groups["land"]):
            reasons.append(f"ebenfalls in {land_labels.get(land, land)}")
        return reasons, substantive

    return rank(docs, PROJECT_WEIGHTS, ("programme",), reasons_for)


# --- programmes -----------------------------------------------------------------------------------------------

REGION_WIDE = {"@eu": "ebenfalls EU-weit", "@bund": "ebenfalls bundesweit"}  # programmes without `lands`


def _programme_groups(record: dict) -> dict:
    funder = str(record.get("funder") or "").strip()
    lands = [str(x) for x in record.get("lands") or []]
    return {"funder": frozenset([funder.casefold()]) if funder else frozenset(),
            "region": frozenset(lands) if lands else frozenset(["@eu" if record.get("level") == "eu" else "@bund"])}


def similar_programmes(funding: dict) -> dict:
    """programme id -> [SimilarLink] for every programme (top TOP_N, see module docstring)."""
    vocabularies = default_vocabularies()
    topic_labels = vocabularies["topics"].labels()
    land_labels = vocabularies["laender"].labels()
    docs = build_docs(funding, _programme_groups)

    def reasons_for(a: Doc, b: Doc):
        reasons, substantive = common_reasons(a, b, topic_labels)
        if a.groups["funder"] & b.groups["funder"]:
            reasons.append(f"gleicher Fördergeber: {str(funding[a.id].get('funder')).strip()}")
            substantive = True
        regions = sorted(a.groups["region"] & b.groups["region"])
        if regions and regions[0] in REGION_WIDE:
            reasons.append(REGION_WIDE[regions[0]])
        elif regions:
            reasons.append(f"ebenfalls in {', '.join(land_labels.get(r, r) for r in regions)}")
        return reasons, substantive

    return rank(docs, PROGRAMME_WEIGHTS, (), reasons_for)
