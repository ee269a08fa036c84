"""`katalog validate`: every rule gives a German message naming file, line and field.

Each case breaks one thing in a copy of the fixture catalogue and checks the
exact place and the words a contributor reads.
"""
import json
import re

import pytest

from generator.cli import main

GOOD_PROJECT = (
    'id: {id}\n'
    'title: Digitale Parkraumbewirtschaftung\n'
    'summary: Sensoren erfassen freie Parkplätze und melden sie an eine App für Besucherinnen und Besucher.\n'
    'municipalities:\n'
    '  - ags: "05315000"\n'
    '    role: lead\n'
    'topics: [mobilitaet]\n'
    'status: umsetzung\n'
    'start: "2024-05"\n'
    'contact:\n'
    '  organisation: Stadt Köln\n'
    '  email: mobilitaet@stadt-koeln.example\n'
    'sources:\n'
    '  - url: https://www.example.org/quelle\n'
    'last_reviewed: "2026-11-01"\n'
)


def run_validate(capsys, *args):
    code = main(["validate", "--stichtag", "2026-11-27", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def write_project(catalogue, text, name="neues-projekt"):
    path = catalogue / "projects" / f"{name}.yaml"
    path.write_text(text.replace("{id}", name), encoding="utf-8")
    return path


def good(**replace):
    text = GOOD_PROJECT
    for old, new in replace.items():
        text = text.replace(old.replace("__", " "), new)
    return text


def messages_for(out, path_name):
    return [line.strip() for line in out.splitlines() if f"{path_name}:" in line and line.startswith("  ")]


def test_fixture_catalogue_is_clean(capsys, fixture_catalogue):
    code, out, _ = run_validate(capsys, fixture_catalogue)
    assert code == 0
    assert "Alles in Ordnung: 6 Dateien geprüft" in out


def test_good_new_project_is_clean(capsys, catalogue_copy):
    write_project(catalogue_copy, GOOD_PROJECT)
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 0, out


# (what to change, expected line, expected field, words in the message)
CASES = {
    "unknown-status": ("status: umsetzung", "status: laufend", 8, "status", "„laufend“ ist kein erlaubter Wert. Erlaubt: idee, planung, umsetzung"),
    "status-hint": ("status: umsetzung", "status: laufend", 8, "status", "Meinten Sie „umsetzung“?"),
    "topic-near-miss": ("topics: [mobilitaet]", "topics: [Mobilität]", 7, "topics[0]", "Meinten Sie „mobilitaet“?"),
    "misspelt-key": ("status: umsetzung", "statsu: umsetzung", 8, "statsu", "Unbekanntes Feld „statsu“. Meinten Sie „status“?"),
    "missing-required": ("start: \"2024-05\"\n", "", 1, "start", "Pflichtfeld „start“ (Beginn) fehlt."),
    "bad-date-format": ('start: "2024-05"', 'start: "05.2024"', 9, "start", "passt nicht zum Format „Beginn“"),
    "impossible-date": ('start: "2024-05"', 'start: "2024-02-30"', 9, "start", "kein gültiges Kalenderdatum"),
    "ags-as-number": ('ags: "05315000"', "ags: 5315000", 5, "municipalities[0].ags", "Bitte in Anführungszeichen setzen"),
    "ags-unknown": ('ags: "05315000"', 'ags: "05315999"', 5, "municipalities[0].ags", "„05315999“ (Gemeinde) gibt es im Gemeindeverzeichnis"),
    "url-scheme": ("url: https://www.example.org/quelle", "url: javascript:alert(1)", 14, "sources[0].url", "beginnend mit https://"),
    "ftp-url": ("url: https://www.example.org/quelle", "url: ftp://example.org/x", 14, "sources[0].url", "beginnend mit https://"),
    "bad-email": ("email: mobilitaet@stadt-koeln.example", "email: mobilitaet(at)stadt-koeln.example", 12, "contact.email", "E-Mail"),
    "boolean-as-ja": ("status: umsetzung\n", "status: umsetzung\nseeking_partners: ja\n", 9, "seeking_partners", "Bitte true (ja) oder false (nein) schreiben"),
    "negative-amount": ("status: umsetzung\n", "status: umsetzung\nbudget:\n  total_eur: -5\n", 10, "budget.total_eur", "darf nicht negativ sein"),
    "amount-with-separators": ("status: umsetzung\n", "status: umsetzung\nbudget:\n  total_eur: 250.000,00\n", 10, "budget.total_eur", "ganze Euro ohne Punkt"),
    "end-before-start": ('start: "2024-05"\n', 'start: "2024-05"\nend: "2023-12"\n', 10, "end", "Das Ende (2023-12) liegt vor dem Beginn (2024-05)."),
    "summary-too-long": ("summary: Sensoren", "summary: " + "x" * 420 + " Sensoren", 3, "summary", "Der Text ist zu lang ("),
    "contact-without-organisation": ("  organisation: Stadt Köln\n", "", 11, "contact.organisation", "Pflichtfeld „organisation“"),
    "programme-unknown": ("status: umsetzung\n", "status: umsetzung\nfunding:\n  - programme: smart-city-bunt\n", 10, "funding[0].programme", "„smart-city-bunt“ gibt es im Katalog nicht. Meinten Sie „smart-city-bund“?"),
    "municipality-both-forms": ("    role: lead\n", "    name: Stadt\n    type: stadt\n    land: DE-NW\n    role: lead\n", 5, "municipalities[0]", "Entweder „ags“"),
    "placeholder": ("title: Digitale Parkraumbewirtschaftung", 'title: "AUSFÜLLEN: Titel"', 2, "title", "Platzhalter"),
    "duplicate-key": ("status: umsetzung\n", "status: umsetzung\nstatus: betrieb\n", 9, "status", "steht doppelt (zuerst in Zeile 8)"),
    "yaml-syntax": ("title: Digitale Parkraumbewirtschaftung", "title: Parken: digital", 2, None, "YAML-Syntaxfehler"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule_reports_file_line_field_and_german_message(capsys, catalogue_copy, case):
    old, new, line, field, words = CASES[case]
    assert old in GOOD_PROJECT
    write_project(catalogue_copy, GOOD_PROJECT.replace(old, new))
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1, out
    lines = messages_for(out, "neues-projekt.yaml")
    location = re.compile(rf"neues-projekt\.yaml:{line}:\d+: " + (rf"Feld „{re.escape(field)}“: " if field else ""))
    matching = [m for m in lines if location.search(m) and words in m]
    assert matching, f"expected line {line}, field {field}, words {words!r} in:\n{out}"


def test_id_must_match_file_name(capsys, catalogue_copy):
    path = catalogue_copy / "projects" / "anderer-name.yaml"
    path.write_text(GOOD_PROJECT.replace("{id}", "neues-projekt"), encoding="utf-8")
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1
    assert "anderer-name.yaml:1:5: Feld „id“: Die Kennung „neues-projekt“ muss dem Dateinamen entsprechen: „anderer-name“" in out


def test_ids_are_unique_across_the_catalogue(capsys, catalogue_copy):
    (catalogue_copy / "funding" / "koeln-smart-parking.yaml").write_text(
        (catalogue_copy / "funding" / "digital-sachsen.yaml").read_text(encoding="utf-8").replace("id: digital-sachsen", "id: koeln-smart-parking"),
        encoding="utf-8")
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1
    assert re.search(r"funding/koeln-smart-parking\.yaml:1:5: Feld „id“: Die Kennung „koeln-smart-parking“ ist schon vergeben \(.*projects/koeln-smart-parking\.yaml\)", out)


def test_reserved_id_is_refused(capsys, catalogue_copy):
    write_project(catalogue_copy, GOOD_PROJECT, name="index")
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1 and "„index“ ist reserviert" in out


def test_call_closing_before_opening_is_an_error(capsys, catalogue_copy):
    path = catalogue_copy / "funding" / "smart-city-bund.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('closes: "2027-03-31"', 'closes: "2025-12-31"'), encoding="utf-8")
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1
    assert "smart-city-bund.yaml:21:15: Feld „application.deadlines[0].closes“: Das Fristende (2025-12-31) liegt vor dem Beginn (2026-01-15)." in out


def test_all_errors_of_all_files_in_one_run(capsys, catalogue_copy):
    write_project(catalogue_copy, GOOD_PROJECT.replace("status: umsetzung", "status: laufend"), name="erstes-projekt")
    write_project(catalogue_copy, GOOD_PROJECT.replace('start: "2024-05"', 'start: "morgen"').replace("topics: [mobilitaet]", "topics: [parken]"), name="zweites-projekt")
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1
    assert "erstes-projekt.yaml:8:9: Feld „status“" in out
    assert "zweites-projekt.yaml:7:10: Feld „topics[0]“" in out
    assert "zweites-projekt.yaml:9:8: Feld „start“" in out
    assert "3 Fehler in 2 Dateien" in out


def test_output_is_grouped_by_file_with_a_summary(capsys, catalogue_copy):
    write_project(catalogue_copy, GOOD_PROJECT.replace("status: umsetzung", "status: laufend"))
    _, out, _ = run_validate(capsys, catalogue_copy)
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.endswith("projects/neues-projekt.yaml"))
    assert lines[header + 1].startswith("  ") and "neues-projekt.yaml:8:9" in lines[header + 1]
    assert "Dateien geprüft: 1 Fehler in 1 Datei, 0 Warnungen." in out


def test_stray_files_are_reported_not_skipped(capsys, catalogue_copy):
    (catalogue_copy / "projects" / "notiz.txt").write_text("x", encoding="utf-8")
    (catalogue_copy / "projects" / "falsch.yml").write_text("id: falsch\n", encoding="utf-8")
    (catalogue_copy / "projects" / "unter").mkdir()
    (catalogue_copy / "projects" / "unter" / "tief.yaml").write_text("id: tief\n", encoding="utf-8")
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1
    assert "notiz.txt:1:1: Diese Datei ist kein Eintrag" in out
    assert "falsch.yml:1:1: Die Dateiendung muss „.yaml“ heißen" in out
    assert "tief.yaml:1:1: Einträge liegen direkt in projects/" in out


def test_symlink_is_refused(capsys, catalogue_copy, tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text("passwort: 1234\n", encoding="utf-8")
    (catalogue_copy / "projects" / "verweis.yaml").symlink_to(secret)
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1
    assert "verweis.yaml:1:1: Die Datei ist ein symbolischer Link" in out
    assert "1234" not in out


def test_single_file_reports_only_that_file_but_checks_references(capsys, catalogue_copy):
    path = write_project(catalogue_copy, GOOD_PROJECT.replace("status: umsetzung\n", "status: umsetzung\nfunding:\n  - programme: digital-sachsen\n"))
    code, out, _ = run_validate(capsys, path)
    assert code == 0, out
    assert "Alles in Ordnung: 1 Datei geprüft" in out


def test_warnings_do_not_fail(capsys, catalogue_copy):
    write_project(catalogue_copy, GOOD_PROJECT.replace('last_reviewed: "2026-11-01"', 'last_reviewed: "2024-01-10"'))
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 0
    assert "neues-projekt.yaml:15:16: Warnung: Feld „last_reviewed“: Die Angaben wurden seit 2024-01-10 nicht geprüft" in out


def test_open_programme_with_only_past_deadlines_warns(capsys, catalogue_copy):
    path = catalogue_copy / "funding" / "smart-city-bund.yaml"
    text = path.read_text(encoding="utf-8").replace('opens: "2026-01-15"', 'opens: "2025-01-15"').replace('closes: "2027-03-31"', 'closes: "2025-03-31"')
    path.write_text(text, encoding="utf-8")
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 0
    assert "smart-city-bund.yaml:17:11: Warnung: Feld „application.status“: Status „offen“, aber alle Fristen sind abgelaufen" in out


def test_probable_duplicate_warns_naming_the_other(capsys, catalogue_copy):
    twin = (catalogue_copy / "projects" / "koeln-smart-parking.yaml").read_text(encoding="utf-8")
    twin = twin.replace("id: koeln-smart-parking", "id: koeln-smart-parking-2").replace("Smart Parking in der Innenstadt", "Smart-Parking in der Innenstadt")
    (catalogue_copy / "projects" / "koeln-smart-parking-2.yaml").write_text(twin, encoding="utf-8")
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 0
    assert "Warnung: Feld „title“: Wahrscheinlich doppelt: „koeln-smart-parking“" in out


def test_personal_looking_email_warns(capsys, catalogue_copy):
    write_project(catalogue_copy, GOOD_PROJECT.replace("mobilitaet@stadt-koeln.example", "erika.mustermann@stadt-koeln.example"))
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 0 and "sieht nach einer persönlichen Adresse aus" in out


def test_github_format_annotates_lines_and_writes_summary(capsys, catalogue_copy, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    write_project(catalogue_copy, GOOD_PROJECT.replace("status: umsetzung", "status: laufend"))
    code = main(["validate", "--format", "github", "--stichtag", "2026-11-27", str(catalogue_copy)])
    out = capsys.readouterr().out
    assert code == 1
    assert re.search(r"^::error file=.*neues-projekt\.yaml,line=8,col=9,title=Feld status::„laufend“ ist kein erlaubter Wert", out, re.M)
    assert "| Fehler | `status` | `„laufend“ ist kein erlaubter Wert" in summary.read_text(encoding="utf-8")


def test_json_format_lists_findings(capsys, catalogue_copy):
    write_project(catalogue_copy, GOOD_PROJECT.replace("status: umsetzung", "status: laufend"))
    code = main(["validate", "--format", "json", "--stichtag", "2026-11-27", str(catalogue_copy)])
    payload = json.loads(capsys.readouterr().out)
    assert code == 1 and payload["errors"] == 1
    finding = payload["findings"][0]
    assert (finding["line"], finding["field"], finding["code"]) == (8, "status", "schema.enum")


def test_usage_error_exits_2(capsys):
    assert main(["validate", "/gibt/es/nicht"]) == 2
    assert "ist keine Eintragsdatei" in capsys.readouterr().err


def test_unknown_option_exits_2(capsys):
    assert main(["validate", "--gibtsnicht"]) == 2
    assert "unbekannte Angaben" in capsys.readouterr().err


def test_impossible_reference_date_exits_2(capsys):
    assert main(["validate", "--stichtag", "2026-13-01"]) == 2
    assert "„2026-13-01“ ist kein Datum" in capsys.readouterr().err


# --- status evidence and recurring deadlines (record format 1.1) -----------------------------------------------

SACHSEN_SOURCES = '''sources:
  - url: https://www.example.org/digital-sachsen
    as_of: "2026-10-01"
    confirms_status: true
'''


def rewrite_sachsen(catalogue, old, new):
    path = catalogue / "funding" / "digital-sachsen.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_status_without_a_confirming_source_is_warned_about_naming_file_line_and_field(capsys, catalogue_copy):
    rewrite_sachsen(catalogue_copy, SACHSEN_SOURCES, "sources:\n  - url: https://www.example.org/digital-sachsen\n")
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 0  # a warning, not an error
    (message,) = [m for m in messages_for(out, "digital-sachsen.yaml") if "confirms_status" in m]
    assert "digital-sachsen.yaml:11" in message and "application.status" in message
    assert "Der Status „laufend“ ist durch keine Quelle mit „confirms_status: true“" in message
    assert "„Stand unklar“" in message


def test_status_resting_on_old_evidence_names_the_source_date(capsys, catalogue_copy):
    rewrite_sachsen(catalogue_copy, 'as_of: "2026-10-01"', 'as_of: "2025-03-15"')
    code, out, _ = run_validate(capsys, catalogue_copy)
    (message,) = [m for m in messages_for(out, "digital-sachsen.yaml") if "belegt" in m]
    assert "sources[0].as_of" in message
    assert "Der Status „laufend“ in „application.status“ ist zuletzt am 15.03.2025 belegt – älter als 12 Monate." in message


def test_recent_evidence_gives_no_warning(capsys, catalogue_copy):
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert not [m for m in messages_for(out, "digital-sachsen.yaml") if "belegt" in m]


def test_status_after_valid_until_is_warned_about(capsys, catalogue_copy):
    rewrite_sachsen(catalogue_copy, "url: https://www.example.org/digital-sachsen\nsources:",
                    'url: https://www.example.org/digital-sachsen\nvalid_until: "2025-12-31"\nsources:')
    code, out, _ = run_validate(capsys, catalogue_copy)
    (message,) = [m for m in messages_for(out, "digital-sachsen.yaml") if "valid_until" in m]
    assert "galt laut „valid_until“ bis 31.12.2025" in message


def test_recurring_deadline_needs_a_full_first_date(capsys, catalogue_copy):
    rewrite_sachsen(catalogue_copy, "  status: laufend\n",
                    '  status: offen\n  deadlines:\n    - name: Antragstermin\n      closes: "2025-12"\n      repeat: jaehrlich\n')
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1
    assert any("application.deadlines[0].closes" in m and "tagesgenaues erstes Datum" in m
               for m in messages_for(out, "digital-sachsen.yaml"))


def test_shares_above_one_hundred_percent_are_an_error(capsys, catalogue_copy):
    path = catalogue_copy / "projects" / "dresden-parkleitsystem.yaml"
    lead = '  - ags: "14612000"\n    role: lead\n'
    text = path.read_text(encoding="utf-8")
    assert lead in text
    path.write_text(text.replace(lead, lead + "    share_percent: 70\n"
                                 '  - ags: "14628050"\n    role: partner\n    share_percent: 40\n'), encoding="utf-8")
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1
    assert any("dresden-parkleitsystem.yaml:5" in m and "„municipalities“" in m and "ergeben zusammen 110 Prozent" in m
               for m in messages_for(out, "dresden-parkleitsystem.yaml"))


def test_the_missing_field_comes_from_the_schema_keyword_not_from_the_english_message():
    from jsonschema.exceptions import ValidationError

    from generator.validation import missing_keys

    error = ValidationError("Nachricht in irgendeiner Sprache", validator="required",
                            validator_value=["id", "title", "summary"], instance={"title": "Parken"})
    assert missing_keys(error) == ["id", "summary"]


def test_every_missing_required_field_is_reported_once(tmp_path):
    from generator.loader import load_file
    from generator.validation import schema_findings

    record = tmp_path / "p.yaml"
    record.write_text("id: beispiel\ntitle: Beispiel\n", encoding="utf-8")
    findings = schema_findings("project", load_file(record), "p.yaml")
    required = sorted(f.field for f in findings if f.code == "schema.required")
    assert "summary" in required and "status" in required
    assert len(required) == len(set(required))
    assert all(f"„{f.field}“" in f.message for f in findings if f.code == "schema.required")


def test_repeat_until_without_a_rhythm_is_an_error(capsys, catalogue_copy):
    rewrite_sachsen(catalogue_copy, "  status: laufend\n",
                    '  status: offen\n  deadlines:\n    - closes: "2026-12-15"\n      repeat_until: "2028-12-31"\n')
    code, out, _ = run_validate(capsys, catalogue_copy)
    assert code == 1
    assert any("application.deadlines[0].repeat_until" in m and "gilt nur zusammen mit „repeat“" in m
               for m in messages_for(out, "digital-sachsen.yaml"))
