"""katalog stats / coverage(): figures match counts computed independently from the record files."""
from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import BUILD_DATE, REPO_ROOT, real_catalogue_date
from generator.catalogue import load_catalogue
from generator.cli import main
from generator.commands.stats import render_text, table
from generator.loader import load_file
from generator.enrich import light
from generator.stats import coverage

REAL = REPO_ROOT / "catalogue"
REFERENCE = REPO_ROOT / "catalogue" / "reference" / "municipalities"
LAND_PREFIX = {"01": "DE-SH", "02": "DE-HH", "03": "DE-NI", "04": "DE-HB", "05": "DE-NW", "06": "DE-HE",
               "07": "DE-RP", "08": "DE-BW", "09": "DE-BY", "10": "DE-SL", "11": "DE-BE", "12": "DE-BB",
               "13": "DE-MV", "14": "DE-SN", "15": "DE-ST", "16": "DE-TH"}


# --- independent counting straight from the YAML files and the reference CSV --------------------

def records(root: Path, folder: str) -> list[dict]:
    return [load_file(path).data for path in sorted((root / folder).glob("*.yaml"))]


def lands_of(project: dict) -> set[str]:
    """Land of each municipality: the first two digits of the official key, or the stated land."""
    return {LAND_PREFIX[m["ags"][:2]] if "ags" in m else m["land"] for m in project["municipalities"]}


def gemeinde_population() -> dict:
    """Population of Gemeinden (8-digit key) and Gemeindeverbände (9-digit key)."""
    population = {}
    for name, key in (("gemeinden.csv", "ags"), ("gemeindeverbaende.csv", "verband_ars")):
        with (REFERENCE / name).open(encoding="utf-8") as handle:
            population |= {row[key]: int(row["population"] or 0) for row in csv.DictReader(handle)}
    return population


def kreisfreie_kreise() -> set:
    with (REFERENCE / "kreise.csv").open(encoding="utf-8") as handle:
        return {row["kreis_ags"] for row in csv.DictReader(handle) if row["type_code"] in ("41", "42")}


def size_classes_of(project: dict, population: dict, kreisfrei: set) -> set[str]:
    out = set()
    for m in project["municipalities"]:
        key = m.get("ags")
        if key is None:
            out.add("ohne-schluessel")
        elif len(key) == 2:
            out.add("land")
        elif len(key) == 5 and key not in kreisfrei:
            out.add("landkreis")
        elif len(key) in (8, 9):
            people = population[key]
            out.add("unter-5000" if people < 5000 else "5000-20000" if people < 20000
                    else "20000-100000" if people < 100000 else "ueber-100000")
        else:
            pytest.fail(f"test does not expect key {key}")
    return out


def column(rows: list[dict], name: str) -> dict:
    return {r["id"]: r[name] for r in rows if r[name]}


@pytest.fixture(scope="module")
def fixture_cov():
    catalogue, run = load_catalogue(REPO_ROOT / "tests" / "fixtures" / "catalogue", build_date=BUILD_DATE)
    assert catalogue is not None, [f.message for f in run.errors]
    return coverage(catalogue, light(catalogue))


@pytest.fixture(scope="module")
def real_cov():
    catalogue, run = load_catalogue(REAL, build_date=real_catalogue_date(REAL))
    assert catalogue is not None, [f.message for f in run.errors]
    return coverage(catalogue, light(catalogue))


# --- fixture catalogue: small enough to state the expected figures outright ---------------------

def test_coverage_counts_the_places_and_statuses_of_the_enriched_model():
    # the counts read the Enriched model's views (places, lead, programme status), never derive them again:
    # change the model and the figures follow
    import dataclasses

    from generator.enrich.types import DeadlineStatus

    catalogue, _run = load_catalogue(REPO_ROOT / "tests" / "fixtures" / "catalogue", build_date=BUILD_DATE)
    enriched = light(catalogue)
    before = coverage(catalogue, enriched)
    koeln = enriched.projects["koeln-smart-parking"]
    moved = dataclasses.replace(koeln.lead, land_code="DE-HB", municipality=None)
    enriched.projects["koeln-smart-parking"] = dataclasses.replace(koeln, lands=("DE-HB",), lead=moved, places=(moved,))
    enriched.programme_status = {pid: DeadlineStatus("geschlossen", "Geschlossen", None) for pid in catalogue.funding}
    after = coverage(catalogue, enriched)
    assert column(after["by_land"], "projects")["DE-HB"] == column(before["by_land"], "projects").get("DE-HB", 0) + 1
    assert column(after["projects_by_lead_class"], "projects")["ohne-schluessel"] == \
        column(before["projects_by_lead_class"], "projects").get("ohne-schluessel", 0) + 1
    assert column(after["funding_by_status"], "funding") == {"geschlossen": len(catalogue.funding)}


