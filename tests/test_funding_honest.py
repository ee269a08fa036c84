"""Funding answers a CDO can quote (issue 12), seen on 02.12.2026 in a small in-memory catalogue: statuses rest on
recent evidence, recurring deadlines come round again, calendar and feeds name programme and call, the start page
counts what the pages behind it list."""
from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest

from enrich_support import KOELN, catalogue, programme, project
from generator import ideas
from generator.enrich import retrieval
from generator.enrich import deadlines, enrich
from generator.export import atom, ical, site_data, write_all
from generator.render import render_site
from generator.render.views import open_programmes

DEC_2 = dt.date(2026, 12, 2)
A = "{http://www.w3.org/2005/Atom}"


def confirmed(as_of: str, record_id: str) -> list:
    return [{"url": f"https://www.example.org/{record_id}/status", "as_of": as_of, "confirms_status": True}]


KLIMA = programme("klima", title="Kommunaler Klimaschutz", application={"status": "offen", "deadlines": [
    {"name": "Antragszeitraum", "opens": "2024-11-01", "closes": "2027-12-31"},
    {"name": "Antragszeitraum", "opens": "2025-02-01", "closes": "2027-12-31"}]}, sources=confirmed("2026-11-15", "klima"))
RUNNING = programme("dauer", title="Dauerförderung Verwaltung", sources=confirmed("2026-03-01", "dauer"))
OLD = programme("alt-belegt", title="Rathaus digital (alt belegt)", level="land", lands=["DE-NW"],
                sources=confirmed("2019-10-01", "alt-belegt"))
UNSOURCED = programme("ohne-beleg", title="Programm ohne Beleg", sources=[{"url": "https://www.example.org/ohne-beleg"}])
EXPIRED = programme("abgelaufen", title="Befristete Richtlinie", valid_until="2023-09-30", sources=confirmed("2026-11-01", "abgelaufen"))
SAAR = programme("saar-breitband", title="Breitband Saarland", level="land", lands=["DE-SL"],
                 application={"status": "offen", "deadlines": [{"closes": "2019-12-15", "repeat": "jaehrlich"}]},
                 sources=confirmed("2026-01-10", "saar-breitband"))
EUROPE = programme("europa", title="Digitales Europa", level="eu", sources=confirmed("2026-06-01", "europa"))
CALLS = programme("aufrufe", title="Aufrufe Sachsen", level="land", lands=["DE-SN"], application={"status": "geschlossen", "deadlines": [
    {"name": "Aufruf 2025", "opens": "2025-01-15", "closes": "2025-03-31"},
    {"name": "Aufruf Herbst 2026", "opens": "2026-09-01", "closes": "2026-10-15"}]})

FUNDING = [KLIMA, RUNNING, OLD, UNSOURCED, EXPIRED, SAAR, EUROPE, CALLS]
IDEA = project("koeln-akte", ags=KOELN, title="E-Akte in Köln", status="idee", summary="Die Stadt plant die elektronische Akte.")


@pytest.fixture(scope="module")
def built():
    cat = catalogue([IDEA], FUNDING, build_date=DEC_2)
    enriched = enrich(cat, added={})
    return cat, enriched, render_site(cat, enriched)


@pytest.fixture(scope="module")
def api(built, tmp_path_factory):
    cat, enriched, _pages = built
    folder = tmp_path_factory.mktemp("api")
    write_all(cat, enriched, folder)
    return folder


def text_of(markdown: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markdown.replace("&shy;", "")))


def statuses(built):
    return {fid: s.status for fid, s in built[1].programme_status.items()}


# --- 1. status backed by evidence -------------------------------------------------------------------------------

def test_statuses_at_the_build_date(built):
    assert statuses(built) == {"abgelaufen": "geschlossen", "alt-belegt": "unklar", "aufrufe": "geschlossen",
                               "dauer": "laufend", "europa": "laufend", "klima": "offen", "ohne-beleg": "unklar",
                               "saar-breitband": "offen"}


