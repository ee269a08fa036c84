"""Similar projects and similar programmes, each link with its reasons in German.

Score of project B for project A (all parts between 0 and 1, weights sum to 1):

    score = 0.45 * Text + 0.20 * Handlungsfelder + 0.15 * Schlagworte
          + 0.10 * Förderprogramm + 0.07 * Größe + 0.03 * Land

- Text: cosine similarity of TF-IDF vectors over stemmed German words
  (generator.text: stop words removed, Snowball stems). A word counts 3 times
  in the title, 2 times in the tags, once in summary and description;
  tf weight 1 + ln(tf), idf = ln(1 + N / df) (N records, df records with the word).
  Words in more than COMMON_SHARE of all records (and in more than COMMON_MIN)
  are left out, like stop words: "Vorhaben" in every record says nothing.
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

Which pairs are scored. Candidate keys of a record: its words that occur in
at least 2 and at most MAX_DF_SHARE of all records (but never fewer than
MIN_DF_CAP records), plus its blocks (see `blocks`: programme, Fördergeber, the
exact set of Handlungsfelder, the exact set of tags, size class + Land). In
catalogues of up to EXHAUSTIVE_MAX records every pair sharing a candidate key is
scored. Above that, to keep the cost near-linear, a record uses only its
CANDIDATE_TERMS most characteristic words (highest TF-IDF weight) and its blocks;
each key keeps only the CHAMPIONS records where it weighs most (equal weights in
a stable pseudo-random order); the records sharing the most keys are the
candidates (at most MAX_CANDIDATES, ties by id), and only candidates are scored
exactly. A record that shares no key with another has no similar records.

A link is shown only with a substantive reason: a shared Handlungsfeld,
a shared tag, text similarity of at least TEXT_REASON_MIN from at least
TEXT_REASON_MIN_SHARED shared words, the same programme
(for programmes: the same Fördergeber), and a score of at least MIN_SCORE.
Top TOP_N by score, ties by id.
"""
from __future__ import annotations

import math
from math import fsum  # exact sums: the result must not depend on set order (hash seed)
import zlib
from collections import Counter
from itertools import compress
import dataclasses
from dataclasses import dataclass
from operator import mul, neg

from generator.enrich.types import SimilarLink
from generator.enrich import domain
from generator.enrich.matching import in_land
from generator.reference import SIZE_CLASS_KREIS, SIZE_CLASS_LABELS, SIZE_CLASS_LAND
from generator.text import key as tag_key
from generator.text import note_stems, stems_with_words, without_links
from generator.vocabularies import default_vocabularies

TOP_N = 5
FIELD_WEIGHTS = (("title", 3), ("tags", 2), ("summary", 1), ("description", 1))
PROJECT_WEIGHTS = {"text": 0.45, "topics": 0.20, "tags": 0.15, "programme": 0.10, "size": 0.07, "land": 0.03}
PROGRAMME_WEIGHTS = {"text": 0.50, "topics": 0.25, "tags": 0.15, "funder": 0.05, "region": 0.05}
MIN_SCORE = 0.10  # weaker links are not shown
TEXT_REASON_MIN = 0.10  # cosine from which "ähnliche Beschreibung" is a reason
TEXT_REASON_MIN_SHARED = 2  # ... and from how many shared words (one word in common is no similar text)
TEXT_REASON_WORDS = 3  # shared words named in that reason
COMMON_SHARE, COMMON_MIN = 0.5, 20  # words in more than half of all records (and in more than 20) do not count
MAX_DF_SHARE = 0.05
MIN_DF_CAP = 50
CANDIDATE_TERMS = 8
MAX_CANDIDATES = 20
EXHAUSTIVE_MAX = 300  # up to this many records, every record sharing a word is a candidate
CHAMPIONS = 200  # per word, only the records where it weighs most are candidates


@dataclass
class Doc:
    """One record prepared for comparison."""

    id: str
    vector: dict  # stem -> weight, unit length
    surface: dict  # stem -> word as first written in the record
    topics: tuple  # topic ids in record order
    tags: dict  # tag key -> tag as written, record order
    groups: dict  # feature name -> frozenset of values (programmes, funder, region, size, land)
    topic_set: frozenset = frozenset()
    tag_set: frozenset = frozenset()
    features: frozenset = frozenset()  # (feature name, value) pairs of all groups, for one set intersection
    blocks: tuple = ()  # non-text keys that make records candidates for each other (see blocks())

    def __post_init__(self):
        self.topic_set = frozenset(self.topics)
        self.tag_set = frozenset(self.tags)
        self.features = frozenset((name, value) for name, values in self.groups.items() for value in values)
        self.blocks = blocks(self)