def test_fixture_totals(fixture_cov):
    assert fixture_cov["totals"] == {"projects": 4, "funding": 2, "funding_nationwide": 1, "funding_land_specific": 1,
                                     "funding_regional": 0}


def test_fixture_projects_per_land_count_each_land_of_a_project(fixture_cov):
    assert column(fixture_cov["by_land"], "projects") == {"DE-SN": 1, "DE-BY": 2, "DE-NW": 1}


def test_fixture_nationwide_programme_is_not_spread_over_the_laender(fixture_cov):
    assert column(fixture_cov["by_land"], "funding") == {"DE-SN": 1}
    assert fixture_cov["funding_nationwide_by_level"] == [{"id": "bund", "label": "Bund", "funding": 1}]


def test_fixture_gaps_list_laender_without_project_and_without_land_programme(fixture_cov):
    without_project = [r["id"] for r in fixture_cov["laender_without_project"]]
    without_programme = [r["id"] for r in fixture_cov["laender_without_land_programme"]]
    assert len(without_project) == 13 and not {"DE-SN", "DE-BY", "DE-NW"} & set(without_project)
    assert len(without_programme) == 15 and "DE-SN" not in without_programme
    assert without_project[0] == "DE-SH"  # vocabulary order, not alphabetical


def test_fixture_topics_count_projects_and_programmes(fixture_cov):
    assert column(fixture_cov["by_topic"], "projects") == {"mobilitaet": 2, "stadtentwicklung": 1, "verwaltung": 1,
                                                           "infrastruktur": 1}
    assert column(fixture_cov["by_topic"], "funding") == {"mobilitaet": 2, "stadtentwicklung": 1}


def test_fixture_size_classes_include_bodies_without_key(fixture_cov):
    expected = Counter()
    population, kreisfrei = gemeinde_population(), kreisfreie_kreise()
    for project in records(REPO_ROOT / "tests" / "fixtures" / "catalogue", "projects"):
        expected.update(size_classes_of(project, population, kreisfrei))
    assert column(fixture_cov["projects_by_size_class"], "projects") == dict(expected)
    assert expected["ohne-schluessel"] == 1


def test_fixture_statuses(fixture_cov):
    assert column(fixture_cov["projects_by_status"], "projects") == {"umsetzung": 1, "betrieb": 2, "planung": 1}
    # smart-city-bund: call 2026-01-15 to 2027-03-31 is open at the build date; digital-sachsen: laufend
    assert column(fixture_cov["funding_by_status"], "funding") == {"offen": 1, "laufend": 1}


def test_every_row_lists_all_terms_so_gaps_show(fixture_cov):
    assert len(fixture_cov["by_land"]) == 16
    assert len(fixture_cov["by_topic"]) == 13
    assert [r["id"] for r in fixture_cov["projects_by_status"]] == ["idee", "planung", "umsetzung", "betrieb",
                                                                    "abgeschlossen", "eingestellt"]


def test_fixture_each_project_counts_once_in_the_class_of_its_lead(fixture_cov):
    # Dresden and Köln (over 100,000), Garmisch-Partenkirchen (about 27,000), a Zweckverband without key;
    # Garmisch-Partenkirchen is also partner of the Zweckverband project but counts only where it leads
    assert column(fixture_cov["projects_by_lead_class"], "projects") == {"ueber-100000": 2, "20000-100000": 1,
                                                                         "ohne-schluessel": 1}
    assert fixture_cov["projects_led_by_small_municipalities"] == []


