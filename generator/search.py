"""Full-text search over projects and programmes: one index, one ranking, every front end.

`katalog suche`, the site's search page, its header search on every page and the explorers' free
text rank with the retrieval core (generator/retrieval/: analysis, BM25 ranked OR, thesaurus;
ported exactly to docs/assets/katalog/retrieval.js). This module adds what the command line needs
around it: filters, the second line of a hit, and the German notes on synonyms and suggestions.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.enrich.types import Enriched
from generator.retrieval import index as core_index
from generator.vocabularies import label


@dataclass(frozen=True)
class Hit:
    kind: str
    id: str
    score: int
    title: str
    subtitle: str


def subtitle(catalogue, enriched: Enriched, kind: str, rid: str) -> str:
    """The second line of a hit: where and how far (projects) or who and until when (programmes); the derived
    facts (lead, Land, status at the build date) come from the Enriched model."""
    if kind == "project":
        facts = enriched.projects[rid]
        parts = [facts.place_label, facts.lead.land_name if facts.lead else "",
                 label("project-statuses", catalogue.projects[rid]["status"])]
        return " · ".join(p for p in parts if p)
    record = catalogue.funding[rid]
    parts = [label("funding-levels", record["level"]), record.get("funder", ""), enriched.programme_status[rid].label]
    return " · ".join(p for p in parts if p)


@dataclass
class Filters:
    topics: tuple = ()
    lands: tuple = ()
    statuses: tuple = ()
    kinds: tuple = ()

    def admits(self, catalogue, enriched: Enriched, kind: str, rid: str) -> bool:
        """Whether a record passes every filter; a project's Länder and a programme's status at the build date
        come from the Enriched model."""
        if self.kinds and kind not in self.kinds:
            return False
        record = catalogue.projects[rid] if kind == "project" else catalogue.funding[rid]
        if self.topics and not set(self.topics) & set(record.get("topics", [])):
            return False
        if self.lands:
            if kind == "project":
                lands = set(enriched.projects[rid].lands)
            else:
                lands = set(record.get("lands", [])) or {"*"}
            if "*" not in lands and not set(self.lands) & lands:
                return False
        if self.statuses:
            if kind == "project":
                status = record["status"]
            else:
                status = enriched.programme_status[rid].status
            if status not in self.statuses:
                return False
        return True


@dataclass
class Found:
    hits: list  # [Hit], at most `limit`
    total: int  # matches after filtering
    notes: list  # German: which synonyms and corrections were searched too
    suggestion: str  # "Meinten Sie …?" query, only without hits
    words: int  # concepts in the query (0: only filler words)


KIND_WORDS = {"shown": "gleichbedeutend mit", "shown-part": "gleichbedeutend mit einem Wortteil von",
              "typo": "ähnlich geschrieben wie"}


def notes(found: list) -> list[str]:
    """„Parkplatz“ (gleichbedeutend mit „Stellplätze“) for each alternative that matched, in query order."""
    return [f"„{other}“ ({KIND_WORDS[kind]} „{word}“)" for word, other, kind in found]


def search(catalogue, enriched: Enriched, index: core_index.SearchIndex, query: str, filters: Filters | None = None,
           limit: int | None = 20) -> Found:
    """Ranked hits (at most `limit`), the total number of matches after filtering, and the notes."""
    filters = filters or Filters()
    result = None
    if query.strip():
        result = core_index.search(index, query)  # a query of stop words only finds nothing
        ranked = [(doc, points) for doc, points, _score in result.ranked]
    else:  # filters only: everything, in index order
        ranked = [(i, 0) for i in range(len(index.docs))]
    hits: list[Hit] = []
    total = 0
    for doc, points in ranked:
        kind, rid = index.docs[doc]
        if not filters.admits(catalogue, enriched, kind, rid):
            continue
        total += 1
        if limit is None or len(hits) < limit:
            record = catalogue.projects[rid] if kind == "project" else catalogue.funding[rid]
            hits.append(Hit(kind, rid, points, record["title"], subtitle(catalogue, enriched, kind, rid)))
    if result is None:
        return Found(hits, total, [], "", 0)
    return Found(hits, total, notes(result.found), result.suggestion, len(result.concepts))
