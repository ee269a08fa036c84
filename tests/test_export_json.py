"""api/projects.json and api/funding.json: records plus derived facts, stable order."""
from __future__ import annotations

import json

import pytest

from export_support import fixture_catalogue_loaded, sample_enriched
from generator.export import json_api, write_all


@pytest.fixture
def api(fixture_catalogue, tmp_path):
    write_all(fixture_catalogue_loaded(fixture_catalogue), sample_enriched(), tmp_path)
    return tmp_path


def load(api, name):
    return json.loads((api / name).read_text(encoding="utf-8"))


def test_projects_json_carries_format_version_build_date_and_all_records(api):
    data = load(api, "projects.json")
    assert data["format_version"] == "1.1"
    assert data["build_date"] == "2026-11-27"
    assert data["count"] == 4
    assert [p["id"] for p in data["projects"]] == [
        "dresden-parkleitsystem", "garmisch-buergerportal", "koeln-smart-parking", "zweckverband-glasfaser"]


def test_project_keys_follow_the_schema_order_with_derived_last(api):
    koeln = next(p for p in load(api, "projects.json")["projects"] if p["id"] == "koeln-smart-parking")
    keys = list(koeln)
    assert keys[:4] == ["id", "title", "summary", "description"]
    assert keys[-1] == "derived"
    assert keys.index("municipalities") < keys.index("topics") < keys.index("status")


def test_project_municipalities_are_resolved_from_reference_data(api):
    koeln = next(p for p in load(api, "projects.json")["projects"] if p["id"] == "koeln-smart-parking")
    muni = koeln["derived"]["municipalities"][0]
    assert muni["name"] == "Köln"
    assert muni["land"] == "DE-NW" and muni["land_name"] == "Nordrhein-Westfalen"
    assert muni["size_class"] == "ueber-100000"
    assert muni["population"] > 1_000_000
    assert koeln["derived"]["status_label"] == "Betrieb"
    assert koeln["derived"]["topic_labels"] == ["Mobilität & Verkehr", "Stadtentwicklung & Smart City"]
    assert koeln["derived"]["page"] == "projekte/koeln-smart-parking.html"
    assert koeln["derived"]["similar_projects"] == ["dresden-parkleitsystem"]


def test_municipality_without_key_keeps_name_and_land(api):
    zv = next(p for p in load(api, "projects.json")["projects"] if p["id"] == "zweckverband-glasfaser")
    names = [m["name"] for m in zv["derived"]["municipalities"]]
    assert names == ["Zweckverband Breitband Testregion", "Garmisch-Partenkirchen"]
    assert zv["derived"]["lands"] == ["DE-BY"]
    assert zv["derived"]["municipalities"][0]["ags"] is None


def test_funding_json_has_computed_status_and_funded_projects(api):
    data = load(api, "funding.json")
    assert data["format_version"] == "1.1"
    bund = next(f for f in data["funding"] if f["id"] == "smart-city-bund")
    assert bund["derived"]["status"] == "offen"
    assert bund["derived"]["next_closes"] == "2027-03-31"
    assert bund["derived"]["projects"] == ["koeln-smart-parking"]
    assert bund["derived"]["land_names"] == ["bundesweit"]
    sachsen = next(f for f in data["funding"] if f["id"] == "digital-sachsen")
    assert sachsen["derived"]["land_names"] == ["Sachsen"]
    assert sachsen["derived"]["level_label"] == "Land"


def test_output_is_byte_identical_across_runs(fixture_catalogue, tmp_path):
    catalogue = fixture_catalogue_loaded(fixture_catalogue)
    first = json_api.dumps(json_api.document(catalogue, sample_enriched(), "project"))
    second = json_api.dumps(json_api.document(catalogue, sample_enriched(), "project"))
    assert first == second


def test_schemas_are_copied_and_still_resolve_each_other(api):
    names = sorted(p.name for p in (api / "schema").iterdir())
    assert names == ["common.schema.json", "declaration.schema.json", "funding.schema.json", "project.schema.json",
                     "vocabularies.schema.json"]
    project = json.loads((api / "schema" / "project.schema.json").read_text(encoding="utf-8"))
    refs = json.dumps(project)
    assert "common.schema.json#/$defs/id" in refs
    vocab = json.loads((api / "schema" / "vocabularies.schema.json").read_text(encoding="utf-8"))
    assert "mobilitaet" in vocab["$defs"]["topics"]["enum"]