def test_fixture_programmes_count_once_per_eligible_applicant_type(fixture_cov):
    assert column(fixture_cov["funding_by_applicant_type"], "funding") == {"gemeinde": 2, "stadt": 2,
                                                                           "kreisfreie-stadt": 1, "landkreis": 2}
    assert [r["id"] for r in fixture_cov["municipal_applicant_types_without_programme"]] == ["gemeindeverband",
                                                                                            "zweckverband"]


def test_fixture_gaps_name_thin_handlungsfelder_and_lead_classes(fixture_cov):
    below = {r["id"]: r["projects"] for r in fixture_cov["topics_below_min_projects"]}
    assert len(below) == 13 and below["mobilitaet"] == 2 and below["umwelt"] == 0
    assert "mobilitaet" not in {r["id"] for r in fixture_cov["topics_without_programme"]}
    assert "verwaltung" in {r["id"] for r in fixture_cov["topics_without_programme"]}
    assert [r["id"] for r in fixture_cov["lead_classes_without_project"]] == [
        "unter-5000", "5000-20000", "gemeindeverband", "landkreis", "land"]


def test_fixture_topics_without_project_are_named_per_land(fixture_cov):
    per_land = {r["id"]: r["topics"] for r in fixture_cov["topics_without_project_per_land"]}
    assert len(per_land) == 16
    assert "mobilitaet" not in per_land["DE-SN"] and "verwaltung" in per_land["DE-SN"]
    # Bayern: the Garmisch portal (verwaltung) and the Zweckverband's fibre project (infrastruktur)
    assert not {"verwaltung", "infrastruktur"} & set(per_land["DE-BY"])
    assert "mobilitaet" in per_land["DE-BY"] and len(per_land["DE-BY"]) == 11
    assert len(per_land["DE-HB"]) == 13


# --- changed copies of the fixture catalogue ------------------------------------------------------

def test_programme_with_past_deadlines_counts_as_closed_even_if_declared_open(catalogue_copy):
    path = catalogue_copy / "funding" / "smart-city-bund.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('closes: "2027-03-31"', 'closes: "2026-03-31"'),
                    encoding="utf-8")
    catalogue, _run = load_catalogue(catalogue_copy, build_date=BUILD_DATE)
    cov = coverage(catalogue, light(catalogue))
    assert column(cov["funding_by_status"], "funding") == {"geschlossen": 1, "laufend": 1}
    assert cov["funding_status_differs_from_declared"] == ["smart-city-bund"]


def test_project_in_two_laender_counts_in_both(catalogue_copy):
    path = catalogue_copy / "projects" / "koeln-smart-parking.yaml"
    text = path.read_text(encoding="utf-8").replace(
        '  - ags: "05315000"\n    role: lead\n',
        '  - ags: "05315000"\n    role: lead\n  - ags: "16053000"\n    role: partner\n')
    path.write_text(text, encoding="utf-8")
    catalogue, run = load_catalogue(catalogue_copy, build_date=BUILD_DATE)
    assert catalogue is not None, [f.message for f in run.errors]
    by_land = column(coverage(catalogue, light(catalogue))["by_land"], "projects")
    assert by_land["DE-NW"] == 1 and by_land["DE-TH"] == 1
    assert sum(by_land.values()) == 5  # four projects, one of them in two Länder


def test_projects_led_by_a_small_gemeinde_or_an_amt_are_listed(catalogue_copy):
    garmisch = catalogue_copy / "projects" / "garmisch-buergerportal.yaml"
    garmisch.write_text(garmisch.read_text(encoding="utf-8").replace('"09180117"', '"16062063"'), encoding="utf-8")
    glasfaser = catalogue_copy / "projects" / "zweckverband-glasfaser.yaml"
    glasfaser.write_text(glasfaser.read_text(encoding="utf-8").replace(
        "  - name: Zweckverband Breitband Testregion\n    type: zweckverband\n    land: DE-BY\n",
        '  - ags: "010595974"\n'), encoding="utf-8")
    catalogue, run = load_catalogue(catalogue_copy, build_date=BUILD_DATE)
    assert catalogue is not None, [f.message for f in run.errors]
    cov = coverage(catalogue, light(catalogue))
    # Werther (Thüringen, about 3,000 inhabitants) and the Amt Süderbrarup (9-digit key)
    assert cov["projects_led_by_small_municipalities"] == ["garmisch-buergerportal", "zweckverband-glasfaser"]
    assert column(cov["projects_by_lead_class"], "projects") == {"ueber-100000": 2, "unter-5000": 1,
                                                                 "gemeindeverband": 1}
    assert "gemeindeverband" not in {r["id"] for r in cov["lead_classes_without_project"]}