def test_unclear_programme_page_says_when_last_confirmed_and_links_the_official_page(built):
    page = built[2]["foerderprogramme/alt-belegt.md"]
    assert "Stand unklar – zuletzt belegt am 01.10.2019; bitte beim Fördergeber prüfen" in page
    assert re.search(r'<a class="kdk-check" href="https://www\.example\.org/alt-belegt" rel="[a-z ]*nofollow[a-z ]*">'
                     r'Programmseite</a>', page)
    assert "Laut Eintrag: Laufend, ohne Stichtag." in page
    sources = page.split("## Quellen")[1]
    assert '(Stand 01.10.2019)</span> <span class="kdk-badge kdk-flag">belegt den Status</span>' in sources
    index = built[2]["foerderprogramme/index.md"]
    unclear = index.split("## Stand unklar – bitte beim Fördergeber prüfen")[1].split("\n## ")[0]
    assert "alt-belegt.html" in unclear and "ohne-beleg.html" in unclear and "dauer.html" not in unclear


def test_programme_without_dated_evidence_says_so(built):
    assert "Stand unklar – kein datierter Beleg für den Status; bitte beim Fördergeber prüfen" in built[2]["foerderprogramme/ohne-beleg.md"]


def test_unclear_or_expired_programmes_are_never_counted_or_filtered_as_open(built):
    cat, enriched, _pages = built
    assert sorted(open_programmes(cat, enriched)) == ["dauer", "europa", "klima", "saar-breitband"]
    data = site_data.explorer_funding(cat, enriched)
    names = [s[0] for s in data["facets"]["statuses"]]
    shown = {item[0]: names[item[7]] for item in data["items"]}
    assert shown["alt-belegt"] == "unklar" and shown["abgelaufen"] == "geschlossen"


def test_project_matches_and_ideen_check_show_the_unclear_sentence(built):
    cat, enriched, pages = built
    project_page = pages["projekte/koeln-akte.md"]
    assert "Stand unklar – zuletzt belegt am 01.10.2019; bitte beim Fördergeber prüfen" in project_page
    asker = ideas.Asker(land="DE-NW", land_name="Nordrhein-Westfalen")
    result = ideas.check("elektronische Akte in der Verwaltung", cat.projects, cat.funding, enriched.programme_status,
                         asker, retrieval.build(cat))
    labels = {p.id: p.label for p in result.programmes}
    assert labels["alt-belegt"] == "Stand unklar – zuletzt belegt am 01.10.2019; bitte beim Fördergeber prüfen"
    order = [p.status for p in result.programmes]
    assert order == sorted(order, key=["offen", "laufend", "angekuendigt", "unklar", "geschlossen"].index)


def test_expired_programme_page_says_until_when_it_was_valid(built):
    page = built[2]["foerderprogramme/abgelaufen.md"]
    assert "Das Programm galt laut Quelle bis 30.09.2023." in page and "<dt>Gültig bis</dt>\n<dd>30.09.2023</dd>" in page


# --- 2. recurring deadlines -------------------------------------------------------------------------------------

def test_yearly_deadline_on_15_december_is_13_days_away_in_calendar_and_start_page(built):
    cat, enriched, pages = built
    december = pages["uebersichten/foerderkalender.md"].split("## Dezember 2026")[1].split("\n## ")[0]
    assert "15.12.2026" in december and "in 13 Tagen" in december and "saar-breitband.html" in december
    assert "wiederkehrend, jährlich" in december
    home = text_of(pages["index.md"])
    assert "Nächste Fristen: 15.12.2026 (in 13 Tagen) : Breitband Saarland (wiederkehrend, jährlich) " \
           "31.12.2027 (in 394 Tagen) : Kommunaler Klimaschutz – Antragszeitraum" in home
    item = next(i for i in site_data.explorer_funding(cat, enriched)["items"] if i[0] == "saar-breitband")
    assert item[9] == ["2026-12-15"]  # what the explorer's "Frist endet innerhalb von 2 Wochen" compares


# --- 3. calendar and feeds --------------------------------------------------------------------------------------

def test_calendar_rows_name_programme_and_call_once(built):
    calendar = built[2]["uebersichten/foerderkalender.md"]
    upcoming = calendar.split("## Fortlaufend antragsfähig")[0]
    rows = re.findall(r"<tr class=\"kdk-deadline-[a-z]+\">(.*?)</tr>", upcoming)
    assert len(rows) == 2  # Klimaschutz's two identical windows are one deadline
    klima = next(r for r in rows if "klima.html" in r)
    assert "Kommunaler Klimaschutz" in klima and "<td>Antragszeitraum<br>" in klima
    saar = next(r for r in rows if "saar-breitband.html" in r)
    assert "<td>Breitband Saarland<br>" in saar  # a call without a name is named after the programme


