"""Coverage of the catalogue: how many records per Land, Handlungsfeld, size class and status.

`coverage(catalogue, enriched)` is a pure function over a validated `Catalogue` and its derived model
(`Enriched`: places, Länder, lead and programme status are read from there, never derived again);
`katalog stats` prints it and the site's about page shows the same figures. Counting rules:

- A project counts once in every Land in which one of its municipalities lies
  (official key -> reference data; bodies without a key -> their `land`), so a
  project of Hamburg, Leipzig and München counts in three Länder.
- A programme counts per Land as a Land programme only if it is one (`level: land`);
  nationwide and EU programmes (`lands: []`) are counted separately, once, and
  are not spread over the Länder. EU or Bund programmes limited to some Länder
  (e.g. Interreg CENTRAL EUROPE: `level: eu` with nine `lands`) count per Land in a
  column of their own (`funding_regional`), never as Land programmes. "Länder ohne
  Programm" means without a Land programme.
- A project counts once in every size class of its municipalities (reference
  `size_class`); municipalities without an official key count as "ohne Schlüssel".
- A record counts once in each of its Handlungsfelder.
- Programme status is the status a reader sees at the build date (`enriched.programme_status`,
  see enrich/deadlines.py).
- "Wer führt": a project counts once, in the class of its lead municipality (the first
  entry with role lead); Ämter, Verbandsgemeinden and Samtgemeinden (9-digit key) form
  their own class. "Kleine Kommunen führen" lists the projects led by a Gemeinde under
  5,000 inhabitants or by a Gemeindeverband.
- Programmes per applicant type: a programme counts once for every type of body that
  may apply (`eligible`), so the table shows which kinds of municipality find funding.
- Gaps: Länder without project or Land programme, Handlungsfelder with fewer than
  MIN_PROJECTS_PER_TOPIC projects or without programme, lead classes without project,
  municipal applicant types without programme, and per Land the Handlungsfelder without
  a project there.
"""
from __future__ import annotations

from collections import Counter

from generator.enrich import UNCLEAR
from generator.enrich.types import Enriched, ProjectFacts
from generator.reference import SIZE_CLASS_KREIS, SIZE_CLASS_LAND, SIZE_CLASS_LABELS, SIZE_CLASSES
from generator.vocabularies import default_vocabularies

NO_KEY = "ohne-schluessel"
VERBAND = "gemeindeverband"
VERBAND_LABEL = "Amt, Verbandsgemeinde, Samtgemeinde"
MIN_PROJECTS_PER_TOPIC = 3
SMALL_LEAD_CLASSES = ("unter-5000", VERBAND)
# Applicant types that stand for municipalities; a programme gap among these is named.
MUNICIPAL_APPLICANTS = ("gemeinde", "stadt", "kreisfreie-stadt", "landkreis", "gemeindeverband", "zweckverband")
NO_KEY_LABEL = "ohne amtlichen Schlüssel (z. B. Zweckverband, Verband)"
SIZE_ORDER = [cid for cid, *_rest in SIZE_CLASSES] + [SIZE_CLASS_KREIS[0], SIZE_CLASS_LAND[0], NO_KEY]
SIZE_LABELS = SIZE_CLASS_LABELS | {NO_KEY: NO_KEY_LABEL}
LEAD_ORDER = [cid for cid, *_rest in SIZE_CLASSES] + [VERBAND, SIZE_CLASS_KREIS[0], SIZE_CLASS_LAND[0], NO_KEY]
LEAD_LABELS = SIZE_LABELS | {VERBAND: VERBAND_LABEL}


def project_size_classes(facts: ProjectFacts) -> set[str]:
    """Size classes of a project's municipalities (Gemeinde by population, Kreis, Land, or without key)."""
    return {p.size_class if p.municipality is not None else NO_KEY for p in facts.places}


def lead_class(facts: ProjectFacts) -> str:
    """Class of the project's lead: Gemeinde size class, Gemeindeverband, Kreis, Land or without key."""
    municipality = facts.lead.municipality if facts.lead else None
    if municipality is None:
        return NO_KEY
    return VERBAND if municipality.level == "verband" else municipality.size_class


