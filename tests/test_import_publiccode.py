"""katalog import publiccode: a publiccode.yml (spec 0.4) becomes a project draft and declaration drafts."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.importers.publiccode import NotPubliccode, official_key, project_draft
from generator.reference import default_reference

FIXTURE = Path(__file__).parent / "fixtures" / "publiccode" / "publiccode.yml"
TODAY = dt.date(2026, 12, 2)


def doc() -> dict:
    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


def test_name_german_description_licence_and_repository_are_taken_over():
    project = project_draft(doc(), TODAY).project
    assert project["id"] == "maengelmelder-musterstadt"
    assert project["title"] == "Mängelmelder Musterstadt"
    assert project["summary"].startswith("Bürgerinnen und Bürger melden Schäden")
    assert "- Meldung mit Foto und Kartenpunkt" in project["description"]
    assert project["reuse"] == {"open_source": True, "licence": "EUPL-1.2",
                                "repository": "https://gitlab.opencode.de/musterstadt/maengelmelder",
                                "reusable": True, "note": "Wartung laut publiccode.yml: intern (durch die Organisation selbst)."}
    assert project["status"] == "betrieb"
    assert project["sources"][0]["url"] == "https://gitlab.opencode.de/musterstadt/maengelmelder"


def test_personal_maintenance_contacts_are_not_copied():
    draft = project_draft(doc(), TODAY)
    assert "mustermann" not in yaml.safe_dump(draft.project).lower()
    assert draft.project["contact"] == {"organisation": "Stadt Musterstadt"}
    assert any("Personen" in hint for hint in draft.hints)


def test_what_the_file_cannot_say_stays_a_placeholder():
    project = project_draft(doc(), TODAY).project
    assert project["municipalities"][0]["ags"].startswith("AUSFÜLLEN")
    assert project["topics"][0].startswith("AUSFÜLLEN")
    assert project["start"].startswith("AUSFÜLLEN")


def test_used_by_becomes_one_declaration_per_named_body_with_keys_where_unambiguous():
    declarations = project_draft(doc(), TODAY, reference=default_reference()).declarations
    assert [d["contact"]["organisation"] for d in declarations] == ["Stadt Olpe", "Kreis Soest", "Gemeinde Probstein"]
    assert all(d["relation"] == "nutzt" and d["project"] == "maengelmelder-musterstadt" for d in declarations)
    keys = [d["declarer"]["ags"] for d in declarations]
    assert keys[0] == "05966024" and keys[1] == "05974"
    assert keys[2].startswith("AUSFÜLLEN")


def test_official_key_refuses_to_guess_between_namesakes():
    reference = default_reference()
    assert official_key("Olpe", reference) is None  # the town and the Kreis
    assert official_key("Stadt Olpe", reference) == "05966024"


def test_a_file_without_name_or_repository_is_refused_in_german():
    with pytest.raises(NotPubliccode, match="keine lesbare publiccode.yml"):
        project_draft({"name": "x"}, TODAY)


def test_hostile_values_are_trimmed_and_kept_as_text():
    hostile = doc() | {"name": "<script>alert(1)</script>" * 20, "url": "javascript:alert(1)"}
    with pytest.raises(NotPubliccode):
        project_draft(hostile, TODAY)
    long_name = doc() | {"name": "Ä" * 500}
    assert len(project_draft(long_name, TODAY).project["title"]) <= 200


@pytest.fixture
def catalogue_dir(tmp_path) -> Path:
    root = tmp_path / "catalogue"
    source = Path(__file__).parent.parent / "catalogue"
    shutil.copytree(source / "vocabularies", root / "vocabularies")
    shutil.copytree(source / "reference", root / "reference")
    (root / "projects").mkdir()
    (root / "funding").mkdir()
    return root


def test_command_writes_a_project_draft_that_validates_once_the_gaps_are_given(catalogue_dir, capsys):
    code = main(["import", "publiccode", str(FIXTURE), "--katalog", str(catalogue_dir), "--ags", "05315000",
                 "--handlungsfeld", "verwaltung", "--beginn", "2024"])
    assert code == 0
    written = catalogue_dir / "projects" / "maengelmelder-musterstadt.yaml"
    assert written.read_text(encoding="utf-8").startswith("# Entwurf aus einer publiccode.yml")
    capsys.readouterr()
    assert main(["validate", str(written)]) == 0, capsys.readouterr().out


def test_command_without_the_gaps_writes_a_draft_the_validator_refuses(catalogue_dir, capsys):
    assert main(["import", "publiccode", str(FIXTURE), "--katalog", str(catalogue_dir)]) == 0
    capsys.readouterr()
    assert main(["validate", str(catalogue_dir / "projects" / "maengelmelder-musterstadt.yaml")]) == 1
    assert "AUSFÜLLEN" in capsys.readouterr().out


def test_command_never_overwrites(catalogue_dir, capsys):
    args = ["import", "publiccode", str(FIXTURE), "--katalog", str(catalogue_dir)]
    assert main(args) == 0
    assert main(args) == 1
    assert "gibt es schon" in capsys.readouterr().err
