"""`katalog` installed without -e works on the catalogue it is pointed at (issue 15, item 11).

A fresh virtual environment gets the runtime lock and a wheel of this project (no editable
install, nothing of this clone on its path); a copy of the catalogue in another folder, without
schema/, vocabularies or reference data, is validated and built there.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import REPO_ROOT, real_catalogue_date
from generator import paths

pytestmark = pytest.mark.slow


def run(command: list, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{command}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """bin/ of a fresh venv with the runtime lock and this project's wheel (not editable)."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"  # a clean copy: building in the clone would leave build/ behind (and reuse it)
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "projects", "funding")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO_ROOT / name, source / name)
    for name in ("generator", "schema", "catalogue"):
        shutil.copytree(REPO_ROOT / name, source / name, ignore=ignore)
    pip = [sys.executable, "-m", "pip"]
    run([*pip, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", work / "wheels", source], work)
    wheel = next((work / "wheels").glob("*.whl"))
    run([sys.executable, "-m", "venv", "--without-pip", work / "venv"], work)
    target = ["--python", work / "venv" / "bin" / "python"]
    run([*pip, *target, "install", "--quiet", "--disable-pip-version-check", "--require-hashes", "--no-deps",
         "-r", REPO_ROOT / "requirements.txt"], work)
    run([*pip, *target, "install", "--quiet", "--disable-pip-version-check", "--no-deps", "--no-index", wheel], work)
    return work / "venv" / "bin"


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory) -> Path:
    """Another repository with the same layout: records, mkdocs.yml, hand-written docs; no schema/,
    no vocabularies, no reference data (those come with the package)."""
    root = tmp_path_factory.mktemp("land-katalog")
    for folder in paths.RECORD_KINDS.values():
        shutil.copytree(REPO_ROOT / "catalogue" / folder[0], root / "catalogue" / folder[0])
    shutil.copy(REPO_ROOT / "mkdocs.yml", root / "mkdocs.yml")
    generated = set(paths.GENERATED_PAGE_DIRS + paths.GENERATED_DATA_DIRS + paths.GENERATED_FILES)
    shutil.copytree(REPO_ROOT / "docs", root / "docs", ignore=lambda folder, names: [
        n for n in names if Path(folder) == REPO_ROOT / "docs" and n in generated])
    if (REPO_ROOT / "overrides").is_dir():
        shutil.copytree(REPO_ROOT / "overrides", root / "overrides")
    return root


def test_the_wheel_ships_schemas_vocabularies_reference_data_and_map_outlines(installed):
    code = ("import generator, pathlib; p = pathlib.Path(generator.__file__).parent; "
            "print(p); print(sorted(x.relative_to(p).as_posix() for x in p.rglob('*') if x.suffix in "
            "('.json', '.yaml', '.csv', '.geojson')))")
    out = run([installed / "python", "-c", code], installed).stdout
    location, files = out.splitlines()
    assert location.startswith(str(installed.parent)), location  # the installed copy, not this clone
    for name in ("shipped/schema/project.schema.json", "shipped/schema/funding.schema.json",
                 "shipped/vocabularies/topics.yaml", "shipped/municipalities/gemeinden.csv", "data/geo/laender.geojson"):
        assert f"'{name}'" in files


def test_every_subpackage_is_listed_for_the_wheel():
    listed = set(tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO_ROOT).parts) for p in (REPO_ROOT / "generator").rglob("__init__.py")}
    assert found <= listed


def test_installed_katalog_validates_a_catalogue_in_another_folder(installed, elsewhere):
    result = run([installed / "katalog", "validate", "--stichtag", real_catalogue_date(REPO_ROOT / "catalogue").isoformat()],
                 elsewhere)
    assert "Traceback" not in result.stderr
    count = len(list((elsewhere / "catalogue").glob("*/*.yaml")))
    assert f"{count} Dateien geprüft" in result.stdout


def test_installed_katalog_builds_the_site_of_a_catalogue_in_another_folder(installed, elsewhere):
    date = real_catalogue_date(REPO_ROOT / "catalogue").isoformat()
    result = run([installed / "katalog", "build", "--stichtag", date], elsewhere, timeout=900)
    assert "Website gebaut" in result.stdout
    site = elsewhere / "site"
    assert (site / "index.html").exists() and (site / "404.html").exists()
    some_project = sorted((elsewhere / "catalogue" / "projects").glob("*.yaml"))[0].stem
    assert (site / "projekte" / f"{some_project}.html").exists()
    assert (elsewhere / "docs" / "projekte" / f"{some_project}.md").exists()  # written there, not into this clone
