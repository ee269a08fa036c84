"""Export: data files derived from the in-memory catalogue, one module per format.

`write_all(catalogue, enriched, out_dir)` writes them all into out_dir
(docs/api/, which MkDocs copies to site/api/). The steps are a list, so adding
a format is one new module and one line here. `site_data` writes the
JavaScript data files the site's search, explorers and map load (api/web/), `ideas_data` those of
the Ideen-Check (api/web/ideen-*.js).
"""
from __future__ import annotations

import shutil
from pathlib import Path

from generator.export import (atom, datapackage, dcat, ical, ideas_data, json_api, reference_data, schemas, site_data,
                              tables)

# dcat comes last: it describes the files the others wrote.
EXPORTERS = [json_api, tables, schemas, datapackage, ical, atom, site_data, ideas_data, reference_data, dcat]
API_DIR = "api"


def write_all(catalogue, enriched, out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for exporter in EXPORTERS:
        written += exporter.write(catalogue, enriched, out_dir)
    return written


def write_step(generated, docs_dir: Path) -> None:
    """Output step for generator.build: docs/api/, emptied first so no stale shard survives."""
    target = Path(docs_dir) / API_DIR
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    write_all(generated.catalogue, generated.enriched, target)
