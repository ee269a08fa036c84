"""Contracts between the site's scripts and the data Python writes: shared helpers live once in katalog-core.js,
data rows are read by column name (KATALOG.columns), never by position."""
from __future__ import annotations

import re

from conftest import REPO_ROOT

ASSETS = REPO_ROOT / "docs" / "assets" / "katalog"
# scripts that use katalog-core.js (kopfsuche.js loads it on the first keystroke; its form is in the template)
CORE_USERS = ("ideen-check.js", "explorer.js", "karte.js", "suche.js", "partner-finden.js", "kopfsuche.js")
# variables holding one row of a data file (api/web/*.js) in the scripts above; vocabulary label pairs
# [id, label] (named `pair`) are the one positional shape
ROW_NAMES = ("row", "it", "item", "project", "place", "g", "l", "u", "decl")


def core_helpers() -> set[str]:
    text = (ASSETS / "katalog-core.js").read_text(encoding="utf-8")
    return set(re.findall(r"^\s*K\.([A-Za-z]+)\s*=", text, re.MULTILINE))


def defined_functions(text: str) -> set[str]:
    return set(re.findall(r"\bfunction\s+([A-Za-z_$][\w$]*)\s*\(", text)) | set(
        re.findall(r"\bvar\s+([A-Za-z_$][\w$]*)\s*=\s*function\b", text))


def test_the_core_provides_the_shared_helpers():
    assert {"el", "clear", "number", "euro", "germanDate", "readHash", "writeHash", "columns", "load", "url"} <= core_helpers()


def test_no_site_script_keeps_its_own_copy_of_a_core_helper():
    helpers = core_helpers()
    copies = {}
    for name in CORE_USERS:
        own = defined_functions((ASSETS / name).read_text(encoding="utf-8")) & helpers
        if own:
            copies[name] = sorted(own)
    assert copies == {}


def test_the_helper_finder_sees_a_copy():
    assert defined_functions("  function el(tag, attrs, text) {\n  var euro = function (n) {") == {"el", "euro"}


def test_site_scripts_read_data_rows_by_column_name_not_by_position():
    pattern = re.compile(r"(?<![\w.$])(" + "|".join(ROW_NAMES) + r")\[\d+\]")
    found = [f"{name}:{number}: {line.strip()}" for name in CORE_USERS
             for number, line in enumerate((ASSETS / name).read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert found == []


def test_the_ideen_check_page_loads_the_core_before_its_script():
    page = (REPO_ROOT / "docs" / "ideen-check.md").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts.index("assets/katalog/retrieval.js") < scripts.index("assets/katalog/katalog-core.js") \
        < scripts.index("assets/katalog/ideen-check.js")
