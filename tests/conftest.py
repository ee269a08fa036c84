"""Shared fixtures: a small fixture catalogue and a fixed build date."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
FIXTURE_CATALOGUE = TESTS_DIR / "fixtures" / "catalogue"
BUILD_DATE = dt.date(2026, 12, 2)


@pytest.fixture
def build_date() -> dt.date:
    return BUILD_DATE


@pytest.fixture
def fixture_catalogue() -> Path:
    """The committed fixture catalogue (read-only; copy it before changing files)."""
    return FIXTURE_CATALOGUE


@pytest.fixture
def catalogue_copy(tmp_path) -> Path:
    """A writable copy of the fixture catalogue, for tests that add or break records."""
    target = tmp_path / "catalogue"
    shutil.copytree(FIXTURE_CATALOGUE, target)
    return target


@pytest.fixture(scope="session")
def fixture_site():
    """The fixture catalogue's built site (BuiltSite), built once per test run; read it, never write into it."""
    import built_sites

    return built_sites.fixture()


@pytest.fixture(scope="session")
def hostile_site():
    """The hostile catalogue's built site (BuiltSite), built once per test run; read it, never write into it."""
    import built_sites

    return built_sites.hostile()
