"""Full-text search over projects and programmes: one index, one ranking, two front ends.

The CLI (`katalog suche`) and the site search (docs/assets/katalog/suche.js)
use the same index and the same integer formula, so they rank identically:

* Text analysis is generator/text.py: words, stop words removed, Snowball German
  stems ("Parkplätzen" -> "parkplatz"). The site ships a JavaScript port of the
  same stemmer and the same stop-word list.
* Each record contributes, per stem, a weight w = sum of the weights of the
  fields the stem occurs in (FIELD_WEIGHTS; presence, not frequency).
* Each stem has an integer idf = max(1, round(10 * ln(1 + N / df))), computed at
  build time and stored in the index (N records, df records containing it).
* A query word with stem q matches every index stem that starts with q
  (prefix search); an exact match counts double. Per query word the record
  takes its best match: part = idf(t) * w(t, record) * (2 if t == q else 1).
* A record is a hit only if every query word matches; score = sum of parts.
* Order: score descending, then index order (projects by id, then programmes by id).
"""
from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass, field

from generator import text
from generator.enrich import domain
from generator.vocabularies import label

PROJECT_FIELDS = {  # field -> weight
    "title": 6, "tags": 4, "municipalities": 3, "topics": 3, "summary": 2, "details": 1,
}
FUNDING_FIELDS = {
    "title": 6, "tags": 4, "funder": 3, "topics": 3, "lands": 2, "summary": 2, "details": 1,
}
IDF_SCALE = 10
EXACT_BONUS = 2


def _strings(*values) -> str:
    out = []
    for value in values:
        if isinstance(value, (list, tuple)):
            out.extend(str(v) for v in value if v)
        elif value:
            out.append(str(value))
    return " ".join(out)


def project_fields(record: dict, reference) -> dict:
    munis = domain.places(record, reference)
    experience = record.get("experience") or {}
    return {
        "title": record.get("title", ""),
        "tags": _strings(record.get("tags", [])),
        "municipalities": _strings([m.name for m in munis], [m.land_name for m in munis], [m.kreis_name for m in munis]),
        "topics": _strings([label("topics", t) for t in record.get("topics", [])]),
        "summary": record.get("summary", ""),
        "details": _strings(record.get("description"), record.get("seeking"), experience.get("outcome"),
                            [p.get("name") for p in record.get("partners", []) or []]),
    }


def funding_fields(record: dict) -> dict:
    return {
        "title": record.get("title", ""),
        "tags": _strings(record.get("tags", [])),
        "funder": _strings(record.get("funder"), record.get("administered_by")),
        "topics": _strings([label("topics", t) for t in record.get("topics", [])]),
        "lands": _strings(domain.area_names(record),
                          label("funding-levels", record.get("level", ""))),
        "summary": record.get("summary", ""),
        "details": _strings(record.get("description"), [label("applicant-types", e) for e in record.get("eligible", [])]),
    }


@dataclass
class SearchIndex:
    docs: list  # [(kind, id)] in index order
    postings: dict  # stem -> {doc index: weight}
    idf: dict  # stem -> integer idf
    terms: list = field(default_factory=list)  # sorted stems, for prefix lookup

    def __post_init__(self):
        if not self.terms:
            self.terms = sorted(self.postings)


def record_weights(fields: dict, weights: dict) -> dict:
    """stem -> summed weight of the fields containing it."""
    out: dict = {}
    for name, weight in weights.items():
        for stem in set(text.stems(fields.get(name, ""))):
            out[stem] = out.get(stem, 0) + weight
    return out


def idf_of(n_docs: int, df: int) -> int:
    return max(1, round(IDF_SCALE * math.log(1 + n_docs / df)))


def build_index(catalogue) -> SearchIndex:
    docs, postings = [], {}
    items = [("project", pid, project_fields(r, catalogue.reference), PROJECT_FIELDS) for pid, r in catalogue.projects.items()]
    items += [("funding", fid, funding_fields(r), FUNDING_FIELDS) for fid, r in catalogue.funding.items()]
    for index, (kind, rid, fields, weights) in enumerate(items):
        docs.append((kind, rid))
        for stem, weight in record_weights(fields, weights).items():
            postings.setdefault(stem, {})[index] = weight
    idf = {stem: idf_of(len(docs), len(p)) for stem, p in postings.items()}
    return SearchIndex(docs, postings, idf)


