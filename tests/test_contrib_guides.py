"""Issue forms, CONTRIBUTING.md and the other contributor files: generated from the schema, never drifting."""
from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import contributing, issue_forms, schema_fields
from generator.catalogue import validate_catalogue
from generator.cli import main
from generator.commands import anleitung, formulare
from generator.from_issue import PARSERS, dump_record
from generator.loader import load_file, load_text
from generator.schema_fields import field, fields
from generator.vocabularies import Term, default_vocabularies

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / ".github" / "ISSUE_TEMPLATE"
GUIDE = REPO / "CONTRIBUTING.md"


# --- issue forms -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(issue_forms.render_forms()))
def test_committed_issue_form_is_what_the_schema_generates(name):
    committed = (TEMPLATES / name).read_text(encoding="utf-8")
    assert committed == issue_forms.render_forms()[name], f"veraltet: `katalog formulare` ausführen ({name})"


def test_there_are_exactly_the_four_forms_and_the_config():
    assert sorted(p.name for p in TEMPLATES.iterdir()) == [
        "config.yml", "foerderprogramm-melden.yml", "korrektur.yml", "nachnutzung-oder-interesse-melden.yml",
        "projekt-melden.yml"]


@pytest.mark.parametrize("form", issue_forms.FORMS, ids=lambda f: f.kind)
def test_form_labels_and_ids_are_unique(form):
    document = issue_forms.form_document(form)
    elements = [e for e in document["body"] if e["type"] != "markdown"]
    labels = [e["attributes"]["label"] for e in elements]
    ids = [e["id"] for e in elements]
    assert len(labels) == len(set(labels)) and len(ids) == len(set(ids))


@pytest.mark.parametrize("form", issue_forms.FORMS, ids=lambda f: f.kind)
def test_form_asks_for_every_required_field_the_converter_does_not_fill(form):
    asked = {f.path[0] for f in form.fields if f.path} | {o[0] for f in form.fields for o in f.options}
    required = {info.path[0] for info in fields(form.kind) if info.depth == 0 and info.required}
    assert required - asked == {"id", "last_reviewed"}


@pytest.mark.parametrize("form", issue_forms.FORMS, ids=lambda f: f.kind)
def test_every_form_field_is_a_schema_field_with_a_parser(form):
    for form_field in form.fields:
        assert form_field.parse in PARSERS
        for path in ([form_field.path] if form_field.path else []) + list(form_field.options):
            field(form.kind, path)  # raises KeyError for a path the schema does not have


def test_dropdowns_offer_the_vocabulary_labels_and_schema_texts():
    document = issue_forms.form_document(issue_forms.PROJECT_FORM)
    topics = next(e for e in document["body"] if e.get("id") == "topics")
    assert topics["attributes"]["options"] == [t.label for t in default_vocabularies()["topics"].terms]
    assert topics["attributes"]["multiple"] is True
    assert topics["attributes"]["label"] == field("project", ("topics",)).title
    assert topics["attributes"]["description"].startswith(field("project", ("topics",)).description)
    email = next(e for e in document["body"] if e.get("id") == "contact-email")
    assert email["attributes"]["label"] == "Kontakt: E-Mail-Adresse"


def test_schema_required_fields_are_required_in_the_form():
    document = issue_forms.form_document(issue_forms.PROJECT_FORM)
    required = {e["id"] for e in document["body"] if e.get("validations", {}).get("required")}
    assert required == {"title", "municipalities", "summary", "topics", "status", "start", "contact-organisation", "sources"}


def test_a_new_vocabulary_term_changes_the_generated_form(monkeypatch):
    vocabularies = dict(default_vocabularies())
    topics = vocabularies["topics"]
    vocabularies["topics"] = dataclasses.replace(topics, terms=topics.terms + (Term("weltraum", "Weltraum"),))
    monkeypatch.setattr(schema_fields, "default_vocabularies", lambda: vocabularies)
    changed = issue_forms.render_forms()["projekt-melden.yml"]
    assert "- Weltraum" in changed
    assert changed != (TEMPLATES / "projekt-melden.yml").read_text(encoding="utf-8")


