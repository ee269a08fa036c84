"""Ideen-Check in headless Chromium: a typed idea gives the expected similar projects, eligible
programmes and partners, the same as generator/ideas.py computes; nothing typed leaves the page;
it works from file://; and a municipality's portfolio page prints without the site's chrome."""
from __future__ import annotations

import json
from urllib.parse import quote, urlsplit

import pytest

from browser_support import (BUILD_DATE, FIXTURE, built_site, guard_context, open_page,
                             server_base, browser, http_context)  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

IDEA = "Wir wollen Sensoren an Parkplätzen in der Innenstadt, damit Besucher freie Plätze in einer App sehen"
GARMISCH = "09180117"  # Markt Garmisch-Partenkirchen, Bayern
DRESDEN = "14612000"  # Dresden, kreisfreie Stadt in Sachsen
RADEBEUL = "14627210"  # Radebeul, kreisangehörige Stadt in Sachsen


@pytest.fixture(scope="module")
def catalogue():
    from generator.catalogue import load_catalogue
    from generator.enrich.deadlines import all_statuses

    loaded, _run = load_catalogue(FIXTURE, build_date=BUILD_DATE)
    return loaded, all_statuses(loaded.funding, BUILD_DATE)


def ideen_check(context, watch):
    page = open_page(context, watch, server_base() + "ideen-check.html")
    page.wait_for_selector(".kdk-idea[data-ready]")
    return page


def choose_municipality(page, name: str, key: str):
    page.fill("#idee-kommune", name)
    page.click(f".kdk-idea-option[data-ags='{key}']")


def type_idea(page, text: str = IDEA):
    page.locator("#idee-text").press_sequentially(text, delay=2)
    page.wait_for_selector(".kdk-idea[data-state=fertig]")


def hit_titles(page) -> list[str]:
    return page.locator(".kdk-idea-hit h3").all_text_contents()


def programme_titles(page) -> list[str]:
    return page.locator("#idee-foerderung ~ .kdk-list .kdk-list__title").all_text_contents()


def test_typed_idea_shows_the_near_twin_first_then_the_other_parking_project(http):
    page = ideen_check(*http)
    type_idea(page)
    # Dresden's summary says nearly what the idea says; Köln shares "Innenstadt" and the sensors
    assert hit_titles(page) == ["Digitales Parkleitsystem mit Sensoren", "Smart Parking in der Innenstadt"]
    first = page.locator(".kdk-idea-hit").first
    assert "Warum ähnlich: ähnliche Beschreibung (Sensoren, sehen, Parkplätzen)" in first.inner_text()
    assert first.locator("a").get_attribute("href") == "projekte/dresden-parkleitsystem.html"


def test_hits_show_reported_experience_cost_and_flags(http):
    page = ideen_check(*http)
    type_idea(page)
    koeln = page.locator(".kdk-idea-hit", has_text="Smart Parking in der Innenstadt")
    assert "Die Sensoren liefen stabil." in koeln.locator(".kdk-idea-experience").inner_text()
    assert "Würde es wieder so machen: Teilweise." in koeln.locator(".kdk-idea-experience").inner_text()
    assert "Gesamtkosten 480.000 € (Eigenanteil 168.000 €)" in koeln.locator(".kdk-idea-cost").inner_text()
    assert "gefördert aus Modellprojekte Smart City (Testprogramm Bund): 312.000 €" in koeln.locator(".kdk-idea-cost").inner_text()
    assert koeln.locator(".kdk-flag").all_text_contents() == ["Partner gesucht", "Austausch erwünscht", "Open Source"]


def test_partners_section_lists_who_seeks_partners_with_contact(http):
    page = ideen_check(*http)
    type_idea(page)
    partners = page.locator("#idee-partner ~ .kdk-list li").all_inner_texts()
    assert len(partners) == 1
    assert "Smart Parking in der Innenstadt (Köln): sucht Partner und wünscht Austausch" in partners[0]
    assert "Gesucht: Städte, die die Sensordaten-Plattform mitnutzen möchten" in partners[0]
    assert "digitalisierung@stadt-koeln.example" in partners[0]


def test_unrelated_project_is_not_listed(http):
    page = ideen_check(*http)
    type_idea(page)
    assert "Bürgerportal für Online-Anträge" not in hit_titles(page)
    assert "Glasfaser für alle Ortsteile" not in hit_titles(page)


def test_bavarian_gemeinde_never_sees_the_saxony_only_programme(http):
    page = ideen_check(*http)
    choose_municipality(page, "Garmisch", GARMISCH)
    type_idea(page)
    titles = programme_titles(page)
    assert "Modellprojekte Smart City (Testprogramm Bund)" in titles
    assert not any("Sachsen" in t for t in titles)
    assert "antragsberechtigt: Gemeinde" in page.locator("#idee-foerderung ~ .kdk-list").inner_text()


