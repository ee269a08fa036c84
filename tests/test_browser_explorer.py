"""Katalog-Explorer and Förder-Explorer in headless Chromium: filters narrow the list, counts
stand beside every value, the state lives in the address (reload, back button), keyboard works."""
from __future__ import annotations


import pytest

from browser_support import built_site, guard_context, open_page, server_base, browser, http_context  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def titles(page):
    return page.locator("#explorer-liste .kdk-kachel__titel").all_text_contents()


def status(page):
    return page.locator("#explorer-status").text_content()


def explorer(context, watch, fragment=""):
    page = open_page(context, watch, server_base() + "explorer.html" + fragment)
    page.wait_for_selector("#explorer-status:not(:empty)")
    return page


def option(page, text):
    """The checkbox whose label starts with `text` (labels end with the count)."""
    return page.locator(".kdk-option", has=page.locator(f"label:text-matches('^{text} \\\\(')")).locator("input")


def test_all_projects_sorted_by_title_with_counts_beside_values(http):
    page = explorer(*http)
    assert status(page) == "4 Projekte insgesamt"
    assert titles(page) == ["Bürgerportal für Online-Anträge", "Digitales Parkleitsystem mit Sensoren",
                            "Glasfaser für alle Ortsteile", "Smart Parking in der Innenstadt"]
    labels = page.locator(".kdk-option label").all_text_contents()
    assert "Bayern (2)" in labels and "Sachsen (1)" in labels and "Mobilität & Verkehr (2)" in labels
    assert "Partner gesucht (1)" in labels


def test_filters_narrow_and_counts_follow(http):
    page = explorer(*http)
    option(page, "Mobilität & Verkehr").check()
    page.wait_for_function("document.getElementById('explorer-status').textContent.startsWith('2 ')")
    assert titles(page) == ["Digitales Parkleitsystem mit Sensoren", "Smart Parking in der Innenstadt"]
    labels = page.locator(".kdk-option label").all_text_contents()
    assert "Sachsen (1)" in labels and "Bayern (0)" in labels
    # counts of the chosen facet ignore its own selection: other topics stay countable
    assert "Verwaltung & E-Government (1)" in labels
    option(page, "Sachsen").check()
    page.wait_for_function("document.getElementById('explorer-status').textContent.startsWith('1 ')")
    assert titles(page) == ["Digitales Parkleitsystem mit Sensoren"]
    assert status(page) == "1 Projekt passt zu den Filtern"


def test_size_class_programme_and_flags(http):
    page = explorer(*http)
    option(page, "über 100.000 Einwohner").check()
    page.wait_for_function("document.getElementById('explorer-status').textContent.startsWith('2 ')")
    assert titles(page) == ["Digitales Parkleitsystem mit Sensoren", "Smart Parking in der Innenstadt"]
    page.select_option("#filter-programm", "smart-city-bund")
    page.wait_for_function("document.getElementById('explorer-status').textContent.startsWith('1 ')")
    assert titles(page) == ["Smart Parking in der Innenstadt"]
    page.select_option("#filter-programm", "")
    option(page, "Open Source").check()
    page.wait_for_function("document.getElementById('explorer-status').textContent.startsWith('1 ')")
    assert titles(page) == ["Smart Parking in der Innenstadt"]


def test_free_text_uses_the_stemmed_search(http):
    page = explorer(*http)
    page.fill("#filter-text", "Parkplätzen")
    page.wait_for_function("document.getElementById('explorer-status').textContent.startsWith('2 ')")
    assert set(titles(page)) == {"Digitales Parkleitsystem mit Sensoren", "Smart Parking in der Innenstadt"}
    assert "text=Parkpl%C3%A4tzen" in page.evaluate("location.hash")


def test_state_survives_reload_and_back_button_restores_the_previous_filters(http):
    page = explorer(*http)
    option(page, "Bayern").check()
    page.wait_for_function("location.hash === '#land=DE-BY'")
    option(page, "Planung").check()
    page.wait_for_function("location.hash === '#land=DE-BY&status=planung'")
    assert titles(page) == ["Glasfaser für alle Ortsteile"]
    page.reload()
    page.wait_for_selector("#explorer-status:not(:empty)")
    assert titles(page) == ["Glasfaser für alle Ortsteile"]
    assert option(page, "Bayern").is_checked() and option(page, "Planung").is_checked()
    page.go_back()
    page.wait_for_function("document.getElementById('explorer-status').textContent.startsWith('2 ')")
    assert titles(page) == ["Bürgerportal für Online-Anträge", "Glasfaser für alle Ortsteile"]
    assert option(page, "Bayern").is_checked() and not option(page, "Planung").is_checked()
    page.go_back()
    page.wait_for_function("document.getElementById('explorer-status').textContent.startsWith('4 ')")
    assert not option(page, "Bayern").is_checked()


