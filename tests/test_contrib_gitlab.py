"""GitLab and openCoDE: the CI file, issue templates from the schema, and from-issue reading them."""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.catalogue import validate_catalogue
from generator.findings import Finding
from generator.from_issue import convert, dump_record, target_path
from generator.gitlab_templates import render_templates
from generator.issue_forms import form_for, labels_of
from generator.reference import default_reference
from generator.reporters import gitlab_report
from test_contrib_from_issue import minimal_project

REPO = Path(__file__).resolve().parent.parent
CI_FILE = REPO / ".gitlab-ci.yml"
TEMPLATES = REPO / ".gitlab" / "issue_templates"
TODAY = dt.date(2026, 11, 27)


def ci() -> dict:
    return yaml.safe_load(CI_FILE.read_text(encoding="utf-8"))


def test_gitlab_ci_file_is_valid_against_the_gitlab_schema():
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.gitlab-ci",
                             str(CI_FILE)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_merge_requests_are_validated_with_a_code_quality_report_and_a_strict_build():
    jobs = ci()
    validate = jobs["eintraege-pruefen"]
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in validate["rules"]
    assert any("validate --format gitlab > gl-code-quality-report.json" in line for line in validate["script"])
    assert validate["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("formulare --pruefen" in line for line in validate["script"])
    build = jobs["website-bauen"]
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in build["rules"]
    assert any("katalog build" in line for line in build["script"])


def test_pages_deploys_public_from_the_default_branch_only():
    pages = ci()["pages"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["artifacts"]["paths"] == ["public/"]
    assert any("--ausgabe public" in line for line in pages["script"])


def test_links_are_checked_on_a_schedule_only():
    assert ci()["links-pruefen"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]


def test_jobs_install_only_the_hashed_runtime_lock():
    text = CI_FILE.read_text(encoding="utf-8")
    assert ci()["default"]["before_script"] == ["make install"]
    assert "requirements-dev" not in text and "make setup" not in text and "pip install" not in text


@pytest.mark.parametrize("name", sorted(render_templates()))
def test_committed_templates_are_current(name):
    assert (TEMPLATES / name).read_text(encoding="utf-8") == render_templates()[name], \
        f"veraltet: `katalog formulare` ausführen ({name})"


@pytest.mark.parametrize("kind", ["project", "funding"])
def test_every_form_question_is_a_heading_in_the_template(kind):
    form = form_for(kind)
    text = render_templates()[Path(form.file).stem + ".md"]
    headings = re.findall(r"^### (.+)$", text, flags=re.M)
    assert headings == labels_of(form)


def test_template_lists_dropdown_choices_and_marks_required_questions():
    text = render_templates()["projekt-melden.md"]
    assert "<!-- Pflichtangabe. Wo das Projekt steht. Eine von: Idee; Planung; Umsetzung; Betrieb;" in text
    assert '/label ~"eintrag" ~"projekt"' in text


def fill(template: str, answers: dict[str, str]) -> str:
    """What a person does in GitLab: write each answer under its heading, tick the consent boxes."""
    out, current = [], None
    for line in template.split("\n"):
        out.append(line)
        heading = re.match(r"^### (.+)$", line)
        if heading:
            current = heading.group(1)
        elif current and line.startswith("<!--") and current in answers and current != "Bestätigung":
            out.append(answers[current])
    return "\n".join(out).replace("- [ ]", "- [x]")


def test_an_issue_written_from_the_gitlab_template_becomes_a_valid_record(catalogue_copy):
    body = fill(render_templates()["projekt-melden.md"], minimal_project())
    kind, record_id, record, notes = convert(body, today=TODAY, reference=default_reference())
    assert kind == "project"
    assert record["title"] == "Digitaler Bauantrag"
    assert "Pflichtangabe" not in json.dumps(record, ensure_ascii=False)
    assert not any("Bestätigung" in note for note in notes)
    target_path(catalogue_copy, kind, record_id).write_text(dump_record(kind, record), encoding="utf-8")
    assert validate_catalogue(catalogue_copy, today=TODAY).findings == []


def test_comments_in_an_answer_are_not_taken_over():
    body = fill(render_templates()["projekt-melden.md"],
                minimal_project(Titel="Digitaler Bauantrag <!-- versteckt --> online"))
    record = convert(body, today=TODAY, reference=default_reference())[2]
    assert record["title"].startswith("Digitaler Bauantrag") and record["title"].endswith("online")
    assert "versteckt" not in record["title"]


def test_code_quality_report_points_at_file_and_line():
    findings = [Finding("catalogue/projects/x.yaml", 7, 3, "error", "status", "„laufend“ ist kein Status.", "schema.enum"),
                Finding("catalogue/funding/y.yaml", 2, 1, "warning", "", "</script><b>", "check.old")]
    report = json.loads(gitlab_report(findings, 2))
    assert report[0]["location"] == {"path": "catalogue/funding/y.yaml", "lines": {"begin": 2}}
    assert report[0]["severity"] == "minor" and report[0]["description"] == "Warnung: </script><b>"
    assert report[1]["severity"] == "major"
    assert report[1]["description"] == "Fehler: Feld „status“: „laufend“ ist kein Status."
    assert len({r["fingerprint"] for r in report}) == 2