def blocks(doc: Doc) -> tuple:
    """Besides shared words, records become candidates through: each programme they name (programmes:
    their Fördergeber), exactly the same set of Handlungsfelder, exactly the same set of tags,
    (projects) the same size class in the same Land, and the combinations Handlungsfelder + tags and
    Handlungsfelder + size class + Land. Among many records sharing the same words these decide, as
    they do in the score."""
    keys: list[tuple] = [(name, value) for name in ("programme", "funder") for value in sorted(doc.groups.get(name, ()))]
    if doc.topic_set:
        keys.append(("topics", doc.topic_set))
    if doc.tag_set:
        keys.append(("tags", doc.tag_set))
    size, land = doc.groups.get("size"), doc.groups.get("land")
    if size and land:
        keys.append(("place", size, land))
    # the same combinations are rarer, so they keep their full lists where the single keys get cut
    if doc.topic_set and doc.tag_set:
        keys.append(("topics+tags", doc.topic_set, doc.tag_set))
    if doc.topic_set and size and land:
        keys.append(("topics+place", doc.topic_set, size, land))
    return tuple(keys)


def _record_text(record: dict, field: str) -> str:
    value = record.get(field)
    if field == "tags":
        return " ".join(str(t) for t in value or [])
    return without_links(value) if isinstance(value, str) else ""


def _term_frequencies(record: dict, lexicon=None, thesaurus=None) -> tuple[dict, dict]:
    """stem -> weighted count, and stem -> word as first written. With the retrieval core's lexicon a compound
    also counts for its parts ("Parkplatzsensoren": Parkplatz, Sensor, Park, Platz), and with its thesaurus each
    member of a group for the group ("Stellplatz" and "Parkplatz" share "~parkplatz"); see generator/retrieval."""
    tf: dict[str, float] = {}
    surface: dict[str, str] = {}
    notes = note_stems()
    for field, weight in FIELD_WEIGHTS:
        pairs = [(stem, word) for stem, word in stems_with_words(_record_text(record, field)) if stem not in notes]
        parts = [lexicon.parts(word.lower()) if lexicon is not None else [] for _stem, word in pairs]
        terms = []
        for (stem, word), own in zip(pairs, parts):
            terms.append((stem, word))
            terms += [(p, lexicon.surface.get(p, p).capitalize()) for p in own if p != stem and p not in notes]
        if thesaurus is not None:
            for term in thesaurus.terms_in([stem for stem, _w in pairs], parts):
                terms.append((term, thesaurus.label(thesaurus.group_of_term(term))))
        for term, word in terms:
            if term in tf:
                tf[term] += weight
            else:
                tf[term] = weight
                surface[term] = word
    return tf, surface


def _tags(record: dict) -> dict:
    out = {}
    for tag in record.get("tags") or []:
        k = tag_key(str(tag))
        if k and k not in out:
            out[k] = str(tag)
    return out


def idf_table(df: dict, n: int) -> dict:
    """stem -> idf = ln(1 + n / df) for the words that count: not in more than COMMON_SHARE of the n
    records (unless in at most COMMON_MIN). Shared with the Ideen-Check, so both weigh words alike."""
    common = max(COMMON_MIN, COMMON_SHARE * n)
    return {term: math.log(1 + n / count) for term, count in df.items() if count <= common}


def unit_vector(tf: dict, idf: dict, keep=None) -> dict:
    """TF-IDF weights (1 + ln tf) * idf scaled to length 1; words without idf do not count. `keep`
    drops words after scaling (the length still counts them)."""
    vector = {t: (1 + math.log(f)) * idf[t] for t, f in tf.items() if t in idf}
    norm = math.sqrt(sum(vector[t] * vector[t] for t in sorted(vector))) or 1.0  # sorted: the browser sums alike
    return {t: w / norm for t, w in vector.items() if keep is None or keep(t)}


@dataclass
class Corpus:
    """Records prepared for comparison, every word kept (the Ideen-Check and the portfolio twins need the words
    only one record uses; `linkable` leaves them out for record-to-record links)."""

    docs: list  # [Doc] sorted by id
    df: dict  # stem -> number of records using it
    idf: dict  # stem -> idf, only for the words that count (idf_table)
    n: int
    tfs: list  # per doc: stem -> weighted term frequency (integers; for the site data)
    position: dict  # record id -> doc index
    postings: dict = dataclasses.field(default_factory=dict)  # stem -> [doc index], the words that count (made from docs)

    def __post_init__(self):
        if not self.postings:
            for i, doc in enumerate(self.docs):
                for term in doc.vector:
                    self.postings.setdefault(term, []).append(i)


