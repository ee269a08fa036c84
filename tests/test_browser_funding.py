"""Funding on the site built on 02.12.2026, in headless Chromium: a yearly deadline on 15 December comes round
again and shows under „Frist endet innerhalb von 2 Wochen“; the start page's figures open the Förder-Explorer
filtered to exactly the programmes they count."""
from __future__ import annotations

import datetime as dt
import functools
import http.server
import shutil
import threading

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS, FIXTURE, guard_context, open_page
from site_support import build_site

pytestmark = pytest.mark.browser

DEC_2 = dt.date(2026, 12, 2)
SAAR = """id: breitband-saar
title: Breitband im ländlichen Raum (Testprogramm Saarland)
summary: Das Saarland fördert den Breitbandausbau in ländlichen Gemeinden mit Zuschüssen; Antragstermin jedes Jahr.
funder: Ministerium (Test)
level: land
lands: [DE-SL]
eligible: [gemeinde, stadt]
topics: [infrastruktur]
funding_type: zuschuss
application:
  status: offen
  deadlines:
    - closes: "2019-12-15"
      repeat: jaehrlich
url: https://www.example.org/breitband-saar
sources:
  - url: https://www.example.org/breitband-saar
    as_of: "2026-02-01"
    confirms_status: true
last_reviewed: "2026-11-01"
"""
OLD = SAAR.replace("breitband-saar", "alt-saar").replace("Breitband im ländlichen Raum", "Altes Programm") \
    .replace('as_of: "2026-02-01"', 'as_of: "2023-05-01"').replace("  status: offen\n  deadlines:\n    - closes: \"2019-12-15\"\n      repeat: jaehrlich\n", "  status: laufend\n")

CLOSED = SAAR.replace("breitband-saar", "abgeschlossen-saar").replace("Breitband im ländlichen Raum", "Abgeschlossenes Programm") \
    .replace("  status: offen\n  deadlines:\n    - closes: \"2019-12-15\"\n      repeat: jaehrlich\n", "  status: geschlossen\n")


def announced(letter: str, closes: str) -> str:
    return SAAR.replace("breitband-saar", f"angekuendigt-{letter.lower()}-saar") \
        .replace("Breitband im ländlichen Raum", f"Angekündigtes Programm {letter}").replace("status: offen", "status: angekuendigt") \
        .replace('- closes: "2019-12-15"\n      repeat: jaehrlich', f'- opens: "2027-02-01"\n      closes: "{closes}"')


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("funding-site")
    catalogue = root / "catalogue"
    shutil.copytree(FIXTURE, catalogue)
    (catalogue / "funding" / "breitband-saar.yaml").write_text(SAAR, encoding="utf-8")
    (catalogue / "funding" / "alt-saar.yaml").write_text(OLD, encoding="utf-8")
    (catalogue / "funding" / "abgeschlossen-saar.yaml").write_text(CLOSED, encoding="utf-8")
    (catalogue / "funding" / "angekuendigt-a-saar.yaml").write_text(announced("A", "2027-08-31"), encoding="utf-8")
    (catalogue / "funding" / "angekuendigt-b-saar.yaml").write_text(announced("B", "2027-04-30"), encoding="utf-8")
    site = build_site(catalogue, root / "project", DEC_2).site
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def context(chromium, served):
    context = chromium.new_context()
    watch = guard_context(context, served)
    yield context, watch, f"http://{served}/"
    assert watch.console_errors == [] and watch.page_errors == [] and watch.foreign_requests == []
    context.close()


def cards(page):
    page.wait_for_selector("#explorer-status:not(:empty)")
    return page.locator("#explorer-liste .kdk-kachel__titel").all_text_contents()


def test_yearly_deadline_13_days_ahead_shows_under_two_weeks(context):
    ctx, watch, base = context
    page = open_page(ctx, watch, base + "foerder-explorer.html")
    page.wait_for_selector("#explorer-status:not(:empty)")
    page.select_option("#filter-frist", "2")
    page.wait_for_function("document.getElementById('explorer-status').textContent.startsWith('1 ')")
    assert cards(page) == ["Breitband im ländlichen Raum (Testprogramm Saarland)"]
    card = page.locator("#explorer-liste .kdk-kachel").first.text_content()
    assert "Offen bis 15.12.2026" in card and "nächste Frist 15.12.2026" in card
    assert "frist=2" in page.url


