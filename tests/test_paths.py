"""Where `katalog` finds the catalogue: from the working directory, or the one named with --katalog."""
from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURE_CATALOGUE, REPO_ROOT
from generator import paths


@pytest.fixture
def restore_paths():
    yield
    paths.configure(None)  # the test run's own: found from the working directory


def test_the_root_is_found_from_any_folder_inside_a_catalogue_project(tmp_path):
    (tmp_path / "catalogue" / "projects").mkdir(parents=True)
    (tmp_path / "docs" / "deep").mkdir(parents=True)
    assert paths.find_root(tmp_path / "docs" / "deep") == tmp_path.resolve()
    assert paths.find_root(tmp_path.parent) is None or paths.find_root(tmp_path.parent) != tmp_path


def test_a_catalogue_in_a_project_brings_its_project_and_vocabularies(tmp_path, restore_paths):
    shutil.copytree(FIXTURE_CATALOGUE, tmp_path / "catalogue")
    shutil.copytree(REPO_ROOT / "catalogue" / "vocabularies", tmp_path / "catalogue" / "vocabularies")
    (tmp_path / "mkdocs.yml").write_text("site_name: Land\n", encoding="utf-8")
    paths.configure(tmp_path / "catalogue")
    assert paths.REPO_ROOT == tmp_path.resolve() and paths.SITE_DIR == tmp_path.resolve() / "site"
    assert paths.VOCABULARIES_DIR == tmp_path.resolve() / "catalogue" / "vocabularies"
    assert paths.SCHEMA_DIR == REPO_ROOT / "schema"  # none of its own: this clone's (installed: the shipped copy)


def test_a_bare_folder_of_records_is_built_with_the_project_of_the_working_directory(tmp_path, restore_paths):
    shutil.copytree(FIXTURE_CATALOGUE, tmp_path / "records")
    paths.configure(tmp_path / "records")
    assert paths.CATALOGUE_DIR == tmp_path.resolve() / "records"
    assert paths.REPO_ROOT == REPO_ROOT and paths.VOCABULARIES_DIR == REPO_ROOT / "catalogue" / "vocabularies"
