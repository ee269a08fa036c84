"""Domain views: each rule about projects and municipalities written once.

* `place`: a project's municipality entry resolved against the reference data;
* `project_facts`: lead municipality (first entry with role `lead`, else the first entry),
  Länder, size classes, programmes and reuse flags of a project;
* `projects_by_kreis`, `projects_by_land`: whose projects a Kreis or Land portfolio holds.

`generator.enrich.enrich` computes these once per build into `Enriched`; readers that hold
no `Enriched` (validation checks, `katalog stats`) call the same functions.
"""
from __future__ import annotations

from generator.enrich.types import Place, ProjectFacts
from generator.reference import SIZE_CLASS_KREIS, SIZE_CLASS_LABELS, Reference
from generator.vocabularies import default_vocabularies


def _label(vocabulary: str, term: str) -> str:
    return default_vocabularies()[vocabulary].label(term) if term else ""


def place(entry: dict, reference: Reference) -> Place:
    """One `municipalities[]` entry of a project, resolved."""
    role = str(entry.get("role") or "partner")
    key = entry.get("ags")
    if key:
        m = reference.get(str(key))
        if m is None:  # the validator refuses unknown keys; keep the key visible anyway
            return Place(str(key), role, str(key), str(key), "", "", "", "", "", "", None, "", "", None, None, None)
        return Place(m.name, role, m.key, m.official_name, m.level, m.applicant_type, m.type_label, m.land_code,
                     m.land_name, m.kreis_name, m.population, m.size_class,
                     SIZE_CLASS_LABELS.get(m.size_class, m.size_class), m.lat, m.lon, m)
    name, kind, land = str(entry.get("name") or ""), str(entry.get("type") or ""), str(entry.get("land") or "")
    # without an official key the population is unknown; only a Landkreis has a class of its own
    size = SIZE_CLASS_KREIS[0] if kind == SIZE_CLASS_KREIS[0] else ""
    return Place(name, role, None, name, "ohne-schluessel", kind, _label("applicant-types", kind), land,
                 _label("laender", land), "", None, size, SIZE_CLASS_LABELS.get(size, "") if size else "", None, None)


def places(project: dict, reference: Reference) -> tuple[Place, ...]:
    return tuple(place(m, reference) for m in project.get("municipalities") or [] if isinstance(m, dict))


def lead_of(found: tuple[Place, ...]) -> Place | None:
    """The first place with role lead, else the first place (None for none)."""
    return next((p for p in found if p.is_lead), found[0] if found else None)


def lead(project: dict, reference: Reference) -> Place | None:
    return lead_of(places(project, reference))


def _unique(values) -> tuple:
    return tuple(dict.fromkeys(v for v in values if v))


def project_facts(project_id: str, project: dict, reference: Reference) -> ProjectFacts:
    found = places(project, reference)
    reuse = project.get("reuse") or {}
    return ProjectFacts(
        id=project_id, places=found, lead=lead_of(found),
        lands=tuple(sorted({p.land_code for p in found if p.land_code})),
        size_classes=_unique(p.size_class for p in found),
        programmes=_unique(f.get("programme") for f in project.get("funding") or []
                           if isinstance(f, dict) and isinstance(f.get("programme"), str)),
        seeking_partners=bool(project.get("seeking_partners")),
        open_to_exchange=bool(project.get("open_to_exchange")),
        open_source=bool(reuse.get("open_source")),
        reusable=bool(reuse.get("open_source") or reuse.get("efa") or reuse.get("reusable")),
    )


def all_project_facts(projects: dict, reference: Reference) -> dict[str, ProjectFacts]:
    return {pid: project_facts(pid, projects[pid], reference) for pid in sorted(projects)}


def projects_by_programme(projects: dict, funding: dict) -> dict[str, list[str]]:
    """programme id -> ids of the projects naming it in `funding`, for every programme (sorted)."""
    out: dict[str, list[str]] = {pid: [] for pid in sorted(funding)}
    for project_id in sorted(projects):
        named = {f.get("programme") for f in projects[project_id].get("funding") or [] if isinstance(f, dict)}
        for programme in sorted(p for p in named if isinstance(p, str)):
            out.setdefault(programme, []).append(project_id)
    return out


def projects_by_municipality(projects: dict) -> dict[str, list[str]]:
    """official key -> ids of the projects listing it (lead or partner), keys sorted."""
    out: dict[str, list[str]] = {}
    for project_id in sorted(projects):
        keys = {str(m["ags"]) for m in projects[project_id].get("municipalities") or []
                if isinstance(m, dict) and m.get("ags")}
        for key in keys:
            out.setdefault(key, []).append(project_id)
    return {key: out[key] for key in sorted(out)}


def projects_by_kreis(by_municipality: dict[str, list[str]], reference: Reference) -> dict[str, list[str]]:
    """Landkreis key -> project ids of the Kreis and of its Gemeinden and Verbände, each once, sorted; for
    every Landkreis with records (a kreisfreie Stadt is its own Gemeinde and needs no aggregation)."""
    out: dict[str, set[str]] = {}
    for key, ids in by_municipality.items():
        m = reference.get(key)
        if m is None:
            continue
        kreis_key = m.key if m.level == "kreis" else m.kreis_key if m.level in ("gemeinde", "verband") else ""
        kreis = reference.get(kreis_key) if kreis_key else None
        if kreis is None or kreis.level != "kreis" or kreis.applicant_type == "kreisfreie-stadt":
            continue
        out.setdefault(kreis_key, set()).update(ids)
    return {key: sorted(ids) for key, ids in sorted(out.items())}


def projects_by_land(facts: dict[str, ProjectFacts]) -> dict[str, list[str]]:
    """Land code -> ids of the projects with a place in that Land (sorted)."""
    out: dict[str, list[str]] = {}
    for pid in sorted(facts):
        for code in facts[pid].lands:
            out.setdefault(code, []).append(pid)
    return {code: out[code] for code in sorted(out)}


def area_names(programme: dict) -> list[str]:
    """Where a programme applies, in words: its Länder, else "EU-weit" (level eu) or "bundesweit"."""
    lands = [_label("laender", code) for code in programme.get("lands") or []]
    if lands:
        return lands
    return ["EU-weit"] if programme.get("level") == "eu" else ["bundesweit"]
