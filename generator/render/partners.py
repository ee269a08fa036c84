"""„Partner finden“ and the declaration views shared by project and municipality pages.

The facts come from generator/enrich/partners.py; here they get pages, links and German headings.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.enrich.partners import KIND_LABELS, KINDS, DERIVED_PER_CELL
from generator.render import base
from generator.vocabularies import default_vocabularies

RELATION_HEADINGS = {"nutzt": "Auch im Einsatz bei", "plant": "In Planung bei",
                     "austausch": "Austausch gewünscht von", "ansprechbar": "Ansprechbar"}
FORM_FILE = "nachnutzung-oder-interesse-melden.yml"
FILTER_SCRIPT = "assets/katalog/partner-finden.js"


def form_url() -> str | None:
    """The issue form „Nachnutzung oder Interesse melden“ on GitHub (None without a known repository)."""
    repository = base.repository_url()
    return f"{repository.rstrip('/')}/issues/new?template={FORM_FILE}" if repository else None


def body_page(reference, key: str) -> str | None:
    """The catalogue page of a body with an official key (Länder have none)."""
    m = reference.get(key) if key else None
    if m is None or m.level == "land":
        return None
    return base.municipality_page(m)


def for_project(catalogue, enriched, pid: str) -> list:
    """[(heading, [(Declaration, page of the declarer)])] for a project page, in vocabulary order."""
    return [(RELATION_HEADINGS.get(relation, relation), [(d, body_page(catalogue.reference, d.key)) for d in group])
            for relation, group in enriched.declarations_by_project.get(pid, [])]


def _with_project(catalogue, enriched, d) -> tuple:
    return base.project_page(d.project), catalogue.projects[d.project]["title"]


def relation_label(relation: str) -> str:
    return default_vocabularies()["declaration-relations"].label(relation)


def for_municipality(catalogue, enriched, m, project_ids) -> dict:
    """What a municipality declared, and who declared something about its projects (each with pages)."""
    own = [(d, body_page(catalogue.reference, d.key), _with_project(catalogue, enriched, d), relation_label(d.relation))
           for d in enriched.declarations_by_declarer.get(m.key, [])]
    mine = set(project_ids)
    others = [(d, body_page(catalogue.reference, d.key), _with_project(catalogue, enriched, d), relation_label(d.relation))
              for d in enriched.declarations if d.project in mine and d.key != m.key]
    return {"declared": own, "interest": others}


@dataclass(frozen=True)
class PeerLine:
    topic: str
    project: str  # page
    title: str
    peer: str  # name
    peer_page: str | None
    land: str
    declared: bool


def peers_view(catalogue, enriched, m) -> dict | None:
    found = enriched.peers.get(m.key)
    if found is None:
        return None
    reference = catalogue.reference

    def named(keys):
        return [(reference.get(k), body_page(reference, k)) for k in keys]

    lines = []
    for run in found.runs:
        peer = reference.get(run.peer)
        lines.append(PeerLine(run.topic, base.project_page(run.project), catalogue.projects[run.project]["title"],
                              peer.name, body_page(reference, run.peer), peer.land_code, run.declared))
    return {"same_land": named(found.same_land), "elsewhere": named(found.elsewhere[:12]),
            "more_elsewhere": max(0, len(found.elsewhere) - 12), "runs": lines,
            "class_label": _class_label(m)}


def _class_label(m) -> str:
    """„Stadt, 20.000 bis 100.000 Einwohner“; a Landkreis, whose size class is its type, is named once."""
    kind = m.type_label if m.level != "kreis" else base.labels().applicant(m.applicant_type)
    size = base.size_label(m)
    return kind if size == kind else f"{kind}, {size}"


# --- the page --------------------------------------------------------------------------------------------------------

def render(catalogue, enriched) -> dict[str, str]:
    labels = base.labels()
    topics: list = []  # [(topic, label, [(row, page of body)], hidden counts)]
    current: tuple | None = None
    derived_count: dict = {}
    for row in enriched.partner_rows:
        if current is None or current[0] != row.topic:
            current = (row.topic, labels.topic(row.topic), [], {})
            topics.append(current)
        if row.kind == "aktiv":
            cell = (row.topic, row.land)
            derived_count[cell] = derived_count.get(cell, 0) + 1
            if derived_count[cell] > DERIVED_PER_CELL:
                current[3][row.land] = current[3].get(row.land, 0) + 1
                continue
        current[2].append((row, body_page(catalogue.reference, row.key),
                           catalogue.projects[row.project]["title"]))
    present_lands = sorted({row.land for row in enriched.partner_rows if row.land},
                           key=lambda c: labels.land_codes().index(c) if c in labels.land_codes() else 99)
    stated = len({(r.kind, r.project, r.key or r.name) for r in enriched.partner_rows if r.kind != "aktiv"})
    return {base.PARTNERS: base.page(
        "partner_finden.md.j2", base.PARTNERS, title="Partner finden",
        description="Wer sucht Partner, bietet Austausch an, setzt dasselbe ein oder plant es – und wer arbeitet im "
                    "selben Handlungsfeld an aktiven Projekten: nach Handlungsfeld und Land, jeweils mit Kontakt.",
        topics=topics, lands=present_lands, kind_labels=KIND_LABELS, kinds=KINDS, form=form_url(),
        declarations=len(enriched.declarations), stated=stated, script=FILTER_SCRIPT,
        seeking=sum(1 for p in catalogue.projects.values() if p.get("seeking_partners")),
    )}
