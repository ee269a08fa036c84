"""enrich() on whole catalogues: every field filled, reverse links complete, same input same output."""
from pathlib import Path

import pytest

from enrich_support import DRESDEN, FREISING, KOELN, ZWICKAU, catalogue, programme, project, write

from generator.catalogue import load_catalogue, validate_catalogue
from generator.enrich import Deadline, DeadlineStatus, enrich


def fixture_enriched(fixture_catalogue, build_date):
    cat, run = load_catalogue(fixture_catalogue, build_date=build_date)
    assert run.ok, run.errors
    return cat, enrich(cat, added={})


def test_fixture_catalogue_gets_every_field(fixture_catalogue, build_date):
    cat, enriched = fixture_enriched(fixture_catalogue, build_date)
    assert enriched.build_date == build_date
    assert set(enriched.similar_projects) == set(enriched.funding_matches) == set(cat.projects)
    assert set(enriched.similar_programmes) == set(enriched.programme_status) == set(enriched.projects_by_programme) == set(cat.funding)
    assert enriched.programme_status["smart-city-bund"] == DeadlineStatus("offen", "Offen bis 31.03.2027", "2027-03-31",
                                                                          evidence="2026-01-15", schedule="offen")
    assert enriched.programme_status["digital-sachsen"].status == "laufend"
    assert enriched.deadlines == [Deadline("smart-city-bund", "Aufruf 2026", "2026-01-15", "2027-03-31", "laufend")]
    assert enriched.projects_by_programme == {"digital-sachsen": [], "smart-city-bund": ["koeln-smart-parking"]}
    assert set(enriched.added) == set(cat.projects) | set(cat.funding)


def test_fixture_parking_projects_are_similar_to_each_other(fixture_catalogue, build_date):
    _cat, enriched = fixture_enriched(fixture_catalogue, build_date)
    (link,) = enriched.similar_projects["koeln-smart-parking"]
    assert link.id == "dresden-parkleitsystem"
    assert link.reasons[:2] == ("gleiches Handlungsfeld: Mobilität & Verkehr", "gemeinsame Schlagworte: Parken, Sensoren")


def test_fixture_dresden_gets_no_programme_that_excludes_kreisfreie_staedte(fixture_catalogue, build_date):
    _cat, enriched = fixture_enriched(fixture_catalogue, build_date)
    # digital-sachsen lists gemeinde, stadt, landkreis: Dresden is a kreisfreie Stadt
    assert [m.programme for m in enriched.funding_matches["dresden-parkleitsystem"]] == ["smart-city-bund"]
    assert [m.programme for m in enriched.funding_matches["garmisch-buergerportal"]] == []


def test_projects_by_municipality_lists_leads_and_partners_by_official_key(fixture_catalogue, build_date):
    _cat, enriched = fixture_enriched(fixture_catalogue, build_date)
    assert enriched.projects_by_municipality == {
        "05315000": ["koeln-smart-parking"],
        "09180117": ["garmisch-buergerportal", "zweckverband-glasfaser"],
        "14612000": ["dresden-parkleitsystem"],
    }


def test_same_catalogue_same_result():
    projects = [project("b", ags=DRESDEN, topics=["mobilitaet"], tags=["Parken"]),
                project("a", ags=KOELN, topics=["mobilitaet"], tags=["Parken"], funding=[{"programme": "p", "amount_eur": 5}]),
                project("c", ags=ZWICKAU, topics=["mobilitaet"], tags=["parken"])]
    funding = [programme("p", topics=["mobilitaet"]), programme("q", topics=["mobilitaet"], lands=["DE-SN"], level="land")]
    first = enrich(catalogue(projects, funding), added={})
    second = enrich(catalogue(list(reversed(projects)), list(reversed(funding))), added={})
    assert first == second
    assert list(first.similar_projects) == ["a", "b", "c"]
    assert first.projects_by_programme == {"p": ["a"], "q": []}


def test_projects_naming_an_unknown_programme_are_still_listed():
    enriched = enrich(catalogue([project("a", ags=FREISING, funding=[{"programme": "gibt-es-nicht", "amount_eur": 5}])]), added={})
    assert enriched.projects_by_programme == {"gibt-es-nicht": ["a"]}