def corpus(records: dict, groups_of, lexicon=None, thesaurus=None) -> Corpus:
    """Docs sorted by id with TF-IDF vectors; `groups_of(record)` gives the non-text features."""
    raw = []
    df: Counter = Counter()
    for record_id in sorted(records):
        record = records[record_id]
        tf, surface = _term_frequencies(record, lexicon, thesaurus)
        df.update(tf.keys())
        raw.append((record_id, record, tf, surface))
    idf = idf_table(df, len(raw))
    docs = []
    for record_id, record, tf, surface in raw:
        topics = tuple(dict.fromkeys(t for t in record.get("topics") or [] if isinstance(t, str)))
        docs.append(Doc(record_id, unit_vector(tf, idf), surface, topics, _tags(record), groups_of(record)))
    return Corpus(docs, dict(df), idf, len(raw), [tf for _i, _r, tf, _s in raw], {d.id: i for i, d in enumerate(docs)})


def linkable(corpus_: Corpus) -> list[Doc]:
    """The docs without the words only one record uses: two records can never share them, and leaving them out
    keeps comparisons cheap while changing no cosine (the norm still counts them)."""
    df = corpus_.df
    return [Doc(d.id, {t: w for t, w in d.vector.items() if df[t] > 1}, d.surface, d.topics, d.tags, d.groups)
            for d in corpus_.docs]


def build_docs(records: dict, groups_of, lexicon=None, thesaurus=None) -> list[Doc]:
    """Docs for record-to-record links (see `corpus` and `linkable`)."""
    return linkable(corpus(records, groups_of, lexicon, thesaurus))


def candidates(docs: list[Doc]) -> list[list[int]]:
    """For each doc the indices of the docs worth scoring (see module docstring)."""
    n = len(docs)
    max_df = max(MIN_DF_CAP, math.ceil(MAX_DF_SHARE * n))
    postings: dict = {}
    for i, doc in enumerate(docs):
        for term, weight in doc.vector.items():
            postings.setdefault(term, []).append((weight, i))
        for key in doc.blocks:
            postings.setdefault(key, []).append((1.0, i))
    exhaustive = n <= EXHAUSTIVE_MAX
    usable = {}
    for term, entries in postings.items():
        if 2 <= len(entries) <= max_df:
            if len(entries) > CHAMPIONS and not exhaustive:  # keep the docs where the term weighs most; equal weights by a stable hash
                entries = sorted(entries, key=lambda e: (-e[0], _spread(docs[e[1]].id)))[:CHAMPIONS]
            usable[term] = [i for _weight, i in entries]
    out = []
    for i, doc in enumerate(docs):
        vector = doc.vector
        terms = sorted((t for t in vector if t in usable), key=lambda t: (-vector[t], t))
        if not exhaustive:
            terms = terms[:CANDIDATE_TERMS]
        counts: Counter = Counter()
        for term in terms:
            counts.update(usable[term])
        for key in doc.blocks:
            ids = usable.get(key)
            if ids:
                counts.update(ids)
        counts.pop(i, None)
        out.append(sorted(counts) if exhaustive else _most_shared(counts))
    return out


def _spread(record_id: str) -> int:
    """A stable pseudo-random order, so ties in champion lists do not always favour the same ids."""
    return zlib.crc32(record_id.encode("utf-8"))


def _most_shared(counts: Counter) -> list[int]:
    """The MAX_CANDIDATES docs with the highest counts, ties by lower index (= id order). Counts are small
    integers: find the cut-off count from a histogram, then select with C-level iteration only."""
    if len(counts) <= MAX_CANDIDATES:
        return sorted(counts, key=lambda j: (-counts[j], j))
    histogram = Counter(counts.values())
    passing, cutoff = 0, 0
    for value in sorted(histogram, reverse=True):
        if passing + histogram[value] >= MAX_CANDIDATES:
            cutoff = value
            break
        passing += histogram[value]
    above = list(compress(counts, map(cutoff.__lt__, counts.values())))
    tied = sorted(compress(counts, map(cutoff.__eq__, counts.values())))
    return above + tied[:MAX_CANDIDATES - len(above)]


def text_similarity(a: Doc, b: Doc) -> float:
    """Cosine of the two unit TF-IDF vectors."""
    va, vb = a.vector, b.vector
    common = va.keys() & vb.keys()
    return fsum(map(mul, map(va.__getitem__, common), map(vb.__getitem__, common))) if common else 0.0


def _jaccard(a: frozenset, b: frozenset) -> float:
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared) if shared else 0.0