def test_formulare_check_fails_on_a_hand_edited_form(monkeypatch, tmp_path, capsys):
    copy = tmp_path / "ISSUE_TEMPLATE"
    shutil.copytree(TEMPLATES, copy)
    monkeypatch.setattr(formulare, "FORMS_DIR", copy)
    assert main(["formulare", "--pruefen"]) == 0
    path = copy / "projekt-melden.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: Titel", "label: Projekttitel"), encoding="utf-8")
    assert main(["formulare", "--pruefen"]) == 1
    assert "projekt-melden.yml" in capsys.readouterr().err
    assert main(["formulare"]) == 0
    assert path.read_text(encoding="utf-8") == issue_forms.render_forms()["projekt-melden.yml"]


# --- CONTRIBUTING.md -------------------------------------------------------------------------

def test_committed_guide_is_what_the_generator_writes():
    text = GUIDE.read_text(encoding="utf-8")
    assert contributing.replace_sections(text) == text, "veraltet: `katalog anleitung` ausführen"


@pytest.mark.parametrize("kind", ["project", "funding"])
def test_field_reference_explains_every_schema_field(kind):
    reference = contributing.field_reference()
    section = reference.split("### ")[1 if kind == "project" else 2]
    for info in fields(kind):
        assert f"**`{info.path[-1]}`** – {info.title} (" in section
        assert info.description in section


def test_field_reference_lists_vocabulary_ids_with_labels():
    reference = contributing.field_reference()
    assert "`mobilitaet` (Mobilität & Verkehr)" in reference
    assert "`DE-NW` (Nordrhein-Westfalen)" in reference


def test_example_message_is_the_validators_real_output():
    example = contributing.example_message()
    assert example in GUIDE.read_text(encoding="utf-8")
    for line, column, name in ((5, 10, "municipalities[0].ags"), (7, 10, "topics[0]"), (8, 9, "status"),
                               (14, 10, "sources[0].url")):
        assert f"catalogue/projects/beispiel-parken.yaml:{line}:{column}: Feld „{name}“: " in example
    assert "Warnung: Feld „contact.email“" in example
    assert "Meinten Sie „betrieb“?" in example


def test_validator_help_text_points_to_an_existing_section():
    assert "\n## 5. Meldungen des Prüfprogramms lesen\n" in GUIDE.read_text(encoding="utf-8")


def test_template_in_the_guide_is_a_valid_record(tmp_path, build_date):
    record = contributing.template_record("project")
    catalogue = tmp_path / "catalogue"
    (catalogue / "projects").mkdir(parents=True)
    (catalogue / "projects" / f"{record['id']}.yaml").write_text(dump_record("project", record), encoding="utf-8")
    assert validate_catalogue(catalogue, today=build_date).findings == []


def test_guide_without_markers_is_refused():
    with pytest.raises(contributing.GuideError, match="genau einen Abschnitt"):
        contributing.replace_sections("# Anleitung ohne Markierungen\n")


def test_anleitung_check_fails_when_a_generated_section_was_edited(monkeypatch, tmp_path, capsys):
    copy = tmp_path / "CONTRIBUTING.md"
    copy.write_text(GUIDE.read_text(encoding="utf-8").replace("Kurzbeschreibung (Pflicht)", "Kurztext (Pflicht)", 1),
                    encoding="utf-8")
    monkeypatch.setattr(anleitung, "GUIDE", copy)
    assert main(["anleitung", "--pruefen"]) == 1
    assert "veraltet" in capsys.readouterr().err
    assert main(["anleitung"]) == 0
    assert copy.read_text(encoding="utf-8") == GUIDE.read_text(encoding="utf-8")


@pytest.mark.parametrize("heading", [
    "## 1. Ohne Git: ein Formular ausfüllen",
    "## 2. Im Browser: einen Eintrag anlegen (Schritt für Schritt)",
    "## 6. Regeln für Kontaktdaten",
    "## 8. Lizenzen",
])
def test_guide_has_the_sections_newcomers_need(heading):
    assert f"\n{heading}\n" in GUIDE.read_text(encoding="utf-8")


def test_readme_leads_newcomers_to_the_forms_and_the_guide():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Einen Eintrag beitragen", 1)[1].split("\n## ", 1)[0]
    assert "Ohne Git" in section and "CONTRIBUTING.md" in section
    for form in issue_forms.FORMS:
        assert f"„{form.name}“" in section


