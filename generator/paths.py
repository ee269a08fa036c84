"""Where things live in a clone; every other module asks here instead of guessing.

Also the one list of what a build generates (`GENERATED_*`): the build empties and fills these,
`make clean` removes them (`python3 generator/paths.py` prints them), `.gitignore` lists them
(tested), and the tests stage a project without them. This file imports only the standard
library, so `make clean` runs it without a virtual environment.
"""
import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_ROOT = PACKAGE_DIR.parent  # the clone, when run from source or installed with -e
SHIPPED_DIR = PACKAGE_DIR / "shipped"  # package data of an installed wheel (see pyproject.toml)
_RECORD_FOLDERS = ("projects", "funding")


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds a catalogue (catalogue/projects or catalogue/funding)."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if any((folder / "catalogue" / sub).is_dir() for sub in _RECORD_FOLDERS):
            return folder
    return None


def _chosen_catalogue() -> Path | None:
    """Set by `katalog --katalog ORDNER` before anything reads the paths below (see generator/cli.py)."""
    chosen = _CHOSEN.get("catalogue")
    return Path(chosen).resolve() if chosen else None


_CHOSEN: dict = {}


def _locate() -> tuple[Path, Path]:
    """(project root, catalogue folder): the one named with --katalog, else the one found from the
    working directory, else this clone's own, else the working directory."""
    root = find_root(Path.cwd()) or (SOURCE_ROOT if (SOURCE_ROOT / "catalogue").is_dir() else Path.cwd().resolve())
    chosen = _chosen_catalogue()
    if chosen is None:
        return root, root / "catalogue"
    own = find_root(chosen.parent) or chosen.parent
    # a catalogue inside a project (mkdocs.yml next to it) brings its project; a bare folder of records
    # is built with the project found from the working directory, as before
    return (own if (own / "mkdocs.yml").is_file() else root), chosen


def _own_or_shipped(own: Path, *fallbacks: Path) -> Path:
    """A catalogue's own folder wins (a Land may keep its own vocabularies); else the clone's, else the shipped copy."""
    for folder in (own, *fallbacks):
        if folder.is_dir() and any(folder.iterdir()):
            return folder
    return own


def configure(catalogue: str | Path | None = None) -> None:
    """Point every path at a catalogue (None: find it from the working directory). Call before other
    generator modules are imported: they bind these paths as defaults."""
    global REPO_ROOT, CATALOGUE_DIR, PROJECTS_DIR, FUNDING_DIR, DECLARATIONS_DIR, VOCABULARIES_DIR, REFERENCE_DIR, \
        SCHEMA_DIR, SITE_DIR
    _CHOSEN["catalogue"] = str(catalogue) if catalogue else None
    REPO_ROOT, CATALOGUE_DIR = _locate()
    PROJECTS_DIR = CATALOGUE_DIR / "projects"
    FUNDING_DIR = CATALOGUE_DIR / "funding"
    DECLARATIONS_DIR = CATALOGUE_DIR / "declarations"
    VOCABULARIES_DIR = _own_or_shipped(CATALOGUE_DIR / "vocabularies", SOURCE_ROOT / "catalogue" / "vocabularies",
                                       SHIPPED_DIR / "vocabularies")
    REFERENCE_DIR = _own_or_shipped(CATALOGUE_DIR / "reference" / "municipalities",
                                    SOURCE_ROOT / "catalogue" / "reference" / "municipalities", SHIPPED_DIR / "municipalities")
    SCHEMA_DIR = _own_or_shipped(REPO_ROOT / "schema", SOURCE_ROOT / "schema", SHIPPED_DIR / "schema")
    SITE_DIR = REPO_ROOT / "site"


REPO_ROOT = CATALOGUE_DIR = PROJECTS_DIR = FUNDING_DIR = DECLARATIONS_DIR = VOCABULARIES_DIR = REFERENCE_DIR = SCHEMA_DIR = SITE_DIR = Path()
configure()

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
GENERATED_DATA_DIRS = ("api",)
GENERATED_FILES = ("index.md",)


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