def test_saxon_stadt_sees_the_saxony_programme(http):
    page = ideen_check(*http)
    choose_municipality(page, "Radebeul", RADEBEUL)
    type_idea(page)
    assert "Digitale Kommune Sachsen (Testprogramm Land)" in programme_titles(page)
    assert "gilt in Sachsen; antragsberechtigt: Stadt" in page.locator("#idee-foerderung ~ .kdk-list").inner_text()


def test_applicant_type_is_respected_kreisfreie_stadt_is_not_a_stadt(http):
    page = ideen_check(*http)
    choose_municipality(page, "Dresden", DRESDEN)  # the Saxony programme names gemeinde, stadt, landkreis only
    type_idea(page)
    assert "Digitale Kommune Sachsen (Testprogramm Land)" not in programme_titles(page)


def test_same_land_and_size_are_named_as_reasons(http):
    page = ideen_check(*http)
    choose_municipality(page, "Dresden", DRESDEN)
    type_idea(page)
    dresden = page.locator(".kdk-idea-hit", has_text="Digitales Parkleitsystem mit Sensoren")
    assert "ebenfalls in Sachsen" in dresden.inner_text()
    assert "ähnliche Gemeindegröße (über 100.000 Einwohner)" in dresden.inner_text()


@pytest.mark.parametrize("asker", [
    {},
    {"land": "DE-SN", "size": "ueber-100000"},
    {"land": "DE-BY", "size": "landkreis"},
    {"ags": GARMISCH},
    {"ags": DRESDEN},
    {"ags": RADEBEUL},
])
@pytest.mark.parametrize("text", [IDEA, "Glasfaser für unsere Ortsteile", "Online-Anträge im Bürgerportal"])
def test_browser_and_python_give_the_same_results(http, catalogue, asker, text):
    from generator import ideas
    from generator.enrich import retrieval

    loaded, statuses = catalogue
    if "ags" in asker:
        python_asker = ideas.asker_for_municipality(loaded.reference.get(asker["ags"]))
    else:
        python_asker = ideas.asker_for(asker.get("land", ""), asker.get("size", ""))
    expected = ideas.check(text, loaded.projects, loaded.funding, statuses, python_asker, retrieval.build(loaded))
    page = ideen_check(*http)
    got = page.evaluate("""async ([text, asker]) => {
        const I = window.KatalogIdeen;
        await I.loadMunicipalities();
        let who = asker.ags ? I.askerForMunicipality(I.findMunicipalities(asker.ags_name, 50).find(m => m.key === asker.ags))
                            : I.askerFor(asker.land || "", asker.size || "");
        const r = I.check(text, who);
        return {projects: r.projects.map(h => [h.doc, h.score, h.reasons]), total: r.total, topics: r.topics,
                programmes: r.programmes.map(p => [p.id, p.reasons]), partners: r.partners.map(h => h.doc)};
    }""", [text, {**asker, "ags_name": loaded.reference.get(asker["ags"]).name if "ags" in asker else ""}])
    ids = sorted(loaded.projects)
    assert [[ids[d], s, r] for d, s, r in got["projects"]] == [[h.id, h.score, list(h.reasons)] for h in expected.projects]
    assert got["total"] == expected.total
    assert got["topics"] == expected.topics
    assert got["programmes"] == [[p.id, list(p.reasons)] for p in expected.programmes]
    assert [ids[d] for d in got["partners"]] == [h.id for h in expected.partners]


def test_name_search_ranks_like_python(http, catalogue):
    from generator import ideas

    loaded, _statuses = catalogue
    page = ideen_check(*http)
    for name in ("Neustadt", "garmisch", "Köln", "koeln", "Erlangen", "Gießen", "giessen"):
        got = page.evaluate("async (q) => (await window.KatalogIdeen.loadMunicipalities(), "
                            "window.KatalogIdeen.findMunicipalities(q, 10).map(m => m.key))", name)
        assert got == [m.key for m in ideas.find_municipalities(loaded.reference, name)], name


def test_nothing_typed_leaves_the_page_or_is_stored(http):
    context, watch = http
    page = ideen_check(context, watch)
    page.wait_for_load_state("networkidle")  # Material's search worker fetches its files after load
    before = len(watch.requests)
    choose_municipality(page, "Dresden", DRESDEN)
    type_idea(page, IDEA + " Geheimwort Zebrastreifen")
    later = watch.requests[before:]
    assert any(urlsplit(url).path.startswith("/api/web/ideen-d-") for url in later), \
        "the detail data of the hits is loaded on demand"
    for url in later:
        assert urlsplit(url).netloc == urlsplit(server_base()).netloc
        assert "Zebrastreifen" not in url and quote("Zebrastreifen") not in url and not urlsplit(url).query
    assert "Zebrastreifen" not in page.url
    stored = page.evaluate("() => [document.cookie, JSON.stringify(localStorage), JSON.stringify(sessionStorage)]")
    assert stored == ["", "{}", "{}"]
    assert "nicht gesendet, nicht gespeichert" in page.locator(".kdk-idea-privacy").inner_text()


