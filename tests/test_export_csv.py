"""api/projects.csv, api/funding.csv and datapackage.json."""
from __future__ import annotations

import csv
import io
import json

import pytest

from export_support import fixture_catalogue_loaded, sample_enriched
from generator.export import tables, write_all


@pytest.fixture
def api(fixture_catalogue, tmp_path):
    write_all(fixture_catalogue_loaded(fixture_catalogue), sample_enriched(), tmp_path)
    return tmp_path


def read_rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_projects_csv_has_one_row_per_project_with_flattened_values(api):
    rows = {r["id"]: r for r in read_rows(api / "projects.csv")}
    assert set(rows) == {"dresden-parkleitsystem", "garmisch-buergerportal", "koeln-smart-parking", "zweckverband-glasfaser"}
    koeln = rows["koeln-smart-parking"]
    assert koeln["topics"] == "mobilitaet; stadtentwicklung"
    assert koeln["tags"] == "LoRaWAN; Parken; Sensoren"
    assert koeln["municipalities"] == "Köln"
    assert koeln["land_names"] == "Nordrhein-Westfalen"
    assert koeln["budget_total_eur"] == "480000"
    assert koeln["funding_total_eur"] == "312000"
    assert koeln["seeking_partners"] == "true"
    assert koeln["open_source"] == "true"
    assert rows["dresden-parkleitsystem"]["seeking_partners"] == ""
    assert rows["zweckverband-glasfaser"]["municipalities"] == "Zweckverband Breitband Testregion; Garmisch-Partenkirchen"


def test_csv_round_trips_umlauts_commas_and_quotes(api):
    raw = (api / "projects.csv").read_bytes()
    assert raw.decode("utf-8")  # valid UTF-8
    rows = {r["id"]: r for r in read_rows(api / "projects.csv")}
    assert rows["dresden-parkleitsystem"]["contact_organisation"] == "Landeshauptstadt Dresden, Mobilitätsamt"
    assert rows["garmisch-buergerportal"]["title"] == "Bürgerportal für Online-Anträge"


def test_funding_csv_shows_recorded_and_computed_status(api):
    rows = {r["id"]: r for r in read_rows(api / "funding.csv")}
    bund = rows["smart-city-bund"]
    assert bund["application_status_recorded"] == "offen"
    assert bund["application_status"] == "offen"
    assert bund["deadlines"] == "Aufruf 2026: 2026-01-15/2027-03-31"
    assert bund["max_percent"] == "65"
    assert bund["funded_projects"] == "koeln-smart-parking"


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"https://evil.example\")", "+49 30 123", "-1+2", "@SUM(A1)", "\tTab", "\rCR"])
def test_cells_a_spreadsheet_would_evaluate_get_an_apostrophe(dangerous):
    assert tables.cell(dangerous, "string") == "'" + dangerous


def test_harmless_cells_and_numbers_stay_unchanged():
    assert tables.cell("Smart Parking", "string") == "Smart Parking"
    assert tables.cell(480000, "integer") == "480000"
    assert tables.cell(True, "boolean") == "true"
    assert tables.cell(None, "string") == ""


def test_injected_title_is_neutralised_in_the_written_file(catalogue_copy, tmp_path):
    path = catalogue_copy / "projects" / "dresden-parkleitsystem.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Digitales Parkleitsystem mit Sensoren", "title: \"=cmd|' /C calc'!A0\""), encoding="utf-8")
    write_all(fixture_catalogue_loaded(catalogue_copy), sample_enriched(), tmp_path / "api")
    rows = {r["id"]: r for r in read_rows(tmp_path / "api" / "projects.csv")}
    assert rows["dresden-parkleitsystem"]["title"] == "'=cmd|' /C calc'!A0"


def test_datapackage_describes_every_csv_column_with_a_type(api):
    package = json.loads((api / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    by_path = {r["path"]: r for r in package["resources"]}
    assert set(by_path) == {"projects.csv", "funding.csv", "declarations.csv"}
    for path, resource in by_path.items():
        header = next(csv.reader(io.StringIO((api / path).read_text(encoding="utf-8"))))
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header
        assert all(f["type"] in {"string", "integer", "number", "boolean", "date"} for f in fields)
        assert resource["schema"]["primaryKey"] == ["id"]


def test_datapackage_types_match_the_values(api):
    package = json.loads((api / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        for row in read_rows(api / resource["path"]):
            for name, value in row.items():
                if value == "":
                    continue
                if types[name] == "integer":
                    int(value)
                elif types[name] == "number":
                    float(value)
                elif types[name] == "boolean":
                    assert value in ("true", "false")
                elif types[name] == "date":
                    assert len(value) == 10 and value[4] == "-" and value[7] == "-"