def score(a: Doc, b: Doc, weights: dict) -> tuple[float, float]:
    """(score, text similarity): the documented score (module docstring), rounded to 6 places so equal
    scores compare equal, and its text part, which the reasons need too."""
    text = text_similarity(a, b)
    total = weights["text"] * text
    if a.topic_set and b.topic_set:
        total += weights["topics"] * _jaccard(a.topic_set, b.topic_set)
    if a.tag_set and b.tag_set:
        total += weights["tags"] * _jaccard(a.tag_set, b.tag_set)
    shared = a.features & b.features
    if shared:
        total += fsum(weights[name] for name in {name for name, _value in shared})
    return round(total, 6), text


def _listing(singular: str, plural: str, items: list[str]) -> str:
    return f"{singular if len(items) == 1 else plural}: {', '.join(items)}"


def shared_words(a: Doc, b: Doc, exclude: set, common: set | None = None) -> list[str]:
    """The shared words contributing most to the text similarity, nouns first (capitalised in German, they
    say what a project is about), spelled as in either record (the shorter form). `common` may pass the
    shared stems when the caller has them already."""
    va, vb, surface = a.vector, b.vector, a.surface
    stems = list((va.keys() & vb.keys() if common is None else common) - exclude)
    # sort keys built in C: (written in lower case, -contribution, stem); lower case = not a noun
    top = sorted(zip(map(str.islower, map(surface.__getitem__, stems)),
                     map(neg, map(mul, map(va.__getitem__, stems), map(vb.__getitem__, stems))),
                     stems))[:TEXT_REASON_WORDS]
    words = []
    for _lower, _product, term in top:
        mine, theirs = surface[term], b.surface[term]
        word = theirs if len(theirs) < len(mine) else mine
        if word not in words:
            words.append(word)
    return words


def common_reasons(a: Doc, b: Doc, text: float, topic_labels: dict) -> tuple[list[str], bool]:
    """Reasons from Handlungsfelder, Schlagworte and text; and whether any of them is substantive."""
    reasons = []
    topics = [t for t in a.topics if t in b.topic_set]
    if topics:
        reasons.append(_listing("gleiches Handlungsfeld", "gleiche Handlungsfelder", [topic_labels.get(t, t) for t in topics]))
    tags = [k for k in a.tags if k in b.tag_set]
    if tags:
        reasons.append(_listing("gemeinsames Schlagwort", "gemeinsame Schlagworte", [a.tags[k] for k in tags]))
    if text >= TEXT_REASON_MIN:
        common = a.vector.keys() & b.vector.keys()
        if len(common) >= TEXT_REASON_MIN_SHARED:
            tag_stems = {part for k in tags for part in k.split()}
            words = shared_words(a, b, tag_stems, common)
            reasons.append(f"ähnliche Beschreibung ({', '.join(words)})" if words else "ähnliche Beschreibung")
    return reasons, bool(reasons)


def rank(docs: list[Doc], weights: dict, reasons_for) -> dict:
    """id -> [SimilarLink] (at most TOP_N), best first, ties by id.

    The score of `score()` is computed inline here: this loop runs for every candidate pair, and at
    10,000 records the function calls alone would cost a second. A test keeps both in step.
    """
    pools = candidates(docs)
    w_text, w_topics, w_tags = weights["text"], weights["topics"], weights["tags"]
    bonus = {name: value for name, value in weights.items() if name not in ("text", "topics", "tags")}
    out = {}
    for i, doc in enumerate(docs):
        va, topics, tags, features = doc.vector, doc.topic_set, doc.tag_set, doc.features
        keys, get_a = va.keys(), va.__getitem__
        scored = []
        for j in pools[i]:
            other = docs[j]
            vb = other.vector
            common = keys & vb.keys()
            text = fsum(map(mul, map(get_a, common), map(vb.__getitem__, common))) if common else 0.0
            total = w_text * text
            if topics and other.topic_set:
                shared = len(topics & other.topic_set)
                if shared:
                    total += w_topics * shared / (len(topics) + len(other.topic_set) - shared)
            if tags and other.tag_set:
                shared = len(tags & other.tag_set)
                if shared:
                    total += w_tags * shared / (len(tags) + len(other.tag_set) - shared)
            both = features & other.features
            if both:
                total += fsum(bonus[name] for name in {name for name, _value in both})
            scored.append((-round(total, 6), other.id, j, text))
        scored.sort()
        links = []
        for negative, _id, j, text in scored:
            if -negative < MIN_SCORE:
                break
            reasons, substantive = reasons_for(doc, docs[j], text)
            if substantive:
                links.append(SimilarLink(docs[j].id, -negative, tuple(reasons)))
                if len(links) == TOP_N:
                    break
        out[doc.id] = links
    return out


