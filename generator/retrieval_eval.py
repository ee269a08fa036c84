"""Engines for bench/relevance/evaluate.py (temporary: BEFORE figures of the old code)."""
from __future__ import annotations

from generator.catalogue import load_catalogue


def engines(catalogue_dir, build_date):
    from generator import ideas, search
    from generator.enrich import Enriched

    catalogue, _run = load_catalogue(catalogue_dir, build_date=build_date)
    enriched = Enriched(build_date=build_date)
    index = search.build_index(catalogue)
    idea_index = ideas.build_index(catalogue.projects, catalogue.reference)

    def suche(q):
        hits, _ = search.search(catalogue, enriched, index, q, limit=None)
        return [h.id for h in hits]

    def ideen(q):
        idea = ideas.idea_doc(q, idea_index, ideas.asker_for())
        return [h.id for h in ideas.similar_projects(idea_index, idea)][:10]

    return suche, ideen
