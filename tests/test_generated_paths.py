"""One list of generated paths (generator/paths.py): the build, `make clean`, .gitignore and the tests agree."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import build, paths

REPO_ROOT = Path(__file__).resolve().parent.parent


def ignored_lines() -> set[str]:
    lines = (REPO_ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    return {line.strip().rstrip("/") for line in lines if line.strip() and not line.startswith("#")}


def test_gitignore_lists_every_generated_path():
    assert set(paths.clean_targets()) - ignored_lines() == set()


def test_make_clean_removes_every_generated_path_and_keeps_hand_written_pages(tmp_path):
    shutil.copy2(REPO_ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "generator").mkdir()
    shutil.copy2(REPO_ROOT / "generator" / "paths.py", tmp_path / "generator" / "paths.py")
    docs = tmp_path / "docs"
    for target in paths.generated_paths(docs) + [tmp_path / "site"]:
        if target.suffix == ".md":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("erzeugt", encoding="utf-8")
        else:
            (target / "sub").mkdir(parents=True)
            (target / "sub" / "x.html").write_text("erzeugt", encoding="utf-8")
    (docs / "methodik.md").write_text("von Hand", encoding="utf-8")
    result = subprocess.run(["make", "-s", "clean", f"PYTHON={sys.executable}"], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
                  if p.is_file() and p.parent.name != "generator") == ["Makefile", "docs/methodik.md"]


def test_the_build_writes_pages_only_into_generated_page_folders(tmp_path):
    docs = tmp_path / "docs"
    generated = build.Generated(catalogue=None, enriched=None, pages={"../README.md": "x"})
    with pytest.raises(ValueError, match="außerhalb der erzeugten Ordner"):
        build.write_pages(generated, docs)


def test_the_build_writes_nothing_outside_the_one_list_of_generated_paths(tmp_path, fixture_catalogue):
    docs = tmp_path / "docs"
    generated = build.generate(fixture_catalogue, dt.date(2026, 11, 27))
    build.write(generated, docs)
    assert sorted(p.name for p in docs.iterdir()) == sorted(p.name for p in paths.generated_paths(docs))
    # the Ideen-Check's data is an ordinary export: next to the other web data files, no folder of its own
    assert sorted(p.name for p in (docs / "api" / "web").glob("ideen-*")) == ["ideen-d-0.js", "ideen-index.js",
                                                                          "ideen-kommunen.js"]


def test_every_page_folder_the_build_cleans_is_in_the_one_list(tmp_path):
    docs = tmp_path / "docs"
    for name in paths.GENERATED_PAGE_DIRS:
        (docs / name).mkdir(parents=True)
    (docs / "index.md").write_text("alt", encoding="utf-8")
    (docs / "suche.md").write_text("von Hand", encoding="utf-8")
    build.clean(docs)
    assert [p.name for p in docs.iterdir()] == ["suche.md"]


def test_stylesheets_live_in_one_folder_with_distinct_names():
    css = sorted(p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "docs").rglob("*.css")
                 if not any(part in paths.GENERATED_DATA_DIRS for part in p.parts))
    assert css and all(path.startswith("docs/assets/katalog/") for path in css), css
    names = [path.rsplit("/", 1)[1] for path in css]
    assert len(names) == len(set(names))
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    linked = re.findall(r"assets/[a-z/-]+\.css", config + "".join(
        p.read_text(encoding="utf-8") for p in (REPO_ROOT / "docs").glob("*.md")))
    assert linked and {f"docs/{link}" for link in linked} <= set(css)