def _rows(order: list[str], labels: dict, **counters: Counter) -> list[dict]:
    """One row per id in order, with a count column per counter (zeros included, so gaps show)."""
    return [{"id": term, "label": labels.get(term, term), **{name: c.get(term, 0) for name, c in counters.items()}}
            for term in order]


def coverage(catalogue, enriched: Enriched) -> dict:
    """All coverage figures as plain data (JSON-ready, German labels)."""
    vocab = default_vocabularies()
    laender = vocab["laender"].labels()
    land_order = list(laender)
    projects, funding = catalogue.projects, catalogue.funding
    facts = enriched.projects

    projects_by_land = Counter(land for pid in projects for land in facts[pid].lands)
    land_programmes = [f for f in funding.values() if f.get("level") == "land"]
    regional = [f for f in funding.values() if f.get("lands") and f.get("level") != "land"]
    funding_by_land = Counter(land for f in land_programmes for land in f.get("lands") or [])
    regional_by_land = Counter(land for f in regional for land in f.get("lands") or [])
    nationwide = [f for f in funding.values() if not f.get("lands")]
    nationwide_by_level = Counter(f.get("level") for f in nationwide)
    levels = vocab["funding-levels"]

    topic_labels = vocab["topics"].labels()
    topic_projects = Counter(t for p in projects.values() for t in p.get("topics") or [])
    topic_funding = Counter(t for f in funding.values() for t in f.get("topics") or [])
    sizes = Counter(c for pid in projects for c in project_size_classes(facts[pid]))
    project_status = Counter(p.get("status") for p in projects.values())
    leads = {pid: lead_class(facts[pid]) for pid in projects}
    lead_counts = Counter(leads.values())
    applicants = vocab["applicant-types"]
    funding_by_applicant = Counter(a for f in funding.values() for a in f.get("eligible") or [])
    land_topics = Counter((land, t) for pid, p in projects.items() for land in facts[pid].lands
                          for t in p.get("topics") or [])
    statuses = {pid: enriched.programme_status[pid] for pid in funding}
    funding_status = Counter(s.status for s in statuses.values())
    declared_differs = sorted(pid for pid, s in statuses.items()
                              if s.status != (funding[pid].get("application") or {}).get("status"))

    return {
        "build_date": catalogue.build_date.isoformat(),
        "totals": {"projects": len(projects), "funding": len(funding),
                   "funding_nationwide": len(nationwide), "funding_land_specific": len(land_programmes),
                   "funding_regional": len(regional)},
        "by_land": _rows(land_order, laender, projects=projects_by_land, funding=funding_by_land,
                         funding_regional=regional_by_land),
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
        "projects_by_lead_class": _rows(LEAD_ORDER, LEAD_LABELS, projects=lead_counts),
        "projects_led_by_small_municipalities": sorted(pid for pid, c in leads.items() if c in SMALL_LEAD_CLASSES),
        "funding_by_applicant_type": _rows(applicants.ids, applicants.labels(), funding=funding_by_applicant),
        "min_projects_per_topic": MIN_PROJECTS_PER_TOPIC,
        "topics_below_min_projects": [
            {"id": t, "label": topic_labels[t], "projects": topic_projects.get(t, 0)}
            for t in vocab["topics"].ids if topic_projects.get(t, 0) < MIN_PROJECTS_PER_TOPIC],
        "topics_without_programme": [{"id": t, "label": topic_labels[t]} for t in vocab["topics"].ids
                                     if not topic_funding.get(t)],
        "lead_classes_without_project": [{"id": c, "label": LEAD_LABELS[c]} for c in LEAD_ORDER
                                         if c != NO_KEY and not lead_counts.get(c)],
        "municipal_applicant_types_without_programme": [
            {"id": a, "label": applicants.label(a)} for a in MUNICIPAL_APPLICANTS if not funding_by_applicant.get(a)],
        "topics_without_project_per_land": [{"id": c, "label": laender[c],
                                             "topics": [t for t in vocab["topics"].ids if not land_topics.get((c, t))]}
                                            for c in land_order],
    }