def test_past_deadlines_move_to_the_archive(built):
    calendar = built[2]["uebersichten/foerderkalender.md"]
    upcoming, archive = calendar.split("## Archiv: abgelaufene Fristen")
    assert "Aufruf Herbst 2026" not in upcoming and "Aufruf 2025" not in upcoming
    assert archive.index("Aufruf Herbst 2026") < archive.index("15.12.2025") < archive.index("Aufruf 2025")  # newest first


def events(path):
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return calendar, list(calendar.walk("VEVENT"))


def test_ics_holds_upcoming_and_recent_deadlines_named_with_reminders(api):
    _calendar, found = events(api / "foerderkalender.ics")
    summaries = [str(e["SUMMARY"]) for e in found]
    assert summaries == [
        "Frist: Aufrufe Sachsen – Aufruf Herbst 2026",  # ended 48 days ago: still in the feed
        "Frist: Breitband Saarland",
        "Frist: Kommunaler Klimaschutz – Antragszeitraum",
    ]  # "Aufruf 2025" and the Saarland deadline of 2025 ended more than 90 days ago
    assert found[1].decoded("DTSTART") == dt.date(2026, 12, 15)
    for event in found:
        alarms = [a for a in event.walk("VALARM")]
        assert sorted(a.decoded("TRIGGER") for a in alarms) == [-dt.timedelta(days=30), -dt.timedelta(days=7)]
        assert all(str(a["ACTION"]) == "DISPLAY" for a in alarms)
    assert len({str(e["UID"]) for e in found}) == len(found)


def test_ics_per_land_has_its_programmes_and_the_nationwide_ones(api):
    _calendar, saarland = events(api / "kalender" / "land-saarland.ics")
    assert [str(e["SUMMARY"]) for e in saarland] == ["Frist: Breitband Saarland", "Frist: Kommunaler Klimaschutz – Antragszeitraum"]
    _calendar, sachsen = events(api / "kalender" / "land-sachsen.ics")
    assert [str(e["SUMMARY"]) for e in sachsen] == ["Frist: Aufrufe Sachsen – Aufruf Herbst 2026",
                                                     "Frist: Kommunaler Klimaschutz – Antragszeitraum"]
    calendar, topic = events(api / "kalender" / "thema-verwaltung.ics")
    assert "Verwaltung" in str(calendar["X-WR-CALNAME"]) and len(topic) == 3


def test_atom_feeds_per_land_and_topic_parse_strictly_and_name_the_deadlines(api):
    files = sorted((api / "feeds").glob("*.xml"))
    assert sorted(p.stem for p in files) == sorted(s.name for s in ical.subscriptions())
    for path in files:
        root = ET.fromstring(path.read_bytes())  # expat: any well-formedness error raises
        # what RFC 4287 requires: feed id, title, updated, author; each entry id, title, updated, an alternate link
        assert root.tag == f"{A}feed" and all(root.find(f"{A}{tag}") is not None for tag in ("id", "title", "updated", "author"))
        for entry in root.findall(f"{A}entry"):
            assert all(entry.find(f"{A}{tag}").text for tag in ("id", "title", "updated")), path.name
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", entry.find(f"{A}updated").text)
            assert entry.find(f"{A}link[@rel='alternate']") is not None
    feed = ET.fromstring((api / "feeds" / "land-saarland.xml").read_bytes())
    assert feed.find(f"{A}title").text == "Kommunaler Digitalisierungskatalog: Saarland"
    titles = [e.find(f"{A}title").text for e in feed.findall(f"{A}entry")]
    assert "Frist: Breitband Saarland (15.12.2026)" in titles
    assert not any("Aufrufe Sachsen" in t for t in titles)
    ids = [e.find(f"{A}id").text for e in feed.findall(f"{A}entry")]
    assert len(set(ids)) == len(ids)


