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
                  "partSynonym": analysis.PART_SYNONYM, "typo": analysis.TYPO, "shown": analysis.SHOWN,
                  "shownPart": analysis.SHOWN_PART},
        "factors": dict(analysis.FACTORS), "shownKinds": list(index.SHOWN_KINDS), "fundingTerm": index.FUNDING_TERM,
        "literalKinds": list(index.LITERAL_KINDS), "expandedKinds": list(index.EXPANDED_KINDS), "cover": index.COVER,
        "idfScale": index.IDF_SCALE,
    }


def lexicon_data(core_index: index.SearchIndex) -> dict:
    """The lexicon split into words whose stem the index has (suggestions come only from these) and the others
    (first parts learned from compounds, thesaurus words), their stems packed (see packed_stems), plus the
    thesaurus."""
    indexed: list[tuple[str, str]] = []
    other: list[tuple[str, str]] = []
    for stem, word in core_index.lexicon.surface.items():
        (indexed if stem in core_index.postings else other).append((stem, word))
    return {"words": [w for _s, w in indexed], "extra": [w for _s, w in other], **packed_stems(indexed + other),
            "thesaurus": core_index.thesaurus.as_data()}


CUT_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def folded(word: str) -> str:
    """What the Snowball stemmer keeps a prefix of: lower case, ß -> ss, umlauts without dots."""
    return word.lower().replace("ß", "ss").replace("ä", "a").replace("ö", "o").replace("ü", "u")


def packed_stems(pairs) -> dict:
    """The stems of (stem, word) pairs as `cuts`, one character per word: how many letters the stemmer cuts off
    the folded word. The browser then need not stem thousands of lexicon words before the first search
    (retrieval.js: unpackStems). A stem that is not such a prefix (none known today) is listed in `odd` by position."""
    cuts = []
    odd = {}
    for i, (stem, word) in enumerate(pairs):
        base = folded(word)
        cut = len(base) - len(stem)
        if base.startswith(stem) and cut < len(CUT_DIGITS):
            cuts.append(CUT_DIGITS[cut])
        else:
            cuts.append("~")
            odd[str(i)] = stem
    return {"cuts": "".join(cuts), "odd": odd}
