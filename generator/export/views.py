"""Record views for exports and site data: the record as written plus derived facts.

One place decides what a flattened project or programme looks like, so the JSON
API, the CSVs, the search index and the explorer data never disagree.
"""
from __future__ import annotations

from functools import lru_cache

from generator import paths
from generator.reference import SIZE_CLASS_LABELS
from generator.schemas import read_schema
from generator.vocabularies import default_vocabularies

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


def label(vocab: str, term: str) -> str:
    return default_vocabularies()[vocab].label(term)


def ordered(record: dict, kind: str) -> dict:
    order = key_order(kind)
    known = [k for k in order if k in record]
    rest = sorted(k for k in record if k not in order)
    return {k: record[k] for k in known + rest}


def municipality_facts(entry: dict, reference) -> dict:
    """A project's municipality entry with names, Land and size class resolved."""
    if "ags" in entry:
        m = reference.get(entry["ags"])
        if m is None:  # validated catalogues never get here; keep the key visible anyway
            return {"ags": entry["ags"], "role": entry.get("role", ""), "name": entry["ags"]}
        return {
            "ags": m.key, "role": entry.get("role", ""), "name": m.name, "official_name": m.official_name,
            "level": m.level, "type": m.applicant_type, "type_label": m.type_label,
            "land": m.land_code, "land_name": m.land_name, "kreis": m.kreis_name,
            "population": m.population, "size_class": m.size_class,
            "size_class_label": SIZE_CLASS_LABELS.get(m.size_class, m.size_class),
            "lat": m.lat, "lon": m.lon,
        }
    land = entry.get("land", "")
    kind = entry.get("type", "")
    # without an official key the population is unknown; only a Landkreis has a class of its own
    size = "landkreis" if kind == "landkreis" else ""
    return {
        "ags": None, "role": entry.get("role", ""), "name": entry.get("name", ""), "official_name": entry.get("name", ""),
        "level": "ohne-schluessel", "type": kind, "type_label": label("applicant-types", kind) if kind else "",
        "land": land, "land_name": label("laender", land) if land else "", "kreis": "",
        "population": None, "size_class": size, "size_class_label": SIZE_CLASS_LABELS.get(size, "") if size else "",
        "lat": None, "lon": None,
    }


def _unique(values) -> list:
    seen = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return seen


def project_view(catalogue, enriched, pid: str) -> dict:
    record = catalogue.projects[pid]
    munis = [municipality_facts(m, catalogue.reference) for m in record.get("municipalities", [])]
    reuse = record.get("reuse", {}) or {}
    derived = {
        "page": page_path("project", pid),
        "status_label": label("project-statuses", record["status"]),
        "topic_labels": [label("topics", t) for t in record.get("topics", [])],
        "municipalities": munis,
        "lands": _unique(m["land"] for m in munis),
        "land_names": _unique(m["land_name"] for m in munis),
        "size_classes": _unique(m["size_class"] for m in munis),
        "programmes": _unique(f.get("programme") for f in record.get("funding", []) or []),
        "reusable": bool(reuse.get("open_source") or reuse.get("reusable") or reuse.get("efa")),
        "added": enriched.added.get(pid) if enriched else None,
        "similar_projects": [s.id for s in (enriched.similar_projects.get(pid, []) if enriched else [])],
        "matching_programmes": [m.programme for m in (enriched.funding_matches.get(pid, []) if enriched else [])],
        "declarations": [d.id for _relation, group in (enriched.declarations_by_project.get(pid, []) if enriched else [])
                         for d in group],
    }
    return ordered(record, "project") | {"derived": derived}


DECLARATIONS_ANCHOR = "nachnutzung-und-interesse"  # the section on the project page


def declaration_view(catalogue, enriched, did: str) -> dict:
    """A declaration as written plus its declarer resolved and the project it names."""
    record = catalogue.declarations[did]
    project = catalogue.projects.get(record.get("project"), {})
    declarer = municipality_facts(dict(record.get("declarer") or {}), catalogue.reference)
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
        "level_label": label("funding-levels", record["level"]),
        "land_names": [label("laender", c) for c in record.get("lands", [])] or ["bundesweit"],
        "eligible_labels": [label("applicant-types", e) for e in record.get("eligible", [])],
        "topic_labels": [label("topics", t) for t in record.get("topics", [])],
        "funding_type_label": label("funding-types", record["funding_type"]),
        "projects": list(enriched.projects_by_programme.get(fid, [])) if enriched else [],
        "added": enriched.added.get(fid) if enriched else None,
        "similar_programmes": [s.id for s in (enriched.similar_programmes.get(fid, []) if enriched else [])],
    }
    return ordered(record, "funding") | {"derived": derived}
