"""The JavaScript retrieval core (docs/assets/katalog/retrieval.js, run under Node) computes exactly what the
Python core computes: stems, words, query concepts, search ranking, notes and suggestions, and the Ideen-Check's
similar projects – on the real catalogue and on a synthetic catalogue of 400 projects (above the size where the
common-word rule starts)."""
from __future__ import annotations

import pytest
import yaml

from conftest import REPO_ROOT
from generator import formats, ideas, text
from generator.retrieval import index as core_index
from retrieval_support import data_site, loaded, run_js, synthetic_catalogue

REAL = str(REPO_ROOT / "catalogue")
RELEVANCE = [item["q"] for name in ("queries.yaml", "queries-nach-qa.yaml")
             for item in yaml.safe_load((REPO_ROOT / "bench" / "relevance" / name).read_text(encoding="utf-8"))]
EXTRA = ["Glasf", "park", "und die der", "Kiat", "Digitalisierug", "Stellplätze Innenstadt", "E-Akte Kreis",
         "Sensoren an Parkplätzen", "Kindergartenplatz", "Open Data", "the and of", "Wärmeplanung", "Mängelmeldung",
         "Bürgerbeteiligung", "Zzyzx", "Straßenbeleuchtung LED", "Glasfaserausbau in Ortsteilen"]
SYNTH = ["Sensoren an Parkplätzen", "Parksensoren", "Kita-Platzvergabe online", "Glasfaserausbau", "Starkregen",
         "Dorfapp", "Bürgerportal Online-Antrag", "digitaler Zwilling der Innenstadt", "Energiemonitoring", "Telemedizn",
         "Sirenen Warnsystem", "Leerstand Innenstadt Einzelhandel", "Radverkehr", "Museum digital", "Ferienpass"]
# words with umlauts, ß, ae/oe/ue spellings, u/y between vowels and every suffix class of the German stemmer
TRICKY = """Parkplätzen Parkplätze Parkplatz Häuser Hauses Bürgerinnen Bürgerin Bürgern Straßen Strasse Systemen
System Zeugnisse Erkenntnissen Verwaltungen Verwaltung Möglichkeiten Freundlichkeit Heiterkeit Traurigkeit
Zufriedenheit Beleuchtung Abrechnungen erinnern erinnerst geordnet geplant getrickst Internetseiten Qualität
Quelle aufeinander bauen Bauer Bayern Mayer Kreuz Feuerwehr beweglichsten Möglichkeit lustig ehrlich
wichtigsten Häuschen Ärztinnen Müllabfuhr Öffnungszeiten Übersicht Kaufleuten Digitalisierungsbeauftragte
Wärmeplanung nachnutzbar ÖPNV LoRaWAN Glasfaserausbau Ladesäulen-Kataster Mängelmelder Sensordaten-Plattform
kreisangehörigen Einwohnerinnen gegenwärtig Heiterkeitsgrad endlich verständlich Ländern Bäumen Rathäuser
Zweckverbänden ausgeschrieben Ausschreibungen Beteiligungsplattformen Gemeindeverwaltungen""".split()
IDEAS = [("Sensoren an Parkplätzen in der Innenstadt melden freie Plätze an eine App", {}),
         ("Parksensoren in der Innenstadt", {"land": "DE-HE", "size": "20000-100000"}),
         ("Chatbot", {}), ("Kindergartenplatz online vormerken", {"land": "DE-BY"}),
         ("Die Kreisverwaltung will alle Akten digital führen", {"size": "landkreis"}),
         ("Frühwarnsystem bei Starkregen und Hochwasser für die Bevölkerung", {})]


def python_search(root: str, queries: list) -> list:
    _catalogue, core, _statuses = loaded(root)
    out = []
    for query in queries:
        result = core_index.search(core.search, query)
        out.append({"concepts": [c.as_list() for c in result.concepts], "ranked": [list(r) for r in result.ranked],
                    "found": [list(f) for f in result.found], "suggestion": result.suggestion})
    return out


