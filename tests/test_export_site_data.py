"""api/web/*.js: the data the site's search, explorers and map load with <script src>."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from export_support import fixture_catalogue_loaded, payload, sample_enriched
from generator.enrich import retrieval
from generator.export import site_data, write_all
from generator.enrich import enrich


@pytest.fixture
def web(fixture_catalogue, tmp_path):
    write_all(fixture_catalogue_loaded(fixture_catalogue), sample_enriched(), tmp_path)
    return tmp_path / "web"


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


def named(data, columns_key: str = "columns", rows_key: str = "items") -> list[dict]:
    """The rows of a data file as dicts, by the column names the file itself carries."""
    return [dict(zip(data[columns_key], item, strict=True)) for item in data[rows_key]]


def test_explorer_items_carry_named_columns_and_facets(web):
    _name, data = payload(web / "projekte.js")
    facets = data["facets"]
    koeln = next(item for item in named(data) if item["id"] == "koeln-smart-parking")
    assert koeln["place"] == "Köln"
    assert [facets["lands"][i][0] for i in koeln["lands"]] == ["DE-NW"]
    assert [facets["sizes"][i][0] for i in koeln["sizes"]] == ["ueber-100000"]
    assert facets["statuses"][koeln["status"]][0] == "betrieb"
    assert [facets["topics"][i][0] for i in koeln["topics"]] == ["mobilitaet", "stadtentwicklung"]
    assert [facets["programmes"][i][0] for i in koeln["programmes"]] == ["smart-city-bund"]
    flags = data["flags"]
    assert koeln["flags"] == flags["seeking"] | flags["exchange"] | flags["open_source"] | flags["reusable"]
    zv = next(item for item in named(data) if item["id"] == "zweckverband-glasfaser")
    assert zv["place"] == "Zweckverband Breitband Testregion (+1)"


def test_one_flag_table_for_explorer_and_ideen_check(web):
    _name, data = payload(web / "projekte.js")
    _name, ideas = payload(web / "ideen-index.js")
    assert data["flags"] == ideas["flags"] == {name: bit for name, (bit, _k, _l) in site_data.FLAGS.items()}
    bits = list(data["flags"].values())
    assert len(set(bits)) == len(bits) and all(bit & (bit - 1) == 0 for bit in bits)  # distinct single bits
    assert [f[2] for f in data["facets"]["features"]] == [data["flags"][n] for n in site_data.EXPLORER_FLAGS]


def test_a_row_refuses_values_that_do_not_match_its_columns():
    with pytest.raises(ValueError, match="Spalten"):
        site_data.row(("id", "title"), {"id": "x"})
    assert site_data.row(("id", "title"), {"title": "T", "id": "x"}) == ["x", "T"]


def test_funding_explorer_lists_upcoming_deadlines_and_computed_status(web):
    _name, data = payload(web / "foerderung.js")
    bund = next(item for item in named(data) if item["id"] == "smart-city-bund")
    assert data["facets"]["statuses"][bund["status"]][0] == "offen"
    assert bund["deadlines"] == ["2027-03-31", "2027-09-01"]
    assert bund["lands"] == []  # bundesweit


def test_map_places_projects_at_their_lead_municipality(web):
    _name, data = payload(web / "karte.js")
    assert len(data["laender"]) == 16 and all(d.startswith("M") for _c, _n, d in data["laender"])
    places = named(data, "placeColumns", "places")
    by_name = {p["name"]: p for p in places}
    assert set(by_name) == {"Dresden", "Garmisch-Partenkirchen", "Köln"}
    ids = [p["id"] for p in named(data, "projectColumns", "projects")]
    assert [ids[i] for i in by_name["Garmisch-Partenkirchen"]["projects"]] == ["garmisch-buergerportal", "zweckverband-glasfaser"]
    width, height = data["viewBox"][2:]
    assert all(0 < p["x"] < width and 0 < p["y"] < height for p in places)
    assert by_name["Köln"]["x"] < by_name["Dresden"]["x"]  # Köln lies west of Dresden


def test_the_scripts_read_rows_by_column_name_not_by_position():
    root = Path(__file__).resolve().parent.parent / "docs" / "assets" / "katalog"
    for name in ("explorer.js", "karte.js"):
        script = (root / name).read_text(encoding="utf-8")
        assert not re.search(r"\b(it|p|place|row)\[[0-9]+\]", script), name
        assert "K.columns(" in script, name


def test_exports_work_with_the_real_enrich_stage(fixture_catalogue, tmp_path):
    catalogue = fixture_catalogue_loaded(fixture_catalogue)
    written = write_all(catalogue, enrich(catalogue, added={}), tmp_path)
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    for expected in ("projects.json", "funding.json", "projects.csv", "funding.csv", "datapackage.json",
                     "foerderkalender.ics", "feed.xml", "schema/project.schema.json", "web/suche-meta.js", "web/karte.js"):
        assert expected in names
    ics = (tmp_path / "foerderkalender.ics").read_text(encoding="utf-8")
    assert ics.count("BEGIN:VEVENT") == 1 and "DTSTART;VALUE=DATE:20270331" in ics


def test_ideen_check_shows_the_experience_as_plain_text_not_markdown_syntax(catalogue_copy):
    from generator.enrich import light
    from generator.export import ideas_data

    record = catalogue_copy / "projects" / "koeln-smart-parking.yaml"
    text = record.read_text(encoding="utf-8").replace(
        "  outcome: Die Sensoren liefen stabil. Die App wurde weniger genutzt als erwartet.\n",
        "  outcome: |\n    - **Technik:** Die Sensoren liefen *stabil*.\n    - Die App wurde weniger genutzt als erwartet.\n")
    assert "**Technik:**" in text
    record.write_text(text, encoding="utf-8")
    catalogue = fixture_catalogue_loaded(catalogue_copy)
    data = ideas_data.files(catalogue, light(catalogue))
    rows = [row for name, chunk in data.items() if name.startswith("ideen-d-") for row in chunk]
    column = ideas_data.DETAIL_COLUMNS.index("outcome")  # the data names its columns (detailColumns)
    assert data["ideen-index"]["detailColumns"] == list(ideas_data.DETAIL_COLUMNS)
    outcome = next(row[column] for row in rows if row[ideas_data.DETAIL_COLUMNS.index("id")] == "koeln-smart-parking")
    assert outcome == "Technik: Die Sensoren liefen stabil. Die App wurde weniger genutzt als erwartet."
