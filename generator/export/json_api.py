"""api/projects.json, api/funding.json and api/declarations.json: every record plus derived facts, stable order."""
from __future__ import annotations

import json
from pathlib import Path

from generator.export.views import declaration_view, format_version, programme_view, project_view
from generator.reference import ATTRIBUTION

LICENCE = "CC-BY-4.0"


def document(catalogue, enriched, kind: str) -> dict:
    if kind == "project":
        items = [project_view(catalogue, enriched, pid) for pid in catalogue.projects]
        key = "projects"
    elif kind == "declaration":
        items = [declaration_view(catalogue, enriched, did) for did in catalogue.declarations]
        key = "declarations"
    else:
        items = [programme_view(catalogue, enriched, fid) for fid in catalogue.funding]
        key = "funding"
    return {
        "format_version": format_version(kind),
        "build_date": catalogue.build_date.isoformat(),
        "licence": LICENCE,
        "attribution": ATTRIBUTION,
        "count": len(items),
        key: items,
    }


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write(catalogue, enriched, out_dir: Path) -> list[Path]:
    written = []
    for kind, name in (("project", "projects.json"), ("funding", "funding.json"), ("declaration", "declarations.json")):
        target = out_dir / name
        target.write_text(dumps(document(catalogue, enriched, kind)), encoding="utf-8")
        written.append(target)
    return written
