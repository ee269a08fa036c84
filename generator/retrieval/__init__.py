"""The retrieval core: one text analysis and one ranking for every way of finding records.

Used by the site search (page and header field on every page), the explorers' free text,
`katalog suche`, and – through the same analysis and the similarity score of
generator/enrich/similarity.py – the Ideen-Check, the similar-project links and the portfolio twins.
docs/assets/katalog/retrieval.js is the exact JavaScript port (checked under Node by the tests).

* analysis.py: words, stems, compound parts (lexicon from the catalogue's own words), typo
  variants, and the query's concepts with their alternatives (synonyms from the thesaurus).
* thesaurus.py: the thesaurus vocabulary (catalogue/vocabularies/thesaurus.yaml).
* index.py: BM25 over weighted fields, ranked OR, integer points.
* constants.py: the constants the JavaScript receives with the data.

The core of one catalogue (lexicon, thesaurus, search index, project corpus) is built by
generator/enrich/retrieval.py. Nothing here imports from enrich/, export/ or render/.
"""
from __future__ import annotations
