"""Hostile records (tests/fixtures/hostile/) built into a real site: nothing executable comes out,
Jinja syntax is printed, and every other record's page stays intact."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import paths
from site_support import html_pages, parse

pytestmark = pytest.mark.slow

DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "frame", "frameset", "base", "applet", "textarea"}
# Material's own scripts (bundle, inline bootstrap/config), the vendored offline shim, the project's committed
# scripts under docs/assets/katalog/ and the data scripts the export step writes under docs/api/web/
# (record text there is JSON in a file of its own, never inline in a page).
MATERIAL_SCRIPT_SRC = re.compile(r"^(/|\./|(\.\./)*)(assets/javascripts/bundle\.[0-9a-f]+\.min\.js"
                                 r"|assets/katalog/[a-z0-9.-]+\.js|api/web/[a-z0-9-]+\.js)$")
MATERIAL_INLINE = ('__md_scope=new URL(', 'var target=document.getElementById(location.hash.slice(1))',
                   'var palette=__md_get("__palette")')  # the last one: Zensical's theme


@pytest.fixture(scope="module")
def site(hostile_site):
    return hostile_site


@pytest.fixture(scope="module")
def pages(site):
    return {p: parse(p) for p in html_pages(site.site)}


def foreign_scripts(pages: dict) -> list:
    foreign = []
    for path, page in pages.items():
        for script in page.find("script"):
            src = script.attrs.get("src")
            if src is not None:
                ok = bool(MATERIAL_SCRIPT_SRC.match(src))
            elif script.attrs.get("id") == "__config":
                ok = script.attrs.get("type") == "application/json"
            else:
                ok = script.text.startswith(MATERIAL_INLINE)
            if not ok:
                foreign.append(f"{path.name}: {script.attrs} {script.text[:60]!r}")
    return foreign


def active_markup(pages: dict) -> list:
    """Event handler attributes, script URLs and frames anywhere."""
    found = []
    for path, page in pages.items():
        for e in page.elements:
            found += [f"{path.name}: <{e.tag} {k}>" for k in e.attrs if k.startswith("on")]
            for attr in ("href", "src", "action", "formaction", "xlink:href"):
                value = re.sub(r"[\x00-\x20]", "", e.attrs.get(attr, "")).lower()
                if value.startswith(DANGEROUS_SCHEMES):
                    found.append(f"{path.name}: <{e.tag} {attr}={value}>")
            if e.tag in ("iframe", "object", "embed", "frame", "base"):
                found.append(f"{path.name}: <{e.tag}>")
    return found


def test_the_hostile_catalogue_is_valid_and_builds_strictly(site):
    assert {"feindlich-skript", "feindlich-titel"} <= set(site.generated.catalogue.projects)
    assert (site.site / "projekte" / "feindlich-skript.html").is_file()


def test_no_script_element_other_than_materials_own(pages):
    assert foreign_scripts(pages) == []


def test_no_event_handler_attributes(pages):
    found = [f"{p.name}: <{e.tag} {k}>" for p, page in pages.items() for e in page.elements for k in e.attrs if k.startswith("on")]
    assert found == []


def test_no_script_urls(pages):
    found = []
    for path, page in pages.items():
        for e in page.elements:
            for attr in ("href", "src", "action", "formaction", "xlink:href"):
                value = re.sub(r"[\x00-\x20]", "", e.attrs.get(attr, "")).lower()
                if value.startswith(DANGEROUS_SCHEMES):
                    found.append(f"{path.name}: <{e.tag} {attr}={value}>")
    assert found == []


def test_no_frames_objects_or_injected_elements(site, pages):
    generated = {p.resolve() for p in site.site.glob("*/*.html") if p.parent.name in paths.GENERATED_PAGE_DIRS}
    generated.add((site.site / "index.html").resolve())
    found = [f"{p.name}: <{e.tag}>" for p, page in pages.items() if p.resolve() in generated
             for e in page.elements if e.tag in FORBIDDEN_ELEMENTS]
    assert len(generated) > 40
    assert found == []
    record = pages[next(p for p in pages if p.name == "feindlich-skript.html")]
    assert not [e for e in record.elements if e.tag in ("img", "style")]


def test_record_links_are_absolute_http_or_mail_only(pages):
    page = next(v for p, v in pages.items() if p.name == "feindlich-skript.html")
    text_links = [e.attrs["href"] for e in page.elements if e.tag == "a" and "href" in e.attrs
                  and "nofollow" in e.attrs.get("rel", "")]
    assert text_links  # the record's own links are there
    assert all(re.match(r"^(https?://[^/]|mailto:)", href) for href in text_links), text_links
    assert "/etc/passwd" not in " ".join(text_links)


def test_jinja_syntax_is_printed_not_evaluated(pages):
    page = next(v for p, v in pages.items() if p.name == "feindlich-skript.html")
    text = " ".join(page.text.split())
    assert "{{ 7*7 }}" in text
    assert "{% for x in range(3) %}schleife{% endfor %}" in text
    assert "49" not in text
    assert "schleifeschleife" not in text


def test_hostile_text_is_shown_as_text(pages):
    page = next(v for p, v in pages.items() if p.name == "feindlich-skript.html")
    h1 = " ".join(page.text.split())
    assert '<script>alert("titel")</script> Parken {{ 7*7 }}' in h1
    assert '"><script>alert(18)</script>' in h1  # the contact organisation, printed


def test_record_headings_are_demoted_below_the_page_structure(site, pages):
    page = next(v for p, v in pages.items() if p.name == "feindlich-titel.html")
    assert len(page.find("h1")) == 1
    own_h2 = {"Nachnutzung und Interesse", "Beschreibung", "Ähnliche Projekte", "Passende Förderprogramme", "Quellen"}
    html = (site.site / "projekte" / "feindlich-titel.html").read_text(encoding="utf-8")
    h2_texts = {re.sub(r"<[^>]+>|¶|&para;", "", m).strip() for m in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)}
    assert h2_texts <= own_h2 | {"Inhaltsverzeichnis"}
    assert re.search(r"<h3>Überschrift</h3>", html) and re.search(r"<h4>Zweite</h4>", html)


def test_front_matter_in_a_description_or_title_changes_nothing(site, pages):
    page = next(v for p, v in pages.items() if p.name == "feindlich-titel.html")
    title = " ".join(page.text.split())
    assert "Zeile eins --- template: evil.html" in title
    assert "Gekapert" not in [e.attrs.get("content") for e in page.find("meta")]
    assert page.find("h1") and "md-content" in {e.attrs.get("class", "").split(" ")[0] for e in page.elements}
    markdown = (site.docs / "projekte" / "feindlich-titel.md").read_text(encoding="utf-8")
    import yaml
    meta = yaml.safe_load(markdown.split("---\n")[1])
    assert set(meta) == {"title", "description"}


def test_every_other_records_page_is_intact(pages):
    for name, title in (("koeln-smart-parking.html", "Smart Parking in der Innenstadt"),
                        ("dresden-parkleitsystem.html", "Digitales Parkleitsystem mit Sensoren")):
        page = next(v for p, v in pages.items() if p.name == name)
        text = " ".join(page.text.split())
        assert [(" ".join(e.attrs.get("class", "").split())) for e in page.elements if e.tag == "footer"]
        assert title in text
        for section in ("Ähnliche Projekte", "Passende Förderprogramme", "Quellen", "Zuletzt geprüft"):
            assert section in text, (name, section)
    for overview in ("mobilitaet.html", "index.html"):
        page = next(v for p, v in pages.items() if p.name == overview and p.parent.name in ("themen", "site"))
        assert "Smart Parking in der Innenstadt" in " ".join(page.text.split()) or overview == "index.html"
    hostile_own = next(v for p, v in pages.items() if p.name == "feindlich-skript.html")
    assert "Quellen" in hostile_own.text and "Zuletzt geprüft" in hostile_own.text


def test_search_data_holds_no_markup_from_records(site):
    for path in sorted((site.site / "api" / "web").glob("suche-*.js")):
        raw = path.read_text(encoding="utf-8")
        assert "<" not in raw and ">" not in raw, path.name  # record text is JSON with \u003c escapes


def test_hostile_declaration_is_shown_as_text_on_project_and_partner_pages(pages):
    for name in ("koeln-smart-parking.html", "partner-finden.html"):
        page = next(v for p, v in pages.items() if p.name == name)
        text = " ".join(page.text.split())
        assert "\"><img src=x onerror=alert('erklaerer')> Zweckverband" in text, name
        assert "<script>alert('erklaerung')</script> [Klick](javascript:alert(1)) **fett** {{ 7*7 }}" in text, name
        assert not [e for e in page.elements if e.tag == "img" and "x" == e.attrs.get("src")], name
        assert not [e for e in page.elements if e.tag == "b"], name


def test_programme_with_hostile_text_is_inert(pages):
    page = next(v for p, v in pages.items() if p.name == "feindlich-programm.html")
    text = " ".join(page.text.split())
    assert '<iframe src="https://evil.example"></iframe>Programm {{ 7*7 }}' in text
    assert "<script>alert(34)</script> Aufruf" in text
    assert not page.find("style") and not page.find("iframe")


def test_zensical_renders_the_same_records_just_as_inert(site, tmp_path):
    """The renderer we would switch to reads the same mkdocs.yml and Markdown."""
    zensical = Path(sys.executable).parent / "zensical"
    project = tmp_path / "zensical"
    shutil.copytree(site.root / "docs", project / "docs")
    shutil.copy2(site.config, project / "mkdocs.yml")
    shutil.copytree(site.root / "overrides", project / "overrides")
    result = subprocess.run([str(zensical), "build"], cwd=project, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    built = {p: parse(p) for p in html_pages(project / "site")}
    record = built[project / "site" / "projekte" / "feindlich-skript.html"]
    assert "{{ 7*7 }}" in " ".join(record.text.split()) and '<script>alert("titel")</script>' in record.text
    assert "Smart Parking in der Innenstadt" in built[project / "site" / "projekte" / "koeln-smart-parking.html"].text
    assert foreign_scripts(built) == []
    assert active_markup(built) == []
