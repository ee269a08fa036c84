"""Ideen-Check logic (generator/ideas.py) on constructed catalogues where the right answer is known."""
from __future__ import annotations

import pytest

from enrich_support import (BANNEWITZ, DRESDEN, ERZGEBIRGSKREIS, FREISING, GARMISCH, KOELN, ZWICKAU, catalogue, programme,
                            project)
from generator import ideas
from generator.enrich import light, retrieval
from generator.enrich.deadlines import all_statuses
from generator.reference import default_reference

IDEA = "Wir möchten den Verkehrslärm an Hauptstraßen mit Sensoren messen und die Werte online zeigen"

NOISE = project("laermsensoren-hauptstrassen", ags=FREISING, title="Lärmsensoren an Hauptstraßen",
                summary="Sensoren messen den Verkehrslärm an drei Hauptstraßen; die Messwerte stehen online in einer Karte.",
                topics=["umwelt", "mobilitaet"], status="abgeschlossen",
                experience={"outcome": "Die Messwerte halfen beim Lärmaktionsplan.", "would_do_again": "ja"},
                budget={"total_eur": 90000}, seeking_partners=True, seeking="Städte für eine gemeinsame Auswertung")
PARKING = project("parksensoren", ags=ZWICKAU, title="Parksensoren in der Altstadt",
                  summary="Sensoren melden freie Parkplätze in der Altstadt an eine App.", topics=["mobilitaet"])
PORTAL = project("buergerportal", ags=GARMISCH, title="Bürgerportal für Online-Anträge",
                 summary="Anträge wie die Meldebescheinigung gibt es online im Bürgerportal.", topics=["verwaltung"],
                 open_to_exchange=True)

SAXONY_ONLY = programme("laerm-sachsen", title="Lärmschutz digital Sachsen", level="land", lands=["DE-SN"],
                        topics=["umwelt"], eligible=["gemeinde", "stadt"])
BAVARIA_ONLY = programme("laerm-bayern", title="Umweltdaten Bayern", level="land", lands=["DE-BY"],
                         topics=["umwelt"], eligible=["gemeinde", "stadt"])
NATIONWIDE = programme("umwelt-bund", title="Umweltmessnetze Bund", topics=["umwelt", "mobilitaet"],
                       eligible=["gemeinde", "stadt", "kreisfreie-stadt"])
KREIS_ONLY = programme("kreis-bund", title="Kreise digital", topics=["umwelt"], eligible=["landkreis"])
ADMIN = programme("verwaltung-bund", title="Verwaltung digital", topics=["verwaltung"])


def run(projects, funding=(NATIONWIDE,), asker=None, text=IDEA):
    cat = catalogue(projects, funding)
    return ideas.check(text, cat.projects, cat.funding, all_statuses(cat.funding, cat.build_date),
                       asker or ideas.Asker(), retrieval.build(cat))


def municipality(key):
    return ideas.asker_for_municipality(default_reference().get(key))


def test_best_match_is_the_project_describing_the_same_idea():
    result = run([PARKING, NOISE, PORTAL])
    assert result.projects[0].id == "laermsensoren-hauptstrassen"
    assert result.projects[0].reasons[0].startswith("ähnliche Beschreibung (")
    assert "Verkehrslärm" in result.projects[0].reasons[0]


def test_a_project_sharing_a_single_word_is_not_similar():
    result = run([PARKING, NOISE, PORTAL])  # "Sensoren" alone links the parking project
    assert [h.id for h in result.projects] == ["laermsensoren-hauptstrassen"]
    assert result.total == 1


def test_unrelated_project_in_the_same_land_and_size_class_is_not_listed():
    result = run([NOISE, PORTAL], asker=municipality(GARMISCH))
    assert "buergerportal" not in [h.id for h in result.projects]


