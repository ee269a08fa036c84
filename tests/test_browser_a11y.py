"""Accessibility (axe-core, WCAG 2.1 A/AA; BITV 2.0) and layout at desktop and phone widths.

axe-core ships in tests/vendor/ (no network); serious and critical violations fail.
Screenshots of explorer, search and map at 1280 and 390 px go to KATALOG_SCREENSHOTS
(if set) for a human look; the tests assert that nothing overflows sideways on a phone.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_support import axe_violations, open_page, server_base, browser, http_context  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

PAGES = {  # one page of every page family, with what shows that its script has finished
    "start": ("index.html", None),
    "project": ("projekte/koeln-smart-parking.html", None),
    "programme": ("foerderprogramme/smart-city-bund.html", None),
    "programmes": ("foerderprogramme/index.html", None),
    "municipality": ("kommunen/koeln-05315000.html", None),
    "municipalities": ("kommunen/index.html", None),
    "topic": ("themen/mobilitaet.html", None),
    "topics": ("themen/index.html", None),
    "land": ("laender/sachsen.html", None),
    "laender": ("laender/index.html", None),
    "partners": ("uebersichten/partner-finden.html", None),
    "calendar": ("uebersichten/foerderkalender.html", None),
    "new": ("uebersichten/neu-im-katalog.html", None),
    "about": ("uebersichten/ueber-den-katalog.html", None),
    "method": ("methodik.html", None),
    "explorer": ("explorer.html#land=DE-BY", "#explorer-status:not(:empty)"),
    "foerder-explorer": ("foerder-explorer.html", "#explorer-status:not(:empty)"),
    "map": ("karte.html", ".kdk-karte__punkte a"),
    "search": ("suche.html#q=Parkpl%C3%A4tzen", "#suche-treffer li"),
    "ideen-check": ("ideen-check.html", "#idee-text"),
    "open-data": ("daten.html", None),
    "not-found": ("404.html", None),
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
    toggle = page.locator(".kdk-filter__schalter")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert page.locator("#explorer-filter").is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"


def focus_stops(page, count: int) -> list[dict]:
    """Press Tab `count` times; what each stop is, and whether a sighted keyboard user can see it."""
    stops = []
    for _ in range(count):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("""() => {
            const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
            return {tag: e.tagName, text: (e.innerText || e.getAttribute("aria-label") || e.value || "").trim().slice(0, 60),
                    href: e.getAttribute("href"), width: r.width, height: r.height,
                    visible: r.width > 0 && r.height > 0 && s.visibility !== "hidden"};
        }"""))
    return stops


def test_start_page_skip_link_lands_before_the_three_questions(http):
    page = open_page(*http, server_base() + "index.html")
    first = focus_stops(page, 1)[0]
    assert first["text"] == "Zum Inhalt"
    page.keyboard.press("Enter")
    target = page.evaluate("location.hash.slice(1)")
    order = page.evaluate("""id => {
        const heading = document.getElementById(id), question = document.querySelector(".kdk-entry__question");
        return heading.compareDocumentPosition(question) & Node.DOCUMENT_POSITION_FOLLOWING ? "before" : "after";
    }""", target)
    assert order == "before"
    assert page.locator("h1").first.get_attribute("id") == target


def test_start_page_questions_are_headings_and_the_title_is_not_doubled(http):
    page = open_page(*http, server_base() + "index.html")
    assert page.locator("h2.kdk-entry__question").all_inner_texts() == ["Gleiche Idee?", "Förderung?", "Partner?"]
    assert page.title() == "Kommunaler Digitalisierungskatalog"


@pytest.mark.parametrize("name", ["start", "search", "explorer", "foerder-explorer", "ideen-check", "map"])
def test_every_tab_stop_is_visible(http, name):
    path, ready = PAGES[name]
    page = open_page(*http, server_base() + path)
    if ready:
        page.wait_for_selector(ready)
    hidden = [stop for stop in focus_stops(page, 40)[1:] if not stop["visible"]]  # the skip link shows on focus
    assert hidden == []


def test_no_english_leftovers_for_readers(http):
    page = open_page(*http, server_base() + "methodik.html")
    titles = page.eval_on_selector_all("a.headerlink", "links => links.map(a => a.title)")
    assert titles and set(titles) == {"Link zu diesem Abschnitt"}
    page = open_page(*http, server_base() + "404.html")
    assert "Not found" not in page.inner_text("body")
    assert page.locator("h1").inner_text().startswith("Seite nicht gefunden")


def tab_into(page, selector: str, limit: int, failure: str) -> None:
    """Press Tab, as a keyboard user does, until the focus is inside `selector` (at most `limit` times)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.closest(s) !== null", selector):
            return
    raise AssertionError(failure)


