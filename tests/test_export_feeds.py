"""foerderkalender.ics (RFC 5545, parsed with icalendar) and feed.xml (Atom)."""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import icalendar
import pytest

from export_support import fixture_catalogue_loaded, sample_enriched
from generator.export import atom, ical, write_all

A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def api(fixture_catalogue, tmp_path):
    write_all(fixture_catalogue_loaded(fixture_catalogue), sample_enriched(), tmp_path)
    return tmp_path


def events(api):
    calendar = icalendar.Calendar.from_ical((api / "foerderkalender.ics").read_bytes())
    return calendar, [c for c in calendar.walk("VEVENT")]


def test_calendar_has_one_all_day_event_per_deadline(api):
    calendar, found = events(api)
    assert str(calendar["VERSION"]) == "2.0"
    assert len(found) == 2
    first = found[0]
    assert first.decoded("DTSTART") == dt.date(2027, 3, 31)
    assert first.decoded("DTEND") == dt.date(2027, 4, 1)
    assert str(first["SUMMARY"]) == "Frist: Modellprojekte Smart City (Testprogramm Bund) – Aufruf 2026"
    assert first.decoded("DTSTAMP") == dt.datetime(2026, 11, 27, tzinfo=dt.UTC)


def test_month_only_deadline_is_placed_on_its_first_day_and_says_so(api):
    _calendar, found = events(api)
    second = found[1]
    assert second.decoded("DTSTART") == dt.date(2027, 9, 1)
    assert "09/2027 (genauer Tag nicht angegeben)" in str(second["DESCRIPTION"])


def test_text_is_escaped_and_unescaped_by_a_parser(api):
    _calendar, found = events(api)
    description = str(found[0]["DESCRIPTION"])
    assert "Der Bund fördert Kommunen, die digitale Strategien" in description
    assert "\nStatus: Offen bis 31.03.2027" in description


def test_uids_are_unique_and_stable_across_builds(fixture_catalogue):
    catalogue = fixture_catalogue_loaded(fixture_catalogue)
    one = ical.render(catalogue, sample_enriched())
    two = ical.render(catalogue, sample_enriched())
    assert one == two
    uids = [line for line in icalendar.Calendar.from_ical(one).walk("VEVENT")]
    assert len({str(e["UID"]) for e in uids}) == len(uids)


def test_lines_end_in_crlf_and_are_folded_at_75_octets(api):
    raw = (api / "foerderkalender.ics").read_bytes()
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # the long description was folded


def test_folding_never_splits_a_multibyte_character():
    folded = ical.fold("DESCRIPTION:" + "ä" * 100)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + "ä" * 100


def test_escape_text_handles_specials():
    assert ical.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_atom_feed_lists_new_records_newest_first(api):
    root = ET.parse(api / "feed.xml").getroot()
    assert root.tag == A + "feed"
    entries = root.findall(A + "entry")
    titles = [e.find(A + "title").text for e in entries]
    assert titles == ["Projekt: Glasfaser für alle Ortsteile", "Projekt: Smart Parking in der Innenstadt",
                      "Förderprogramm: Modellprojekte Smart City (Testprogramm Bund)"]
    assert root.find(A + "updated").text == "2026-11-20T00:00:00Z"
    link = entries[1].find(A + "link").get("href")
    assert link == "../projekte/koeln-smart-parking.html"
    assert entries[1].find(A + "id").text.startswith("urn:uuid:")


def test_atom_entries_carry_required_elements(api):
    root = ET.parse(api / "feed.xml").getroot()
    for required in ("id", "title", "updated", "author"):
        assert root.find(A + required) is not None
    for entry in root.findall(A + "entry"):
        for required in ("id", "title", "updated", "summary"):
            assert entry.find(A + required) is not None


def test_markup_in_record_text_stays_text_in_the_feed(catalogue_copy, tmp_path):
    path = catalogue_copy / "projects" / "koeln-smart-parking.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Smart Parking in der Innenstadt", "title: \"Parken <script>alert(1)</script> & mehr\""), encoding="utf-8")
    body = atom.render(fixture_catalogue_loaded(catalogue_copy), sample_enriched())
    assert b"<script>" not in body
    root = ET.fromstring(body)
    titles = [e.find(A + "title").text for e in root.findall(A + "entry")]
    assert "Projekt: Parken <script>alert(1)</script> & mehr" in titles
