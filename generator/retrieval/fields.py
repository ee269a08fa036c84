"""The searchable fields of projects and programmes, as plain text (no export/ or render/ imports)."""
from __future__ import annotations

from generator.vocabularies import default_vocabularies


# what a record is, as searchable words: "Fördermittel für Smart City" asks for programmes
KIND_WORDS = {"project": "Projekt", "funding": "Förderprogramm"}


def _strings(*values) -> str:
    out = []
    for value in values:
        if isinstance(value, (list, tuple)):
            out.extend(str(v) for v in value if v)
        elif value:
            out.append(str(value))
    return " ".join(out)


def _labels(vocab: str, ids) -> list[str]:
    labels = default_vocabularies()[vocab].labels()
    return [labels.get(i, i) for i in ids or [] if isinstance(i, str)]


def places(record: dict, reference) -> list[str]:
    """Names of the record's municipalities, their Kreise and Länder (generator.enrich.domain)."""
    from generator.enrich import domain

    found = domain.places(record, reference)
    out = [m.name for m in found] + [m.land_name for m in found] + [m.kreis_name for m in found]
    return [p for p in dict.fromkeys(out) if p]


def _area_names(record: dict) -> list[str]:
    from generator.enrich import domain

    return list(domain.area_names(record))


def project_fields(record: dict, reference) -> dict:
    experience = record.get("experience") or {}
    return {
        "kind": KIND_WORDS["project"],
        "title": str(record.get("title", "")),
        "tags": _strings(record.get("tags") or []),
        "places": _strings(places(record, reference)),
        "topics": _strings(_labels("topics", record.get("topics"))),
        "summary": str(record.get("summary", "") or ""),
        "details": _strings(record.get("description"), record.get("seeking"), experience.get("outcome"),
                            [p.get("name") for p in record.get("partners") or [] if isinstance(p, dict)]),
    }


def funding_fields(record: dict) -> dict:
    levels = default_vocabularies()["funding-levels"].labels()
    return {
        "kind": KIND_WORDS["funding"],
        "title": str(record.get("title", "")),
        "tags": _strings(record.get("tags") or []),
        "funder": _strings(record.get("funder"), record.get("administered_by")),
        "topics": _strings(_labels("topics", record.get("topics"))),
        "lands": _strings(_area_names(record), levels.get(record.get("level", ""), "")),
        "summary": str(record.get("summary", "") or ""),
        "details": _strings(record.get("description"), _labels("applicant-types", record.get("eligible"))),
    }