@pytest.mark.parametrize("label, expected", [
    ("mit offener Frist", ["Breitband im ländlichen Raum (Testprogramm Saarland)", "Modellprojekte Smart City (Testprogramm Bund)"]),
    ("laufend, belegt", ["Digitale Kommune Sachsen (Testprogramm Land)"]),
    ("Stand unklar", ["Altes Programm (Testprogramm Saarland)"]),
])
def test_start_page_figure_opens_the_explorer_with_exactly_what_it_counts(context, label, expected):
    ctx, watch, base = context
    page = open_page(ctx, watch, base + "index.html")
    tile = page.locator("a.kdk-figure", has=page.locator(".kdk-figure__label", has_text=label))
    assert tile.locator(".kdk-figure__value").text_content() == str(len(expected))
    tile.click()
    page.wait_for_url("**/foerder-explorer.html#status=*")
    page.wait_for_function(f"document.getElementById('explorer-status').textContent.startsWith('{len(expected)} ')")
    assert sorted(cards(page)) == expected


def test_unclear_card_in_the_explorer_links_the_official_page(context):
    ctx, watch, base = context
    page = open_page(ctx, watch, base + "foerder-explorer.html#status=unklar")
    cards(page)
    card = page.locator("#explorer-liste .kdk-kachel").first
    assert "Stand unklar – zuletzt belegt am 01.05.2023; bitte beim Fördergeber prüfen" in card.text_content()
    assert card.locator("a", has_text="Programmseite").get_attribute("href") == "https://www.example.org/alt-saar"


def test_ideen_check_shows_the_unclear_status_with_the_official_page(context):
    ctx, watch, base = context
    page = open_page(ctx, watch, base + "ideen-check.html")
    page.wait_for_selector(".kdk-idea[data-ready]")
    page.fill("#idee-kommune", "Beckingen")
    page.click(".kdk-idea-option[data-ags='10042111']")
    page.locator("#idee-text").press_sequentially("Glasfaser für alle Ortsteile der Gemeinde", delay=2)
    page.wait_for_selector(".kdk-idea[data-state=fertig]")
    programmes = page.locator("#idee-foerderung ~ .kdk-list li")
    titles = programmes.locator(".kdk-list__title").all_text_contents()
    assert titles[0] == "Breitband im ländlichen Raum (Testprogramm Saarland)"  # open and confirmed comes first
    unclear = programmes.filter(has_text="Altes Programm (Testprogramm Saarland)")
    assert "Stand unklar – zuletzt belegt am 01.05.2023; bitte beim Fördergeber prüfen" in unclear.inner_text()
    assert unclear.locator("a.kdk-check").get_attribute("href") == "https://www.example.org/alt-saar"


def test_default_list_answers_what_can_be_applied_for_now(context):
    """Open first, then announced, running (with evidence), unclear, closed; within a group by next deadline, then title."""
    ctx, watch, base = context
    page = open_page(ctx, watch, base + "foerder-explorer.html")
    assert cards(page) == ["Breitband im ländlichen Raum (Testprogramm Saarland)",  # offen, Frist 15.12.2026
                           "Modellprojekte Smart City (Testprogramm Bund)",  # offen, Frist 31.03.2027
                           "Angekündigtes Programm B (Testprogramm Saarland)",  # Frist 30.04.2027 vor A
                           "Angekündigtes Programm A (Testprogramm Saarland)",  # Frist 31.08.2027
                           "Digitale Kommune Sachsen (Testprogramm Land)",  # laufend, belegt
                           "Altes Programm (Testprogramm Saarland)",  # Stand unklar
                           "Abgeschlossenes Programm (Testprogramm Saarland)"]  # geschlossen
