"""api/referenzdaten/: the municipality reference data the catalogue uses, republished as it is.

Destatis' licence (dl-de/by-2-0) allows it with attribution; the README that
travels with the CSVs carries the attribution, and the DCAT description names
the licence. Publishing the exact copy lets others join our records on the
same keys and population figures.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from generator import paths


def write(catalogue, enriched, out_dir: Path) -> list[Path]:
    source = getattr(catalogue, "reference_dir", None) or paths.REFERENCE_DIR
    folder = out_dir / "referenzdaten"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(Path(source).glob("*")):
        if path.suffix in {".csv", ".md"} and path.is_file():
            target = folder / path.name
            shutil.copyfile(path, target)
            written.append(target)
    return written
