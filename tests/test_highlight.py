"""Highlighting on the search page (docs/assets/katalog/retrieval.js: Analyzer.marks, used by suche.js): every word
of a hit's title and summary whose analysis meets a term of the query is marked – the word itself, a part of a
compound, a synonym from the thesaurus, a thesaurus phrase – never a stop word. Run under Node on the real
catalogue's search data."""
from __future__ import annotations

from conftest import REPO_ROOT
from retrieval_support import data_site, run_js

REAL = str(REPO_ROOT / "catalogue")


def marks(*pairs) -> list:
    return run_js(data_site(REAL), {"marks": [list(p) for p in pairs]})["marks"]


def test_words_meeting_the_parts_of_a_query_compound_are_marked():
    [found] = marks(("Parksensoren", "Sensoren melden freie Parkplätze; in der Kita gibt es Plätze"))
    assert found == ["Sensoren", "Parkplätze"]


def test_the_word_typed_is_marked_in_any_form():
    [found] = marks(("Parksensoren", "Daten von Parksensoren, Wetterstationen und Pegeln"))
    assert found == ["Parksensoren"]


def test_synonyms_of_the_query_word_are_marked():
    [found] = marks(("Stellplätze", "Freie Parkplätze und Parkhäuser in der Innenstadt"))
    assert found == ["Parkplätze", "Parkhäuser"]


def test_a_thesaurus_phrase_is_marked_as_a_whole():
    [found] = marks(("Breitband", "Schnelles Internet für alle Dörfer, auch per Glasfaser"))
    assert found == ["Schnelles", "Internet", "Glasfaser"]


def test_stop_words_are_never_marked():
    [found] = marks(("die Schulen und das WLAN", "Die Schulen und das WLAN der Stadt"))
    assert found == ["Schulen", "WLAN"]
