"""The constants the JavaScript port (docs/assets/katalog/retrieval.js) needs, emitted from Python so that
no number or word list is copied by hand: the data files of the search and the Ideen-Check carry them."""
from __future__ import annotations

from generator import text
from generator.retrieval import analysis, index, thesaurus


def analysis_constants() -> dict:
    return {
        "stop": sorted(text.STOP_WORDS), "minLength": text.MIN_LENGTH,
        "links": list(analysis.LINKS), "minPart": analysis.MIN_PART, "minCompound": analysis.MIN_COMPOUND, "minHead": analysis.MIN_HEAD,
        "maxParts": analysis.MAX_PARTS, "typoMin": analysis.TYPO_MIN, "maxTypo": analysis.MAX_TYPO,
        "minPrefix": analysis.MIN_PREFIX, "maxPhrase": analysis.MAX_PHRASE, "groupPrefix": thesaurus.GROUP_PREFIX,
        "kinds": {"exact": analysis.EXACT, "prefix": analysis.PREFIX, "part": analysis.PART, "synonym": analysis.SYNONYM,
                  "partSynonym": analysis.PART_SYNONYM, "typo": analysis.TYPO, "shown": analysis.SHOWN},
        "factors": dict(analysis.FACTORS), "shownKinds": list(index.SHOWN_KINDS), "fundingTerm": index.FUNDING_TERM,
        "literalKinds": list(index.LITERAL_KINDS), "expandedKinds": list(index.EXPANDED_KINDS), "cover": index.COVER,
        "idfScale": index.IDF_SCALE,
    }


def lexicon_data(core_index: index.SearchIndex) -> dict:
    """The lexicon split into words whose stem the index has (suggestions come only from these) and the others
    (first parts learned from compounds, thesaurus words), plus the thesaurus."""
    words: list[str] = []
    extra: list[str] = []
    for stem, word in core_index.lexicon.surface.items():
        (words if stem in core_index.postings else extra).append(word)
    return {"words": words, "extra": extra, "thesaurus": core_index.thesaurus.as_data()}
