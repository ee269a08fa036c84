"""Render stage on its own: (catalogue, enriched) -> Markdown pages, no MkDocs involved."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from generator import build
from generator.catalogue import load_catalogue
from generator.enrich import enrich
from generator.render import base, render_site

BUILD_DATE = dt.date(2026, 11, 27)


def rendered(root: Path, build_date: dt.date = BUILD_DATE):
    catalogue, run = load_catalogue(root, build_date=build_date)
    assert catalogue is not None, [f.message for f in run.errors]
    enriched = enrich(catalogue, added={})
    return catalogue, enriched, render_site(catalogue, enriched)


def section(markdown: str, heading: str) -> str:
    """The Markdown between `## heading` and the next `## `."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, re.S | re.M)
    assert match, heading
    return match.group(1)


def front(markdown: str) -> dict:
    assert markdown.startswith("---\n")
    return yaml.safe_load(markdown.split("---\n", 2)[1])


@pytest.fixture(scope="module")
def fixture_pages():
    return rendered(Path(__file__).resolve().parent / "fixtures" / "catalogue")


def add_project(root: Path, record_id: str, text: str) -> None:
    (root / "projects" / f"{record_id}.yaml").write_text(text, encoding="utf-8")


# A near-twin of the Köln project in München (similar text, same topics and tags, same size class).
MUENCHEN_PARKEN = """\
id: muenchen-smart-parking
title: Smart Parking in der Altstadt
summary: Sensoren melden freie Parkplätze in der Altstadt; eine App zeigt Besuchern den Weg zum nächsten freien Platz.
description: |
  Die Stadt hat 150 Sensoren über ein LoRaWAN-Netz angebunden.
municipalities:
  - ags: "09162000"
    role: lead
topics: [mobilitaet, stadtentwicklung]
tags: [LoRaWAN, Parken, Sensoren]
status: betrieb
start: "2024-01"
contact:
  organisation: Landeshauptstadt München, IT-Referat
  email: digital@muenchen.example
sources:
  - url: https://www.example.org/muenchen-parken
last_reviewed: "2026-10-01"
"""


def mobility_project(record_id: str, ags: str, town: str) -> str:
    """A Stadt's parking project: topic, applicant type and status fit digital-sachsen; only the Land decides."""
    return MUENCHEN_PARKEN.replace("muenchen-smart-parking", record_id).replace('"09162000"', f'"{ags}"') \
        .replace("Landeshauptstadt München", f"Stadt {town}").replace("in der Altstadt", f"in {town}")


def test_each_record_gets_exactly_one_page(fixture_pages):
    catalogue, _enriched, pages = fixture_pages
    for pid in catalogue.projects:
        assert [p for p in pages if p.startswith("projekte/") and Path(p).stem == pid] == [base.project_page(pid)]
    for fid in catalogue.funding:
        assert [p for p in pages if p.startswith("foerderprogramme/") and Path(p).stem == fid] == [base.programme_page(fid)]
    assert set(p for p in pages if p.startswith("projekte/")) == {base.project_page(pid) for pid in catalogue.projects}


def test_same_catalogue_and_date_give_identical_markdown(fixture_pages):
    fixture = Path(__file__).resolve().parent / "fixtures" / "catalogue"
    assert rendered(fixture)[2] == fixture_pages[2]


