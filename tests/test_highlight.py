"""Highlighting on the search page (docs/assets/katalog/retrieval.js: Analyzer.marks, used by suche.js): every word
of a hit's title and summary whose analysis meets a term of the query is marked – the word itself, a part of a
compound, a synonym from the thesaurus, a thesaurus phrase – never a stop word. Run under Node on the real
catalogue's search data."""
from __future__ import annotations

from pathlib import Path

from conftest import REPO_ROOT
from export_support import payload
from generator.export.site_data import SEARCH_COLUMNS
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


DELBRUECK = ("Delbrück testete mit regio IT ein LoRaWAN-Funknetz mit Gateways in Delbrück, Ostenland und Westenholz, etwa "
             "für Grundwasserstände und Kühlraumtemperaturen, und sammelte in neun Workshops weitere Ideen. Seit Anfang "
             "2020 baut die Stadt in der geförderten Phase „Lorawan 2.0“ ein stadtweites Netz aus; Daten von "
             "Parksensoren, Wetterstationen und Pegeln zeigt ein öffentliches Dashboard.")


def snippets(*triples) -> list:
    return run_js(data_site(REAL), {"snippets": [list(t) for t in triples]})["snippets"]


def test_a_long_text_is_cut_around_the_first_marked_word():
    [(shown, marked)] = snippets(("Parksensoren", DELBRUECK, 200))
    assert marked == ["Parksensoren"]
    assert shown.startswith("… ") and shown.endswith("öffentliches Dashboard.") and 150 < len(shown) <= 202
    assert "Daten von Parksensoren" in shown


def test_a_text_with_its_first_marked_word_early_is_cut_at_the_end():
    [(shown, marked)] = snippets(("Delbrück", DELBRUECK, 200))
    assert shown.startswith("Delbrück testete") and shown.endswith(" …") and marked == ["Delbrück", "Delbrück"]


def test_a_short_text_is_shown_whole():
    [(shown, marked)] = snippets(("Sensoren", "Sensoren melden freie Parkplätze.", 200))
    assert shown == "Sensoren melden freie Parkplätze." and marked == ["Sensoren"]


def shipped_summary(record_id: str) -> str:
    """The summary of a record as the search page receives it (api/web/suche-d-*.js)."""
    column = {name: i for i, name in enumerate(SEARCH_COLUMNS)}
    for chunk in sorted((Path(data_site(REAL)) / "api" / "web").glob("suche-d-*.js")):
        for row in payload(chunk)[1]:
            if row[column["id"]] == record_id:
                return row[column["summary"]]
    raise AssertionError(f"{record_id} fehlt in den Suchdaten")


def test_the_search_data_carry_the_whole_summary_so_a_late_match_is_marked():
    summary = shipped_summary("lorawan-pilot-delbrueck")
    assert summary == DELBRUECK
    [(_shown, marked)] = snippets(("Parksensoren", summary, 200))
    assert marked == ["Parksensoren"]