# --- licence, PR template, CODEOWNERS, pre-commit ------------------------------------------

def test_licence_is_the_full_eupl_text():
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\nEUPL © the European Union 2007, 2016")
    for article in range(1, 16):
        assert f"\n{article}." in text
    assert "‘Compatible Licences’ according to Article 5 EUPL are:" in text
    assert len(text) > 13_000


def test_pull_request_template_is_a_german_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(boxes) >= 6
    assert any("CC BY 4.0" in b for b in boxes) and any("Einwilligung" in b for b in boxes)


def test_codeowners_assigns_records_and_code():
    rules = {}
    for line in (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *owners = line.split()
            assert owners and all(o.startswith("@") and "/" in o for o in owners)
            rules[pattern] = owners
    assert rules["/catalogue/projects/"] == ["@kommunaler-digitalisierungskatalog/redaktion"]
    assert "@kommunaler-digitalisierungskatalog/maintainer" in rules["/schema/"]
    assert "*" in rules


def test_pre_commit_hook_for_other_repositories_is_declared():
    hooks = load_file(REPO / ".pre-commit-hooks.yaml").data
    hook = next(h for h in hooks if h["id"] == "katalog-validate")
    entry = REPO / hook["entry"]
    assert hook["language"] == "script" and entry.exists() and os.access(entry, os.X_OK)
    assert "projects|funding" in hook["files"]


@pytest.mark.parametrize("good", [True, False])
def test_pre_commit_hook_script_runs_the_validator(good, catalogue_copy):
    record = catalogue_copy / "projects" / "koeln-smart-parking.yaml"
    if not good:
        record.write_text(record.read_text(encoding="utf-8").replace("status: betrieb", "status: laeuft"), encoding="utf-8")
    env = dict(os.environ, KATALOG_HOOK_VENV=str(REPO / ".venv"))
    result = subprocess.run([str(REPO / ".github" / "hooks" / "katalog-validate.sh"), str(record), "--stichtag", "2026-11-27"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == (0 if good else 1), result.stdout + result.stderr
    assert ("keine Fehler" in result.stdout) if good else ("Feld „status“" in result.stdout)


def test_pre_commit_config_runs_the_validator_on_records():
    config = load_text((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")).data
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert hooks["katalog-validate"]["entry"] == ".venv/bin/katalog validate"
    assert hooks["katalog-validate"]["files"] == "^catalogue/(projects|funding)/[^/]+\\.yaml$"
    assert "formulare --pruefen" in hooks["katalog-erzeugte-dateien"]["entry"]


def test_pre_commit_runs_the_same_linters_as_make_test():
    config = load_text((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")).data
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert hooks["ruff"]["entry"] == ".venv/bin/ruff check" and "$(BIN)/ruff check" in lint
    assert hooks["mypy"]["entry"] == ".venv/bin/mypy" and "$(BIN)/mypy" in lint
    assert "lint" in makefile.split("\ntest:", 1)[1].split("\n", 1)[0]


# --- GitHub's own schemas for forms and workflows (vendored in check-jsonschema, offline) ------

def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    tool = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run([str(tool), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, timeout=120)


def test_issue_forms_follow_githubs_issue_form_schema():
    forms = [TEMPLATES / name for name in ("projekt-melden.yml", "foerderprogramm-melden.yml", "korrektur.yml")]
    result = check_jsonschema("vendor.github-issue-forms", *forms)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_template_config_follows_githubs_schema():
    result = check_jsonschema("vendor.github-issue-config", TEMPLATES / "config.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_follow_githubs_workflow_schema():
    result = check_jsonschema("vendor.github-workflows", *sorted((REPO / ".github" / "workflows").glob("*.yml")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_githubs_form_schema_rejects_a_broken_form(tmp_path):
    """Proves the schema checks above can fail: a dropdown without options is not a form."""
    broken = tmp_path / "kaputt.yml"
    broken.write_text("name: x\ndescription: y\nbody:\n  - type: dropdown\n    id: a\n    attributes:\n"
                      "      label: A\n      options: []\n", encoding="utf-8")
    result = check_jsonschema("vendor.github-issue-forms", broken)
    assert result.returncode == 1