def test_test_records_are_valid_catalogue_records(tmp_path, build_date):
    """The records the enrich tests build are real records: the validator accepts them."""
    root = write(tmp_path / "catalogue",
                 [project("koeln-parken", ags=KOELN, tags=["Parken"], funding=[{"programme": "bund-mobil", "amount_eur": 5}]),
                  project("zv-glasfaser", municipalities=[{"name": "Zweckverband Test", "type": "zweckverband", "land": "DE-BY", "role": "lead"}])],
                 [programme("bund-mobil", application={"status": "offen", "deadlines": ["2027-03-31", {"name": "Aufruf", "opens": "2027-01", "closes": "2027-06"}]})])
    run = validate_catalogue(root, today=build_date)
    assert run.errors == []


def test_methodology_page_states_the_numbers_the_code_uses():
    """docs/methodik.md explains the formulas to readers; it must not drift from the code."""
    from generator.enrich import history, matching, similarity

    page = (Path(__file__).resolve().parent.parent / "docs" / "methodik.md").read_text(encoding="utf-8")

    def german(number: float) -> str:
        return f"{number:.2f}".replace(".", ",")

    for label, weights in (("Projekte", similarity.PROJECT_WEIGHTS), ("Programme", similarity.PROGRAMME_WEIGHTS)):
        assert round(sum(weights.values()), 9) == 1, label
        for value in weights.values():
            assert f"| {german(value)} |" in page, (label, value)
    assert f"bis zu **{similarity.TOP_N} ähnliche Projekte**" in page
    assert f"**{similarity.CANDIDATE_TERMS} kennzeichnendsten Wörter**" in page
    assert f"höchstens {round(similarity.MAX_DF_SHARE * 100)} % aller Projekte" in page
    assert f"höchstens {similarity.MIN_DF_CAP} Projekten" in page
    assert f"**{similarity.CHAMPIONS} Projekte**" in page
    assert f"Bei bis zu **{similarity.EXHAUSTIVE_MAX} Projekten**" in page
    assert f"**{similarity.MAX_CANDIDATES} Projekte**" in page
    assert f"mindestens {german(similarity.TEXT_REASON_MIN)}" in page
    assert f"mindestens **{german(similarity.MIN_SCORE)} Punkten**" in page
    assert f"mindestens {similarity.TEXT_REASON_MIN_SHARED} Wörter" in page
    assert f"**{history.NEW_RECORDS_DAYS} Tagen**" in page and f"**höchstens {history.NEW_RECORDS_MAX}**" in page
    assert f"die ersten **{matching.MAX_MATCHES} Programme**" in page
    assert similarity.COMMON_SHARE == 0.5 and f"mehr als der Hälfte aller Projekte (und in mehr als {similarity.COMMON_MIN})" in page
    assert "Gewicht | Wert" in page and "(1 + ln *h*) · ln(1 + *N* / *d*)" in page


@pytest.mark.slow  # seconds of CPU: left out of make test-fast, run by make test
def test_result_does_not_depend_on_the_hash_seed(fixture_catalogue):
    """Sets of words iterate in a different order under another PYTHONHASHSEED; nothing may change."""
    import os
    import subprocess
    import sys

    script = (
        "import datetime as dt, sys\n"
        "from pathlib import Path\n"
        "from generator.catalogue import load_catalogue\n"
        "from generator.enrich import enrich\n"
        "sys.path.insert(0, 'bench')\n"
        "from synth import records\n"
        "from generator.catalogue import Catalogue\n"
        "from generator.reference import default_reference\n"
        "projects, programmes = records(400, seed=7)\n"
        "cat = Catalogue({p['id']: p for p in projects}, {p['id']: p for p in programmes}, {}, default_reference(),"
        " dt.date(2026, 11, 27))\n"
        "e = enrich(cat, added={})\n"
        "print(repr((e.similar_projects, e.similar_programmes, e.funding_matches)))\n"
        f"c, _ = load_catalogue(Path({str(fixture_catalogue)!r}), build_date=dt.date(2026, 11, 27))\n"
        "print(repr(enrich(c, added={})))\n"
    )
    root = Path(__file__).resolve().parent.parent
    outputs = set()
    for seed in ("1", "2", "3"):
        result = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True,
                                env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert "SimilarLink" in outputs.pop()
