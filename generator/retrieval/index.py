"""The search index and its ranking: ranked OR with BM25 over weighted fields, integer points.

Ported to docs/assets/katalog/retrieval.js; both compute exactly the same integers.

* Each record's fields count with FIELD_WEIGHTS (title > tags, topics, places > summary > details).
  A word counts for its stem and, if it is a compound, for each part (generator/retrieval/analysis.py).
* Points of a term t in a record d (BM25, computed at build time, shipped as integers):
      round(SCALE * idf(t) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * len(d) / average len)))
  tf = sum of the field weights of its occurrences, len(d) = the same sum over all words,
  idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5)).
* A query is split into concepts (analysis.concepts); each concept has alternatives (the word,
  longer words starting with it, its compound parts, synonyms, corrected typos) with a factor
  (analysis.FACTORS, percent). A record gets for a concept the best alternative's value
  factor * (sum of the points of the alternative's terms) // number of terms.
* score = sum over concepts; rank = score * number of concepts found: records matching more of the
  query come first. Ties: index order (projects by id, then programmes by id). A query with a word of
  the thesaurus group "Förderung" (Fördermittel, Zuschuss, Geld …) lists the programmes first.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from generator import text
from generator.retrieval.analysis import FACTORS, Lexicon, concepts
from generator.retrieval.thesaurus import Thesaurus

K1 = 1.2
B = 0.75
SCALE = 100
PROJECT_FIELDS = {"title": 5, "tags": 3, "topics": 3, "places": 3, "kind": 2, "summary": 2, "details": 1}
FUNDING_FIELDS = {"title": 5, "tags": 3, "topics": 3, "funder": 3, "kind": 2, "lands": 2, "summary": 2, "details": 1}
SHOWN_KINDS = ("shown", "typo")
FUNDING_TERM = "~foerderung"  # a query asking for funding (a word of the thesaurus group "foerderung") lists programmes first  # alternatives the result names ("auch gesucht: …")


def record_terms(fields: dict, weights: dict, lexicon: Lexicon, thesaurus) -> tuple[dict, int]:
    """(term -> summed field weight, length) of one record: every word counts for its stem and its parts, and
    every thesaurus member it uses for the group's term."""
    tf: dict = {}
    length = 0
    for name, weight in weights.items():
        pairs = text.stems_with_words(fields.get(name, ""))
        parts = [lexicon.parts(word.lower()) for _stem, word in pairs]
        terms = []
        for (stem, _word), own in zip(pairs, parts):
            terms.append(stem)
            terms += [p for p in own if p != stem]
        terms += thesaurus.terms_in([stem for stem, _w in pairs], parts)
        length += weight * len(pairs)
        for term in terms:
            tf[term] = tf.get(term, 0) + weight
    return tf, length


def idf(n: int, df: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


@dataclass
class SearchIndex:
    docs: list  # [(kind, id)] in index order
    postings: dict  # term -> {doc index: points}
    lexicon: Lexicon
    thesaurus: Thesaurus
    projects: int = 0  # docs[:projects] are projects

    def terms(self) -> list[str]:
        return sorted(self.postings)


def build(items: list, lexicon: Lexicon, thesaurus) -> SearchIndex:
    """items: [(kind, id, fields, weights)] in index order."""
    docs, per_doc = [], []
    for kind, rid, fields, weights in items:
        docs.append((kind, rid))
        per_doc.append(record_terms(fields, weights, lexicon, thesaurus))
    n = len(docs)
    average = (sum(length for _tf, length in per_doc) / n) if n else 1.0
    df: dict = {}
    for tf, _length in per_doc:
        for term in tf:
            df[term] = df.get(term, 0) + 1
    postings: dict = {}
    for i, (tf, length) in enumerate(per_doc):
        norm = K1 * (1 - B + B * length / (average or 1.0))
        for term, f in tf.items():
            points = round(SCALE * idf(n, df[term]) * f * (K1 + 1) / (f + norm))
            postings.setdefault(term, {})[i] = max(1, points)
    projects = sum(1 for kind, _rid in docs if kind == "project")
    return SearchIndex(docs, postings, lexicon, thesaurus, projects)


@dataclass
class Result:
    ranked: list  # [(doc index, rank, score)] best first
    concepts: list  # analysis.Concept
    found: list = field(default_factory=list)  # [(query word, other word, kind)] alternatives that matched
    suggestion: str = ""  # "Meinten Sie …?" (only without hits, only if it finds something)


def score(index: SearchIndex, query_concepts: list) -> tuple[list, list]:
    """([(doc, rank, score)] best first, [(word, label, kind)] of shown alternatives that matched)."""
    total: dict = {}
    matched: dict = {}
    found = []
    postings = index.postings
    for concept in query_concepts:
        best: dict = {}
        for alt in concept.alts:
            factor = FACTORS[alt.kind]
            count = len(alt.terms)
            sums: dict = {}
            for term in alt.terms:
                for doc, points in postings.get(term, {}).items():
                    sums[doc] = sums.get(doc, 0) + points
            if sums and alt.kind in SHOWN_KINDS:
                entry = (concept.word, alt.label, alt.kind)
                if entry not in found:
                    found.append(entry)
            if not factor:
                continue
            for doc, points in sums.items():
                value = factor * points // count
                if value > best.get(doc, 0):
                    best[doc] = value
        for doc, value in best.items():
            total[doc] = total.get(doc, 0) + value
            matched[doc] = matched.get(doc, 0) + 1
    funding_first = any(alt.terms == (FUNDING_TERM,) for concept in query_concepts for alt in concept.alts)
    first = index.projects if funding_first else 0  # docs from here on (the programmes) come first
    ranked = sorted(((doc, s * matched[doc], s) for doc, s in total.items()), key=lambda r: (r[0] < first, -r[1], r[0]))
    return ranked, found


def suggestion(index: SearchIndex, query: str) -> str:
    """The query with each word the index does not know replaced by the closest indexed word (one edit, stems of
    at least 3 letters); "" if no word changes. Every replacement is an indexed word, so the suggestion always
    finds something."""
    pairs = text.stems_with_words(query)
    words, changed = [], False
    for stem, word in pairs:
        if stem in index.postings:
            words.append(word)
            continue
        near = [t for t in index.lexicon.near(stem) if t in index.postings] if len(stem) >= 3 else []
        if near:
            words.append(index.lexicon.surface[near[0]])
            changed = True
        else:
            words.append(word)
    return " ".join(words) if changed else ""


def search(index: SearchIndex, query: str) -> Result:
    query_concepts = concepts(query, index.lexicon, index.thesaurus)
    ranked, found = score(index, query_concepts)
    result = Result(ranked, query_concepts, found)
    if not ranked and query_concepts:
        result.suggestion = suggestion(index, query)
    return result
