"""Accessibility (axe-core, WCAG 2.1 A/AA; BITV 2.0) and layout at desktop and phone widths.

axe-core ships in tests/vendor/ (no network); serious and critical violations fail.
Screenshots of explorer, search and map at 1280 and 390 px go to KATALOG_SCREENSHOTS
(if set) for a human look; the tests assert that nothing overflows sideways on a phone.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser_support import axe_violations, open_page, server_base, browser, http_context  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

PAGES = {
    "start": ("index.html", None),
    "project": ("projekte/koeln-smart-parking.html", None),
    "programme": ("foerderprogramme/smart-city-bund.html", None),
    "explorer": ("explorer.html#land=DE-BY", "#explorer-status:not(:empty)"),
    "foerder-explorer": ("foerder-explorer.html", "#explorer-status:not(:empty)"),
    "map": ("karte.html", ".karte-punkte a"),
    "search": ("suche.html#q=Parkpl%C3%A4tzen", "#suche-treffer li"),
    "open-data": ("daten.html", None),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_wcag_violation(http, name):
    path, ready = PAGES[name]
    page = open_page(*http, server_base() + path)
    if ready:
        page.wait_for_selector(ready)
    assert axe_violations(page) == []


@pytest.mark.parametrize("name", ["explorer", "search", "map"])
@pytest.mark.parametrize("width", [1280, 390])
def test_layout_fits_the_screen(http, name, width):
    path, ready = PAGES[name]
    page = open_page(*http, server_base() + path, width=width)
    page.wait_for_selector(ready)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    target = os.environ.get("KATALOG_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(target) / f"{name}-{width}.png"), full_page=True)


def test_filters_fold_away_on_a_phone_and_open_with_the_button(http):
    page = open_page(*http, server_base() + "explorer.html", width=390)
    page.wait_for_selector("#explorer-status:not(:empty)")
    assert page.locator("#explorer-filter").is_hidden()
    toggle = page.locator(".katalog-filter__schalter")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert page.locator("#explorer-filter").is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
