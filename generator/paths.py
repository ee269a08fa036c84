"""Where things live in a clone; every other module asks here instead of guessing."""
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
DOCS_DIR = REPO_ROOT / "docs"

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
