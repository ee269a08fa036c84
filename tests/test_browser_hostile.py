"""Hostile records (tests/fixtures/hostile/) in the search, explorers and map: their text is shown
as text; no element, script or request comes out of it."""
from __future__ import annotations

import atexit
import functools
import http.server as http_server
import threading
from urllib.parse import urlsplit

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS, guard_context, open_page
import built_sites

pytestmark = pytest.mark.browser
SCRIPT_TITLE = '<script>alert("titel")</script> Parken {{ 7*7 }}'
IFRAME_TITLE = '<iframe src="https://evil.example"></iframe>Programm {{ 7*7 }}'


class _Quiet(http_server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@functools.lru_cache(maxsize=None)
def hostile_base() -> str:
    site = built_sites.hostile().site
    server = http_server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    atexit.register(server.shutdown)
    return f"http://127.0.0.1:{server.server_port}/"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    hostile_base()
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def http(browser):
    context = browser.new_context()
    watch = guard_context(context, urlsplit(hostile_base()).netloc)
    dialogs = []
    context.on("page", lambda page: page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss())))
    yield context, watch
    assert dialogs == []
    assert watch.page_errors == [] and watch.foreign_requests == []
    context.close()


INJECTED = "() => document.querySelectorAll('#suche-app script, #suche-app iframe, #explorer-app script, #explorer-app iframe,' + " \
           "'#foerder-explorer-app iframe, #foerder-explorer-app script, #karte-app script, #karte-app iframe').length"


def test_search_shows_hostile_titles_as_text(http):
    page = open_page(*http, hostile_base() + "suche.html#q=Parken")
    page.wait_for_selector("#suche-treffer li")
    assert SCRIPT_TITLE in page.locator("#suche-treffer .kdk-treffer__titel").all_text_contents()
    assert page.evaluate(INJECTED) == 0


def test_explorers_show_hostile_titles_as_text(http):
    page = open_page(*http, hostile_base() + "explorer.html")
    page.wait_for_selector("#explorer-liste li")
    assert SCRIPT_TITLE in page.locator("#explorer-liste .kdk-kachel__titel").all_text_contents()
    assert page.evaluate(INJECTED) == 0
    page = open_page(*http, hostile_base() + "foerder-explorer.html")
    page.wait_for_selector("#explorer-liste li")
    assert IFRAME_TITLE in page.locator("#explorer-liste .kdk-kachel__titel").all_text_contents()
    assert page.evaluate(INJECTED) == 0


def test_map_labels_hostile_titles_as_text(http):
    page = open_page(*http, hostile_base() + "karte.html")
    page.wait_for_selector(".kdk-karte__punkte a")
    labels = page.evaluate("[...document.querySelectorAll('.kdk-karte__punkte a')].map(a => a.getAttribute('aria-label'))")
    assert SCRIPT_TITLE + " (München)" in labels
    titles = page.evaluate("[...document.querySelectorAll('.kdk-karte__punkte a title')].map(t => t.textContent)")
    assert SCRIPT_TITLE + " (München)" in titles
    assert page.evaluate(INJECTED) == 0
