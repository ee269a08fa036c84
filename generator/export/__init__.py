"""Export: data files derived from the in-memory catalogue, one module per format.

`write_all(catalogue, enriched, out_dir)` writes them all into out_dir
(docs/api/, which MkDocs copies to site/api/). The steps are a list, so adding
a format is one new module and one line here.
"""
from __future__ import annotations

from pathlib import Path

from generator.export import atom, datapackage, ical, json_api, schemas, tables

EXPORTERS = [json_api, tables, schemas, datapackage, ical, atom]


def write_all(catalogue, enriched, out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for exporter in EXPORTERS:
        written += exporter.write(catalogue, enriched, out_dir)
    return written
