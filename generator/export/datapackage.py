"""datapackage.json: a Frictionless Tabular Data Package describing the CSVs.

Derived from the same column list the CSV writer uses, so the description
cannot drift from the files.
"""
from __future__ import annotations

import json
from pathlib import Path

from generator.export.json_api import LICENCE
from generator.export.tables import TABLES
from generator.export.views import format_version
from generator.reference import ATTRIBUTION

TITLES = {"projects.csv": "Projekte", "funding.csv": "Förderprogramme",
          "declarations.csv": "Nachnutzung und Interesse (Erklärungen von Kommunen zu Projekten)"}


def field(column) -> dict:
    out = {"name": column.name, "type": column.type, "title": column.title}
    if column.description:
        out["description"] = column.description
    if column.type == "boolean":
        out["trueValues"], out["falseValues"] = ["true"], ["false"]
    return out


def describe(catalogue) -> dict:
    resources = []
    for name, (_kind, columns) in TABLES.items():
        resources.append({
            "name": name.removesuffix(".csv"),
            "title": TITLES[name],
            "path": name,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "header": True},
            "schema": {"fields": [field(c) for c in columns], "primaryKey": ["id"], "missingValues": [""]},
        })
    return {
        "profile": "tabular-data-package",
        "name": "kommunaler-digitalisierungskatalog",
        "title": "Kommunaler Digitalisierungskatalog",
        "description": "Kommunale Digitalisierungsprojekte, Förderprogramme und Erklärungen von Kommunen zu Projekten "
                       "(nutzt, plant, Austausch, ansprechbar). Textzellen, die mit =, +, -, @, "
                       "Tabulator oder Zeilenumbruch beginnen, tragen zum Schutz vor Formel-Ausführung ein vorangestelltes „'“.",
        "version": format_version(),
        "created": f"{catalogue.build_date.isoformat()}T00:00:00Z",
        "licenses": [{"name": LICENCE, "title": "Creative Commons Attribution 4.0",
                      "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "sources": [{"title": "Gemeindeverzeichnis (Destatis), dl-de/by-2-0", "path": "https://www.govdata.de/dl-de/by-2-0"}],
        "x-attribution": ATTRIBUTION,
        "resources": resources,
    }


def write(catalogue, enriched, out_dir: Path) -> list[Path]:
    target = out_dir / "datapackage.json"
    target.write_text(json.dumps(describe(catalogue), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [target]