def python_ideas(root: str, requests: list) -> list:
    _catalogue, core, _statuses = loaded(root)
    out = []
    for idea_text, asker in requests:
        who = ideas.asker_for(asker.get("land", ""), asker.get("size", ""))
        idea = ideas.idea_doc(idea_text, core.projects, who, core.lexicon, core.thesaurus)
        hits = ideas.similar_projects(core.projects, idea)
        out.append([(core.projects.position[h.id], h.score, h.text, list(h.reasons)) for h in hits[:ideas.TOP_PROJECTS]]
                   + [len(hits)])
    return out


def same_ideas(js: list, python: list):
    for got, want in zip(js, python):
        assert got["total"] == want[-1]
        assert [p[0] for p in got["projects"]] == [w[0] for w in want[:-1]]
        for (_doc, score, text_sim, reasons), (_d, w_score, w_text, w_reasons) in zip(got["projects"], want[:-1]):
            assert score == pytest.approx(w_score, abs=1e-6) and text_sim == pytest.approx(w_text, abs=1e-6)
            assert reasons == w_reasons


def test_javascript_stemmer_equals_python_snowball():
    words = set(TRICKY)
    for path in list((REPO_ROOT / "tests" / "fixtures").rglob("*.yaml")) + list((REPO_ROOT / "catalogue").rglob("*.yaml")):
        words.update(text.words(path.read_text(encoding="utf-8")))
    words = sorted(words)
    stems = run_js(data_site(REAL), {"stems": words})["stems"]
    assert len(words) > 1000
    assert [(w, s) for w, s in zip(words, stems) if s != text.stem(w)] == []


def test_shipped_lexicon_stems_unpack_to_the_python_stems():
    pairs = run_js(data_site(REAL), {"lexiconStems": True})["lexiconStems"]  # the search's, then the Ideen-Check's
    assert len(pairs) > 2000
    assert [(w, s) for w, s in pairs if s != text.stem(w)] == []


def test_numbers_money_and_dates_read_the_same_in_the_browser_and_in_python():
    numbers = [0, 7, 999, 1000, 45000, 1085664, 17500000, 2.5, 12.5]
    euros = [0, 312000, 1237000, 14400000]
    days = ["2026-12-02", "2027-03-31", "2026-03", "2026"]
    got = run_js(data_site(REAL), {"formats": {"number": numbers, "euro": euros, "dates": days}})["formats"]
    assert got == {"number": [formats.number(n) for n in numbers], "euro": [formats.euro(n) for n in euros],
                   "dates": [formats.german_date(d) for d in days]}


def test_javascript_tokenizer_equals_python():
    sample = "Die E-Akte für 12 Ämter, LoRaWAN-Netz & Open-Data-Portal (2024): Bürger*innen über ÖPNV-Apps, z. B. in Köln and the city."
    got = run_js(data_site(REAL), {"words": [[sample, sorted(text.STOP_WORDS), text.MIN_LENGTH]]})["words"]
    assert got == [text.words(sample)]


def test_search_equals_python_on_the_real_catalogue():
    queries = RELEVANCE + EXTRA
    assert run_js(data_site(REAL), {"search": queries})["search"] == python_search(REAL, queries)


@pytest.mark.slow  # seconds of CPU: left out of make test-fast, run by make test
def test_search_equals_python_on_a_synthetic_catalogue_of_400_projects():
    root = synthetic_catalogue()
    assert run_js(data_site(root), {"search": SYNTH})["search"] == python_search(root, SYNTH)


def test_ideen_check_equals_python_on_the_real_catalogue():
    requests = IDEAS + [(q, {}) for q in RELEVANCE]
    same_ideas(run_js(data_site(REAL), {"ideas": requests})["ideas"], python_ideas(REAL, requests))


@pytest.mark.slow  # seconds of CPU: left out of make test-fast, run by make test
def test_ideen_check_equals_python_on_a_synthetic_catalogue_of_400_projects():
    root = synthetic_catalogue()
    _catalogue, core, _s = loaded(root)
    assert len(core.projects.idf) < len(core.projects.df)  # the common-word rule is at work at this size
    requests = [(q, {}) for q in SYNTH] + [(q, {"land": "DE-NW", "size": "20000-100000"}) for q in SYNTH]
    same_ideas(run_js(data_site(root), {"ideas": requests})["ideas"], python_ideas(root, requests))
