"""The real catalogue (catalogue/) builds strictly, as `make site` does, with one page per record
and no broken internal link."""
from __future__ import annotations

import pytest

from conftest import real_catalogue_date
from generator import paths
from site_support import build_site, click_depths, html_pages, internal_target, links, parse

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not any((paths.CATALOGUE_DIR / "projects").glob("*.yaml")):
        pytest.fail("catalogue/projects/ ist leer")
    return build_site(paths.CATALOGUE_DIR, tmp_path_factory.mktemp("real-site"), real_catalogue_date(paths.CATALOGUE_DIR))


def test_every_record_of_the_catalogue_has_its_page(site):
    catalogue = site.generated.catalogue
    assert sorted(p.stem for p in (site.site / "projekte").glob("*.html")) == sorted(catalogue.projects)
    assert sorted(p.stem for p in (site.site / "foerderprogramme").glob("*.html") if p.stem != "index") == sorted(catalogue.funding)


def test_no_broken_internal_link(site):
    broken = []
    for path in html_pages(site.site):
        if path.name == "404.html":
            continue
        for url in links(parse(path)):
            target = internal_target(path, url)
            if target is not None and not target[0].is_file():
                broken.append(f"{path.relative_to(site.site)} -> {url}")
    assert broken == []


def test_every_record_is_two_clicks_from_the_start_page(site):
    depth = click_depths(site.site)
    records = [p.resolve() for folder in ("projekte", "foerderprogramme", "kommunen") for p in (site.site / folder).glob("*.html")]
    assert [str(p.relative_to(site.site.resolve())) for p in records if p not in depth] == []


def test_every_page_of_the_real_site_keeps_the_security_policy(site):
    """Every template the real catalogue uses: the policy on each page, no inline script, and external
    links that neither pass a referrer nor hand over window.opener."""
    problems = []
    for path in html_pages(site.site):
        page = parse(path)
        if not any(m.attrs.get("http-equiv") == "Content-Security-Policy" for m in page.find("meta")):
            problems.append(f"{path.name}: keine Content-Security-Policy")
        problems += [f"{path.name}: Inline-Skript" for s in page.find("script")
                     if "src" not in s.attrs and s.attrs.get("type") != "application/json"]
        for link in page.find("a"):
            rel = link.attrs.get("rel", "").split()
            if link.attrs.get("href", "").startswith(("http://", "https://")) and not {"noopener", "noreferrer"} <= set(rel):
                problems.append(f"{path.name}: {link.attrs.get('href')} ohne rel=noopener noreferrer")
    assert problems[:20] == []
