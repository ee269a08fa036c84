"""api/web/*.js: the data the site's search, explorers and map load with <script src>."""
from __future__ import annotations

import json
import re

import pytest

from export_support import fixture_catalogue_loaded, sample_enriched
from generator.enrich import retrieval
from generator.export import site_data, write_all
from generator.enrich import enrich


@pytest.fixture
def web(fixture_catalogue, tmp_path):
    write_all(fixture_catalogue_loaded(fixture_catalogue), sample_enriched(), tmp_path)
    return tmp_path / "web"


def payload(path):
    match = re.fullmatch(r'KATALOG_DATEN\("([^"]+)",(.*)\);\n', path.read_text(encoding="utf-8"), re.DOTALL)
    assert match, path.name
    return match.group(1), json.loads(match.group(2))


def test_every_file_announces_its_own_name(web):
    for path in web.iterdir():
        name, _data = payload(path)
        assert name == path.stem


def test_record_text_cannot_close_the_script_or_open_markup():
    data = {"title": "</script><script>alert(1)</script> & \u2028"}
    text = site_data.script("x", data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text[len('KATALOG_DATEN("x",'):-3]) == data


def test_search_shards_hold_every_stem_once_with_delta_encoded_postings(fixture_catalogue, web):
    index = retrieval.build(fixture_catalogue_loaded(fixture_catalogue)).search
    _name, meta = payload(web / "suche-meta.js")
    seen = {}
    for key, file_key in meta["shards"].items():
        _n, shard = payload(web / f"suche-t-{file_key}.js")
        for term, postings in shard.items():
            assert term.startswith(key) and term not in seen
            docs, doc = {}, 0
            for gap, points in zip(postings[0::2], postings[1::2]):
                doc += gap
                docs[doc] = points
            seen[term] = docs
    assert seen == index.postings
    assert meta["n"] == 6 and meta["projects"] == 4
    assert "~parkplatz" in seen  # thesaurus groups are index terms too


def test_document_chunks_list_records_in_index_order(web):
    _name, rows = payload(web / "suche-d-0.js")
    assert [r[1] for r in rows] == ["dresden-parkleitsystem", "garmisch-buergerportal", "koeln-smart-parking",
                                    "zweckverband-glasfaser", "digital-sachsen", "smart-city-bund"]
    assert rows[0][:4] == [0, "dresden-parkleitsystem", "Digitales Parkleitsystem mit Sensoren", "Dresden · Sachsen · Umsetzung"]
    assert rows[5][0] == 1 and "Offen bis 31.03.2027" in rows[5][3]


def test_big_shards_split_by_longer_prefixes(fixture_catalogue, monkeypatch):
    index = retrieval.build(fixture_catalogue_loaded(fixture_catalogue)).search
    monkeypatch.setattr(site_data, "SHARD_BYTES", 40)
    shards = site_data.shards(index)
    assert any(len(key) > 2 for key in shards)
    terms = [s for body in shards.values() for s in body]
    assert sorted(terms) == index.terms()


def test_explorer_items_carry_facets_by_position(web):
    _name, data = payload(web / "projekte.js")
    facets = data["facets"]
    koeln = next(item for item in data["items"] if item[0] == "koeln-smart-parking")
    assert koeln[2] == "Köln"
    assert [facets["lands"][i][0] for i in koeln[3]] == ["DE-NW"]
    assert [facets["sizes"][i][0] for i in koeln[4]] == ["ueber-100000"]
    assert facets["statuses"][koeln[5]][0] == "betrieb"
    assert [facets["topics"][i][0] for i in koeln[6]] == ["mobilitaet", "stadtentwicklung"]
    assert [facets["programmes"][i][0] for i in koeln[7]] == ["smart-city-bund"]
    assert koeln[8] == site_data.FLAG_SEEKING | site_data.FLAG_OPEN_SOURCE | site_data.FLAG_REUSABLE
    zv = next(item for item in data["items"] if item[0] == "zweckverband-glasfaser")
    assert zv[2] == "Zweckverband Breitband Testregion (+1)"


def test_funding_explorer_lists_upcoming_deadlines_and_computed_status(web):
    _name, data = payload(web / "foerderung.js")
    bund = next(item for item in data["items"] if item[0] == "smart-city-bund")
    assert data["facets"]["statuses"][bund[7]][0] == "offen"
    assert bund[9] == ["2027-03-31", "2027-09-01"]
    assert bund[4] == []  # bundesweit


def test_map_places_projects_at_their_lead_municipality(web):
    _name, data = payload(web / "karte.js")
    assert len(data["laender"]) == 16 and all(d.startswith("M") for _c, _n, d in data["laender"])
    by_name = {p[2]: p for p in data["places"]}
    assert set(by_name) == {"Dresden", "Garmisch-Partenkirchen", "Köln"}
    ids = [p[0] for p in data["projects"]]
    assert [ids[i] for i in by_name["Garmisch-Partenkirchen"][4]] == ["garmisch-buergerportal", "zweckverband-glasfaser"]
    width, height = data["viewBox"][2:]
    assert all(0 < p[0] < width and 0 < p[1] < height for p in data["places"])
    koeln, dresden = by_name["Köln"], by_name["Dresden"]
    assert koeln[0] < dresden[0]  # Köln lies west of Dresden


def test_exports_work_with_the_real_enrich_stage(fixture_catalogue, tmp_path):
    catalogue = fixture_catalogue_loaded(fixture_catalogue)
    written = write_all(catalogue, enrich(catalogue, added={}), tmp_path)
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    for expected in ("projects.json", "funding.json", "projects.csv", "funding.csv", "datapackage.json",
                     "foerderkalender.ics", "feed.xml", "schema/project.schema.json", "web/suche-meta.js", "web/karte.js"):
        assert expected in names
    ics = (tmp_path / "foerderkalender.ics").read_text(encoding="utf-8")
    assert ics.count("BEGIN:VEVENT") == 1 and "DTSTART;VALUE=DATE:20270331" in ics
