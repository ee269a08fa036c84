"""Who is partner? The rules of generator/enrich/partners.py („Partner finden“, „Kommunen wie meine“)
and the honest contact on the pages, on small in-memory catalogues."""
from __future__ import annotations

import dataclasses

from enrich_support import ERZGEBIRGSKREIS, FREISING, GARMISCH, ZWICKAU, catalogue, project
from generator.enrich import enrich
from generator.enrich.partners import DERIVED_PER_CELL, declarations, finder
from generator.render import render_site

PLAUEN = "14523320"  # Stadt, Sachsen, 20.000–100.000 (like Zwickau)


def declaration(record_id: str, project_id: str, ags: str, relation: str = "nutzt", **fields) -> dict:
    record = {"id": record_id, "project": project_id, "relation": relation, "declarer": {"ags": ags},
              "date": "2026-10", "contact": {"organisation": "Stadtverwaltung"},
              "sources": [{"url": f"https://www.example.org/{record_id}"}], "last_reviewed": "2026-10-01"}
    record.update(fields)
    return record


def with_declarations(cat, *records):
    return dataclasses.replace(cat, declarations={r["id"]: r for r in records})


# --- Kommunen wie meine -----------------------------------------------------------------------------------------

def _peers(cat):
    e = enrich(cat, added={})
    return e.peers


def test_peers_are_same_type_and_size_class_same_land_first():
    cat = catalogue([project("zwickau-akte", ags=ZWICKAU), project("plauen-park", ags=PLAUEN, topics=["mobilitaet"]),
                     project("freising-park", ags=FREISING, topics=["mobilitaet"]),
                     project("garmisch-portal", ags=GARMISCH)])  # a Gemeinde of the same size: not a peer of a Stadt
    found = _peers(cat)[ZWICKAU]
    assert found.same_land == (PLAUEN,) and found.elsewhere == (FREISING,)


def test_peers_show_what_they_run_on_topics_the_municipality_lacks():
    cat = catalogue([project("zwickau-akte", ags=ZWICKAU, topics=["verwaltung"]),
                     project("plauen-park", ags=PLAUEN, topics=["mobilitaet"]),
                     project("plauen-akte", ags=PLAUEN, topics=["verwaltung"]),  # Zwickau has this topic already
                     project("plauen-idee", ags=PLAUEN, topics=["umwelt"], status="idee")])  # not running
    runs = _peers(cat)[ZWICKAU].runs
    assert [(r.peer, r.project, r.topic, r.declared) for r in runs] == [(PLAUEN, "plauen-park", "mobilitaet", False)]


def test_a_declared_solution_counts_as_running_for_the_peer_and_as_owned_for_the_declarer():
    cat = with_declarations(
        catalogue([project("koeln-park", topics=["mobilitaet"]), project("zwickau-akte", ags=ZWICKAU),
                   project("plauen-akte", ags=PLAUEN)]),
        declaration("plauen-nutzt-koeln-park", "koeln-park", PLAUEN))
    assert [(r.peer, r.project, r.declared) for r in _peers(cat)[ZWICKAU].runs] == [(PLAUEN, "koeln-park", True)]
    assert _peers(cat)[PLAUEN].runs == ()  # Plauen runs it itself


# --- Partner finden ---------------------------------------------------------------------------------------------

def test_finder_puts_stated_rows_before_derived_ones_and_names_each_body_once_per_project():
    cat = with_declarations(
        catalogue([project("koeln-park", topics=["mobilitaet"], seeking_partners=True, seeking="Städte für die Plattform",
                           open_to_exchange=True),
                   project("zwickau-park", ags=ZWICKAU, topics=["mobilitaet"], status="planung"),
                   project("plauen-park", ags=PLAUEN, topics=["mobilitaet"], status="abgeschlossen")]),
        declaration("zwickau-plant-koeln-park", "koeln-park", ZWICKAU, relation="plant"))
    rows = finder(cat, declarations(cat))
    assert [(r.land, r.kind, r.project) for r in rows] == [
        ("DE-NW", "sucht", "koeln-park"),  # seeking partners includes the wish for exchange: one row
        ("DE-SN", "plant", "koeln-park"),
        ("DE-SN", "aktiv", "zwickau-park"),  # active; Plauen's project is completed and not listed
    ]
    assert rows[0].note == "Städte für die Plattform"


