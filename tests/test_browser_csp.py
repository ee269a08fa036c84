"""Content-Security-Policy, referrer policy and external links (issue 15, item 14), and the 404 page
under a sub-path (item 15): in the built HTML and in Chromium, served and from file://."""
from __future__ import annotations

import functools
import http.server
import re
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from browser_support import browser, built_site, guard_context, open_page, server_base  # noqa: F401 (browser: fixture)
from site_support import build_site, html_pages, parse

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = ["index.html", "projekte/koeln-smart-parking.html", "foerderprogramme/smart-city-bund.html",
         "kommunen/koeln-05315000.html", "themen/index.html", "laender/index.html", "uebersichten/foerderkalender.html",
         "uebersichten/ueber-den-katalog.html", "suche.html", "ideen-check.html", "explorer.html", "foerder-explorer.html",
         "karte.html", "daten.html", "404.html"]
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
  e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def policy(page) -> dict:
    metas = [e for e in page.find("meta") if e.attrs.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(metas) == 1, page.path
    return {part.split()[0]: part.split()[1:] for part in metas[0].attrs["content"].split(";") if part.strip()}


# --- in the built HTML ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pages():
    return {p: parse(p) for p in html_pages(built_site())}


def test_every_page_has_a_policy_that_allows_only_own_scripts(pages):
    for page in pages.values():
        rules = policy(page)
        assert rules["script-src"] == ["'self'"], page.path
        assert rules["default-src"] == ["'self'"] and rules["object-src"] == ["'none'"] and rules["base-uri"] == ["'self'"]
        assert not any(source.startswith(("http", "*")) or source == "'unsafe-eval'"
                       for sources in rules.values() for source in sources), page.path


def test_the_policy_comes_before_any_script_and_the_referrer_policy_is_set(pages):
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert html.index('http-equiv="Content-Security-Policy"') < html.index("<script"), path
        assert '<meta name="referrer" content="no-referrer">' in html, path


def test_no_page_has_an_inline_script(pages):
    for page in pages.values():
        inline = [s.text[:60] for s in page.find("script")
                  if "src" not in s.attrs and s.attrs.get("type") != "application/json"]
        assert inline == [], (page.path, inline)


def test_external_links_carry_noopener_and_noreferrer(pages):
    for page in pages.values():
        for link in page.find("a"):
            if re.match(r"https?://", link.attrs.get("href", "")):
                rel = link.attrs.get("rel", "").split()
                assert "noopener" in rel and "noreferrer" in rel, (page.path, link.attrs)


# --- in Chromium --------------------------------------------------------------------------------------

@contextmanager
def watched(browser, served: bool):
    """A browser context recording policy violations, closed afterwards whatever happens."""
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    try:
        yield context, guard_context(context, re.sub(r"^http://|/$", "", server_base()) if served else None)
    finally:
        context.close()


def address(served: bool, path: str) -> str:
    return server_base() + path if served else (built_site() / path).as_uri()


def csp_problems(page, watch) -> list:
    recorded = page.evaluate("() => window.__csp || []")
    console = [m for m in watch.console_errors if "Content Security Policy" in m]
    return recorded + console


@pytest.mark.parametrize("served", [True, False], ids=["http", "file"])
def test_no_policy_violation_on_any_page_family(browser, served):
    with watched(browser, served) as (context, watch):
        problems = {}
        for path in PAGES:
            page = open_page(context, watch, address(served, path))
            page.wait_for_load_state("load")
            found = csp_problems(page, watch)
            if found:
                problems[path] = found
            page.close()
        assert problems == {}
        assert watch.page_errors == [] and watch.foreign_requests == []


@pytest.mark.parametrize("served", [True, False], ids=["http", "file"])
def test_header_search_works_under_the_policy(browser, served):
    """The catalogue's header search (assets/katalog/kopfsuche.js loads retrieval.js and the index files)."""
    with watched(browser, served) as (context, watch):
        page = open_page(context, watch, address(served, "projekte/koeln-smart-parking.html"))
        page.click("#kopfsuche-text", timeout=5000)
        page.keyboard.type("Parkplätze", delay=20)
        page.wait_for_selector(".kdk-kopfsuche__eintrag", timeout=15000)
        assert any("Smart Parking" in t for t in page.locator(".kdk-kopfsuche__eintrag").all_inner_texts())
        assert csp_problems(page, watch) == [] and watch.page_errors == []


@pytest.mark.parametrize("served", [True, False], ids=["http", "file"])
def test_the_policy_is_enforced(browser, served):
    """An injected inline script does not run, and the attempt is reported as a violation."""
    with watched(browser, served) as (context, watch):
        page = open_page(context, watch, address(served, "index.html"))
        ran = page.evaluate("""() => { const s = document.createElement("script");
            s.textContent = "window.__injected = true"; document.body.appendChild(s); return window.__injected === true; }""")
        assert ran is False
        assert any("script-src" in v for v in page.evaluate("() => window.__csp"))
        watch.console_errors.clear()


# --- the 404 page under a sub-path -------------------------------------------------------------------

class _PagesLike(http.server.SimpleHTTPRequestHandler):
    """Like GitHub Pages for a project site: the site lives under /katalog/, unknown paths get 404.html."""

    def log_message(self, *args):
        pass

    def send_head(self):
        if not self.path.startswith("/katalog/"):
            self.send_error(404)
            return None
        self.path = self.path[len("/katalog"):]
        target = Path(self.translate_path(self.path))
        if not target.exists():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return __import__("io").BytesIO(body)
        return super().send_head()


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    import os
    from browser_support import BUILD_DATE, FIXTURE

    before = os.environ.get("KATALOG_SITE_URL")
    os.environ["KATALOG_SITE_URL"] = "https://example.org/katalog/"
    try:
        site = build_site(FIXTURE, tmp_path_factory.mktemp("subpath"), BUILD_DATE).site
    finally:
        if before is None:
            os.environ.pop("KATALOG_SITE_URL")
        else:
            os.environ["KATALOG_SITE_URL"] = before
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_PagesLike, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_the_404_page_works_when_the_site_lives_under_a_sub_path(browser, subpath_site):
    context = browser.new_context()
    watch = guard_context(context, subpath_site)
    failed = []
    try:
        page = context.new_page()
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and not r.url.endswith("/gibt-es-nicht.html") else None)
        response = page.goto(f"http://{subpath_site}/katalog/projekte/gibt-es-nicht.html")
        assert response.status == 404
        page.wait_for_load_state("load")
        assert failed == [] and watch.foreign_requests == []
        assert page.eval_on_selector(".md-header", "e => getComputedStyle(e).position") == "sticky"  # Material's CSS
        assert page.inner_text("article h1") == "Seite nicht gefunden"
        page.click("article >> text=Zur Startseite", timeout=5000)
        assert page.url == f"http://{subpath_site}/katalog/index.html"
        assert failed == []
    finally:
        context.close()
