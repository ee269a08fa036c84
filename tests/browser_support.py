"""Browser tests: the fixture site built once per test run, a local static server, and
headless Debian Chromium via Playwright with every request to another host blocked.

Pages are opened through `open_page(context, path)`, which records console errors,
page errors and requests to foreign hosts so tests can assert on them.
"""
from __future__ import annotations

import atexit
import datetime as dt
import functools
import http.server
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import built_sites

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURE = REPO_ROOT / "tests" / "fixtures" / "catalogue"
AXE = REPO_ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
BUILD_DATE = dt.date(2026, 11, 27)


def built_site() -> Path:
    """The fixture catalogue's site, built once per test run (tests/built_sites.py)."""
    return built_sites.fixture().site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@functools.lru_cache(maxsize=None)
def server_base() -> str:
    """http://127.0.0.1:PORT/ serving the built site (a daemon thread, ends with the test run)."""
    handler = functools.partial(_Quiet, directory=str(built_site()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    atexit.register(server.shutdown)
    return f"http://127.0.0.1:{server.server_port}/"


@dataclass
class Watch:
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    foreign_requests: list = field(default_factory=list)
    requests: list = field(default_factory=list)


def guard_context(context, allowed_host: str | None) -> Watch:
    """Abort every request that is not to the local server (or file://) and remember it."""
    watch = Watch()

    def route(route_):
        url = route_.request.url
        parts = urlsplit(url)
        watch.requests.append(url)
        if parts.scheme in ("file", "data", "blob", "about") or (allowed_host and parts.netloc == allowed_host):
            route_.continue_()
        else:
            watch.foreign_requests.append(url)
            route_.abort()

    context.route("**/*", route)
    return watch


def open_page(context, watch: Watch, url: str, *, width: int = 1280, height: int = 900):
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": height})
    page.on("console", lambda m: watch.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.page_errors.append(str(e)))
    page.goto(url)
    return page



def wait_until(page, expression: str, arg=None, timeout: float = 15.0):
    """Poll a JavaScript expression with page.evaluate: wait_for_function evaluates strings with eval(), which the
    site's Content-Security-Policy forbids."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"nicht erfüllt: {expression}")
        page.wait_for_timeout(50)


def axe_violations(page, impacts=("serious", "critical")) -> list:
    """axe-core, WCAG 2.0/2.1 A and AA rules; violations of the given impacts as readable strings.

    axe is loaded as a same-origin script file (the page's own server answers a reserved path with the
    vendored file), so the site's Content-Security-Policy (script-src 'self', no inline script) stays as it is:
    add_script_tag(path=…) would inject an inline script, which that policy rightly blocks."""
    origin = urlsplit(page.url)
    if origin.scheme not in ("http", "https"):
        raise AssertionError(f"axe braucht eine über HTTP geladene Seite, nicht {page.url}")
    axe_url = f"{origin.scheme}://{origin.netloc}/__axe-core__/axe.min.js"
    page.route(axe_url, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    page.add_script_tag(url=axe_url)
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    out = []
    for violation in result["violations"]:
        if violation["impact"] in impacts:
            targets = [" ".join(map(str, n["target"])) for n in violation["nodes"][:5]]
            out.append(f"{violation['id']} ({violation['impact']}): {violation['help']} – {targets}")
    return out


# Shared fixtures: test modules import them (`from browser_support import browser, http_context`).
import pytest  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module, on the fixture site built once per run."""
    from playwright.sync_api import sync_playwright

    built_site()
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(name="http")
def http_context(browser):  # named apart: `http` is also the stdlib module this file serves with
    """A fresh browser context on the local server; fails the test on console errors or foreign requests.

    It bypasses the pages' Content-Security-Policy: Playwright's string predicates (wait_for_function)
    and the injected axe-core are test tooling the policy rightly forbids. The policy itself is tested
    in test_browser_csp.py, with contexts that enforce it, on every page family, served and from file://."""
    context = browser.new_context(bypass_csp=True)
    watch = guard_context(context, urlsplit(server_base()).netloc)
    yield context, watch
    assert watch.console_errors == [] and watch.page_errors == [] and watch.foreign_requests == []
    context.close()
