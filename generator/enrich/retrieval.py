"""The retrieval core of one catalogue, computed once by enrich (Enriched.retrieval): the lexicon of its words,
the thesaurus, the search index of projects and programmes (generator/retrieval/) and the project corpus of the
similarity score (generator/enrich/similarity.py) that the similar-project links, the portfolio twins and the
Ideen-Check share. Also the searchable text of each record (fields and their weights in generator/retrieval/index.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.enrich import domain
from generator.enrich.similarity import Corpus, project_corpus
from generator.retrieval import thesaurus as thesaurus_module
from generator.retrieval.analysis import Lexicon
from generator.retrieval.index import FUNDING_FIELDS, PROJECT_FIELDS, SearchIndex, build as build_index
from generator.vocabularies import default_vocabularies


# what a record is, as searchable words: "Fördermittel für Smart City" asks for programmes
KIND_WORDS = {"project": "Projekt", "funding": "Förderprogramm"}


def _strings(*values) -> str:
    out: list[str] = []
    for value in values:
        if isinstance(value, (list, tuple)):
            out.extend(str(v) for v in value if v)
        elif value:
            out.append(str(value))
    return " ".join(out)


def _labels(vocab: str, ids) -> list[str]:
    labels = default_vocabularies()[vocab].labels()
    return [labels.get(i, i) for i in ids or [] if isinstance(i, str)]


def places(record: dict, reference) -> list[str]:
    """Names of the record's municipalities, their Kreise and Länder."""
    found = domain.places(record, reference)
    out = [m.name for m in found] + [m.land_name for m in found] + [m.kreis_name for m in found]
    return [p for p in dict.fromkeys(out) if p]


def _area_names(record: dict) -> list[str]:
    return list(domain.area_names(record))


def project_fields(record: dict, reference) -> dict:
    experience = record.get("experience") or {}
    return {
        "kind": KIND_WORDS["project"],
        "title": str(record.get("title", "")),
        "tags": _strings(record.get("tags") or []),
        "places": _strings(places(record, reference)),
        "topics": _strings(_labels("topics", record.get("topics"))),
        "summary": str(record.get("summary", "") or ""),
        "details": _strings(record.get("description"), record.get("seeking"), experience.get("outcome"),
                            [p.get("name") for p in record.get("partners") or [] if isinstance(p, dict)]),
    }


def funding_fields(record: dict) -> dict:
    levels = default_vocabularies()["funding-levels"].labels()
    return {
        "kind": KIND_WORDS["funding"],
        "title": str(record.get("title", "")),
        "tags": _strings(record.get("tags") or []),
        "funder": _strings(record.get("funder"), record.get("administered_by")),
        "topics": _strings(_labels("topics", record.get("topics"))),
        "lands": _strings(_area_names(record), levels.get(record.get("level", ""), "")),
        "summary": str(record.get("summary", "") or ""),
        "details": _strings(record.get("description"), _labels("applicant-types", record.get("eligible"))),
    }


@dataclass
class Core:
    """Everything finding needs, computed once per catalogue (enrich stores it as Enriched.retrieval)."""

    lexicon: Lexicon
    thesaurus: thesaurus_module.Thesaurus
    search: SearchIndex  # projects and programmes, for the search
    projects: Corpus  # generator.enrich.similarity.Corpus of the projects: links, twins, Ideen-Check
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
    thesaurus = thesaurus if thesaurus is not None else thesaurus_module.load()
    entries = items(catalogue)
    lexicon = lexicon_for(entries, thesaurus)
    return Core(lexicon, thesaurus, build_index(entries, lexicon, thesaurus),
                project_corpus(catalogue.projects, catalogue.reference, lexicon, thesaurus))
