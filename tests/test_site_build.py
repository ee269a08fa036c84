"""The fixture catalogue built into a real site with `mkdocs build --strict` (once per module)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_ROOT
from export_support import payload
from site_support import BUILD_DATE, click_depths, html_pages, internal_target, is_external, links, parse

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(fixture_site):
    return fixture_site


def test_fixture_catalogue_builds_strictly(site):
    assert (site.site / "index.html").is_file()
    assert "WARNING" not in site.mkdocs_output


def test_every_record_has_exactly_one_page(site):
    catalogue = site.generated.catalogue
    projects = sorted(p.stem for p in (site.site / "projekte").glob("*.html"))
    programmes = sorted(p.stem for p in (site.site / "foerderprogramme").glob("*.html") if p.stem != "index")
    assert projects == sorted(catalogue.projects)
    assert programmes == sorted(catalogue.funding)
    for pid in catalogue.projects:
        holders = [p for p in html_pages(site.site) if p.parent.name == "projekte" and p.stem == pid]
        assert len(holders) == 1
        assert parse(holders[0]).find("h1")  # a real page, not a stub


def test_every_internal_link_resolves(site):
    broken = []
    for path in html_pages(site.site):
        if path.name == "404.html":  # served by web servers only, with site-absolute asset paths
            continue
        page = parse(path)
        for url in links(page):
            target = internal_target(path, url)
            if target is None:
                continue
            file, fragment = target
            if not file.is_file():
                broken.append(f"{path.relative_to(site.site)} -> {url}")
            elif fragment and file.suffix == ".html" and fragment not in parse(file).ids:
                broken.append(f"{path.relative_to(site.site)} -> {url} (Anker fehlt)")
    assert broken == []


def test_every_record_is_reachable_from_the_start_page_in_two_clicks(site):
    depth = click_depths(site.site)
    records = [p.resolve() for folder in ("projekte", "foerderprogramme", "kommunen") for p in (site.site / folder).glob("*.html")]
    assert len(records) >= 9
    assert [str(p.relative_to(site.site.resolve())) for p in records if p not in depth] == []


def test_navigation_lists_only_overview_pages(site):
    page = parse(site.site / "projekte" / "koeln-smart-parking.html")
    nav_links = [e.attrs["href"] for e in page.elements if e.tag == "a" and "md-nav__link" in e.attrs.get("class", "")]
    assert nav_links, "Navigation fehlt"
    assert not [u for u in nav_links if re.search(r"(projekte|foerderprogramme|kommunen)/(?!index)", u)]


def test_no_page_requests_a_third_party_host(site):
    offenders = []
    for path in html_pages(site.site):
        page = parse(path)
        for e in page.elements:
            url = e.attrs.get("src") if e.tag in ("script", "img", "iframe") else e.attrs.get("href") if e.tag == "link" else None
            if url and is_external(url):
                offenders.append(f"{path.name}: <{e.tag}> {url}")
        text = path.read_text(encoding="utf-8")
        if "fonts.googleapis" in text or "fonts.gstatic" in text or "unpkg.com" in text:
            offenders.append(f"{path.name}: fremder Host im Quelltext")
    assert offenders == []


def test_no_page_downloads_a_site_wide_search_index(site):
    assert not (site.site / "search").exists()
    scripts = [e.attrs.get("src", "") for e in parse(site.site / "kommunen" / "koeln-05315000.html").find("script")]
    assert "../assets/katalog/kopfsuche.js" in scripts
    assert not any("iframe-worker" in src or "search" in src for src in scripts)


def test_tool_pages_request_their_data_in_the_head_before_any_stylesheet(site):
    """The search page's first results wait for meta and lexicon: requested with the page, not after its scripts."""
    elements = parse(site.site / "suche.html").elements
    head = elements[:[e.tag for e in elements].index("body")]
    tags = [(e.tag, e.attrs.get("rel"), e.attrs.get("href")) for e in head if e.tag == "link"]
    preloads = [href for _tag, rel, href in tags if rel == "preload"]
    assert preloads == ["api/web/suche-meta.js", "api/web/suche-lexikon.js"]
    first_stylesheet = next(i for i, (_t, rel, _h) in enumerate(tags) if rel == "stylesheet")
    assert all(i < first_stylesheet for i, (_t, rel, _h) in enumerate(tags) if rel == "preload")


def test_every_preloaded_data_file_exists(site):
    pages = html_pages(site.site)
    preloaded = {(page, e.attrs["href"]) for page in pages for e in parse(page).find("link") if e.attrs.get("rel") == "preload"}
    assert {href.rsplit("/", 1)[-1] for _page, href in preloaded} >= {"suche-meta.js", "projekte.js", "foerderung.js",
                                                                        "karte.js", "ideen-index.js"}
    assert [href for page, href in preloaded if not (page.parent / href).is_file()] == []


