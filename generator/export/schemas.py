"""api/schema/: the JSON Schemas of the record format, as contributors' tools read them."""
from __future__ import annotations

import json
from pathlib import Path

from generator.schemas import SCHEMA_FILES, read_schema


def write(catalogue, enriched, out_dir: Path) -> list[Path]:
    folder = out_dir / "schema"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_FILES:
        target = folder / name
        target.write_text(json.dumps(read_schema(name), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(target)
    return written
