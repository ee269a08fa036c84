"""Engines for bench/relevance/evaluate.py."""
from __future__ import annotations

from generator.catalogue import load_catalogue


def engines(catalogue_dir, build_date):
    from generator import ideas, retrieval
    from generator.retrieval import index as search_index

    catalogue, _run = load_catalogue(catalogue_dir, build_date=build_date)
    core = retrieval.build(catalogue)

    def suche(q):
        result = search_index.search(core.search, q)
        return [core.search.docs[doc][1] for doc, _rank, _score in result.ranked]

    def ideen(q):
        idea = ideas.idea_doc(q, core.projects, ideas.asker_for(), core.lexicon, core.thesaurus)
        return [h.id for h in ideas.similar_projects(core.projects, idea)][:10]

    return suche, ideen
