"""katalog ideen-check in the terminal: readable German text, JSON, and clear errors."""
from __future__ import annotations

import json

from enrich_support import GARMISCH, write
from generator import cli
from test_ideas import BAVARIA_ONLY, IDEA, NATIONWIDE, NOISE, PARKING, PORTAL, SAXONY_ONLY


def katalog(tmp_path, capsys, *args):
    root = write(tmp_path / "katalog", [NOISE, PARKING, PORTAL], [SAXONY_ONLY, BAVARIA_ONLY, NATIONWIDE])
    code = cli.main(["ideen-check", *args, "--katalog", str(root), "--stichtag", "2026-11-27"])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_text_output_names_project_reasons_programmes_and_partners(tmp_path, capsys):
    code, out, _err = katalog(tmp_path, capsys, IDEA, "--ags", GARMISCH)
    assert code == 0
    assert "Für: Garmisch-Partenkirchen (Markt, Bayern, 20.000 bis 100.000 Einwohner)" in out
    assert "Ähnliche Projekte (1 gefunden):\n1. Lärmsensoren an Hauptstraßen\n   Freising · Bayern · Abgeschlossen" in out
    assert "   Erfahrung: Die Messwerte halfen beim Lärmaktionsplan. Würde es wieder so machen: ja." in out
    assert "   Kosten: Gesamtkosten 90.000 €" in out
    assert "Förderprogramme, für die Garmisch-Partenkirchen antragsberechtigt ist (2):" in out
    assert "Umweltdaten Bayern – Laufend, ohne Stichtag" in out and "Lärmschutz digital Sachsen" not in out
    assert "  - Lärmsensoren an Hauptstraßen (Freising): sucht Partner" in out
    assert "nirgends gespeichert" in out


def test_municipality_by_name(tmp_path, capsys):
    code, out, _err = katalog(tmp_path, capsys, IDEA, "--kommune", "Bannewitz")
    assert code == 0 and "Für: Bannewitz" in out and "Lärmschutz digital Sachsen – Laufend" in out


def test_ambiguous_name_lists_candidates_with_keys(tmp_path, capsys):
    code, _out, err = katalog(tmp_path, capsys, IDEA, "--kommune", "Neustadt")
    assert code == 2
    assert "„Neustadt“ ist nicht eindeutig" in err and "--ags 07316000  Neustadt an der Weinstraße" in err


def test_land_and_size_class(tmp_path, capsys):
    code, out, _err = katalog(tmp_path, capsys, IDEA, "--land", "Sachsen", "--groesse", "unter-5000")
    assert code == 0 and "Für: Sachsen, unter 5.000 Einwohner" in out and "Lärmschutz digital Sachsen" in out


def test_json_output(tmp_path, capsys):
    code, out, _err = katalog(tmp_path, capsys, IDEA, "--ags", GARMISCH, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert [p["id"] for p in data["projects"]] == ["laermsensoren-hauptstrassen"]
    assert data["projects"][0]["budget"] == {"total_eur": 90000}
    assert {p["id"] for p in data["programmes"]} == {"laerm-bayern", "umwelt-bund"}
    assert data["asker"]["ags"] == GARMISCH and data["topics"][0]["id"] in ("mobilitaet", "umwelt")


def test_no_similar_project_exits_1_with_a_tip(tmp_path, capsys):
    code, out, _err = katalog(tmp_path, capsys, "Drohnen für die Feuerwehr")
    assert code == 1 and "Keine ähnlichen Projekte im Katalog gefunden." in out


def test_errors_are_german_and_exit_2(tmp_path, capsys):
    assert katalog(tmp_path, capsys, IDEA, "--ags", "99999999")[0] == 2
    code, _out, err = katalog(tmp_path, capsys, "und die der")
    assert code == 2 and "keine aussagekräftigen Wörter" in err
    code, _out, err = katalog(tmp_path, capsys, IDEA, "--groesse", "riesig")
    assert code == 2 and "keine Größenklasse" in err


def test_a_grant_names_its_programme_once_with_its_amount(tmp_path, capsys):
    funded = NOISE | {"funding": [{"programme": "umwelt-bund", "amount_eur": 45000}]}
    root = write(tmp_path / "katalog", [funded], [NATIONWIDE])
    cli.main(["ideen-check", IDEA, "--ags", GARMISCH, "--katalog", str(root), "--stichtag", "2026-11-27"])
    out = capsys.readouterr().out
    assert "   Kosten: Gesamtkosten 90.000 €; gefördert aus Umweltmessnetze Bund: 45.000 €" in out
