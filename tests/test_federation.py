"""Several catalogues, one site (katalog.yml), and one Land's site from a larger catalogue."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import build
from generator.cli import main
from generator.federation import ConfigError, for_land, load_sources, read_config, validate_sources

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CONFIG = FIXTURES / "federation" / "katalog.yml"
TODAY = dt.date(2026, 11, 27)


def test_config_lists_sources_with_name_folder_and_repository():
    sources = read_config(CONFIG)
    assert [s.name for s in sources] == ["Bundesweiter Testkatalog", "Digitale Kommunen Hessen"]
    assert sources[0].root == (FIXTURES / "catalogue").resolve()
    assert sources[1].repository == "https://gitlab.opencode.de/hessen/katalog"


def test_all_sources_are_validated_together():
    run, origins = validate_sources(read_config(CONFIG), today=TODAY)
    assert run.ok, [f.message for f in run.errors]
    assert run.files_checked == 8
    assert origins["giessen-digitale-verwaltung"].catalogue == "Digitale Kommunen Hessen"
    assert origins["koeln-smart-parking"].catalogue == "Bundesweiter Testkatalog"


def test_a_programme_of_one_source_may_be_used_by_a_project_of_another(tmp_path):
    hessen = tmp_path / "hessen"
    shutil.copytree(FIXTURES / "federation" / "hessen", hessen)
    project = hessen / "catalogue" / "projects" / "giessen-digitale-verwaltung.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("starke-heimat-digital-hessen", "smart-city-bund"),
                       encoding="utf-8")
    config = tmp_path / "katalog.yml"
    config.write_text(f"catalogues:\n  - name: Bund\n    path: {FIXTURES / 'catalogue'}\n"
                      f"  - name: Hessen\n    path: hessen/catalogue\n", encoding="utf-8")
    assert validate_sources(read_config(config), today=TODAY)[0].ok


def test_an_id_in_two_sources_is_an_error_naming_both(tmp_path):
    hessen = tmp_path / "hessen"
    shutil.copytree(FIXTURES / "federation" / "hessen", hessen)
    clash = hessen / "catalogue" / "projects" / "koeln-smart-parking.yaml"
    clash.write_text((hessen / "catalogue" / "projects" / "giessen-digitale-verwaltung.yaml").read_text(encoding="utf-8")
                     .replace("id: giessen-digitale-verwaltung", "id: koeln-smart-parking"), encoding="utf-8")
    config = tmp_path / "katalog.yml"
    config.write_text(f"catalogues:\n  - name: Bund\n    path: {FIXTURES / 'catalogue'}\n"
                      f"  - name: Hessen\n    path: hessen/catalogue\n", encoding="utf-8")
    run, _ = validate_sources(read_config(config), today=TODAY)
    messages = [f.message for f in run.errors if f.code == "federation.id-collision"]
    assert len(messages) == 2
    assert any("„Bund“" in m and "stammt aus „Hessen“" in m for m in messages)


@pytest.mark.parametrize("text, words", [
    ("quellen: []\n", "Es fehlt „catalogues:“"),
    ("catalogues:\n  - name: Kassel\n    path: x\n    farbe: rot\n", "Unbekanntes Feld „farbe“"),
    ("catalogues:\n  - name: Hessen\n    path: x\n    repository: javascript:alert(1)\n", "Feld „repository“"),
    ("catalogues:\n  - name: Kassel\n    path: x\n  - name: Kassel\n    path: y\n", "steht zweimal"),
    ("catalogues:\n  - name: Hessen\n    path: x\n    git: ext::sh -c touch% /tmp/pwned\n", "Feld „git“"),
])
def test_a_bad_config_gets_a_german_message_with_file_and_line(tmp_path, text, words):
    config = tmp_path / "katalog.yml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=words) as raised:
        read_config(config)
    assert "katalog.yml:" in str(raised.value)


def test_every_page_names_its_catalogue_and_links_its_repository_for_corrections():
    pages = build.generate(FIXTURES / "catalogue", TODAY, sources=read_config(CONFIG)).pages
    giessen = pages["projekte/giessen-digitale-verwaltung.md"]
    assert "Aus dem Katalog „Digitale Kommunen Hessen“" in giessen
    assert ('href="https://gitlab.opencode.de/hessen/katalog/-/edit/main/catalogue/projects/'
            'giessen-digitale-verwaltung.yaml"') in giessen
    koeln = pages["projekte/koeln-smart-parking.md"]
    assert "Aus dem Katalog „Bundesweiter Testkatalog“" in koeln
    assert 'href="https://github.com/beispiel/katalog/edit/main/catalogue/projects/koeln-smart-parking.yaml"' in koeln
    assert "foerderprogramme/starke-heimat-digital-hessen.md" in pages


def test_a_land_build_keeps_its_projects_and_the_programmes_open_to_it():
    catalogue, _run = load_sources(read_config(CONFIG), build_date=TODAY)
    hessen = for_land(catalogue, "DE-HE")
    assert list(hessen.projects) == ["giessen-digitale-verwaltung"]
    assert set(hessen.funding) == {"smart-city-bund", "starke-heimat-digital-hessen"}  # Bund for all, not Sachsen's
    assert hessen.land == "DE-HE"
    assert set(hessen.origins) == set(hessen.projects) | set(hessen.funding)


def test_build_command_builds_a_land_site_from_the_configured_sources(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\ndocs_dir: docs\n", encoding="utf-8")
    docs.mkdir()
    code = main(["build", "--quellen", str(CONFIG), "--land", "DE-HE", "--stichtag", "2026-11-27",
                 "--config", str(config), "--nur-seiten"])
    assert code == 0, capsys.readouterr()
    assert "1 Projekte" in capsys.readouterr().out
    assert (docs / "projekte" / "giessen-digitale-verwaltung.md").exists()
    assert not (docs / "projekte" / "koeln-smart-parking.md").exists()


def test_an_unknown_land_is_a_usage_error(capsys):
    assert main(["build", "--land", "DE-XX", "--nur-seiten"]) == 2
    assert "ist kein Land" in capsys.readouterr().err


def test_validate_command_reads_the_sources_and_reports_a_bad_config(tmp_path, capsys):
    assert main(["validate", "--quellen", str(CONFIG), "--stichtag", "2026-11-27"]) == 0
    assert "8 Dateien geprüft" in capsys.readouterr().out
    broken = tmp_path / "katalog.yml"
    broken.write_text("catalogues: nein\n", encoding="utf-8")
    assert main(["validate", "--quellen", str(broken)]) == 2
    assert "Es fehlt „catalogues:“" in capsys.readouterr().err


def test_a_git_source_is_cloned_when_its_folder_is_missing(tmp_path):
    origin = tmp_path / "hessen-origin"
    shutil.copytree(FIXTURES / "federation" / "hessen", origin)
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "--quiet", str(origin)], check=True)
    subprocess.run([*git, "-C", str(origin), "add", "."], check=True)
    subprocess.run([*git, "-C", str(origin), "commit", "--quiet", "-m", "Katalog"], check=True)
    config = tmp_path / "katalog.yml"
    config.write_text(f"catalogues:\n  - name: Bund\n    path: {FIXTURES / 'catalogue'}\n"
                      f"  - name: Hessen\n    path: quellen/hessen/catalogue\n    git: file://{origin}\n    ref: main\n",
                      encoding="utf-8")
    run, origins = validate_sources(read_config(config), today=TODAY)
    assert run.ok
    assert (tmp_path / "quellen" / "hessen" / ".git").is_dir()
    assert origins["giessen-digitale-verwaltung"].catalogue == "Hessen"


def test_a_project_page_links_its_repository_and_names_the_platform():
    page = build.generate(FIXTURES / "catalogue", TODAY).pages["projekte/koeln-smart-parking.md"]
    assert "Quellcode auf openCoDE" in page
    assert 'href="https://gitlab.opencode.de/beispiel/parken"' in page