# --- projects -------------------------------------------------------------------------------------------------

def _project_groups(reference):
    def groups(record: dict) -> dict:
        programmes = frozenset(f["programme"] for f in record.get("funding") or []
                               if isinstance(f, dict) and isinstance(f.get("programme"), str))
        lead = domain.lead(record, reference)
        size: frozenset[str] = frozenset()
        land: frozenset[str] = frozenset()
        if lead is not None and lead.municipality is not None:
            size, land = frozenset([lead.size_class]), frozenset([lead.land_code])
        elif lead is not None and lead.ags is None and lead.land_code:  # a body without key: no size class
            land = frozenset([lead.land_code])
        return {"programme": programmes, "size": size, "land": land}
    return groups


def size_reason(size_class: str) -> str:
    if size_class == SIZE_CLASS_KREIS[0]:
        return "ebenfalls ein Landkreis"
    if size_class == SIZE_CLASS_LAND[0]:
        return "ebenfalls ein Land"
    return f"ähnliche Gemeindegröße ({SIZE_CLASS_LABELS.get(size_class, size_class)})"


def project_reasons(funding: dict):
    """reasons_for(a, b, text) -> (reasons, substantive) for project links: the site's links and the portfolio twins."""
    vocabularies = default_vocabularies()
    topic_labels = vocabularies["topics"].labels()
    land_labels = vocabularies["laender"].labels()

    def reasons_for(a: Doc, b: Doc, text: float):
        reasons, substantive = common_reasons(a, b, text, topic_labels)
        programmes = sorted(a.groups["programme"] & b.groups["programme"])
        if programmes:
            titles = [str((funding.get(p) or {}).get("title") or p) for p in programmes]
            reasons.append(_listing("gleiches Förderprogramm", "gleiche Förderprogramme", titles))
            substantive = True
        reasons += place_reasons(a, b, land_labels)
        return reasons, substantive

    return reasons_for


def place_reasons(a: Doc, b: Doc, land_labels: dict) -> list[str]:
    """"ähnliche Gemeindegröße (…)", "ebenfalls in …" for shared size class and Land."""
    out = [size_reason(size_class) for size_class in sorted(a.groups["size"] & b.groups["size"])]
    out += [f"ebenfalls {in_land(land_labels.get(land, land))}" for land in sorted(a.groups["land"] & b.groups["land"])]
    return out


def project_corpus(projects: dict, reference, lexicon=None, thesaurus=None) -> Corpus:
    return corpus(projects, _project_groups(reference), lexicon, thesaurus)


def similar_projects(projects: dict, funding: dict, reference, lexicon=None, corpus_: Corpus | None = None) -> dict:
    """project id -> [SimilarLink] for every project (top TOP_N, see module docstring)."""
    corpus_ = corpus_ if corpus_ is not None else project_corpus(projects, reference, lexicon)
    return rank(linkable(corpus_), PROJECT_WEIGHTS, project_reasons(funding))


# --- programmes -----------------------------------------------------------------------------------------------

REGION_WIDE = {"@eu": "ebenfalls EU-weit", "@bund": "ebenfalls bundesweit"}  # programmes without `lands`


def _programme_groups(record: dict) -> dict:
    funder = str(record.get("funder") or "").strip()
    lands = [str(x) for x in record.get("lands") or []]
    return {"funder": frozenset([funder.casefold()]) if funder else frozenset(),
            "region": frozenset(lands) if lands else frozenset(["@eu" if record.get("level") == "eu" else "@bund"])}


def similar_programmes(funding: dict, lexicon=None, thesaurus=None) -> dict:
    """programme id -> [SimilarLink] for every programme (top TOP_N, see module docstring)."""
    vocabularies = default_vocabularies()
    topic_labels = vocabularies["topics"].labels()
    land_labels = vocabularies["laender"].labels()
    docs = build_docs(funding, _programme_groups, lexicon, thesaurus)

    def reasons_for(a: Doc, b: Doc, text: float):
        reasons, substantive = common_reasons(a, b, text, topic_labels)
        if a.groups["funder"] & b.groups["funder"]:
            reasons.append(f"gleicher Fördergeber: {str(funding[a.id].get('funder')).strip()}")
            substantive = True
        regions = sorted(a.groups["region"] & b.groups["region"])
        if regions and regions[0] in REGION_WIDE:
            reasons.append(REGION_WIDE[regions[0]])
        elif regions:
            reasons.append("ebenfalls " + ", ".join(in_land(land_labels.get(r, r)) for r in regions))
        return reasons, substantive

    return rank(docs, PROGRAMME_WEIGHTS, reasons_for)