def test_same_land_and_similar_size_rank_an_equally_similar_project_up():
    twin_saxony = dict(NOISE, id="laerm-zwickau", municipalities=[{"ags": ZWICKAU, "role": "lead"}])
    twin_bavaria = dict(NOISE, id="laerm-freising", municipalities=[{"ags": FREISING, "role": "lead"}])
    saxon = run([twin_saxony, twin_bavaria], asker=municipality(ZWICKAU))
    bavarian = run([twin_saxony, twin_bavaria], asker=municipality(FREISING))
    assert [h.id for h in saxon.projects] == ["laerm-zwickau", "laerm-freising"]
    assert [h.id for h in bavarian.projects] == ["laerm-freising", "laerm-zwickau"]
    assert "ebenfalls in Sachsen" in saxon.projects[0].reasons
    assert "ähnliche Gemeindegröße (20.000 bis 100.000 Einwohner)" in saxon.projects[0].reasons
    assert saxon.projects[0].score == pytest.approx(saxon.projects[1].score + 0.03)  # same size class, other Land


def test_score_is_the_site_formula_for_text_size_and_land():
    result = run([NOISE], asker=municipality(FREISING))
    hit = result.projects[0]
    assert hit.score == round(0.45 * hit.text + 0.07 + 0.03, 6)


def test_topics_of_the_idea_come_from_its_best_hits():
    assert run([PARKING, NOISE, PORTAL]).topics == ["mobilitaet", "umwelt"]


def test_bavarian_gemeinde_never_sees_a_saxony_only_programme():
    result = run([NOISE], [SAXONY_ONLY, BAVARIA_ONLY, NATIONWIDE], asker=municipality(GARMISCH))
    ids = [p.id for p in result.programmes]
    assert "laerm-sachsen" not in ids
    assert set(ids) == {"laerm-bayern", "umwelt-bund"}
    bavaria = next(p for p in result.programmes if p.id == "laerm-bayern")
    assert bavaria.reasons == ("Handlungsfeld: Umwelt", "gilt in Bayern", "antragsberechtigt: Gemeinde", "laufend, ohne Stichtag")


def test_saxon_gemeinde_sees_the_saxony_programme():
    ids = [p.id for p in run([NOISE], [SAXONY_ONLY, BAVARIA_ONLY], asker=municipality(BANNEWITZ)).programmes]
    assert ids == ["laerm-sachsen"]


def test_applicant_type_must_be_eligible():
    # Dresden is a kreisfreie Stadt; the Saxony programme names only gemeinde and stadt
    assert [p.id for p in run([NOISE], [SAXONY_ONLY, KREIS_ONLY], asker=municipality(DRESDEN)).programmes] == []
    assert [p.id for p in run([NOISE], [SAXONY_ONLY, KREIS_ONLY], asker=municipality(ERZGEBIRGSKREIS)).programmes] == ["kreis-bund"]


def test_land_and_size_class_without_municipality():
    result = run([NOISE], [SAXONY_ONLY, KREIS_ONLY, NATIONWIDE], asker=ideas.asker_for("DE-SN", "5000-20000"))
    ids = {p.id: p for p in result.programmes}
    assert set(ids) == {"laerm-sachsen", "umwelt-bund"}  # a Gemeinde of that size is no Landkreis
    assert ids["laerm-sachsen"].reasons[2] == "antragsberechtigt: Gemeinde, Stadt"
    kreis = run([NOISE], [SAXONY_ONLY, KREIS_ONLY], asker=ideas.asker_for("DE-SN", "landkreis"))
    assert [p.id for p in kreis.programmes] == ["kreis-bund"]


def test_without_land_only_nationwide_programmes():
    result = run([NOISE], [SAXONY_ONLY, BAVARIA_ONLY, NATIONWIDE])
    assert [p.id for p in result.programmes] == ["umwelt-bund"]
    assert result.programmes[0].reasons[1] == "gilt bundesweit"


def test_programmes_only_on_the_ideas_topics():
    result = run([NOISE], [ADMIN, NATIONWIDE], asker=municipality(GARMISCH))
    assert [p.id for p in result.programmes] == ["umwelt-bund"]


def test_open_programmes_come_first():
    closed = programme("umwelt-zu", title="Umwelt geschlossen", topics=["umwelt"], application={"status": "geschlossen"})
    open_ = programme("umwelt-offen", title="Umwelt offen", topics=["umwelt"],
                      application={"status": "offen", "deadlines": ["2027-03-31"]})
    result = run([NOISE], [closed, open_, NATIONWIDE], asker=municipality(GARMISCH))
    assert [p.id for p in result.programmes] == ["umwelt-offen", "umwelt-bund", "umwelt-zu"]
    assert result.programmes[0].label == "Offen bis 31.03.2027"


