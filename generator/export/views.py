"""Record views for exports and site data: the record as written plus derived facts.

One place decides what a flattened project or programme looks like, so the JSON
API, the CSVs, the search index and the explorer data never disagree.
"""
from __future__ import annotations

from functools import lru_cache

from generator import paths
from generator.enrich import domain
from generator.enrich.types import Place
from generator.schemas import read_schema
from generator.vocabularies import label

# Site pages as MkDocs writes them (use_directory_urls: false), relative to the site root.
PAGE_FOLDERS = {"project": "projekte", "funding": "foerderprogramme"}
SCHEMA_NAMES = {kind: schema_file for kind, (_folder, schema_file) in paths.RECORD_KINDS.items()}


def page_path(kind: str, record_id: str) -> str:
    return f"{PAGE_FOLDERS[kind]}/{record_id}.html"


@lru_cache(maxsize=None)
def key_order(kind: str) -> tuple:
    """Top-level keys in the order the schema declares them: stable output for diffs."""
    return tuple(read_schema(SCHEMA_NAMES[kind])["properties"])


@lru_cache(maxsize=None)
def format_version(kind: str = "project") -> str:
    return str(read_schema(SCHEMA_NAMES[kind]).get("x-format-version", "1.0"))


def ordered(record: dict, kind: str) -> dict:
    order = key_order(kind)
    known = [k for k in order if k in record]
    rest = sorted(k for k in record if k not in order)
    return {k: record[k] for k in known + rest}


def municipality_facts(place: Place) -> dict:
    """A project's municipality as the JSON API writes it (`derived.municipalities[]`)."""
    if place.ags is not None and place.municipality is None:  # validated catalogues never get here
        return {"ags": place.ags, "role": place.role, "name": place.name}
    return {
        "ags": place.ags, "role": place.role, "name": place.name, "official_name": place.official_name,
        "level": place.level, "type": place.applicant_type, "type_label": place.type_label,
        "land": place.land_code, "land_name": place.land_name, "kreis": place.kreis_name,
        "population": place.population, "size_class": place.size_class, "size_class_label": place.size_class_label,
        "lat": place.lat, "lon": place.lon,
    }


def project_view(catalogue, enriched, pid: str) -> dict:
    record = catalogue.projects[pid]
    facts = enriched.projects[pid]
    derived = {
        "page": page_path("project", pid),
        "status_label": label("project-statuses", record["status"]),
        "topic_labels": [label("topics", t) for t in record.get("topics", [])],
        "lead_municipality": facts.lead.name if facts.lead else "",
        "municipalities": [municipality_facts(p) for p in facts.places],
        "lands": list(facts.lands),
        "land_names": [label("laender", code) for code in facts.lands],
        "size_classes": list(facts.size_classes),
        "programmes": list(facts.programmes),
        "reusable": facts.reusable,
        "added": enriched.added.get(pid),
        "similar_projects": [s.id for s in enriched.similar_projects.get(pid, [])],
        "matching_programmes": [m.programme for m in enriched.funding_matches.get(pid, [])],
        "declarations": [d.id for _relation, group in enriched.declarations_by_project.get(pid, []) for d in group],
    }
    return ordered(record, "project") | {"derived": derived}


DECLARATIONS_ANCHOR = "nachnutzung-und-interesse"  # the section on the project page


def declaration_view(catalogue, enriched, did: str) -> dict:
    """A declaration as written plus its declarer resolved and the project it names."""
    record = catalogue.declarations[did]
    project = catalogue.projects.get(record.get("project"), {})
    declarer = municipality_facts(domain.place(dict(record.get("declarer") or {}), catalogue.reference))
    declarer.pop("role", None)
    derived = {
        "page": f"{page_path('project', record['project'])}#{DECLARATIONS_ANCHOR}",
        "project_title": project.get("title", ""),
        "project_topics": list(project.get("topics") or []),
        "relation_label": label("declaration-relations", record["relation"]),
        "declarer": declarer,
        "basis": "einwilligung" if record.get("consent") else "quelle",
        "added": enriched.added.get(did) if enriched else None,
    }
    return ordered(record, "declaration") | {"derived": derived}


def programme_view(catalogue, enriched, fid: str) -> dict:
    record = catalogue.funding[fid]
    status = enriched.programme_status.get(fid) if enriched else None
    recorded = (record.get("application") or {}).get("status", "")
    derived = {
        "page": page_path("funding", fid),
        "status": status.status if status else recorded,
        "status_label": status.label if status else label("application-statuses", recorded),
        "status_note": status.note if status else "",
        "next_closes": status.next_closes if status else None,
        "status_evidence": status.evidence if status else None,
        "level_label": label("funding-levels", record["level"]),
        "land_names": domain.area_names(record),
        "eligible_labels": [label("applicant-types", e) for e in record.get("eligible", [])],
        "topic_labels": [label("topics", t) for t in record.get("topics", [])],
        "funding_type_label": label("funding-types", record["funding_type"]),
        "projects": list(enriched.projects_by_programme.get(fid, [])) if enriched else [],
        "added": enriched.added.get(fid) if enriched else None,
        "similar_programmes": [s.id for s in (enriched.similar_programmes.get(fid, []) if enriched else [])],
    }
    return ordered(record, "funding") | {"derived": derived}
