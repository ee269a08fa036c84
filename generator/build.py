"""The site build: validate -> enrich -> render -> output steps -> MkDocs.

An invalid catalogue is refused with the validator's report; nothing is written.
Generated Markdown goes into git-ignored folders under docs/ (emptied first), so
the same catalogue and build date always give byte-identical files. MkDocs runs
as a subprocess: the generator imports nothing from it.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator import export, federation, paths
from generator.catalogue import load_catalogue
from generator.enrich import enrich
from generator.render import render_site
from generator.reporters import REPORTERS

CONFIG_FILE = paths.REPO_ROOT / "mkdocs.yml"
SITE_DIR = paths.SITE_DIR


class BuildRefused(Exception):
    """The catalogue has errors; the message is the validator's text report."""


@dataclass
class Generated:
    """What the generator produced, handed to every output step."""

    catalogue: object
    enriched: object
    pages: dict  # docs-relative path -> Markdown text
    timings: dict = field(default_factory=dict)  # stage -> seconds


def clean(docs_dir: Path) -> None:
    """Remove the pages a previous build generated (and nothing hand-written); the data folders are
    emptied by their output steps."""
    for target in [docs_dir / d for d in paths.GENERATED_PAGE_DIRS] + [docs_dir / f for f in paths.GENERATED_FILES]:
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()


def write_pages(generated: Generated, docs_dir: Path) -> None:
    """Write the rendered Markdown; every path must stay inside a generated location."""
    allowed_dirs, allowed_files = set(paths.GENERATED_PAGE_DIRS), set(paths.GENERATED_FILES)
    clean(docs_dir)
    made = set()
    for rel, text in generated.pages.items():
        parts = rel.split("/")
        if rel.startswith("/") or "\\" in rel or any(p in ("", ".", "..") for p in parts) or not (
                (len(parts) == 1 and rel in allowed_files) or (len(parts) > 1 and parts[0] in allowed_dirs)):
            raise ValueError(f"Seite außerhalb der erzeugten Ordner: {rel}")
        target = docs_dir.joinpath(*parts)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)


# Everything written into docs/ after rendering: the pages, then every exporter (generator.export.EXPORTERS) into docs/api/.
OUTPUT_STEPS = [write_pages, export.write_step]


def parse_date(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    return dt.date.fromisoformat(text)


def generate(catalogue_root: Path, build_date: dt.date, *, sources=None, land: str | None = None) -> Generated:
    """validate -> enrich -> render, timed; raises BuildRefused on validation errors."""
    timings = {}
    start = time.perf_counter()
    if sources:
        catalogue, run = federation.load_sources(sources, build_date=build_date)
    else:
        catalogue, run = load_catalogue(catalogue_root, build_date=build_date)
    timings["validate"] = time.perf_counter() - start
    if catalogue is None:
        raise BuildRefused(REPORTERS["text"](run.findings, run.files_checked))
    if land:
        catalogue = federation.for_land(catalogue, land)
    start = time.perf_counter()
    enriched = enrich(catalogue)
    timings["enrich"] = time.perf_counter() - start
    start = time.perf_counter()
    pages = render_site(catalogue, enriched)
    timings["render"] = time.perf_counter() - start
    return Generated(catalogue, enriched, pages, timings)


def write(generated: Generated, docs_dir: Path) -> None:
    start = time.perf_counter()
    for step in OUTPUT_STEPS:
        step(generated, docs_dir)
    generated.timings["write"] = time.perf_counter() - start


def mkdocs_command(action: str, config: Path, extra: list[str] | None = None) -> list[str]:
    return [sys.executable, "-m", "mkdocs", action, "-f", str(config), *(extra or [])]


def mkdocs_env() -> dict:
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner, once is enough
    return env


def run_mkdocs(config: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(mkdocs_command("build", config, ["--strict", "--clean", "-d", str(site_dir)]),
                          capture_output=True, text=True, env=mkdocs_env(), check=False)


def docs_dir_of(config: Path) -> Path:
    """Our mkdocs.yml keeps docs_dir: docs next to itself."""
    return config.resolve().parent / "docs"