def test_record_text_is_inserted_as_text(http):
    page = ideen_check(*http)
    type_idea(page)
    # every result element comes from createElement/textContent: no element carries inline handlers
    handlers = page.evaluate("""() => Array.from(document.querySelectorAll('.kdk-idea-results *'))
        .flatMap(e => Array.from(e.attributes).map(a => a.name)).filter(n => n.startsWith('on'))""")
    assert handlers == []


def test_works_from_file_url(browser):
    context = browser.new_context()
    watch = guard_context(context, None)
    page = open_page(context, watch, (built_site() / "ideen-check.html").as_uri())
    page.wait_for_selector(".kdk-idea[data-ready]")
    type_idea(page)
    assert hit_titles(page)[0] == "Digitales Parkleitsystem mit Sensoren"
    assert watch.page_errors == [] and watch.foreign_requests == []
    context.close()


def test_data_files_are_the_ones_the_build_wrote():
    site = built_site()
    names = sorted(p.name for p in (site / "api" / "web").glob("ideen-*"))
    assert names == ["ideen-d-0.js", "ideen-index.js", "ideen-kommunen.js"]  # the last one loads on demand
    head = (site / "api" / "web" / "ideen-index.js").read_text(encoding="utf-8")
    assert head.startswith('KATALOG_DATEN("ideen-index",') and json.loads(head[len('KATALOG_DATEN("ideen-index",'):-3])["n"] == 4


# --- printing -----------------------------------------------------------------------------------------------------

def computed(page, selector: str, prop: str, pseudo: str | None = None) -> str:
    return page.evaluate("([s, p, x]) => getComputedStyle(document.querySelector(s), x).getPropertyValue(p)",
                         [selector, prop, pseudo])


def test_portfolio_page_prints_on_a4_without_site_chrome(http, tmp_path):
    page = open_page(*http, server_base() + "kommunen/garmisch-partenkirchen-09180117.html", width=794, height=1123)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".kdk-kopfsuche"):
        assert computed(page, chrome, "display") == "none", chrome
    assert page.locator("h2#steuerung-portfolio").is_visible()
    assert computed(page, "h2#steuerung-portfolio", "break-before") == "page"
    assert computed(page, ".kdk-matrix td", "border-top-style") == "solid"
    assert page.locator(".kdk-board__col").count() == 6
    shot = tmp_path / "portfolio-druck.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type /Page>") >= 2  # portfolio starts a page


def test_external_links_print_their_address(http):
    page = open_page(*http, server_base() + "projekte/koeln-smart-parking.html", width=794, height=1123)
    page.emulate_media(media="print")
    selector = "a[href^='https://gitlab.opencode.de']"
    assert computed(page, selector, "content", "::after") == '" (https://gitlab.opencode.de/beispiel/parken)"'
    assert computed(page, ".md-header", "display") == "none"


def test_ideen_check_result_prints_the_idea_instead_of_the_form(http):
    page = ideen_check(*http)
    type_idea(page)
    page.emulate_media(media="print")
    assert not page.locator(".kdk-idea-form").is_visible()
    assert page.locator(".kdk-idea-printed").inner_text().startswith("Idee: " + IDEA)
    assert computed(page, "#idee-foerderung", "display") == "block"
    assert computed(page, "h2#idee-foerderung", "break-before") == "page"
    assert not page.locator(".kdk-idea-privacy").is_visible()


def test_ideen_check_has_no_serious_accessibility_violation(http):
    from browser_support import axe_violations

    page = ideen_check(*http)
    choose_municipality(page, "Radebeul", RADEBEUL)
    type_idea(page)
    assert axe_violations(page) == []


# --- hostile records ------------------------------------------------------------------------------------------------

def test_hostile_record_text_appears_as_text_and_runs_nothing(browser, hostile_site):
    context = browser.new_context()
    watch = guard_context(context, None)
    dialogs = []
    page = open_page(context, watch, (hostile_site.site / "ideen-check.html").as_uri())
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.wait_for_selector(".kdk-idea[data-ready]")
    type_idea(page, "Parken mit Skript: alert titel script und eine Zusammenfassung mit onerror")
    titles = hit_titles(page)
    assert '<script>alert("titel")</script> Parken {{ 7*7 }}' in titles
    injected = page.evaluate("""() => document.querySelectorAll(
        '.kdk-idea-results script, .kdk-idea-results img, .kdk-idea-results iframe, .kdk-idea-results svg').length""")
    assert injected == 0
    assert dialogs == [] and watch.page_errors == [] and watch.foreign_requests == []
    context.close()
