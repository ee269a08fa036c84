"""Where things live in a clone; every other module asks here instead of guessing.

Also the one list of what a build generates (`GENERATED_*`): the build empties and fills these,
`make clean` removes them (`python3 generator/paths.py` prints them), `.gitignore` lists them
(tested), and the tests stage a project without them. This file imports only the standard
library, so `make clean` runs it without a virtual environment.
"""
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_DIR = REPO_ROOT / "catalogue"
PROJECTS_DIR = CATALOGUE_DIR / "projects"
FUNDING_DIR = CATALOGUE_DIR / "funding"
DECLARATIONS_DIR = CATALOGUE_DIR / "declarations"
VOCABULARIES_DIR = CATALOGUE_DIR / "vocabularies"
REFERENCE_DIR = CATALOGUE_DIR / "reference" / "municipalities"
SCHEMA_DIR = REPO_ROOT / "schema"

# record kind -> (folder name inside a catalogue, schema file)
RECORD_KINDS = {
    "project": ("projects", "project.schema.json"),
    "funding": ("funding", "funding.schema.json"),
    "declaration": ("declarations", "declaration.schema.json"),
}


def display_path(path: Path) -> str:
    """Paths in messages are relative to the working directory when inside it, as contributors see them."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute == cwd or absolute.startswith(cwd + os.sep):
        return Path(os.path.relpath(absolute, cwd)).as_posix()
    return Path(absolute).as_posix()


# Generated under docs/ (all git-ignored): page folders the renderer writes, data folders the
# exporters write, and single generated pages.
GENERATED_PAGE_DIRS = ("projekte", "foerderprogramme", "kommunen", "themen", "laender", "uebersichten")
GENERATED_DATA_DIRS = ("api", "generated")
GENERATED_FILES = ("index.md",)
SITE_DIR = REPO_ROOT / "site"


def generated_paths(docs_dir: Path) -> list[Path]:
    """Everything a build writes into docs_dir (and nothing hand-written)."""
    names = GENERATED_PAGE_DIRS + GENERATED_DATA_DIRS + GENERATED_FILES
    return [docs_dir / name for name in names]


def clean_targets() -> list[str]:
    """Repository-relative paths `make clean` removes: the built site and every generated path."""
    docs = REPO_ROOT / "docs"
    return [SITE_DIR.relative_to(REPO_ROOT).as_posix()] + [
        path.relative_to(REPO_ROOT).as_posix() for path in generated_paths(docs)]


if __name__ == "__main__":
    print(" ".join(clean_targets()))
