"""Shared helpers for site tests: build a catalogue's site in a scratch copy of the
project (mkdocs.yml + hand-written docs/), and read the built HTML like a browser's
tokenizer would (tags, attributes, scripts, links)."""
from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator import build, paths

REPO_ROOT = Path(__file__).resolve().parent.parent
BUILD_DATE = dt.date(2026, 11, 27)


def stage(target: Path) -> Path:
    """A scratch project: mkdocs.yml plus the hand-written part of docs/. Returns the config path."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO_ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO_ROOT / "overrides", target / "overrides")  # theme overrides (custom_dir)
    skip = {path.name for path in paths.generated_paths(Path("docs"))}
    shutil.copytree(REPO_ROOT / "docs", target / "docs", ignore=lambda d, names: [n for n in names if Path(d) == REPO_ROOT / "docs" and n in skip])
    return target / "mkdocs.yml"


@dataclass
class BuiltSite:
    root: Path  # scratch project
    config: Path
    site: Path
    generated: build.Generated
    mkdocs_output: str

    @property
    def docs(self) -> Path:
        return self.root / "docs"


def build_site(catalogue_root: Path, target: Path, build_date: dt.date = BUILD_DATE) -> BuiltSite:
    """The same steps as `katalog build`, into a scratch project; fails loudly if MkDocs fails."""
    config = stage(target)
    generated = build.generate(catalogue_root, build_date)
    build.write(generated, build.docs_dir_of(config))
    site = target / "site"
    result = build.run_mkdocs(config, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(target, config, site, generated, result.stdout + result.stderr)


@dataclass
class Element:
    tag: str
    attrs: dict
    text: str = ""


@dataclass
class Page:
    """The elements of one built HTML page, as a tokenizer sees them."""

    path: Path
    elements: list = field(default_factory=list)
    ids: set = field(default_factory=set)
    text: str = ""

    def find(self, tag: str) -> list:
        return [e for e in self.elements if e.tag == tag]


class _Collector(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.open_script = None
        self.chunks = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: (v or "") for k, v in attrs})
        self.page.elements.append(element)
        for key in ("id", "name"):
            if element.attrs.get(key):
                self.page.ids.add(element.attrs[key])
        if tag == "script":
            self.open_script = element

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.open_script = None

    def handle_endtag(self, tag):
        if tag == "script":
            self.open_script = None

    def handle_data(self, data):
        if self.open_script is not None:
            self.open_script.text += data
        else:
            self.chunks.append(data)


def parse(path: Path) -> Page:
    page = Page(path)
    collector = _Collector(page)
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    page.text = " ".join(collector.chunks)
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme) or url.startswith("//")


def internal_target(page: Path, url: str) -> tuple[Path, str] | None:
    """(file, fragment) an internal link points to; None for external links and same-page anchors. A fragment of
    `key=value` pairs is an explorer's filter state (explorer.js reads it), not an anchor: fragment "" then."""
    if not url or is_external(url):
        return None
    parts = urlsplit(url)
    if not parts.path:
        return None
    target = (page.parent / unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, "" if "=" in parts.fragment else parts.fragment


def links(page: Page) -> list[str]:
    out = []
    for e in page.elements:
        for attr in ("href", "src"):
            if attr in e.attrs and e.tag in ("a", "link", "script", "img", "iframe", "source"):
                out.append(e.attrs[attr])
    return out


def click_depths(site: Path, max_depth: int = 2) -> dict:
    """Pages reachable from the start page, with the number of clicks (breadth-first)."""
    from collections import deque

    start = (site / "index.html").resolve()
    depth = {start: 0}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        if depth[current] == max_depth:
            continue
        for url in links(parse(current)):
            target = internal_target(current, url)
            if target and target[0].suffix == ".html" and target[0].is_file() and target[0] not in depth:
                depth[target[0]] = depth[current] + 1
                queue.append(target[0])
    return depth
