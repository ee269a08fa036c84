"""Where things live in a clone; every other module asks here instead of guessing."""
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_DIR = REPO_ROOT / "catalogue"
PROJECTS_DIR = CATALOGUE_DIR / "projects"
FUNDING_DIR = CATALOGUE_DIR / "funding"
VOCABULARIES_DIR = CATALOGUE_DIR / "vocabularies"
REFERENCE_DIR = CATALOGUE_DIR / "reference" / "municipalities"
SCHEMA_DIR = REPO_ROOT / "schema"
DOCS_DIR = REPO_ROOT / "docs"

# record kind -> (folder name inside a catalogue, schema file)
RECORD_KINDS = {
    "project": ("projects", "project.schema.json"),
    "funding": ("funding", "funding.schema.json"),
}


def display_path(path: Path) -> str:
    """Paths in messages are relative to the repository when possible, as contributors see them."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        try:
            return Path(path).resolve().relative_to(REPO_ROOT).as_posix()
        except ValueError:
            return Path(path).as_posix()