# --- real catalogue: figures equal counts made independently from the files ----------------------

def test_real_totals_match_the_files(real_cov):
    projects, funding = records(REAL, "projects"), records(REAL, "funding")
    nationwide = [f for f in funding if f["lands"] == []]
    land_programmes = [f for f in funding if f["level"] == "land"]
    assert real_cov["totals"] == {"projects": len(projects), "funding": len(funding),
                                  "funding_nationwide": len(nationwide),
                                  "funding_land_specific": len(land_programmes),
                                  "funding_regional": len(funding) - len(nationwide) - len(land_programmes)}


def test_real_projects_and_programmes_per_land_match_the_files(real_cov):
    projects, funding = records(REAL, "projects"), records(REAL, "funding")
    assert column(real_cov["by_land"], "projects") == dict(Counter(code for p in projects for code in lands_of(p)))
    assert column(real_cov["by_land"], "funding") == dict(Counter(code for f in funding if f["level"] == "land"
                                                                  for code in f["lands"]))
    assert column(real_cov["by_land"], "funding_regional") == dict(Counter(code for f in funding if f["level"] != "land"
                                                                           for code in f["lands"]))


def test_real_topics_statuses_and_size_classes_match_the_files(real_cov):
    projects, funding = records(REAL, "projects"), records(REAL, "funding")
    assert column(real_cov["by_topic"], "projects") == dict(Counter(t for p in projects for t in p["topics"]))
    assert column(real_cov["by_topic"], "funding") == dict(Counter(t for f in funding for t in f["topics"]))
    assert column(real_cov["projects_by_status"], "projects") == dict(Counter(p["status"] for p in projects))
    population, kreisfrei = gemeinde_population(), kreisfreie_kreise()
    sizes = Counter(c for p in projects for c in size_classes_of(p, population, kreisfrei))
    assert column(real_cov["projects_by_size_class"], "projects") == dict(sizes)
    assert sum(r["funding"] for r in real_cov["funding_by_status"]) == len(funding)


def test_real_gaps_name_the_laender_without_project_or_land_programme(real_cov):
    projects, funding = records(REAL, "projects"), records(REAL, "funding")
    covered_projects = {code for p in projects for code in lands_of(p)}
    covered_programmes = {code for f in funding if f["level"] == "land" for code in f["lands"]}
    assert {r["id"] for r in real_cov["laender_without_project"]} == set(LAND_PREFIX.values()) - covered_projects
    assert {r["id"] for r in real_cov["laender_without_land_programme"]} == set(LAND_PREFIX.values()) - covered_programmes
    # Bremen was the gap of the first round; the second round's Bremen projects close it
    assert "DE-HB" not in {r["id"] for r in real_cov["laender_without_project"]}


def test_real_lead_classes_match_the_files(real_cov):
    population, kreisfrei = gemeinde_population(), kreisfreie_kreise()
    expected = Counter()
    small = []
    for project in records(REAL, "projects"):
        lead = next(m for m in project["municipalities"] if m["role"] == "lead")
        key = lead.get("ags")
        if key and len(key) == 9:
            cls = "gemeindeverband"
        else:
            cls, = size_classes_of({"municipalities": [lead]}, population, kreisfrei)
        expected[cls] += 1
        if cls in ("unter-5000", "gemeindeverband"):
            small.append(project["id"])
    assert column(real_cov["projects_by_lead_class"], "projects") == dict(expected)
    assert real_cov["projects_led_by_small_municipalities"] == sorted(small)


def test_real_catalogue_meets_the_coverage_targets_of_the_second_round(real_cov):
    assert real_cov["totals"]["projects"] >= 95
    assert real_cov["laender_without_project"] == []
    assert len(real_cov["projects_led_by_small_municipalities"]) >= 8
    assert real_cov["topics_below_min_projects"] == []


