"""Declarations (catalogue/declarations/): a municipality states that it runs, plans, wants to exchange
about or answers questions on a catalogue project – as a record, checked like the others, and through
the issue form „Nachnutzung oder Interesse melden“ for people without Git."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from generator.catalogue import load_catalogue, validate_catalogue
from generator.cli import main
from generator.from_issue import ConversionError, convert, dump_record, target_path
from generator.issue_forms import DECLARATION_CONSENT_OPTIONS, form_for, labels_of, render_forms
from generator.loader import load_text
from generator.record_template import render_template
from generator.reference import default_reference

TODAY = dt.date(2026, 11, 27)
CONSENT = "\n".join(f"- [X] {text}" for text in DECLARATION_CONSENT_OPTIONS)


def declaration(**overrides) -> dict:
    record = {
        "id": "dresden-nutzt-koeln-smart-parking",
        "project": "koeln-smart-parking",
        "relation": "nutzt",
        "declarer": {"ags": "14612000"},
        "date": "2026-10",
        "note": "Sensoren in zwei Parkhäusern, Plattform aus Köln übernommen.",
        "contact": {"organisation": "Landeshauptstadt Dresden, Mobilitätsamt", "email": "mobilitaet@dresden.example"},
        "sources": [{"url": "https://www.example.org/dresden-parken"}],
        "last_reviewed": "2026-11-20",
    }
    record.update(overrides)
    return {k: v for k, v in record.items() if v is not None}


def write(catalogue: Path, record: dict, name: str | None = None) -> Path:
    folder = catalogue / "declarations"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name or record['id']}.yaml"
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def findings_for(catalogue: Path, path: Path):
    run = validate_catalogue(catalogue, today=TODAY)
    return [f for f in run.findings if f.file.endswith(path.name)]


# --- the record and its checks ------------------------------------------------------------------------------------

def test_a_sourced_declaration_is_valid_and_reaches_the_catalogue(catalogue_copy):
    write(catalogue_copy, declaration())
    catalogue, run = load_catalogue(catalogue_copy, build_date=TODAY)
    assert run.findings == []
    assert catalogue.declarations["dresden-nutzt-koeln-smart-parking"]["relation"] == "nutzt"


def test_a_declaration_needs_a_source_or_consent(catalogue_copy):
    path = write(catalogue_copy, declaration(sources=None))
    messages = [f.message for f in findings_for(catalogue_copy, path)]
    assert messages == ["Eine Erklärung braucht eine Quelle („sources“) oder die Einwilligung der erklärenden Stelle („consent“)."]


def test_consent_alone_is_enough(catalogue_copy):
    path = write(catalogue_copy, declaration(sources=None, consent={"date": "2026-11-20", "via": "issue-formular", "reference": "Issue #7"}))
    assert findings_for(catalogue_copy, path) == []


def test_unknown_project_is_an_error_with_a_suggestion(catalogue_copy):
    path = write(catalogue_copy, declaration(project="koeln-smart-parkin"))
    [finding] = findings_for(catalogue_copy, path)
    assert finding.field == "project" and finding.is_error
    assert finding.message == "Das Projekt „koeln-smart-parkin“ gibt es im Katalog nicht. Meinten Sie „koeln-smart-parking“?"


def test_unknown_official_key_is_an_error(catalogue_copy):
    path = write(catalogue_copy, declaration(declarer={"ags": "14612999"}))
    [finding] = findings_for(catalogue_copy, path)
    assert finding.field == "declarer.ags" and "gibt es im Gemeindeverzeichnis" in finding.message


def test_the_projects_own_lead_cannot_declare(catalogue_copy):
    path = write(catalogue_copy, declaration(declarer={"ags": "05315000"}))
    [finding] = findings_for(catalogue_copy, path)
    assert finding.code == "check.declarer-is-lead" and finding.is_error


def test_a_partner_of_the_project_may_declare(catalogue_copy):
    path = write(catalogue_copy, declaration(project="zweckverband-glasfaser", relation="ansprechbar", declarer={"ags": "09180117"}))
    assert findings_for(catalogue_copy, path) == []


def test_a_lead_without_key_is_recognised_by_name_and_land(catalogue_copy):
    path = write(catalogue_copy, declaration(project="zweckverband-glasfaser", declarer={
        "name": "Zweckverband Breitband Testregion", "type": "zweckverband", "land": "DE-BY"}))
    assert [f.code for f in findings_for(catalogue_copy, path)] == ["check.declarer-is-lead"]


def test_the_same_declaration_twice_is_warned(catalogue_copy):
    first = write(catalogue_copy, declaration())
    write(catalogue_copy, declaration(id="dresden-nutzt-koeln-smart-parking-2"))
    [finding] = findings_for(catalogue_copy, first)
    assert finding.code == "check.declaration-duplicate" and not finding.is_error
    assert "dresden-nutzt-koeln-smart-parking-2.yaml" in finding.message


def test_relation_comes_from_the_vocabulary_with_a_hint(catalogue_copy):
    path = write(catalogue_copy, declaration(relation="Interesse"))
    [finding] = findings_for(catalogue_copy, path)
    assert finding.field == "relation" and "Meinten Sie „plant“?" in finding.message


def test_template_from_the_schema_is_refused_until_filled(catalogue_copy):
    folder = catalogue_copy / "declarations"
    folder.mkdir()
    path = folder / "neu-erklaerung.yaml"
    path.write_text(render_template("declaration", "neu-erklaerung", TODAY), encoding="utf-8")
    fields = {f.field for f in findings_for(catalogue_copy, path) if f.is_error}
    assert {"project", "relation", "declarer.ags", "date", "contact.organisation", "sources[0].url"} <= fields
    assert "# Beziehung (Pflicht):" in path.read_text(encoding="utf-8")


def test_new_command_writes_a_declaration_template(monkeypatch, tmp_path, capsys):
    from generator import paths
    from generator.commands import new

    monkeypatch.setitem(new.KINDS, "erklaerung", ("declaration", tmp_path / "declarations"))
    assert main(["new", "erklaerung", "potsdam-nutzt-maerker"]) == 0
    text = (tmp_path / "declarations" / "potsdam-nutzt-maerker.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/declaration.schema.json")
    assert paths.RECORD_KINDS["declaration"][0] == "declarations"


# --- the issue form -----------------------------------------------------------------------------------------------

def body(**answers) -> str:
    defaults = {
        "Projekt": "koeln-smart-parking",
        "Beziehung": "In Planung",
        "Erklärende Stelle": "14612000 Dresden",
        "Datum": "15.11.2026",
        "Hinweis": "Wir planen Sensoren an 400 Stellplätzen und suchen Partner für die Ausschreibung.",
        "Kontakt: Organisation": "Landeshauptstadt Dresden, Mobilitätsamt",
        "Kontakt: E-Mail-Adresse": "mobilitaet@dresden.example",
        "Bestätigung": CONSENT,
    }
    defaults.update(answers)
    return "\n".join(f"### {label}\n\n{defaults.get(label) or '_No response_'}\n" for label in labels_of(form_for("declaration")))


def convert_body(text: str, **kwargs):
    return convert(text, today=TODAY, reference=default_reference(), **kwargs)


def test_the_form_is_generated_from_the_schema_and_committed():
    forms = render_forms()
    form = yaml.safe_load(forms["nachnutzung-oder-interesse-melden.yml"].split("\n", 2)[2])
    assert form["name"] == "Nachnutzung oder Interesse melden"
    relation = next(e for e in form["body"] if e.get("id") == "relation")
    assert relation["attributes"]["options"] == ["Im Einsatz", "In Planung", "Austausch gewünscht", "Ansprechbar"]
    consent = next(e for e in form["body"] if e["type"] == "checkboxes")
    assert all(option["required"] for option in consent["attributes"]["options"])
    committed = Path(__file__).resolve().parent.parent / ".github" / "ISSUE_TEMPLATE" / "nachnutzung-oder-interesse-melden.yml"
    assert committed.read_text(encoding="utf-8") == forms["nachnutzung-oder-interesse-melden.yml"]


def test_form_answers_become_a_declaration_with_consent_from_the_issue():
    kind, record_id, record, notes = convert_body(body(), issue=42)
    assert kind == "declaration"
    assert record_id == "dresden-plant-koeln-smart-parking"
    assert record["relation"] == "plant"
    assert record["declarer"] == {"ags": "14612000"}
    assert record["date"] == "2026-11-15"
    assert record["consent"] == {"date": "2026-11-27", "via": "issue-formular", "reference": "Issue #42"}
    assert "sources" not in record and notes == []
    assert list(record) == ["id", "project", "relation", "declarer", "date", "note", "contact", "consent", "last_reviewed"]


def test_the_project_may_be_given_as_the_address_of_its_page():
    _kind, _id, record, _notes = convert_body(body(Projekt="https://katalog.example/projekte/koeln-smart-parking.html"))
    assert record["project"] == "koeln-smart-parking"


def test_a_body_without_key_is_read_as_name_type_and_land():
    _kind, record_id, record, _notes = convert_body(body(**{"Erklärende Stelle": "Zweckverband Digitale Region; Zweckverband; Bayern"}))
    assert record["declarer"] == {"name": "Zweckverband Digitale Region", "type": "zweckverband", "land": "DE-BY"}
    assert record_id == "zweckverband-digitale-region-plant-koeln-smart-parking"


@pytest.mark.parametrize("ticked", [0, 1, len(DECLARATION_CONSENT_OPTIONS) - 1])
def test_without_every_consent_box_nothing_is_imported(ticked):
    boxes = "\n".join(f"- [{'X' if i < ticked else ' '}] {text}" for i, text in enumerate(DECLARATION_CONSENT_OPTIONS))
    with pytest.raises(ConversionError) as refusal:
        convert_body(body(Bestätigung=boxes))
    message = str(refusal.value)
    assert message.startswith("Die Meldung wird nicht übernommen, weil die Einwilligung fehlt.")
    assert DECLARATION_CONSENT_OPTIONS[-1] in message and "alle Bestätigungen ankreuzen" in message


def test_consent_refusal_writes_no_file_and_explains_it_in_the_issue(catalogue_copy, tmp_path, capsys):
    source = tmp_path / "issue.md"
    source.write_text(body(Bestätigung="_No response_"), encoding="utf-8")
    report = tmp_path / "verdict.md"
    code = main(["from-issue", str(source), "--art", "erklaerung", "--katalog", str(catalogue_copy),
                 "--stichtag", "2026-11-27", "--issue", "9", "--bericht", str(report)])
    assert code == 1
    assert not (catalogue_copy / "declarations").exists()
    verdict = report.read_text(encoding="utf-8")
    assert verdict.startswith("## Übernahme nicht möglich") and "weil die Einwilligung fehlt" in verdict
    assert "Einwilligung fehlt" in capsys.readouterr().err


def test_the_command_writes_a_valid_declaration(catalogue_copy, tmp_path, capsys):
    source = tmp_path / "issue.md"
    source.write_text(body(), encoding="utf-8")
    report = tmp_path / "verdict.md"
    code = main(["from-issue", str(source), "--katalog", str(catalogue_copy), "--stichtag", "2026-11-27",
                 "--issue", "12", "--bericht", str(report)])
    written = catalogue_copy / "declarations" / "dresden-plant-koeln-smart-parking.yaml"
    assert code == 0, capsys.readouterr().out
    assert written.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../schema/declaration.schema.json")
    assert "keine Fehler" in report.read_text(encoding="utf-8")


# --- hostile answers ------------------------------------------------------------------------------------------------

def _import(catalogue: Path, tmp_path: Path, **answers):
    source = tmp_path / "issue.md"
    source.write_text(body(**answers), encoding="utf-8")
    report = tmp_path / "verdict.md"
    code = main(["from-issue", str(source), "--art", "erklaerung", "--katalog", str(catalogue), "--stichtag", "2026-11-27",
                 "--bericht", str(report)])
    return code, report.read_text(encoding="utf-8")


def test_script_and_markdown_links_in_the_note_are_kept_as_quoted_text(catalogue_copy, tmp_path):
    note = '<script>alert(1)</script> [Klick](javascript:alert(1)) ![x](https://evil.example/p.png)'
    code, _verdict = _import(catalogue_copy, tmp_path, Hinweis=note)
    written = catalogue_copy / "declarations" / "dresden-plant-koeln-smart-parking.yaml"
    assert code == 0
    assert load_text(written.read_text(encoding="utf-8")).data["note"] == note
    assert f'note: "{note}"' in written.read_text(encoding="utf-8")


def test_mentions_do_not_ping_anyone_in_the_verdict(catalogue_copy, tmp_path):
    _code, verdict = _import(catalogue_copy, tmp_path, **{"Kontakt: E-Mail-Adresse": "@octocat", "Hinweis": "Hallo @team"})
    prose = verdict.split("<details>")[0]
    assert "octocat" in prose and "@octocat" not in prose


def test_huge_values_are_refused_by_the_validator(catalogue_copy, tmp_path):
    code, verdict = _import(catalogue_copy, tmp_path, Hinweis="Text" * 500)
    assert code == 1
    assert "Der Text ist zu lang (2000 Zeichen, höchstens 500)" in verdict


@pytest.mark.parametrize("answer, expected", [
    ("1234 Dresden", "passt nicht zum Format „Amtlicher Schlüssel“"),
    ("99999999", "gibt es im Gemeindeverzeichnis (Stand 31.12.2024) nicht"),
])
def test_bad_official_keys_are_named_in_the_verdict(catalogue_copy, tmp_path, answer, expected):
    code, verdict = _import(catalogue_copy, tmp_path, **{"Erklärende Stelle": answer})
    assert code == 1 and expected in verdict


@pytest.mark.parametrize("project", ["../../etc/passwd", "koeln-smart-parking/../x", "<b>x</b>"])
def test_a_hostile_project_answer_stays_a_value_the_validator_refuses(catalogue_copy, tmp_path, project):
    kind, record_id, record, _notes = convert_body(body(Projekt=project), kind="declaration")
    target = target_path(catalogue_copy, kind, record_id)
    assert target.parent == (catalogue_copy / "declarations").resolve()
    target.parent.mkdir(exist_ok=True)
    target.write_text(dump_record(kind, record), encoding="utf-8")
    assert any(f.field == "project" and f.is_error for f in findings_for(catalogue_copy, target))


# --- end to end: issue form -> two-step import -> record -> pages, exports, Ideen-Check ----------------------------

def _two_step(tmp_path: Path, catalogue: Path, text: str) -> tuple[int, str]:
    source = tmp_path / "issue.md"
    source.write_text(text, encoding="utf-8")
    handover = tmp_path / "uebergabe"
    main(["from-issue", str(source), "--art", "erklaerung", "--katalog", str(tmp_path / "scratch"),
          "--stichtag", "2026-11-27", "--issue", "31", "--uebergabe", str(handover)])
    comment = tmp_path / "comment.md"
    code = main(["uebernahme", str(handover), "--katalog", str(catalogue), "--issue", "31", "--stichtag", "2026-11-27",
                 "--bericht", str(comment), "--pr-text", str(tmp_path / "pr.md")])
    return code, comment.read_text(encoding="utf-8")


def test_two_step_import_without_consent_explains_the_refusal_in_the_issue(catalogue_copy, tmp_path):
    code, comment = _two_step(tmp_path, catalogue_copy, body(Bestätigung="- [ ] " + DECLARATION_CONSENT_OPTIONS[0]))
    assert code == 1
    assert comment.startswith("## Übernahme nicht möglich") and "weil die Einwilligung fehlt" in comment
    assert not (catalogue_copy / "declarations").exists()


def test_a_declaration_from_the_form_appears_on_pages_in_exports_and_in_the_ideen_check(catalogue_copy, tmp_path):
    import csv
    import io
    import json

    from generator import build, export, ideas
    from generator.enrich.partners import declarations
    from generator.export import ideas_data

    code, comment = _two_step(tmp_path, catalogue_copy, body())
    assert code == 0, comment
    record = load_text((catalogue_copy / "declarations" / "dresden-plant-koeln-smart-parking.yaml").read_text(encoding="utf-8")).data
    assert record["consent"] == {"date": "2026-11-27", "via": "issue-formular", "reference": "Issue #31"}

    generated = build.generate(catalogue_copy, TODAY)
    pages = generated.pages
    project = pages["projekte/koeln-smart-parking.md"].split("## Nachnutzung und Interesse", 1)[1].split("\n## ", 1)[0]
    assert "<dt>In Planung bei</dt>" in project and "kommunen/dresden-14612000.html" in project
    assert "gemeldet 15.11.2026" in project and "mobilitaet@dresden.example" in project
    dresden = pages["kommunen/dresden-14612000.md"].split("## Nachnutzung und Interesse", 1)[1]
    assert "In Planung" in dresden and "koeln-smart-parking.html" in dresden
    koeln = pages["kommunen/koeln-05315000.md"].split("## Nachnutzung und Interesse", 1)[1]
    assert "Interesse anderer an Projekten von Köln" in koeln and "Dresden" in koeln.split("Interesse anderer", 1)[1]
    partner = pages["uebersichten/partner-finden.md"]
    row = next(li for li in partner.split("<li ") if "Plant dasselbe" in li)
    assert 'data-land="DE-SN"' in row and "Wir planen Sensoren an 400 Stellplätzen" in row

    out = tmp_path / "api"
    export.write_all(generated.catalogue, generated.enriched, out)
    data = json.loads((out / "declarations.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in data["declarations"]] == ["dresden-plant-koeln-smart-parking"]
    assert data["declarations"][0]["derived"]["declarer"]["name"] == "Dresden"
    rows = list(csv.DictReader(io.StringIO((out / "declarations.csv").read_text(encoding="utf-8"))))
    assert rows[0]["relation_label"] == "In Planung" and rows[0]["basis"] == "einwilligung"
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert "declarations.csv" in [r["path"] for r in package["resources"]]
    projects = json.loads((out / "projects.json").read_text(encoding="utf-8"))
    koeln_view = next(p for p in projects["projects"] if p["id"] == "koeln-smart-parking")
    assert koeln_view["derived"]["declarations"] == ["dresden-plant-koeln-smart-parking"]
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    assert "Nachnutzung oder Interesse: Dresden – In Planung – Smart Parking in der Innenstadt" in feed

    catalogue = generated.catalogue
    result = ideas.check("Sensoren melden freie Parkplätze in der Innenstadt", catalogue.projects, catalogue.funding,
                         generated.enriched.programme_status, ideas.Asker(), generated.enriched.retrieval,
                         declarations=declarations(catalogue))
    assert [d.id for d in result.planning] == ["dresden-plant-koeln-smart-parking"] and result.answering == []
    index = ideas_data.files(catalogue, generated.enriched)["ideen-index"]
    columns = index["declColumns"]  # the rows name their columns
    assert [[row[columns.index("relation")], row[columns.index("name")]] for row in index["decl"]] == [["plant", "Dresden"]]


def test_ideen_check_command_names_who_plans_the_same(catalogue_copy, capsys):
    import json

    write(catalogue_copy, declaration(relation="plant", sources=None, date="2026-11-15",
                                      consent={"date": "2026-11-20", "via": "issue-formular"}))
    code = main(["ideen-check", "Sensoren melden freie Parkplätze in der Innenstadt", "--katalog", str(catalogue_copy),
                 "--stichtag", "2026-11-27"])
    out = capsys.readouterr().out
    assert code == 0
    section = out.split("Diese Kommunen planen Ähnliches – Partner für eine gemeinsame Umsetzung?\n", 1)[1]
    assert section.startswith("  - Dresden: zu „Smart Parking in der Innenstadt“ (gemeldet 15.11.2026)\n")
    assert "Kontakt: Landeshauptstadt Dresden, Mobilitätsamt, mobilitaet@dresden.example" in section
    main(["ideen-check", "Sensoren melden freie Parkplätze in der Innenstadt", "--katalog", str(catalogue_copy),
          "--stichtag", "2026-11-27", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in report["planning"]] == ["dresden-nutzt-koeln-smart-parking"] and report["answering"] == []


def test_zeige_lists_declarations_and_the_way_to_contact(catalogue_copy, capsys):
    write(catalogue_copy, declaration())
    assert main(["zeige", "koeln-smart-parking", "--katalog", str(catalogue_copy), "--stichtag", "2026-11-27"]) == 0
    out = capsys.readouterr().out
    section = out.split("Nachnutzung und Interesse\n", 1)[1]
    assert "- Im Einsatz: Dresden (laut Quelle ohne Datum, gelesen 10/2026) – Kontakt:" in section
    assert "mobilitaet@dresden.example" in section
