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


def real_catalogue_date(catalogue_dir: Path | None = None) -> dt.date:
    """The date the real catalogue is checked and built at in tests: the fixed build date, or the
    newest `last_reviewed` when a contributor re-reviewed a record later (a review is never in the
    future of the day it was written, so it must not fail the tests on a later day)."""
    from generator.catalogue import discover
    from generator.loader import load_file

    newest = BUILD_DATE
    files, _stray = discover(catalogue_dir or REPO_ROOT / "catalogue")
    for _kind, path in files:
        data = load_file(path).data
        reviewed = data.get("last_reviewed") if isinstance(data, dict) else None
        try:
            newest = max(newest, dt.date.fromisoformat(reviewed))
        except (TypeError, ValueError):
            continue
    return newest


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