# --- output ------------------------------------------------------------------------------------

def test_table_aligns_numbers_right():
    assert table(["Land", "Projekte"], [["Bayern", 5], ["Sachsen-Anhalt", 12]]).splitlines() == [
        "Land            Projekte",
        "--------------  --------",
        "Bayern                 5",
        "Sachsen-Anhalt        12",
    ]


def test_text_report_is_german_and_names_the_gaps(fixture_cov):
    text = render_text(fixture_cov)
    assert "4 Projekte, 2 Förderprogramme (1 landesspezifisch, 1 bundesweit/EU)" in text
    assert "Dazu gelten 1 bundesweite bzw. EU-Programme in allen Ländern (Bund 1)." in text
    assert "Länder ohne Projekt: Schleswig-Holstein, Hamburg" in text
    assert "Sachsen" in text.split("Länder ohne Projekt:")[0]
    assert "Von Gemeinden unter 5.000 Einwohnern oder Ämtern/Verbandsgemeinden geführt: 0 Projekte." in text
    assert "Handlungsfelder mit weniger als 3 Projekten: Verwaltung & E-Government (1), Bildung & Schule (0)" in text
    assert "Kommunale Antragsberechtigte ohne Förderprogramm: Gemeindeverband, Zweckverband" in text
    sachsen = next(line for line in text.splitlines() if line.startswith("Sachsen: "))
    assert "Verwaltung & E-Government" in sachsen and "Mobilität & Verkehr" not in sachsen


def test_cli_json_equals_coverage(capsys, fixture_cov):
    code = main(["stats", str(REPO_ROOT / "tests" / "fixtures" / "catalogue"), "--format", "json",
                 "--stichtag", BUILD_DATE.isoformat()])
    assert code == 0
    assert json.loads(capsys.readouterr().out) == fixture_cov


def test_cli_refuses_a_catalogue_with_errors(capsys, catalogue_copy):
    (catalogue_copy / "projects" / "koeln-smart-parking.yaml").write_text("id: koeln-smart-parking\n", encoding="utf-8")
    assert main(["stats", str(catalogue_copy)]) == 1
    assert "Fehler" in capsys.readouterr().err


def test_cli_rejects_a_bad_date(capsys):
    assert main(["stats", "--stichtag", "27.11.2026"]) == 2
    assert "kein Datum" in capsys.readouterr().err


def test_eu_programme_for_some_laender_is_no_land_programme_of_theirs(catalogue_copy):
    """Interreg CENTRAL EUROPE names nine Länder; it is still an EU programme, not a Land programme of those Länder."""
    text = (catalogue_copy / "funding" / "smart-city-bund.yaml").read_text(encoding="utf-8")
    regional = (text.replace("id: smart-city-bund", "id: interreg-mitteleuropa")
                .replace("level: bund\nlands: []", "level: eu\nlands: [DE-BY, DE-SN]"))
    assert "level: eu\nlands: [DE-BY, DE-SN]" in regional
    (catalogue_copy / "funding" / "interreg-mitteleuropa.yaml").write_text(regional, encoding="utf-8")
    catalogue, run = load_catalogue(catalogue_copy, build_date=BUILD_DATE)
    assert catalogue is not None, [f.message for f in run.errors]
    cov = coverage(catalogue, light(catalogue))
    assert column(cov["by_land"], "funding") == {"DE-SN": 1}  # only digital-sachsen is a Land programme
    assert column(cov["by_land"], "funding_regional") == {"DE-BY": 1, "DE-SN": 1}
    assert "DE-BY" in {r["id"] for r in cov["laender_without_land_programme"]}
    assert cov["totals"] == {"projects": 4, "funding": 3, "funding_nationwide": 1, "funding_land_specific": 1,
                             "funding_regional": 1}
    text = render_text(cov)
    assert "3 Förderprogramme (1 landesspezifisch, 1 bundesweit/EU, 1 EU/Bund nur für einzelne Länder)" in text
    bayern = next(line for line in text.splitlines() if line.startswith("Bayern "))
    assert bayern.split()[1:] == ["2", "0", "1"]