def query_stems(query: str) -> list[str]:
    """Stems of the query words, in order, without duplicates."""
    out = []
    for stem in text.stems(query):
        if stem and stem not in out:
            out.append(stem)
    return out


def matching_terms(index: SearchIndex, prefix: str) -> list[str]:
    start = bisect_left(index.terms, prefix)
    out = []
    for term in index.terms[start:]:
        if not term.startswith(prefix):
            break
        out.append(term)
    return out


def score(index: SearchIndex, query: str) -> list[tuple[int, int]]:
    """[(doc index, score)] of the records matching every query word, best first."""
    stems = query_stems(query)
    if not stems:
        return []
    total: dict | None = None
    for q in stems:
        best: dict = {}
        for term in matching_terms(index, q):
            factor = index.idf[term] * (EXACT_BONUS if term == q else 1)
            for doc, weight in index.postings[term].items():
                part = factor * weight
                if part > best.get(doc, 0):
                    best[doc] = part
        if total is None:
            total = best
        else:
            total = {doc: s + best[doc] for doc, s in total.items() if doc in best}
        if not total:
            return []
    return sorted(total.items(), key=lambda item: (-item[1], item[0]))


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    score: int
    title: str
    subtitle: str


def subtitle(catalogue, enriched, kind: str, rid: str) -> str:
    """The second line of a hit: where and how far (projects) or who and until when (programmes)."""
    if kind == "project":
        record = catalogue.projects[rid]
        facts = enriched.projects[rid] if enriched and rid in enriched.projects else \
            domain.project_facts(rid, record, catalogue.reference)
        parts = [facts.place_label, facts.lead.land_name if facts.lead else "", label("project-statuses", record["status"])]
        return " · ".join(p for p in parts if p)
    record = catalogue.funding[rid]
    status = enriched.programme_status.get(rid) if enriched else None
    parts = [label("funding-levels", record["level"]), record.get("funder", ""),
             status.label if status else label("application-statuses", record["application"]["status"])]
    return " · ".join(p for p in parts if p)


@dataclass
class Filters:
    topics: tuple = ()
    lands: tuple = ()
    statuses: tuple = ()
    kinds: tuple = ()

    def admits(self, catalogue, enriched, kind: str, rid: str) -> bool:
        if self.kinds and kind not in self.kinds:
            return False
        record = catalogue.projects[rid] if kind == "project" else catalogue.funding[rid]
        if self.topics and not set(self.topics) & set(record.get("topics", [])):
            return False
        if self.lands:
            if kind == "project":
                lands = {p.land_code for p in domain.places(record, catalogue.reference)}
            else:
                lands = set(record.get("lands", [])) or {"*"}
            if "*" not in lands and not set(self.lands) & lands:
                return False
        if self.statuses:
            if kind == "project":
                status = record["status"]
            else:
                computed = enriched.programme_status.get(rid) if enriched else None
                status = computed.status if computed else record["application"]["status"]
            if status not in self.statuses:
                return False
        return True


def search(catalogue, enriched, index: SearchIndex, query: str, filters: Filters | None = None,
           limit: int | None = 20) -> tuple[list[Hit], int]:
    """Ranked hits (at most `limit`) and the total number of matches after filtering."""
    filters = filters or Filters()
    if query.strip():
        ranked = score(index, query)  # a query of stop words only finds nothing
    else:  # filters only: everything, in index order
        ranked = [(i, 0) for i in range(len(index.docs))]
    hits, total = [], 0
    for doc, points in ranked:
        kind, rid = index.docs[doc]
        if not filters.admits(catalogue, enriched, kind, rid):
            continue
        total += 1
        if limit is None or len(hits) < limit:
            record = catalogue.projects[rid] if kind == "project" else catalogue.funding[rid]
            hits.append(Hit(kind, rid, points, record["title"], subtitle(catalogue, enriched, kind, rid)))
    return hits, total