def test_derived_rows_are_capped_per_topic_and_land_with_the_rest_counted_on_the_page():
    projects = [project(f"koeln-{i:02d}", topics=["mobilitaet"], status="umsetzung") for i in range(DERIVED_PER_CELL + 3)]
    cat = catalogue(projects)
    page = render_site(cat, enrich(cat, added={}))["uebersichten/partner-finden.md"]
    assert page.count('class="kdk-pf-row kdk-pf-aktiv"') == DERIVED_PER_CELL
    assert "Nordrhein-Westfalen: 3 weitere aktive Projekte" in page


def test_partner_page_without_any_wish_still_shows_active_projects_and_how_to_take_part():
    cat = catalogue([project("koeln-akte", status="umsetzung")])
    page = render_site(cat, enrich(cat, added={}))["uebersichten/partner-finden.md"]
    assert "Arbeitet am Thema" in page and "koeln-akte.html" in page
    assert "## So machen Sie mit" in page and "Nachnutzung oder Interesse melden" in page
    assert "seeking_partners" not in page and "open_to_exchange" not in page


# --- honest contacts --------------------------------------------------------------------------------------------

def test_without_mailbox_or_contact_page_the_project_page_says_contact_via_the_municipality():
    cat = catalogue([project("koeln-akte", contact={"organisation": "Stadt Köln"})])
    page = render_site(cat, enrich(cat, added={}))["projekte/koeln-akte.md"]
    contact = page.split("<dt>Kontakt</dt>", 1)[1].split("</dd>", 1)[0]
    assert "Kontakt: über die Kommune" in contact and "kommunen/koeln-05315000.html" in contact
    assert "Kontaktseite" not in contact


def test_a_contact_page_is_labelled_as_such_and_no_fallback_is_shown():
    cat = catalogue([project("koeln-akte")])
    contact = render_site(cat, enrich(cat, added={}))["projekte/koeln-akte.md"].split("<dt>Kontakt</dt>", 1)[1].split("</dd>", 1)[0]
    assert '<a href="https://www.example.org/kontakt" rel="noopener noreferrer nofollow">Kontaktseite</a>' in contact
    assert "über die Kommune" not in contact


def test_an_undated_source_is_never_shown_as_a_present_state():
    cat = with_declarations(catalogue([project("koeln-park")]),
                            declaration("zwickau-nutzt-koeln-park", "koeln-park", ZWICKAU, date="2026-11-27"))
    section = render_site(cat, enrich(cat, added={}))["projekte/koeln-park.md"].split("## Nachnutzung und Interesse", 1)[1]
    assert "laut Quelle (ohne Datum, gelesen 27.11.2026)" in section and "Stand 27.11.2026" not in section


def test_a_declaring_municipality_gets_a_page_without_links_to_kreis_pages_that_do_not_exist():
    eschborn = "06436003"  # Stadt im Main-Taunus-Kreis, which has no records here
    cat = with_declarations(catalogue([project("koeln-park")]), declaration("eschborn-nutzt-koeln-park", "koeln-park", eschborn))
    pages = render_site(cat, enrich(cat, added={}))
    page = pages["kommunen/eschborn-06436003.md"]
    assert "Main-Taunus-Kreis" in page and "main-taunus-kreis-06436.html" not in page
    assert "kommunen/main-taunus-kreis-06436.md" not in pages
    assert "koeln-park.html" in page.split("## Nachnutzung und Interesse", 1)[1]



def test_peers_of_a_landkreis_name_its_class_once():
    vogtlandkreis = "14523"
    cat = catalogue([project("erzgebirge-akte", ags=ERZGEBIRGSKREIS), project("vogtland-akte", ags=vogtlandkreis),
                     project("zwickau-akte", ags=ZWICKAU), project("plauen-akte", ags=PLAUEN)])
    pages = render_site(cat, enrich(cat, added={}))
    kreis = pages["kommunen/erzgebirgskreis-14521.md"]
    assert "mit derselben Art und Größenklasse (Landkreis):" in kreis and "Landkreis, Landkreis" not in kreis
    stadt = pages["kommunen/zwickau-14524330.md"]
    assert "mit derselben Art und Größenklasse (Stadt, 20.000 bis 100.000 Einwohner):" in stadt
