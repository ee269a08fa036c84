"""The fixture sites, built once per test process: the fixture catalogue's and the hostile
catalogue's. Every test module that needs a built site reads one of these (through the
session fixtures `fixture_site` / `hostile_site` in conftest.py, or these functions where a
helper needs the path outside a fixture); none of them writes into it.
"""
from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from site_support import BUILD_DATE, BuiltSite, build_site

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _build(name: str) -> BuiltSite:
    target = Path(tempfile.mkdtemp(prefix=f"katalog-{name}-"))
    atexit.register(shutil.rmtree, target, True)
    return build_site(FIXTURES / name, target / "project", BUILD_DATE)


@functools.lru_cache(maxsize=None)
def fixture() -> BuiltSite:
    """tests/fixtures/catalogue, built at the tests' build date."""
    return _build("catalogue")


@functools.lru_cache(maxsize=None)
def hostile() -> BuiltSite:
    """tests/fixtures/hostile (records written to break out of their place), built at the tests' build date."""
    return _build("hostile")
