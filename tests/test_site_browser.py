"""The built fixture site in headless Chromium, opened from file:// as in an offline clone:
pages render with their styles, search answers, and no request leaves the file system."""
from __future__ import annotations

from pathlib import Path

import pytest


pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site(fixture_site):
    return fixture_site


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.fail("Chromium fehlt: `make browser` installiert das Debian-Paket chromium.")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def search(page, term: str) -> list[str]:
    """Type like a user into the header search of the page (assets/katalog/kopfsuche.js)."""
    page.click("#kopfsuche-text", timeout=5000)
    page.keyboard.type(term, delay=20)
    page.wait_for_selector(".kdk-kopfsuche__eintrag", timeout=15000)
    return page.locator(".kdk-kopfsuche__eintrag").all_inner_texts()


@pytest.mark.parametrize("start", ["index.html", "projekte/garmisch-buergerportal.html"])
def test_search_works_offline_from_file_urls(site, page, start):
    page.goto((site.site / start).as_uri())
    results = search(page, "Parkplätze")
    assert any("Smart Parking in der Innenstadt" in r for r in results), results
    assert "Treffer" in page.inner_text(".kdk-kopfsuche__status")


def test_the_header_search_shows_only_where_it_can_work(site, browser):
    """Without JavaScript nothing could answer it (and the policy sends no form), so it is not offered."""
    path = (site.site / "projekte" / "garmisch-buergerportal.html").as_uri()
    for javascript, visible in ((False, False), (True, True)):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        page.goto(path)
        page.wait_for_load_state("load")
        assert page.locator("#kopfsuche-text").is_visible() == visible
        context.close()


def test_no_request_leaves_the_file_system(site, page):
    for path in ("index.html", "projekte/koeln-smart-parking.html", "uebersichten/foerderkalender.html"):
        page.goto((site.site / path).as_uri())
        page.wait_for_load_state("load")
    search(page, "Sensoren")
    assert [u for u in page.requests if not u.startswith(("file://", "data:", "blob:"))] == []


def test_record_page_renders_with_its_styles(site, page):
    page.goto((site.site / "projekte" / "koeln-smart-parking.html").as_uri())
    assert page.locator("h1").inner_text() == "Smart Parking in der Innenstadt"
    assert page.eval_on_selector(".kdk-facts dl", "e => getComputedStyle(e).display") == "grid"
    page.click("text=Köln")
    assert page.url.endswith("kommunen/koeln-05315000.html")
    assert "1.087.353" in page.inner_text(".kdk-facts")


def test_hostile_records_run_no_script_in_a_real_browser(hostile_site, page):
    """Every alert() in tests/fixtures/hostile/ would open a dialog; none may."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for name in ("projekte/feindlich-skript.html", "projekte/feindlich-titel.html", "foerderprogramme/feindlich-programm.html",
                 "themen/mobilitaet.html", "index.html", "uebersichten/partner-finden.html", "uebersichten/foerderkalender.html"):
        page.goto((hostile_site.site / name).as_uri())
        page.wait_for_load_state("load")
        for selector in (".kdk-text a", ".kdk-facts a", "details summary"):
            for element in page.locator(selector).all()[:20]:
                element.hover()
        page.wait_for_timeout(200)
    assert dialogs == []
    page.goto((hostile_site.site / "projekte" / "feindlich-skript.html").as_uri())
    assert page.locator("h1").first.inner_text() == '<script>alert("titel")</script> Parken {{ 7*7 }}'