def test_written_files_are_byte_identical_across_builds(tmp_path):
    fixture = Path(__file__).resolve().parent / "fixtures" / "catalogue"
    snapshots = []
    for run in range(2):
        docs = tmp_path / f"docs{run}"
        (docs / "projekte").mkdir(parents=True)
        (docs / "projekte" / "veraltet.md").write_text("alt", encoding="utf-8")  # a leftover of an earlier build
        (docs / "handgeschrieben.md").write_text("bleibt", encoding="utf-8")
        build.write(build.generate(fixture, BUILD_DATE), docs)
        snapshots.append({p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*.md"))})
    assert snapshots[0] == snapshots[1]
    assert "projekte/veraltet.md" not in snapshots[0]
    assert snapshots[0]["handgeschrieben.md"] == b"bleibt"


def test_front_matter_is_yaml_with_only_our_keys(fixture_pages):
    for path, text in fixture_pages[2].items():
        meta = front(text)
        assert set(meta) <= {"title", "description", "hide", "search"}, path
        assert meta.get("search", {"exclude": False}) in ({"exclude": True}, {"exclude": False}), path
        if path == "index.md":  # the start page's title is its heading, so the tab reads the site name once
            assert "title" not in meta and "\n# Kommunaler Digitalisierungskatalog\n" in text
        else:
            assert meta["title"]


def test_record_pages_are_searchable_and_long_lists_are_not(fixture_pages):
    pages = fixture_pages[2]
    assert "search" not in front(pages["projekte/koeln-smart-parking.md"])
    assert "search" not in front(pages["foerderprogramme/smart-city-bund.md"])
    assert "search" not in front(pages["kommunen/koeln-05315000.md"])
    for listing in ("themen/mobilitaet.md", "laender/bayern.md", "foerderprogramme/index.md", "index.md"):
        assert front(pages[listing])["search"] == {"exclude": True}, listing


def test_titles_in_front_matter_cannot_open_markup_or_entities():
    assert base.meta_text('A <b> "x" &lt; & B\n---\ntemplate: x') == "A ‹b› ”x” &\u200blt; & B --- template: x"


def test_project_page_shows_the_facts(fixture_pages):
    text = fixture_pages[2]["projekte/koeln-smart-parking.md"]
    facts = text.split("## Beschreibung")[0]
    for expected in ('<a href="../kommunen/koeln-05315000.html">Köln</a>', "Nordrhein-Westfalen", "Kreisfreie Stadt",
                     "Einwohner (über 100.000 Einwohner)", "04/2023 bis 31.12.2025", "Mobilität &amp; Verkehr",
                     "LoRaWAN", "Gesamtkosten 480.000 €", "Eigenanteil 168.000 €",
                     '<a href="../foerderprogramme/smart-city-bund.html">Modellprojekte Smart City (Testprogramm Bund)</a>: 312.000 €',
                     "Open Source: ja (EUPL-1.2)", "https://gitlab.opencode.de/beispiel/parken",
                     '<a href="mailto:digitalisierung@stadt-koeln.example">', "Städte, die die Sensordaten-Plattform mitnutzen möchten"):
        assert expected in facts, expected
    sources = section(text, "Quellen")
    assert "Stand 01.06.2025" in sources and "Zuletzt geprüft: 01.11.2026" in sources
    assert "koeln-smart-parking.yaml" in sources


def test_edit_link_points_at_the_record_file_when_the_repository_is_known(monkeypatch):
    monkeypatch.setenv("KATALOG_REPO_URL", "https://github.com/beispiel/katalog")
    _c, _e, pages = rendered(Path(__file__).resolve().parent / "fixtures" / "catalogue")
    assert re.search(r'<a href="https://github.com/beispiel/katalog/edit/main/[^"]*projects/koeln-smart-parking\.yaml"[^>]*>Eintrag bearbeiten</a>',
                     pages["projekte/koeln-smart-parking.md"])


def test_contact_form_link_when_no_mailbox(fixture_pages):
    facts = fixture_pages[2]["projekte/dresden-parkleitsystem.md"].split("## ")[0]
    assert '<a href="https://www.example.org/dresden-kontakt" rel="noopener noreferrer nofollow">Kontaktseite</a>' in facts


def test_record_markdown_is_rendered_by_the_generator_inside_a_raw_block(fixture_pages):
    text = section(fixture_pages[2]["projekte/koeln-smart-parking.md"], "Beschreibung")
    assert text.strip().startswith('<div class="kdk-text">') and text.strip().endswith("</div>")
    assert "<strong>120 Sensoren</strong>" in text and "<li>Pilot in zwei Straßen</li>" in text
    assert "**" not in text


def test_near_twin_is_the_top_similar_project_with_its_reasons(catalogue_copy):
    add_project(catalogue_copy, "muenchen-smart-parking", MUENCHEN_PARKEN)
    _c, enriched, pages = rendered(catalogue_copy)
    assert enriched.similar_projects["koeln-smart-parking"][0].id == "muenchen-smart-parking"
    similar = section(pages["projekte/koeln-smart-parking.md"], "Ähnliche Projekte")
    first = similar.split("<li>")[1]
    assert 'href="muenchen-smart-parking.html">Smart Parking in der Altstadt</a>' in first
    assert "gleiche Handlungsfelder: Mobilität &amp; Verkehr, Stadtentwicklung &amp; Smart City" in first
    assert "gemeinsame Schlagworte: LoRaWAN, Parken, Sensoren" in first and "ähnliche Gemeindegröße" in first


def test_bayern_project_never_gets_a_sachsen_only_programme(catalogue_copy):
    add_project(catalogue_copy, "freising-parken", mobility_project("freising-parken", "09178124", "Freising"))
    add_project(catalogue_copy, "pirna-parken", mobility_project("pirna-parken", "14628270", "Pirna"))
    _c, enriched, pages = rendered(catalogue_copy)
    bayern = section(pages["projekte/freising-parken.md"], "Passende Förderprogramme")
    assert "smart-city-bund.html" in bayern  # matching works for this project at all
    assert "digital-sachsen" not in bayern
    assert "digital-sachsen" not in {m.programme for m in enriched.funding_matches["freising-parken"]}
    sachsen = section(pages["projekte/pirna-parken.md"], "Passende Förderprogramme")  # the same project in Sachsen
    assert "digital-sachsen.html" in sachsen and "gilt in Sachsen" in sachsen


def test_funding_matches_show_the_computed_status(fixture_pages):
    matches = section(fixture_pages[2]["projekte/koeln-smart-parking.md"], "Passende Förderprogramme")
    assert '<span class="kdk-badge kdk-app-offen">Offen bis 31.03.2027</span>' in matches


def test_programme_page_lists_eligibility_deadlines_and_funded_projects(fixture_pages):
    text = fixture_pages[2]["foerderprogramme/smart-city-bund.md"]
    facts = text.split("## ")[0]
    assert "bundesweit" in facts and "Gemeinde, Stadt, Kreisfreie Stadt, Landkreis" in facts
    assert "bis 65 %" in facts and "bis 15.000.000 €" in facts
    deadlines = section(text, "Antrag und Fristen")
    assert "Status am 27.11.2026" in deadlines
    assert "<td>Aufruf 2026</td><td>15.01.2026</td><td>31.03.2027</td><td>Läuft</td>" in deadlines
    assert 'href="../projekte/koeln-smart-parking.html"' in section(text, "Geförderte Projekte")
    assert "digital-sachsen.html" in section(text, "Ähnliche Förderprogramme")


def test_a_past_deadline_shows_as_closed_at_the_build_date(fixture_pages):
    fixture = Path(__file__).resolve().parent / "fixtures" / "catalogue"
    _c, _e, later = rendered(fixture, dt.date(2027, 5, 1))
    text = later["foerderprogramme/smart-city-bund.md"]
    assert "Status am 01.05.2027" in text
    assert "<td>31.03.2027</td><td>Abgelaufen</td>" in section(text, "Antrag und Fristen")
    assert "kdk-app-geschlossen" in text.split("## ")[0]


def test_municipality_page_has_reference_facts_and_its_projects(fixture_pages):
    text = fixture_pages[2]["kommunen/garmisch-partenkirchen-09180117.md"]
    assert "<dt>Land</dt>" in text and "Bayern" in text
    assert re.search(r'<dt>Kreis</dt>\s*<dd><a href="garmisch-partenkirchen-09180.html">[^<]*Garmisch-Partenkirchen', text)
    assert re.search(r"<dt>Einwohner</dt>\s*<dd>\d{1,3}(\.\d{3})*</dd>", text)
    garmisch = fixture_pages[0].reference.get("09180117")
    assert f"<dt>Größenklasse</dt>\n<dd>{base.size_label(garmisch)}</dd>" in text
    assert f"<dt>Einwohner</dt>\n<dd>{base.number(garmisch.population)}</dd>" in text
    projects = section(text, "Projekte")
    assert "garmisch-buergerportal.html" in projects and "zweckverband-glasfaser.html" in projects


def test_only_keyed_municipalities_with_records_get_pages(fixture_pages):
    municipal = sorted(p for p in fixture_pages[2] if p.startswith("kommunen/") and p != "kommunen/index.md")
    # the Landkreis Garmisch-Partenkirchen (09180) gets a page for its member Gemeinde's records (portfolio, issue 7)
    assert municipal == ["kommunen/dresden-14612000.md", "kommunen/garmisch-partenkirchen-09180.md",
                         "kommunen/garmisch-partenkirchen-09180117.md", "kommunen/koeln-05315000.md"]


def test_overviews_by_topic_and_land(fixture_pages):
    pages = fixture_pages[2]
    mobility = section(pages["themen/mobilitaet.md"], "Projekte")
    assert "koeln-smart-parking.html" in mobility and "dresden-parkleitsystem.html" in mobility
    assert "garmisch-buergerportal.html" not in mobility
    bayern = pages["laender/bayern.md"]
    assert "zweckverband-glasfaser.html" in section(bayern, "Projekte")  # a body without key counts by its land
    assert "garmisch-partenkirchen-09180117.html" in section(bayern, "Kommunen")
    assert "digital-sachsen.html" in section(pages["laender/sachsen.md"], "Förderprogramme des Landes")


def test_partner_page_lists_seekers_exchange_and_active_projects_by_topic(fixture_pages):
    text = fixture_pages[2]["uebersichten/partner-finden.md"]
    mobility = section(text, "Mobilität &amp; Verkehr")
    seeking = next(li for li in mobility.split("<li ") if "Sucht Partner" in li)
    assert "koeln-smart-parking.html" in seeking and "Gesucht: Städte, die die Sensordaten-Plattform mitnutzen möchten" in seeking
    assert "digitalisierung@stadt-koeln.example" in seeking and 'data-land="DE-NW"' in seeking
    active = next(li for li in mobility.split("<li ") if "Arbeitet am Thema" in li)
    assert "dresden-parkleitsystem.html" in active and 'data-land="DE-SN"' in active
    exchange = section(text, "Verwaltung &amp; E-Government")
    assert "Austausch gewünscht" in exchange and "garmisch-buergerportal.html" in exchange
    assert "So machen Sie mit" in text and "seeking_partners" not in text  # no YAML instructions


def test_calendar_lists_coming_deadlines_by_month(fixture_pages):
    text = fixture_pages[2]["uebersichten/foerderkalender.md"]
    march = section(text, "März 2027")
    assert "<td>31.03.2027<br><span class=\"kdk-meta\">in 124 Tagen</span></td>" in march and "smart-city-bund.html" in march
    assert "digital-sachsen.html" in section(text, "Fortlaufend antragsfähig")


def test_new_page_states_the_rule_and_lists_new_records(fixture_pages):
    from generator.enrich.history import NEW_RECORDS_RULE

    text = fixture_pages[2]["uebersichten/neu-im-katalog.md"]
    assert NEW_RECORDS_RULE.split(",")[0] in text
    assert "koeln-smart-parking.html" in text and "smart-city-bund.html" in text


def test_start_page_figures_and_entry_points(fixture_pages):
    text = fixture_pages[2]["index.md"]
    values = re.findall(r'kdk-figure__value">([^<]+)</span><span class="kdk-figure__label">([^<]+)<', text)
    assert values == [("4", "Projekte"), ("4", "Kommunen"), ("3", "Länder"), ("1", "Förder&shy;programm mit offener Frist"),
                      ("1", "laufend, belegt"), ("0", "Stand unklar")]
    for target in ("themen/mobilitaet.html", "laender/bayern.html", "foerderprogramme/index.html",
                   "uebersichten/foerderkalender.html", "uebersichten/partner-finden.html", "kommunen/index.html"):
        assert f'href="{target}"' in text, target


def test_about_page_has_attribution_licence_method_and_coverage(fixture_pages):
    from generator.reference import ATTRIBUTION

    text = fixture_pages[2]["uebersichten/ueber-den-katalog.md"]
    assert ATTRIBUTION in text.replace("&amp;", "&")
    assert "CC BY 4.0" in text and 'href="../methodik.html"' in text
    coverage = section(text, "Abdeckung")
    assert re.search(r"Bayern</a></td><td>2</td>", coverage)


def test_every_link_between_generated_pages_resolves(fixture_pages):
    pages = fixture_pages[2]
    hand_written = {p.relative_to(base.TEMPLATES_DIR.parent.parent / "docs").with_suffix(".html").as_posix()
                    for p in (base.TEMPLATES_DIR.parent.parent / "docs").glob("*.md")}
    built = {p[:-3] + ".html" for p in pages} | hand_written
    missing = []
    for path, text in pages.items():
        for href in re.findall(r'href="([^"#:]+\.html)"', text):
            target = Path(path).parent.joinpath(href).as_posix()
            normal = re.sub(r"[^/]+/\.\./", "", target)
            if normal not in built:
                missing.append(f"{path} -> {href}")
    assert missing == []


def test_all_record_text_inside_raw_html_blocks(fixture_pages):
    """Outside our raw HTML blocks, a page holds only headings written by the templates."""
    for path, text in fixture_pages[2].items():
        body = text.split("---\n", 2)[2]
        outside = re.sub(r"^<div[^\n]*>\n.*?^</div>$", "", body, flags=re.S | re.M)
        for line in outside.splitlines():
            assert line == "" or line.startswith("#") or path in ("uebersichten/ueber-den-katalog.md",), (path, line)


# --- source dates and telling municipalities apart (issue 14) ---------------------------------------

def test_sources_show_the_newest_source_date_next_to_the_review_date(fixture_pages):
    project = section(fixture_pages[2]["projekte/koeln-smart-parking.md"], "Quellen")
    assert "Zuletzt geprüft: 01.11.2026. Angaben belegt bis 01.06.2025." in project
    programme = fixture_pages[2]["foerderprogramme/smart-city-bund.md"]
    assert "Zuletzt geprüft: 01.11.2026. Angaben belegt bis 15.01.2026." in programme


def test_without_a_dated_source_the_page_says_so(fixture_pages):
    text = section(fixture_pages[2]["projekte/garmisch-buergerportal.md"], "Quellen")
    assert "Zuletzt geprüft: 01.08.2026. Keine Quelle nennt ein Datum." in text
    assert "belegt bis" not in text


def test_the_edit_hint_is_a_separate_sentence_after_the_source_date(fixture_pages):
    text = section(fixture_pages[2]["projekte/koeln-smart-parking.md"], "Quellen")
    assert re.search(r"Angaben belegt bis 01\.06\.2025\. (<a |Eintrag bearbeiten)", text)


def test_the_newest_source_date_is_the_latest_first_day_not_the_last_listed(catalogue_copy):
    record = MUENCHEN_PARKEN.replace(
        "  - url: https://www.example.org/muenchen-parken\n",
        "  - url: https://www.example.org/a\n    as_of: \"2024-06-18\"\n"
        "  - url: https://www.example.org/b\n    as_of: \"2024\"\n"
        "  - url: https://www.example.org/c\n    as_of: \"2023-12\"\n")
    add_project(catalogue_copy, "muenchen-smart-parking", record)
    _c, _e, pages = rendered(catalogue_copy)
    # "2024" may mean 1 January 2024; only the dated day proves June
    assert "Angaben belegt bis 18.06.2024." in section(pages["projekte/muenchen-smart-parking.md"], "Quellen")


def test_municipalities_index_tells_apart_bodies_with_the_same_name(fixture_pages):
    index = fixture_pages[2]["kommunen/index.md"]
    assert ">Garmisch-Partenkirchen (Markt, Landkreis Garmisch-Partenkirchen)</a>" in index
    assert ">Garmisch-Partenkirchen (Landkreis)</a>" in index
    assert ">Köln</a>" in index  # a name that occurs once needs no label


def test_start_page_counts_exactly_the_municipalities_of_the_index(catalogue_copy):
    # a Gemeinde in a Kreis without records adds two index entries (Gemeinde and Kreis) and no Land
    add_project(catalogue_copy, "olpe-smart-parking", mobility_project("olpe-smart-parking", "05966024", "Olpe"))
    _c, _e, pages = rendered(catalogue_copy)
    figures = dict((label, value) for value, label in re.findall(
        r'kdk-figure__value">([^<]+)</span><span class="kdk-figure__label">([^<]+)<', pages["index.md"]))
    index = pages["kommunen/index.md"]
    entries = re.findall(r'<li><a href="[^"]+">[^<]+</a>', index)
    assert figures["Kommunen"] == str(len(entries)) == "6"
    assert f"<p>{len(entries)} Kommunen mit Projekten im Katalog" in index
    assert ">Olpe (Stadt, Kreis Olpe)</a>" in index and ">Olpe (Kreis)</a>" in index


def _exchange_facts(page: str) -> str:
    return page.split("<dt>Kontakt</dt>", 1)[1].split("</dl>", 1)[0]


def test_the_project_page_shows_what_the_municipality_offers_for_exchange(catalogue_copy):
    record = catalogue_copy / "projects" / "garmisch-buergerportal.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "open_to_exchange: true", "open_to_exchange: true\nexchange_note: Die Gemeinde teilt ihre Formularvorlagen <b>gern</b>."),
        encoding="utf-8")
    facts = _exchange_facts(rendered(catalogue_copy)[2]["projekte/garmisch-buergerportal.md"])
    assert "<dt>Austausch erwünscht</dt>\n<dd>Die Gemeinde teilt ihre Formularvorlagen &lt;b&gt;gern&lt;/b&gt;.</dd>" in facts


def test_without_an_exchange_note_the_project_page_still_says_exchange_is_welcome(fixture_pages):
    facts = _exchange_facts(fixture_pages[2]["projekte/garmisch-buergerportal.md"])
    assert "<dt>Austausch erwünscht</dt>\n<dd>ja</dd>" in facts
