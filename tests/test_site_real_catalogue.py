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
