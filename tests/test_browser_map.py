"""The map in headless Chromium: outlines drawn from the shipped Länder data, markers lead to
project pages, a place with several projects lists them, zoom buttons work, nothing foreign loads."""
from __future__ import annotations


import pytest

from browser_support import built_site, guard_context, open_page, server_base, browser, http_context  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def open_map(context, watch):
    page = open_page(context, watch, server_base() + "karte.html")
    page.wait_for_selector(".kdk-karte__punkte a")
    return page


def test_all_sixteen_laender_are_drawn_and_every_project_is_placed(http):
    page = open_map(*http)
    assert page.locator(".kdk-karte__laender path").count() == 16
    assert page.locator("#karte-app .kdk-statuszeile").text_content() == "4 von 4 Projekten auf der Karte."
    names = page.locator(".kdk-karte__laender path title").all_text_contents()
    assert "Nordrhein-Westfalen" in names and "Brandenburg" in names


def test_marker_leads_to_the_project_page(http):
    page = open_map(*http)
    marker = page.locator(".kdk-karte__punkt[aria-label*='(Köln)']")
    assert marker.get_attribute("aria-label") == "Smart Parking in der Innenstadt (Köln)"
    marker.click()
    page.wait_for_url("**/projekte/koeln-smart-parking.html")


def test_place_with_several_projects_lists_them(http):
    page = open_map(*http)
    group = page.locator(".kdk-karte__gruppe")
    assert group.count() == 1
    assert group.get_attribute("aria-label") == "2 Projekte in Garmisch-Partenkirchen – Liste zeigen"
    group.click()
    listed = page.locator("#karte-liste li a").all_text_contents()
    assert sorted(listed) == ["Bürgerportal für Online-Anträge", "Glasfaser für alle Ortsteile"]
    assert page.evaluate("document.activeElement.id") == "karte-liste"


def test_zoom_changes_the_view_and_markers_stay_reachable_by_keyboard(http):
    page = open_map(*http)
    before = page.get_attribute(".kdk-karte__svg", "viewBox")
    page.get_by_role("button", name="Vergrößern", exact=True).click()
    after = page.get_attribute(".kdk-karte__svg", "viewBox")
    assert before != after and float(after.split()[2]) == pytest.approx(float(before.split()[2]) / 2, rel=0.01)
    page.get_by_role("button", name="Ganz Deutschland").click()
    assert page.get_attribute(".kdk-karte__svg", "viewBox") == before
    focusable = page.evaluate("[...document.querySelectorAll('.kdk-karte__punkte a')].every(a => a.tabIndex === 0 || a.hasAttribute('href'))")
    assert focusable


def test_table_per_land_links_into_the_explorer(http):
    page = open_map(*http)
    rows = page.locator(".kdk-karte__tabelle tbody tr")
    assert rows.count() == 3
    page.click(".kdk-karte__tabelle >> text=Bayern")
    page.wait_for_url("**/explorer.html#land=DE-BY")
    page.wait_for_selector("#explorer-status:not(:empty)")
    assert page.locator("#explorer-status").text_content() == "2 Projekte passen zu den Filtern"


def test_map_works_from_file_url(browser):
    context = browser.new_context()
    watch = guard_context(context, None)
    try:
        page = open_page(context, watch, (built_site() / "karte.html").as_uri())
        page.wait_for_selector(".kdk-karte__punkte a")
        page.locator(".kdk-karte__punkt[aria-label*='(Dresden)']").click()
        page.wait_for_url("**/projekte/dresden-parkleitsystem.html")
        assert watch.page_errors == [] and watch.foreign_requests == []
    finally:
        context.close()
