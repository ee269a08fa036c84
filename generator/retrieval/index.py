"""The search index and its ranking: ranked OR with BM25 over weighted fields, integer points.

Ported to docs/assets/katalog/retrieval.js; both compute exactly the same integers.

* Each record's fields count with FIELD_WEIGHTS (title > tags, topics, places > summary > details).
  A word counts for its stem and, if it is a compound, for each part with PART_SHARE of its weight
  (generator/retrieval/analysis.py): a record about "Kitaplätze" is about Kitas more than about any "Platz".
* Points of a term t in a record d (BM25, computed at build time, shipped as integers):
      round(SCALE * idf(t) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * len(d) / average len)))
  tf = sum of the field weights of its occurrences, len(d) = the same sum over all words,
  idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5)).
* A query is split into concepts (analysis.concepts); each concept has alternatives (the word,
  longer words starting with it, its compound parts, synonyms, corrected typos) with a factor
  (analysis.FACTORS, percent). A record gets for a concept the best alternative's value
  factor * (sum of the points of the alternative's terms) // number of terms.
  Longer words and corrections are other words than the one typed: their points are scaled down to the
  rarity of the concept (the records having the word, a longer one or a correction), as Lucene's
  blended term statistics do for fuzzy and prefix queries – a rare longer word ("Digitalisierungszentrum")
  never outweighs the word typed ("Digitalisierung").
* score = sum over concepts. rank = score * weighted coordination: the sum, over the concepts a record
  covers, of the concept's idf (in thousandths, from the records having the word itself, a longer one or a
  correction) times the share it covers – the whole concept (the word, a longer word, a correction, a
  synonym, all parts of a compound, all words of a phrase) or k of its n parts. So records covering more
  of the query come first, a rare word counts more than a common one („online“, „Digitalisierung“), and a
  record with only one part of a compound („platz“ of „Stellplätze“) counts with half the concept.
  Ties: index order (projects by id, then programmes by id). A query with a word of the thesaurus group
  "Förderung" (Fördermittel, Zuschuss, Geld …) lists the programmes first.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from generator import text
from generator.retrieval.analysis import EXACT, FACTORS, PART, PART_SYNONYM, PREFIX, SHOWN, SHOWN_PART, TYPO, Lexicon, concepts
from generator.retrieval.thesaurus import Thesaurus

K1 = 1.2
B = 0.75
SCALE = 100
PROJECT_FIELDS = {"title": 5, "tags": 3, "topics": 3, "places": 3, "kind": 2, "summary": 2, "details": 1}
PART_SHARE = 0.5  # a part inside a record's compound counts half a word of its own
FUNDING_FIELDS = {"title": 5, "tags": 3, "topics": 3, "funder": 3, "kind": 2, "lands": 2, "summary": 2, "details": 1}
SHOWN_KINDS = (SHOWN, SHOWN_PART, TYPO)  # alternatives the result names ("auch gesucht: …")
FUNDING_TERM = "~foerderung"  # a query asking for funding (a word of the thesaurus group "foerderung") lists programmes first


def record_terms(fields: dict, weights: dict, lexicon: Lexicon, thesaurus) -> tuple[dict, int]:
    """(term -> summed field weight, length) of one record: every word counts for its stem, for each of its parts
    with PART_SHARE of the weight (a "Kitaplatz" is a Kita more than a Platz), and every thesaurus member it uses
    for the group's term."""
    tf: dict = {}
    length = 0
    for name, weight in weights.items():
        pairs = text.stems_with_words(fields.get(name, ""))
        parts = [lexicon.parts(word.lower()) for _stem, word in pairs]
        terms: list[tuple[str, float]] = []
        for (stem, _word), own in zip(pairs, parts):
            terms.append((stem, 1))
            terms += [(p, PART_SHARE) for p in own if p != stem]
        terms += [(t, 1.0) for t in thesaurus.terms_in([stem for stem, _w in pairs], parts)]
        length += weight * len(pairs)
        for term, f in terms:
            tf[term] = tf.get(term, 0) + weight * f
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


LITERAL_KINDS = (EXACT, PREFIX, TYPO)  # the word as written, longer or corrected: these decide a concept's rarity
EXPANDED_KINDS = (PREFIX, TYPO)  # other words than the one typed: weighed with the concept's rarity, not their own
COVER = 60  # a concept found in full (divisible by 1 to 6 parts)
IDF_SCALE = 1000


def idf_points(n: int, df: int) -> int:
    """idf in thousandths, at least 1: the integer the ranking multiplies with."""
    return max(1, int(IDF_SCALE * idf(n, df)))


def score(index: SearchIndex, query_concepts: list) -> tuple[list, list]:
    """([(doc, rank, score)] best first, [(word, label, kind)] of shown alternatives that matched).

    Per concept: the rarity `weight` = idf_points of the number of records containing the word itself, a longer
    word starting with it or a correction (all terms of the alternative); prefix and typo terms count with that
    rarity instead of their own (a rare longer word never outweighs the word typed). A record gets the best
    alternative's value and the best share of the concept it covers (COVER: the word, a longer one, a correction,
    a synonym or all parts; k of n parts or phrase words: k * COVER // n; a synonym of one part: COVER // n).
    rank = score * sum over the concepts of weight * share: weighted coordination."""
    total: dict = {}
    coordination: dict = {}
    found = []
    postings = index.postings
    n = len(index.docs)
    for concept in query_concepts:
        per_alt = []
        literal: set = set()
        parts = next((len(alt.terms) for alt in concept.alts if alt.kind == PART), 1)
        for alt in concept.alts:
            sums: dict = {}
            hits: dict = {}  # terms found per doc, counted only for alternatives of several terms
            if len(alt.terms) == 1:
                sums = postings.get(alt.terms[0], {})  # read only
            else:
                for term in alt.terms:
                    for doc, points in postings.get(term, {}).items():
                        sums[doc] = sums.get(doc, 0) + points
                        hits[doc] = hits.get(doc, 0) + 1
            if sums and alt.kind in SHOWN_KINDS:
                entry = (concept.word, alt.label, alt.kind)
                if entry not in found:
                    found.append(entry)
            if alt.kind in LITERAL_KINDS:
                literal.update(doc for doc in sums if not hits or hits[doc] == len(alt.terms))
            per_alt.append((alt, sums, hits))
        weight = idf_points(n, len(literal))
        best: dict = {}
        share: dict = {}
        for alt, sums, hits in per_alt:
            factor = FACTORS[alt.kind]
            if not factor:
                continue
            count = len(alt.terms)
            own = idf_points(n, len(postings.get(alt.terms[0], {}))) if alt.kind in EXPANDED_KINDS else 0
            for doc, points in sums.items():
                if own > weight:
                    points = points * weight // own
                value = factor * points // count
                if value > best.get(doc, 0):
                    best[doc] = value
                if alt.kind == PART_SYNONYM:
                    covered = COVER // parts
                elif alt.kind in (EXACT, PART):
                    covered = COVER * hits[doc] // count if hits else COVER
                else:
                    covered = COVER
                if covered > share.get(doc, 0):
                    share[doc] = covered
        for doc, value in best.items():
            total[doc] = total.get(doc, 0) + value
            coordination[doc] = coordination.get(doc, 0) + weight * share[doc]
    funding_first = any(alt.terms == (FUNDING_TERM,) for concept in query_concepts for alt in concept.alts)
    first = index.projects if funding_first else 0  # docs from here on (the programmes) come first
    ranked = sorted(((doc, s * coordination[doc], s) for doc, s in total.items()), key=lambda r: (r[0] < first, -r[1], r[0]))
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
