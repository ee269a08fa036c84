"""One page per municipality that has records, and the index of them grouped by Land."""
from __future__ import annotations

from generator.render import base
from generator.render import partners
from generator.render import portfolio as portfolio_view
from generator.render.views import project_cards


def keyed_municipalities(catalogue, enriched) -> list:
    """(Municipality, [project ids]) for every keyed body except Länder, sorted by name."""
    out = []
    for key, ids in {**enriched.projects_by_municipality, **enriched.projects_by_kreis}.items():
        m = catalogue.reference.get(key)  # a Landkreis counts its own projects and its members' (enrich.domain)
        if m is None or m.level == "land" or not ids:
            continue
        out.append((m, ids))
    return sorted(out, key=lambda item: (item[0].name.casefold(), item[0].key))


def declaring_only(catalogue, enriched, entries) -> list:
    """(Municipality, []) for bodies that declared something but have no project of their own."""
    known = {m.key for m, _ids in entries}
    out: list = []
    for key in enriched.declarations_by_declarer:
        m = catalogue.reference.get(key)
        if m is not None and m.level != "land" and key not in known:
            out.append((m, []))
    return out


def distinguishing_label(m, reference) -> str:
    """What tells a body apart from others of the same name: its type and, for a Gemeinde or Verband
    in a Kreis, that Kreis – "Stadt, Kreis Olpe", "Kreis", "Kreisfreie Stadt"."""
    kreis = reference.kreis_of(m) if m.level in ("gemeinde", "verband") else None
    if kreis is None or kreis.applicant_type == "kreisfreie-stadt":
        return m.type_label
    return f"{m.type_label}, {kreis.type_label} {kreis.name}"


def index_entries(catalogue, entries) -> list:
    """(Municipality, project count, label) for the index; the label is set only where names repeat."""
    names: dict[str, int] = {}
    for m, _ids in entries:
        names[m.name.casefold()] = names.get(m.name.casefold(), 0) + 1
    return [(m, len(ids), distinguishing_label(m, catalogue.reference) if names[m.name.casefold()] > 1 else "")
            for m, ids in entries]


def render(catalogue, enriched) -> dict[str, str]:
    pages = {}
    entries = keyed_municipalities(catalogue, enriched)
    entries = sorted(entries + declaring_only(catalogue, enriched, entries),
                     key=lambda item: (item[0].name.casefold(), item[0].key))
    with_pages = {m.key for m, _ids in entries}  # a Kreis without records of its own or its members has no page
    for m, ids in entries:
        here = base.municipality_page(m)
        kreis = catalogue.reference.kreis_of(m) if m.level in ("gemeinde", "verband") else None
        if kreis is not None and kreis.applicant_type == "kreisfreie-stadt":
            kreis = None  # a kreisfreie Stadt is its own Kreis
        pages[here] = base.page(
            "municipality.md.j2", here, title=m.official_name,
            description=f"Digitalisierungsprojekte: {m.official_name} ({base.labels().land(m.land_code)})",
            mun=m, kreis=kreis, kreis_has_page=kreis is not None and kreis.key in with_pages, size=base.size_label(m), projects=project_cards(catalogue, enriched, ids),
            portfolio=portfolio_view.for_municipality(catalogue, enriched, m) if ids else None,
            declared=partners.for_municipality(catalogue, enriched, m, ids),
            peers=partners.peers_view(catalogue, enriched, m), form=partners.form_url(),
        )
    by_land: dict[str, list] = {}
    for m, count, label in index_entries(catalogue, entries):
        by_land.setdefault(m.land_code, []).append((m, count, label))
    groups = [(code, by_land[code]) for code in base.labels().land_codes() if code in by_land]
    pages[base.MUNICIPALITIES_INDEX] = base.page(
        "municipalities_index.md.j2", base.MUNICIPALITIES_INDEX, title="Kommunen", searchable=False,
        description="Alle Kommunen mit Projekten im Katalog, nach Land.",
        groups=groups, total=sum(1 for _m, ids in entries if ids), declaring=sum(1 for _m, ids in entries if not ids),
    )
    return pages
