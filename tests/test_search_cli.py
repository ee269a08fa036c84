"""`katalog suche` and `katalog zeige`: readable German output from an offline clone."""
from __future__ import annotations

from generator.cli import main

ARGS = ["--katalog", "tests/fixtures/catalogue", "--stichtag", "2026-11-27"]


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_suche_lists_hits_with_title_place_and_show_command(capsys, fixture_catalogue, monkeypatch):
    monkeypatch.chdir(fixture_catalogue.parent.parent.parent)
    code, out, _ = run(capsys, "suche", "Parkplätzen", *ARGS)
    assert code == 0
    assert out.startswith("3 Treffer:\nAuch gesucht: „Parkraum“ (gleichbedeutend mit „Parkplätzen“)\n")
    assert "1. Digitales Parkleitsystem mit Sensoren" in out
    assert "Projekt · Dresden · Sachsen · Umsetzung" in out
    assert "katalog zeige koeln-smart-parking" in out
    assert out.index("dresden-parkleitsystem") < out.index("koeln-smart-parking")


def test_suche_accepts_names_for_filters(capsys, fixture_catalogue, monkeypatch):
    monkeypatch.chdir(fixture_catalogue.parent.parent.parent)
    code, out, _ = run(capsys, "suche", "--land", "Sachsen", "--art", "projekte", *ARGS)
    assert code == 0
    assert out.startswith("1 Treffer:")
    assert "Digitales Parkleitsystem" in out


def test_suche_shows_computed_programme_status(capsys, fixture_catalogue, monkeypatch):
    monkeypatch.chdir(fixture_catalogue.parent.parent.parent)
    code, out, _ = run(capsys, "suche", "Smart City", "--status", "offen", *ARGS)
    assert code == 0
    assert "Förderprogramm · Bund" in out and "Offen bis 31.03.2027" in out


def test_suche_without_hits_says_so_and_exits_1(capsys, fixture_catalogue, monkeypatch):
    monkeypatch.chdir(fixture_catalogue.parent.parent.parent)
    code, out, _ = run(capsys, "suche", "Raumfahrt", *ARGS)
    assert code == 1
    assert "Keine Treffer für „Raumfahrt“" in out


def test_suche_without_hits_proposes_a_known_word(capsys, fixture_catalogue, monkeypatch):
    monkeypatch.chdir(fixture_catalogue.parent.parent.parent)
    code, out, _ = run(capsys, "suche", "Apq", *ARGS)
    assert code == 1
    assert out == "Keine Treffer für „Apq“.\nMeinten Sie „app“? katalog suche \"app\"\n"


def test_suche_rejects_unknown_filter_value_in_german(capsys, fixture_catalogue, monkeypatch):
    monkeypatch.chdir(fixture_catalogue.parent.parent.parent)
    code, _out, err = run(capsys, "suche", "Park", "--land", "Atlantis", *ARGS)
    assert code == 2
    assert "„Atlantis“ ist kein bekanntes Land" in err


def test_suche_limit_shows_first_n_of_total(capsys, fixture_catalogue, monkeypatch):
    monkeypatch.chdir(fixture_catalogue.parent.parent.parent)
    code, out, _ = run(capsys, "suche", "park", "--limit", "1", *ARGS)
    assert code == 0
    assert out.startswith("3 Treffer, die ersten 1:")
    assert "2." not in out


def test_zeige_project_shows_facts_experience_and_links(capsys, fixture_catalogue, monkeypatch):
    monkeypatch.chdir(fixture_catalogue.parent.parent.parent)
    code, out, _ = run(capsys, "zeige", "koeln-smart-parking", *ARGS)
    assert code == 0
    assert out.startswith("Smart Parking in der Innenstadt\n")
    assert "Köln (Nordrhein-Westfalen, über 100.000 Einwohner)" in out
    assert "Gesamtkosten:            480.000 €" in out
    assert "- Pilot in zwei Straßen\n- Auswertung nach sechs Monaten" in out
    assert "Ähnliche Projekte" in out and "→ katalog zeige dresden-parkleitsystem" in out
    assert "Passende Förderprogramme" in out


def test_zeige_programme_shows_status_deadlines_and_funded_projects(capsys, fixture_catalogue, monkeypatch):
    monkeypatch.chdir(fixture_catalogue.parent.parent.parent)
    code, out, _ = run(capsys, "zeige", "smart-city-bund", *ARGS)
    assert code == 0
    assert "Antragsstatus:           Offen bis 31.03.2027" in out
    assert "- Aufruf 2026: 15.01.2026 – 31.03.2027" in out
    assert "- Smart Parking in der Innenstadt\n  → katalog zeige koeln-smart-parking" in out
    assert "Betrag:                  bis 15.000.000 €" in out


def test_zeige_unknown_id_suggests_the_close_one(capsys, fixture_catalogue, monkeypatch):
    monkeypatch.chdir(fixture_catalogue.parent.parent.parent)
    code, _out, err = run(capsys, "zeige", "koeln-smart-parkin", *ARGS)
    assert code == 1
    assert "Meinten Sie: koeln-smart-parking?" in err


def test_zeige_computes_the_same_facts_as_the_full_enrich_stage(fixture_catalogue):
    from export_support import fixture_catalogue_loaded
    from generator.enrich import for_record as facts_for
    from generator.enrich import enrich

    catalogue = fixture_catalogue_loaded(fixture_catalogue)
    full = enrich(catalogue, added={})
    for pid in catalogue.projects:
        facts = facts_for(catalogue, pid)
        assert facts.similar_projects[pid] == full.similar_projects[pid]
        assert facts.funding_matches[pid] == full.funding_matches[pid]
    for fid in catalogue.funding:
        facts = facts_for(catalogue, fid)
        assert facts.programme_status[fid] == full.programme_status[fid]
        assert facts.projects_by_programme[fid] == full.projects_by_programme[fid]
