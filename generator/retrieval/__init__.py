"""The retrieval core: one text analysis and one ranking for every way of finding records.

Used by the site search (page and header field on every page), the explorers' free text,
`katalog suche`, and – through the same analysis and the similarity score of
generator/enrich/similarity.py – the Ideen-Check, the similar-project links and the portfolio twins.
docs/assets/katalog/retrieval.js is the exact JavaScript port (checked under Node by the tests).

* analysis.py: words, stems, compound parts (lexicon from the catalogue's own words), typo
  variants, and the query's concepts with their alternatives (synonyms from the thesaurus).
* thesaurus.py: the thesaurus vocabulary (catalogue/vocabularies/thesaurus.yaml).
* index.py: BM25 over weighted fields, ranked OR, integer points.
* fields.py: the searchable text of projects and programmes.

Nothing here imports from export/ or render/.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.retrieval import thesaurus as thesaurus_module
from generator.retrieval.analysis import Lexicon
from generator.retrieval.fields import funding_fields, project_fields
from generator.retrieval.index import FUNDING_FIELDS, PROJECT_FIELDS, SearchIndex, build as build_index


@dataclass
class Core:
    """Everything finding needs, computed once per catalogue (enrich stores it as Enriched.retrieval)."""

    lexicon: Lexicon
    thesaurus: thesaurus_module.Thesaurus
    search: SearchIndex  # projects and programmes, for the search
    projects: object  # generator.enrich.similarity.Corpus of the projects: links, twins, Ideen-Check
    done_search: object = None  # generator.ideas.RecordSearch for the portfolio twins, made on first use


def items(catalogue) -> list:
    """[(kind, id, fields, weights)]: projects by id, then programmes by id (the index order)."""
    out = [("project", pid, project_fields(catalogue.projects[pid], catalogue.reference), PROJECT_FIELDS)
           for pid in sorted(catalogue.projects)]
    out += [("funding", fid, funding_fields(catalogue.funding[fid]), FUNDING_FIELDS) for fid in sorted(catalogue.funding)]
    return out


def lexicon_for(entries: list, thesaurus) -> Lexicon:
    texts = [value for _kind, _rid, fields, _w in entries for value in fields.values()]
    texts += [phrase for _gid, phrases in thesaurus.as_data() for phrase in phrases]
    return Lexicon.from_texts(texts)


def build(catalogue, thesaurus=None) -> Core:
    from generator.enrich.similarity import project_corpus

    thesaurus = thesaurus if thesaurus is not None else thesaurus_module.load()
    entries = items(catalogue)
    lexicon = lexicon_for(entries, thesaurus)
    return Core(lexicon, thesaurus, build_index(entries, lexicon, thesaurus),
                project_corpus(catalogue.projects, catalogue.reference, lexicon, thesaurus))
