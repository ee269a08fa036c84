"""Small in-memory catalogues for the enrich tests: complete, schema-valid records built from a few fields.

Official keys used (Destatis reference data in the repository):
Köln 05315000 (kreisfreie Stadt, NW, über 100.000), Dresden 14612000 (kreisfreie Stadt, SN),
Zwickau 14524330 (Stadt, SN, 20.000–100.000), Bannewitz 14628050 (Gemeinde, SN, 5.000–20.000),
Freising 09178124 (Stadt, BY, 20.000–100.000), Garmisch-Partenkirchen 09180117 (Gemeinde, BY, 20.000–100.000),
Erzgebirgskreis 14521 (Landkreis, SN).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from generator.catalogue import Catalogue
from generator.reference import default_reference

BUILD_DATE = dt.date(2026, 11, 27)

KOELN, DRESDEN, ZWICKAU, BANNEWITZ = "05315000", "14612000", "14524330", "14628050"
FREISING, GARMISCH, ERZGEBIRGSKREIS = "09178124", "09180117", "14521"


def project(record_id: str, *, ags: str = KOELN, **fields) -> dict:
    record = {
        "id": record_id,
        "title": f"Projekt {record_id}",
        "summary": "Eine Kommune erprobt ein digitales Verfahren.",
        "municipalities": [{"ags": ags, "role": "lead"}],
        "topics": ["verwaltung"],
        "status": "betrieb",
        "start": "2024",
        "contact": {"organisation": "Stadtverwaltung", "url": "https://www.example.org/kontakt"},
        "sources": [{"url": f"https://www.example.org/{record_id}"}],
        "last_reviewed": "2026-10-01",
    }
    record.update(fields)
    return record


def programme(record_id: str, **fields) -> dict:
    record = {
        "id": record_id,
        "title": f"Programm {record_id}",
        "summary": "Ein Programm fördert kommunale Vorhaben mit Zuschüssen.",
        "funder": "Ministerium",
        "level": "bund",
        "lands": [],
        "eligible": ["gemeinde", "stadt", "kreisfreie-stadt", "landkreis"],
        "topics": ["verwaltung"],
        "funding_type": "zuschuss",
        "application": {"status": "laufend"},
        "url": f"https://www.example.org/{record_id}",
        # the programme page, checked on 1 October 2026: the status shown rests on it (record format 1.1)
        "sources": [{"url": f"https://www.example.org/{record_id}", "as_of": "2026-10-01", "confirms_status": True}],
        "last_reviewed": "2026-10-01",
    }
    record.update(fields)
    return record


def catalogue(projects=(), funding=(), build_date: dt.date = BUILD_DATE) -> Catalogue:
    """A Catalogue as load_catalogue would return it, without files on disk."""
    return Catalogue({p["id"]: p for p in sorted(projects, key=lambda p: p["id"])},
                     {f["id"]: f for f in sorted(funding, key=lambda f: f["id"])},
                     {}, default_reference(), build_date)


def write(root: Path, projects=(), funding=()) -> Path:
    """The same records as YAML files under root/projects and root/funding (for validator and git tests)."""
    for folder, records in (("projects", projects), ("funding", funding)):
        (root / folder).mkdir(parents=True, exist_ok=True)
        for record in records:
            (root / folder / f"{record['id']}.yaml").write_text(
                yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root
