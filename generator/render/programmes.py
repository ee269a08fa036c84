"""One page per funding programme, plus the list of all programmes."""
from __future__ import annotations

from generator.enrich.deadlines import STATUS_EVIDENCE_MONTHS, when
from generator.render import base
from generator.render.views import programme_card, programme_cards, programme_status, project_cards


def render(catalogue, enriched) -> dict[str, str]:
    repository = base.repository_url()
    by_programme: dict[str, list] = {}
    for d in enriched.deadlines:
        by_programme.setdefault(d.programme, []).append(d)
    pages = {}
    for fid, programme in catalogue.funding.items():
        here = base.programme_page(fid)
        pages[here] = base.page(
            "programme.md.j2", here, title=programme["title"], description=programme.get("summary"),
            f=programme,
            status=programme_status(enriched, fid),
            evidence=_evidence(programme_status(enriched, fid)), evidence_months=STATUS_EVIDENCE_MONTHS,
            build_date=enriched.build_date.isoformat(),
            deadlines=by_programme.get(fid, []),
            funded=project_cards(catalogue, enriched, enriched.projects_by_programme.get(fid, [])),
            similar=[(programme_card(catalogue, enriched, link.id), link.reasons)
                     for link in enriched.similar_programmes.get(fid, []) if link.id in catalogue.funding],
            **base.edit_target(catalogue, fid, repository),
        )
    pages[base.PROGRAMMES_INDEX] = base.page(
        "programmes_index.md.j2", base.PROGRAMMES_INDEX, title="Förderprogramme", searchable=False,
        description="Alle Förderprogramme im Katalog, nach Antragsstatus und Ebene.",
        groups=_groups(catalogue, enriched), total=len(catalogue.funding), evidence_months=STATUS_EVIDENCE_MONTHS,
        build_date=enriched.build_date.isoformat(),
    )
    return pages


GROUPS = (("offen", "Jetzt offen"), ("laufend", "Fortlaufend antragsfähig"), ("angekuendigt", "Angekündigt"),
          ("unklar", "Stand unklar – bitte beim Fördergeber prüfen"), ("geschlossen", "Derzeit geschlossen"),
          ("", "Status unbekannt"))


def _evidence(status) -> str:
    """ "am 12.03.2026" for the newest source confirming the status, "" without one."""
    return when(status.evidence) if status is not None and status.evidence else ""


def _groups(catalogue, enriched) -> list:
    cards = programme_cards(catalogue, enriched, catalogue.funding)
    out = []
    for status, heading in GROUPS:
        members = [c for c in cards if (c.status.status if c.status else "") == status]
        if members:
            out.append((heading, members))
    return out