def test_keyboard_only_search_from_query_to_record(http):
    page = open_page(*http, server_base() + "suche.html")
    page.locator("#suche-text").focus()
    page.keyboard.type("Parkplätzen")
    page.wait_for_selector("#suche-treffer li a")
    tab_into(page, "#suche-treffer", 30, "Tab never reached a search hit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/projekte/" in page.url or "/foerderprogramme/" in page.url


def test_keyboard_only_explorer_filter_and_result(http):
    page = open_page(*http, server_base() + "explorer.html")
    page.wait_for_selector("#explorer-status:not(:empty)")
    before = page.inner_text("#explorer-status")
    box = page.locator("#explorer-filter input[type=checkbox]").first
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    expect(page.locator("#explorer-status")).not_to_have_text(before)
    tab_into(page, "#explorer-liste", 60, "Tab never reached a result")
    assert page.evaluate("document.activeElement.tagName") == "A"


def test_funding_explorer_results_stay_in_view_after_a_filter_low_in_the_column(http):
    page = open_page(*http, server_base() + "foerder-explorer.html", width=1280, height=700)
    page.wait_for_selector("#explorer-status:not(:empty)")
    last = page.locator("#explorer-filter input[type=checkbox]").last
    last.focus()
    page.keyboard.press("Space")
    page.wait_for_timeout(300)
    top = page.evaluate("document.querySelector('#explorer-status').getBoundingClientRect().top")
    assert 0 <= top < 700
    assert page.evaluate("document.activeElement === document.querySelectorAll('#explorer-filter input[type=checkbox]')[document.querySelectorAll('#explorer-filter input[type=checkbox]').length - 1]")


def test_map_points_are_targets_of_at_least_24_pixels(http):
    page = open_page(*http, server_base() + "karte.html")
    page.wait_for_selector(".kdk-karte__punkte a")
    sizes = page.eval_on_selector_all(".kdk-karte__punkte a", "links => links.map(a => { const r = a.getBoundingClientRect(); return [r.width, r.height]; })")
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sizes


def test_keyboard_only_ideen_check_with_the_municipality_combobox(http):
    page = open_page(*http, server_base() + "ideen-check.html")
    page.wait_for_selector(".kdk-idea[data-ready]")
    page.locator("#idee-text").focus()
    page.keyboard.type("Sensoren an Parkplätzen in der Innenstadt, damit Besucher freie Plätze in einer App sehen")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "idee-kommune"
    combo = page.locator("#idee-kommune")
    assert combo.get_attribute("role") == "combobox"
    page.keyboard.type("Dresden")
    page.wait_for_selector("#idee-kommune-treffer [role=option]")
    assert combo.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    first = page.locator("#idee-kommune-treffer [role=option]").first
    assert combo.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    assert "Dresden" in page.inner_text("#idee-kommune-gewaehlt")
    assert combo.get_attribute("aria-expanded") == "false"
    page.wait_for_selector(".kdk-idea[data-state=fertig]")
    assert page.locator(".kdk-idea-results a").count() > 0


def test_escape_closes_the_municipality_list(http):
    page = open_page(*http, server_base() + "ideen-check.html")
    page.wait_for_selector(".kdk-idea[data-ready]")
    page.locator("#idee-kommune").focus()
    page.keyboard.type("Köln")
    page.wait_for_selector("#idee-kommune-treffer [role=option]")
    page.keyboard.press("Escape")
    assert page.locator("#idee-kommune-treffer [role=option]").count() == 0
    assert page.locator("#idee-kommune").get_attribute("aria-expanded") == "false"