def test_open_data_page_lists_every_subscription_file(api):
    """docs/daten.md is written by hand; it must list exactly the calendars and feeds the export writes."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "daten.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| ([^|]+) \| \[([a-z0-9-]+)\.ics\]\(api/kalender/\2\.ics\) \| "
                        r"\[\2\.xml\]\(api/feeds/\2\.xml\) \|$", page, re.M)
    assert listed == [(s.label, s.name) for s in ical.subscriptions()]
    written = sorted(p.stem for p in (api / ical.FOLDER).glob("*.ics"))
    assert written == sorted(p.stem for p in (api / atom.FOLDER).glob("*.xml")) == sorted(name for _l, name in listed)
    assert f"die Fristen der letzten {deadlines.FEED_PAST_DAYS} Tage" in page
    assert f"wenn keine Quelle der letzten {deadlines.STATUS_EVIDENCE_MONTHS} Monate ihn belegt" in page


def test_methodology_page_states_the_evidence_rule_the_code_uses():
    page = (Path(__file__).resolve().parent.parent / "docs" / "methodik.md").read_text(encoding="utf-8")
    assert f"höchstens\n  **{deadlines.STATUS_EVIDENCE_MONTHS} Monate** vor dem Erstellungsdatum" in page
    assert "„Stand unklar – zuletzt belegt am TT.MM.JJJJ; bitte beim Fördergeber\n  prüfen“" in page
    assert f"der letzten **{deadlines.FEED_PAST_DAYS} Tage**" in page
    assert "jeder Termin erinnert 30 und 7 Tage vorher" in page and ical.REMINDER_DAYS == (30, 7)
    explorer = (Path(__file__).resolve().parent.parent / "docs" / "foerder-explorer.md").read_text(encoding="utf-8")
    assert f"aus den letzten {deadlines.STATUS_EVIDENCE_MONTHS} Monaten belegt den Status" in explorer


# --- 4. scope words ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fid, words", [("europa", "EU-weit"), ("dauer", "bundesweit"), ("saar-breitband", "Saarland")])
def test_programme_page_says_where_it_applies(built, fid, words):
    page = built[2][f"foerderprogramme/{fid}.md"]
    applies = page.split("<dt>Gilt in</dt>\n<dd>")[1].split("</dd>")[0]
    assert text_of(applies).strip() == words


# --- 5. an honest start page ------------------------------------------------------------------------------------

def test_start_page_counts_match_the_lists_behind_them(built):
    cat, enriched, pages = built
    home = pages["index.md"]
    figures = re.findall(r'<a class="kdk-figure" href="([^"]+)"><span class="kdk-figure__value">([^<]+)</span>'
                         r'<span class="kdk-figure__label">([^<]+)<', home)
    funding = [(href, value, label.replace("&shy;", "")) for href, value, label in figures[3:]]
    assert funding == [("foerder-explorer.html#status=offen", "2", "Förderprogramme mit offener Frist"),
                       ("foerder-explorer.html#status=laufend", "2", "laufend, belegt"),
                       ("foerder-explorer.html#status=unklar", "2", "Stand unklar")]
    data = site_data.explorer_funding(cat, enriched)
    names = [s[0] for s in data["facets"]["statuses"]]
    in_explorer = {key: sum(1 for item in data["items"] if names[item[7]] == key) for key in ("offen", "laufend", "unklar")}
    assert in_explorer == {"offen": 2, "laufend": 2, "unklar": 2}
    assert "2 Programme mit offener Frist · 2 laufend, belegt · 2 Stand unklar · 2 geschlossen" in text_of(home)


def test_about_page_counts_programmes_like_the_start_page(built):
    about = text_of(built[2]["uebersichten/ueber-den-katalog.md"])
    assert "Förderprogramme 8, davon 2 mit offener Frist, 2 laufend (belegt), 2 mit unklarem Stand" in about



def test_closed_programme_page_does_not_ask_for_evidence_a_closed_status_does_not_need():
    ended = programme("beendet", title="Beendete Richtlinie", application={"status": "geschlossen", "deadlines": [
        {"name": "Aufruf 2024", "opens": "2024-01-15", "closes": "2024-03-31"}]}, sources=[{"url": "https://www.example.org/beendet"}])
    cat = catalogue([], [ended, UNSOURCED], build_date=DEC_2)
    pages = render_site(cat, enrich(cat, added={}))
    closed = text_of(pages["foerderprogramme/beendet.md"])
    assert "Status am 02.12.2026: Geschlossen" in closed
    assert "Keine Quelle mit Datum belegt den Status" not in closed
    assert "Offen, laufend oder angekündigt zeigen wir nur, solange eine höchstens 12 Monate alte Quelle den Status belegt." in closed
    unclear = text_of(pages["foerderprogramme/ohne-beleg.md"])
    assert "Keine Quelle mit Datum belegt den Status." in unclear