def test_shared_link_opens_with_filters_applied(http):
    page = explorer(*http, "#thema=mobilitaet&land=DE-NW")
    assert titles(page) == ["Smart Parking in der Innenstadt"]
    assert option(page, "Nordrhein-Westfalen").is_checked()


def test_keyboard_only_filtering(http):
    page = explorer(*http)
    page.focus("#filter-text")
    page.keyboard.press("Tab")  # first checkbox: Verwaltung & E-Government
    assert page.evaluate("document.activeElement.id") == "filter-thema-0"
    page.keyboard.press("Space")
    page.wait_for_function("document.getElementById('explorer-status').textContent.startsWith('1 ')")
    assert titles(page) == ["Bürgerportal für Online-Anträge"]


def test_filters_are_labelled_fieldsets_and_the_count_is_live(http):
    page = explorer(*http)
    legends = page.locator("fieldset.kdk-facette > legend").all_text_contents()
    assert legends == ["Handlungsfeld", "Land", "Größenklasse", "Status", "Förderprogramm", "Merkmale"]
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('#explorer-app input, #explorer-app select')]
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.id)""")
    assert unlabelled == []
    assert page.locator("#explorer-status").get_attribute("aria-live") == "polite"


def test_project_cards_link_to_project_pages(http):
    context, watch = http
    page = explorer(context, watch)
    page.click("text=Smart Parking in der Innenstadt")
    page.wait_for_url("**/projekte/koeln-smart-parking.html")
    assert "Smart Parking in der Innenstadt" in page.title()


def funding_explorer(context, watch, fragment=""):
    page = open_page(context, watch, server_base() + "foerder-explorer.html" + fragment)
    page.wait_for_selector("#explorer-status:not(:empty)")
    return page


def test_funding_explorer_land_filter_keeps_nationwide_programmes(http):
    page = funding_explorer(*http)
    assert status(page) == "2 Förderprogramme insgesamt"
    option(page, "Hessen").check()
    page.wait_for_function("document.getElementById('explorer-status').textContent.startsWith('1 ')")
    assert titles(page) == ["Modellprojekte Smart City (Testprogramm Bund)"]
    option(page, "Sachsen").check()
    page.wait_for_function("document.getElementById('explorer-status').textContent.startsWith('2 ')")


def test_funding_explorer_applicant_level_and_open_now(http):
    page = funding_explorer(*http, "#berechtigt=kreisfreie-stadt")
    assert titles(page) == ["Modellprojekte Smart City (Testprogramm Bund)"]
    page = funding_explorer(*http, "#ebene=land&offen=jetzt")
    assert titles(page) == ["Digitale Kommune Sachsen (Testprogramm Land)"]


def test_funding_explorer_deadline_within_weeks_counts_from_the_data_date(http):
    page = funding_explorer(*http)
    assert "27.11.2026" in page.locator(".kdk-hinweis").first.text_content()
    page.select_option("#filter-frist", "8")
    page.wait_for_function("document.getElementById('explorer-status').textContent.startsWith('0 ')")
    page.select_option("#filter-frist", "26")  # 31.03.2027 is 18 weeks after 27.11.2026
    page.wait_for_function("document.getElementById('explorer-status').textContent.startsWith('1 ')")
    assert titles(page) == ["Modellprojekte Smart City (Testprogramm Bund)"]
    assert page.locator("#filter-frist option:checked").text_content() == "6 Monaten (1)"


def test_explorer_works_from_file_url(browser):
    context = browser.new_context(bypass_csp=True)  # string predicates below; the policy: test_browser_csp.py
    watch = guard_context(context, None)
    try:
        page = open_page(context, watch, (built_site() / "explorer.html").as_uri() + "#land=DE-SN")
        page.wait_for_selector("#explorer-status:not(:empty)")
        assert titles(page) == ["Digitales Parkleitsystem mit Sensoren"]
        page.fill("#filter-text", "App")  # Dresden and Köln mention an app; with Sachsen only Dresden
        page.wait_for_function("location.hash.includes('text=App')")
        page.uncheck("#filter-land-13")  # Sachsen
        page.wait_for_function("document.getElementById('explorer-status').textContent.startsWith('2 ')")
        assert titles(page) == ["Smart Parking in der Innenstadt", "Digitales Parkleitsystem mit Sensoren"]
        assert watch.page_errors == [] and watch.foreign_requests == []
    finally:
        context.close()


def test_funding_explorer_free_text_finds_programmes_only(http):
    page = funding_explorer(*http, "#text=Sachsen")
    assert titles(page) == ["Digitale Kommune Sachsen (Testprogramm Land)"]
    page.fill("#filter-text", "Smart")
    page.wait_for_function("location.hash === '#text=Smart'")
    # the count stays 1, so wait for the list itself to change
    page.wait_for_function("document.querySelector('#explorer-liste .kdk-kachel__titel').textContent.startsWith('Modellprojekte')")
    assert titles(page) == ["Modellprojekte Smart City (Testprogramm Bund)"]
