"""Declarations in the browser: the Ideen-Check's sections „Diese Kommunen planen Ähnliches“ and
„Ansprechbar zu diesem Thema“ (computed in JavaScript like generator/ideas.py) and the filter of
„Partner finden“, on the fixture catalogue plus two declarations, opened from file://."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from browser_support import BUILD_DATE, CHROMIUM, CHROMIUM_ARGS, FIXTURE
from site_support import build_site

pytestmark = pytest.mark.browser

DECLARATIONS = [
    {"id": "dresden-plant-koeln-smart-parking", "project": "koeln-smart-parking", "relation": "plant",
     "declarer": {"ags": "14612000"}, "date": "2026-11-15", "note": "Sensoren an 400 Stellplätzen geplant.",
     "contact": {"organisation": "Landeshauptstadt Dresden, Mobilitätsamt", "email": "mobilitaet@dresden.example"},
     "consent": {"date": "2026-11-20", "via": "issue-formular", "reference": "Issue #3"}, "last_reviewed": "2026-11-20"},
    {"id": "erlangen-ansprechbar-garmisch-buergerportal", "project": "garmisch-buergerportal", "relation": "ansprechbar",
     "declarer": {"ags": "09562000"}, "date": "2026-10", "contact": {"organisation": "Stadt Erlangen"},
     "sources": [{"url": "https://www.example.org/erlangen"}], "last_reviewed": "2026-11-20"},
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("partner-site")
    catalogue = root / "catalogue"
    shutil.copytree(FIXTURE, catalogue)
    (catalogue / "declarations").mkdir()
    for record in DECLARATIONS:
        (catalogue / "declarations" / f"{record['id']}.yaml").write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build_site(catalogue, root / "project", BUILD_DATE).site


@pytest.fixture(scope="module")
def page(site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        errors: list = []
        opened = context.new_page()
        opened.on("pageerror", lambda e: errors.append(str(e)))
        yield opened
        assert errors == []
        browser.close()


def check_idea(page, site: Path, text: str):
    page.goto((site / "ideen-check.html").as_uri())
    page.wait_for_selector(".kdk-idea[data-ready]")
    page.fill("#idee-text", "")
    page.locator("#idee-text").press_sequentially(text, delay=1)
    page.wait_for_selector(".kdk-idea[data-state=fertig]")


def test_ideen_check_names_who_plans_the_same_with_contact(page, site):
    check_idea(page, site, "Wir wollen Sensoren an Parkplätzen in der Innenstadt, damit Besucher freie Plätze sehen")
    planning = page.locator("#idee-planen ~ .kdk-list li").all_inner_texts()
    assert len(planning) == 1
    assert "Dresden (Sachsen) – zu „Smart Parking in der Innenstadt“ · gemeldet 15.11.2026 von der Kommune selbst" in planning[0]
    assert "Sensoren an 400 Stellplätzen geplant." in planning[0] and "mobilitaet@dresden.example" in planning[0]
    assert page.locator("#idee-planen").inner_text() == "Diese Kommunen planen Ähnliches – Partner für eine gemeinsame Umsetzung?"
    assert "noch keine Kommune als ansprechbar gemeldet" in page.locator("section[aria-labelledby=idee-ansprechbar]").inner_text()


def test_ideen_check_names_who_answers_questions_on_the_topic(page, site):
    check_idea(page, site, "Online-Anträge im Bürgerportal für alle Verwaltungsleistungen")
    answering = page.locator("#idee-ansprechbar ~ .kdk-list li").all_inner_texts()
    assert len(answering) == 1
    assert "Erlangen (Bayern) – zu „Bürgerportal für Online-Anträge“ · laut Quelle (ohne Datum, gelesen 10/2026)" in answering[0]
    assert "Kontakt: über die Kommune – Stadt Erlangen" in answering[0]


def test_partner_page_filters_by_topic_and_land(page, site):
    page.goto((site / "uebersichten" / "partner-finden.html").as_uri() + "?land=DE-SN")
    page.wait_for_selector(".kdk-pf-filter:not([hidden])")
    visible = page.locator(".kdk-pf-row:visible").all_inner_texts()
    assert visible and all("(Sachsen)" in row for row in visible)
    assert any("Plant dasselbe" in row and "Dresden" in row for row in visible)
    page.select_option("#pf-thema", "verwaltung")
    assert page.locator(".kdk-pf-row:visible").count() == 0
    page.select_option("#pf-land", "DE-BY")
    rows = page.locator(".kdk-pf-row:visible").all_inner_texts()
    assert [r.split(" · ")[0] for r in rows] == ["Austausch gewünscht Garmisch-Partenkirchen (Bayern)", "Ansprechbar Erlangen (Bayern)"]
    assert page.locator("#pf-anzahl").inner_text() == "2 Einträge"
