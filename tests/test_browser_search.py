"""Site search in headless Chromium: German stemming, prefix search, same ranking as the CLI,
served over http and opened from file://."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from browser_support import FIXTURE, browser, built_site, guard_context, open_page, server_base, wait_until  # noqa: F401 (browser: fixture)
from export_support import fixture_catalogue_loaded
from generator.enrich import retrieval
from generator.retrieval import index as core_index

pytestmark = pytest.mark.browser

@pytest.fixture
def http(browser):
    context = browser.new_context()
    watch = guard_context(context, urlsplit(server_base()).netloc)
    yield context, watch
    context.close()


def result_titles(page):
    page.wait_for_selector("#suche-treffer li")
    return page.locator("#suche-treffer .kdk-treffer__titel").all_text_contents()


def test_inflected_word_finds_the_base_form(http):
    context, watch = http
    page = open_page(context, watch, server_base() + "suche.html#q=Parkpl%C3%A4tzen")
    assert result_titles(page)[:2] == ["Digitales Parkleitsystem mit Sensoren", "Smart Parking in der Innenstadt"]
    assert page.locator("#suche-status").text_content() == "3 Treffer für „Parkplätzen“"
    assert page.locator("#suche-auch").text_content() == "Auch gesucht: „Parkraum“ (gleichbedeutend mit „Parkplätzen“)"
    href = page.locator("#suche-treffer a").first.get_attribute("href")
    assert href.endswith("/projekte/dresden-parkleitsystem.html")
    assert watch.console_errors == [] and watch.page_errors == [] and watch.foreign_requests == []


def test_typing_searches_by_word_beginning_and_updates_the_address(http):
    context, watch = http
    page = open_page(context, watch, server_base() + "suche.html")
    page.fill("#suche-text", "Glasf")
    wait_until(page, "() => document.querySelectorAll('#suche-treffer li').length === 1")
    assert result_titles(page) == ["Glasfaser für alle Ortsteile"]
    wait_until(page, "() => location.hash === '#q=Glasf'")
    page.reload()
    assert result_titles(page) == ["Glasfaser für alle Ortsteile"]
    assert page.input_value("#suche-text") == "Glasf"


def test_kind_filter_keeps_only_programmes(http):
    context, watch = http
    page = open_page(context, watch, server_base() + "suche.html#q=Sachsen&art=foerderprogramme")
    assert result_titles(page) == ["Digitale Kommune Sachsen (Testprogramm Land)"]


def test_no_hits_is_announced(http):
    context, watch = http
    page = open_page(context, watch, server_base() + "suche.html#q=Raumfahrt")
    wait_until(page, "() => document.getElementById('suche-status').textContent.startsWith('Keine Treffer')")
    assert page.locator("#suche-treffer li").count() == 0
    assert page.locator("#suche-status").get_attribute("aria-live") == "polite"


def test_no_hits_offers_a_suggestion_that_finds_something(http):
    context, watch = http
    page = open_page(context, watch, server_base() + "suche.html#q=Apq")
    page.wait_for_selector("#suche-vorschlag")
    assert page.locator("#suche-status").text_content() == "Keine Treffer für „Apq“. Meinten Sie „app“?"
    page.click("#suche-vorschlag")
    wait_until(page, "() => document.getElementById('suche-status').textContent.startsWith('2 Treffer')")


@pytest.mark.parametrize("query", ["park", "Sensoren", "Sachsen", "digital", "Glasfaser Ortsteile", "förderung", "Smart", "Bund"])
def test_site_ranking_equals_the_cli_ranking(http, query):
    context, watch = http
    page = open_page(context, watch, server_base() + "suche.html")
    wait_until(page, "() => !!(window.KATALOG && window.KATALOG.search)")
    site = page.evaluate("q => window.KATALOG.search(q).then(r => r.hits.map(h => [h.doc, h.score]))", query)
    index = retrieval.build(fixture_catalogue_loaded(FIXTURE)).search
    assert [tuple(x) for x in site] == [(doc, rank) for doc, rank, _score in core_index.search(index, query).ranked]
    assert site  # every query above has hits


def test_search_works_from_file_url(browser):
    context = browser.new_context()
    watch = guard_context(context, None)
    try:
        url = (built_site() / "suche.html").as_uri() + "#q=Parkpl%C3%A4tzen"
        page = open_page(context, watch, url)
        assert result_titles(page)[:2] == ["Digitales Parkleitsystem mit Sensoren", "Smart Parking in der Innenstadt"]
        assert page.locator("#suche-treffer a").first.get_attribute("href").startswith("file://")
        assert watch.page_errors == [] and watch.foreign_requests == []
    finally:
        context.close()


def test_header_search_shows_the_same_ranking_and_enter_opens_the_search_page(http):
    context, watch = http
    page = open_page(context, watch, server_base() + "projekte/koeln-smart-parking.html")
    page.fill("#kopfsuche-text", "Parkplätzen")
    page.wait_for_selector(".kdk-kopfsuche__eintrag")
    header = page.locator(".kdk-kopfsuche__eintrag a").all_text_contents()
    page.press("#kopfsuche-text", "Enter")
    page.wait_for_url(re.compile(r".*/suche\.html#q=Parkpl"))
    assert result_titles(page)[:len(header)] == header
    assert not any("search_index" in url or "lunr" in url for url in watch.requests)


def test_hits_mark_the_matched_words(http):
    context, watch = http
    page = open_page(context, watch, server_base() + "suche.html#q=Parkpl%C3%A4tzen%20Sensor")
    page.wait_for_selector("#suche-treffer li mark")
    marks = page.locator("#suche-treffer li").first.locator("mark").all_text_contents()
    assert marks == ["Sensoren", "Sensoren", "Parkplätzen", "Plätze"]  # title, then summary ("Plätze": a part of "Parkplätzen")
    assert page.locator("#suche-treffer li").first.locator(".kdk-treffer__text").text_content() == \
        "Sensoren an Parkplätzen melden die Belegung an ein Parkleitsystem; Besucher sehen freie Plätze in einer App."
