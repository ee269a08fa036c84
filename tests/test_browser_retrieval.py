"""The real catalogue's site in headless Chromium: the queries of issue 11 find their projects on the search
page, in the header search of every page and in the Ideen-Check, served and from file://; header and search
page rank alike. Screenshots go to /work/wt/shots when that folder exists (for reviewers)."""
from __future__ import annotations

import functools
import http.server
import re
import shutil
import tempfile
import threading
import atexit
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

import datetime as dt

from browser_support import browser, guard_context, open_page, wait_until  # noqa: F401 (browser: fixture)
from generator import paths
from site_support import build_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path("/work/wt/shots")
DORTMUND = "Smart Parking „Park and Joy“ in Dortmund"
VVO = "Sensoren für Park-and-Ride-Plätze im Verbundgebiet Oberelbe"


@functools.lru_cache(maxsize=None)
def real_site() -> Path:
    target = Path(tempfile.mkdtemp(prefix="katalog-real-"))
    atexit.register(shutil.rmtree, target, True)
    return build_site(paths.CATALOGUE_DIR, target / "project", dt.date.today()).site


@functools.lru_cache(maxsize=None)
def real_server() -> str:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(real_site()))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    atexit.register(server.shutdown)
    return f"http://127.0.0.1:{server.server_port}/"


def shot(page, name: str):
    if SHOTS.is_dir():
        page.screenshot(path=str(SHOTS / f"retrieval-{name}.png"))


@pytest.fixture
def served(browser):
    context = browser.new_context()
    watch = guard_context(context, urlsplit(real_server()).netloc)
    yield context, watch
    assert watch.page_errors == [] and watch.foreign_requests == []
    context.close()


@pytest.fixture
def offline(browser):
    context = browser.new_context()
    watch = guard_context(context, None)
    yield context, watch
    assert watch.page_errors == [] and watch.foreign_requests == []
    context.close()


def page_titles(page) -> list[str]:
    page.wait_for_selector("#suche-treffer li")
    return page.locator("#suche-treffer .kdk-treffer__titel").all_text_contents()


def header_titles(page, query: str) -> list[str]:
    page.fill("#kopfsuche-text", query)
    wait_until(page, "q => document.querySelector('.kdk-kopfsuche__alle').href.endsWith(encodeURIComponent(q))"
                     " && document.querySelectorAll('.kdk-kopfsuche__eintrag').length > 0", query)
    return page.locator(".kdk-kopfsuche__eintrag a").all_text_contents()


def test_parksensoren_finds_dortmund_and_the_vvo_sensors_on_the_search_page(served):
    context, watch = served
    page = open_page(context, watch, real_server() + "suche.html#q=Parksensoren")
    titles = page_titles(page)
    assert {DORTMUND, VVO} <= set(titles[:5]), titles[:5]
    shot(page, "suchseite-parksensoren")


@pytest.mark.parametrize("query", ["Parksensoren", "Stellplätze", "Glasfaserausbau", "Kitaplatzvergabe", "Hochwasserfrühwarnsystem"])
def test_header_search_and_search_page_give_the_same_ranking(served, query):
    context, watch = served
    page = open_page(context, watch, real_server() + "projekte/smart-parking-dortmund.html")
    header = header_titles(page, query)
    if query == "Parksensoren":
        assert {DORTMUND, VVO} <= set(header[:3])
        page.wait_for_timeout(200)
        shot(page, "kopfsuche-parksensoren")
    search = open_page(context, watch, real_server() + "suche.html#q=" + quote(query))
    assert page_titles(search)[:len(header)] == header
    assert not any("search_index" in url for url in watch.requests)


def test_synonym_is_named_on_the_search_page(served):
    context, watch = served
    page = open_page(context, watch, real_server() + "suche.html#q=Stellpl%C3%A4tze")
    assert {DORTMUND, VVO} <= set(page_titles(page)[:3])
    assert "„Parkplatz“ (gleichbedeutend mit „Stellplätze“)" in page.locator("#suche-auch").text_content()
    shot(page, "suchseite-stellplaetze")


def test_search_page_and_header_work_from_file_urls(offline):
    context, watch = offline
    site = real_site()
    page = open_page(context, watch, (site / "suche.html").as_uri() + "#q=Parksensoren")
    assert {DORTMUND, VVO} <= set(page_titles(page)[:3])
    record = open_page(context, watch, (site / "kommunen" / "dortmund-05913000.html").as_uri()
                       if (site / "kommunen" / "dortmund-05913000.html").exists() else (site / "index.html").as_uri())
    assert {DORTMUND, VVO} <= set(header_titles(record, "Parksensoren")[:3])
    assert all(u.startswith(("file://", "data:", "blob:", "about:")) for u in watch.requests)


def test_ideen_check_finds_both_parking_projects_for_giessen(served):
    context, watch = served
    page = open_page(context, watch, real_server() + "ideen-check.html")
    page.wait_for_selector(".kdk-idea[data-ready]")
    page.fill("#idee-kommune", "Gießen")
    # the Stadt before the Kreis of the same name, each saying what it is
    page.wait_for_selector(".kdk-idea-option[data-ags='06531005']")
    assert page.locator(".kdk-idea-option").all_text_contents()[:2] == ["Gießen (Stadt) – Kreis Gießen, Hessen",
                                                                         "Gießen (Landkreis) – Hessen"]
    page.click(".kdk-idea-option[data-ags='06531005']")
    assert page.locator("#idee-kommune-gewaehlt").text_content().startswith(
        "Gewählt: Gießen (Kreis Gießen, Hessen, 20.000 bis 100.000 Einwohner)")
    page.fill("#idee-text", "Parksensoren in der Innenstadt")
    page.wait_for_selector(".kdk-idea[data-state='fertig']")
    titles = page.locator(".kdk-idea-hit h3 a").all_text_contents()
    assert {DORTMUND, VVO} <= set(titles[:5]), titles
    assert re.search(r"Parksensoren", page.locator(".kdk-idea-reasons").first.text_content())
    if SHOTS.is_dir():
        page.locator(".kdk-idea-results").screenshot(path=str(SHOTS / "retrieval-ideen-check-parksensoren.png"))