def test_the_header_is_materials_own_with_our_search_form_in_place_of_its_search():
    """overrides/partials/header.html is a copy; an update of Material that changes its header must be noticed."""
    import material

    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    ours = (REPO_ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    search = re.search(r'    \{% if "material/search" in config.plugins %\}.*?\{% endif %\}\n    \{% endif %\}\n', theirs, re.S)
    assert search is not None
    expected = theirs.replace(search.group(0), '    {% include "partials/kopfsuche.html" %}\n')
    assert ours[ours.index("{% set class"):] == expected[expected.index("{% set class"):]


def test_the_header_search_form_is_in_the_page_and_opens_the_search_page(site):
    elements = parse(site.site / "projekte" / "koeln-smart-parking.html").elements
    form = next(e for e in elements if e.tag == "form" and "kdk-kopfsuche" in e.attrs.get("class", ""))
    assert form.attrs["action"] == "../suche.html" and form.attrs["data-core"] == "../assets/katalog/katalog-core.js"
    assert any(e.tag == "input" and e.attrs.get("name") == "q" and e.attrs.get("id") == "kopfsuche-text" for e in elements)


def test_search_data_names_its_columns_and_carries_the_constants(site):
    _name, data = payload(site.site / "api" / "web" / "suche-meta.js")
    assert data["columns"] == ["kind", "id", "title", "subtitle", "summary"]
    assert data["analysis"]["links"] == ["es", "en", "s", "n", "e"] and "und" in data["analysis"]["stop"]
    lexicon = (site.site / "api" / "web" / "suche-lexikon.js").read_text(encoding="utf-8")
    assert '"parkplatz' in lexicon and '"thesaurus"' in lexicon


def test_start_page_shows_the_three_questions_and_live_figures(site):
    page = parse(site.site / "index.html")
    for question in ("Gleiche Idee?", "Förderung?", "Partner?"):
        assert question in page.text
    figures = {e.attrs.get("class") for e in page.elements}
    assert "kdk-figure__value" in figures
    text = " ".join(page.text.split())
    assert "4 Projekte" in text and "4 Kommunen" in text and "3 Länder" in text
    assert "1 Förder\xadprogramm mit offener Frist" in text and "1 laufend, belegt" in text and "0 Stand unklar" in text


def test_destatis_attribution_and_data_licence_on_the_about_page(site):
    text = " ".join(parse(site.site / "uebersichten" / "ueber-den-katalog.html").text.split())
    assert "Statistisches Bundesamt (Destatis)" in text and "dl-de/by-2-0" in text
    assert "CC BY 4.0" in text


def test_properdocs_builds_the_same_site(tmp_path, site):
    properdocs = Path(sys.executable).parent / "properdocs"
    if not properdocs.exists():
        pytest.fail("properdocs fehlt in .venv (requirements-dev.txt)")
    staged = tmp_path / "proper" / "mkdocs.yml"
    shutil.copytree(site.root / "docs", staged.parent / "docs")  # generated pages and exports as written
    shutil.copy2(site.config, staged)
    shutil.copytree(site.root / "overrides", staged.parent / "overrides")
    result = subprocess.run([str(properdocs), "build", "--strict", "-f", str(staged), "-d", str(tmp_path / "proper-site")],
                            capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr
    built = tmp_path / "proper-site" / "projekte" / "koeln-smart-parking.html"
    assert "Smart Parking in der Innenstadt" in parse(built).text


def test_build_date_is_shown_where_status_is_computed(site):
    text = " ".join(parse(site.site / "uebersichten" / "foerderkalender.html").text.split())
    assert f"Stand {BUILD_DATE:%d.%m.%Y}" in text
    assert "Aufruf 2026" in text and "31.03.2027" in text


INTERNAL_WORDS = re.compile(r"amount_eur|last_reviewed|funding\[\]|TF-IDF|Kosinus|Permanent link|Not found")


def test_reader_pages_show_no_internal_words_or_english_leftovers(site):
    """Field names, jargon of the scoring and theme English stay out of what readers see."""
    found = {}
    for path in html_pages(site.site):
        text = parse(path).text
        titles = " ".join(e.attrs.get("title", "") for e in parse(path).elements)
        hits = sorted(set(INTERNAL_WORDS.findall(text + " " + titles)))
        if hits:
            found[path.relative_to(site.site).as_posix()] = hits
    assert found == {}
