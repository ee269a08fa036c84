"""Coverage of the catalogue: how many records per Land, Handlungsfeld, size class and status.

`coverage(catalogue)` is a pure function over a validated `Catalogue`; `katalog stats`
prints it and the site's about page shows the same figures. Counting rules:

- A project counts once in every Land in which one of its municipalities lies
  (official key -> reference data; bodies without a key -> their `land`), so a
  project of Hamburg, Leipzig and München counts in three Länder.
- A programme counts per Land only if it is Land-specific (`lands` not empty);
  nationwide and EU programmes (`lands: []`) are counted separately, once, and
  are not spread over the Länder. "Länder ohne Programm" means without a
  Land-specific programme.
- A project counts once in every size class of its municipalities (reference
  `size_class`); municipalities without an official key count as "ohne Schlüssel".
- A record counts once in each of its Handlungsfelder.
- Programme status is the status a reader sees at the build date
  (`enrich.deadlines.programme_status`: computed from the deadlines, else as declared).
"""
from __future__ import annotations

from collections import Counter

from generator.enrich import UNCLEAR
from generator.enrich.deadlines import programme_status
from generator.reference import SIZE_CLASS_KREIS, SIZE_CLASS_LAND, SIZE_CLASS_LABELS, SIZE_CLASSES
from generator.vocabularies import default_vocabularies

NO_KEY = "ohne-schluessel"
NO_KEY_LABEL = "ohne amtlichen Schlüssel (z. B. Zweckverband, Verband)"
SIZE_ORDER = [cid for cid, *_rest in SIZE_CLASSES] + [SIZE_CLASS_KREIS[0], SIZE_CLASS_LAND[0], NO_KEY]
SIZE_LABELS = SIZE_CLASS_LABELS | {NO_KEY: NO_KEY_LABEL}


def project_lands(project: dict, reference) -> set[str]:
    """ISO codes of the Länder a project's municipalities lie in."""
    lands = set()
    for entry in project.get("municipalities") or []:
        if entry.get("ags"):
            municipality = reference.get(entry["ags"])
            if municipality:
                lands.add(municipality.land_code)
        elif entry.get("land"):
            lands.add(entry["land"])
    return lands


def project_size_classes(project: dict, reference) -> set[str]:
    """Size classes of a project's municipalities (Gemeinde by population, Kreis, Land, or without key)."""
    classes = set()
    for entry in project.get("municipalities") or []:
        municipality = reference.get(entry["ags"]) if entry.get("ags") else None
        classes.add(municipality.size_class if municipality else NO_KEY)
    return classes


def _rows(order: list[str], labels: dict, **counters: Counter) -> list[dict]:
    """One row per id in order, with a count column per counter (zeros included, so gaps show)."""
    return [{"id": term, "label": labels.get(term, term), **{name: c.get(term, 0) for name, c in counters.items()}}
            for term in order]


def coverage(catalogue) -> dict:
    """All coverage figures as plain data (JSON-ready, German labels)."""
    vocab = default_vocabularies()
    laender = vocab["laender"].labels()
    land_order = list(laender)
    reference = catalogue.reference
    projects, funding = catalogue.projects, catalogue.funding

    projects_by_land = Counter(land for p in projects.values() for land in project_lands(p, reference))
    funding_by_land = Counter(land for f in funding.values() for land in f.get("lands") or [])
    nationwide = [f for f in funding.values() if not f.get("lands")]
    nationwide_by_level = Counter(f.get("level") for f in nationwide)
    levels = vocab["funding-levels"]

    topic_projects = Counter(t for p in projects.values() for t in p.get("topics") or [])
    topic_funding = Counter(t for f in funding.values() for t in f.get("topics") or [])
    sizes = Counter(c for p in projects.values() for c in project_size_classes(p, reference))
    project_status = Counter(p.get("status") for p in projects.values())
    statuses = {pid: programme_status(record, catalogue.build_date) for pid, record in funding.items()}
    funding_status = Counter(s.status for s in statuses.values())
    declared_differs = sorted(pid for pid, s in statuses.items()
                              if s.status != (funding[pid].get("application") or {}).get("status"))

    return {
        "build_date": catalogue.build_date.isoformat(),
        "totals": {"projects": len(projects), "funding": len(funding),
                   "funding_nationwide": len(nationwide), "funding_land_specific": len(funding) - len(nationwide)},
        "by_land": _rows(land_order, laender, projects=projects_by_land, funding=funding_by_land),
        "funding_nationwide_by_level": [{"id": lv, "label": levels.label(lv), "funding": nationwide_by_level[lv]}
                                        for lv in levels.ids if nationwide_by_level.get(lv)],
        "by_topic": _rows(vocab["topics"].ids, vocab["topics"].labels(), projects=topic_projects, funding=topic_funding),
        "projects_by_size_class": _rows(SIZE_ORDER, SIZE_LABELS, projects=sizes),
        "projects_by_status": _rows(vocab["project-statuses"].ids, vocab["project-statuses"].labels(),
                                    projects=project_status),
        "funding_by_status": _rows([*vocab["application-statuses"].ids, UNCLEAR],
                                   {**vocab["application-statuses"].labels(), UNCLEAR: "Stand unklar"},
                                   funding=funding_status),
        "funding_status_differs_from_declared": declared_differs,
        "laender_without_project": [{"id": c, "label": laender[c]} for c in land_order if not projects_by_land.get(c)],
        "laender_without_land_programme": [{"id": c, "label": laender[c]} for c in land_order
                                           if not funding_by_land.get(c)],
    }