def test_partners_are_similar_projects_seeking_partners_or_exchange():
    result = run([NOISE, PARKING, PORTAL])
    assert [h.id for h in result.partners] == ["laermsensoren-hauptstrassen"]
    assert run([PORTAL], text="Online-Anträge im Bürgerportal").partners[0].id == "buergerportal"


def test_no_similar_project_gives_no_topics_and_no_programmes():
    result = run([PORTAL], text="Drohnen für die Feuerwehr")
    assert (result.projects, result.total, result.topics, result.programmes) == ([], 0, [], [])


def test_project_facts_report_experience_and_cost():
    cat = catalogue([NOISE])
    facts = ideas.project_facts(cat.projects["laermsensoren-hauptstrassen"], cat.funding,
                                light(cat).projects["laermsensoren-hauptstrassen"])
    assert facts["experience"] == {"outcome": "Die Messwerte halfen beim Lärmaktionsplan.", "would_do_again": "ja"}
    assert facts["budget"] == {"total_eur": 90000}
    assert facts["place"]["name"] == "Freising" and facts["place"]["land"] == "DE-BY"
    assert facts["seeking_partners"] and facts["seeking"] == "Städte für eine gemeinsame Auswertung"


def test_name_search_exact_names_first_and_kreisfreie_stadt_once():
    found = ideas.find_municipalities(default_reference(), "Köln")
    assert found[0].key == KOELN
    assert [m.key for m in found].count(KOELN) == 1 and "05315" not in [m.key for m in found]
    assert ideas.find_municipalities(default_reference(), "koeln")[0].key == KOELN


def test_name_search_lists_the_stadt_before_the_landkreis_of_the_same_name():
    found = ideas.find_municipalities(default_reference(), "Gießen")
    assert [(m.key, m.level) for m in found[:2]] == [("06531005", "gemeinde"), ("06531", "kreis")]


def test_name_search_prefix_and_substring():
    keys = [m.key for m in ideas.find_municipalities(default_reference(), "Garmisch", limit=20)]
    assert GARMISCH in keys
    assert ideas.find_municipalities(default_reference(), "   ") == []


def test_saarland_takes_the_article():
    saarland = dict(NOISE, id="laerm-saarbruecken", municipalities=[{"ags": "10041100", "role": "lead"}])
    result = run([saarland], asker=ideas.asker_for("DE-SL"))
    assert "ebenfalls im Saarland" in result.projects[0].reasons


# --- reasons name what matched in the project (a synonym, a part of the idea's compound) ---------------------------

FREE_SPACES = project("freie-parkplaetze", ags=ZWICKAU, title="Freie Parkplätze in der Altstadt",
                      summary="Sensoren melden belegte Parkplätze in der Altstadt an eine App.", topics=["mobilitaet"])
BENCHES = project("neue-baenke", ags=FREISING, title="Neue Bänke im Park",
                  summary="Im Park und auf dem Platz am Rathaus stehen Bänke mit Solarmodulen.", topics=["umwelt"])


def test_a_synonym_in_a_reason_is_the_projects_word_marked_as_such():
    result = run([FREE_SPACES], text="Stellplätze in der Altstadt")
    assert result.projects[0].reasons[0] == "ähnliche Beschreibung (Altstadt, Parkplatz [gleichbedeutend mit Stellplätze])"


def test_a_compound_in_a_reason_is_named_by_the_parts_the_project_has():
    result = run([FREE_SPACES, BENCHES], text="Parksensoren")  # the benches teach the catalogue "Park" and "Platz"
    assert result.projects[0].id == "freie-parkplaetze"
    assert result.projects[0].reasons[0] == "ähnliche Beschreibung (Sensoren, Park)"


def test_a_project_with_the_ideas_whole_word_is_named_by_that_word():
    result = run([PARKING], text="Parksensoren")
    assert result.projects[0].reasons[0] == "ähnliche Beschreibung (Parksensoren)"
