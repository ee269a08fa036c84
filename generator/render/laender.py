"""Overview by Land: its projects, its municipalities with records and the programmes of that Land."""
from __future__ import annotations

from generator.render import base
from generator.render import portfolio as portfolio_view
from generator.render.municipalities import keyed_municipalities
from generator.render.views import programme_cards, project_cards


def render(catalogue, enriched) -> dict[str, str]:
    labels = base.labels()
    projects = enriched.projects_by_land
    municipalities: dict[str, list] = {}
    for m, ids in keyed_municipalities(catalogue, enriched):
        municipalities.setdefault(m.land_code, []).append((m, len(ids)))
    programmes: dict[str, list[str]] = {}
    nationwide = 0
    for fid, f in catalogue.funding.items():
        if not f.get("lands"):
            nationwide += 1
        for code in f.get("lands", []):
            programmes.setdefault(code, []).append(fid)
    pages, rows = {}, []
    for code in labels.land_codes():
        here = base.land_page(code)
        name = labels.land(code)
        pages[here] = base.page(
            "land.md.j2", here, title=name, searchable=False, description=f"Digitalisierungsprojekte und Förderprogramme in {name}",
            code=code, name=name, projects=project_cards(catalogue, enriched, projects.get(code, [])),
            municipalities=municipalities.get(code, []),
            programmes=programme_cards(catalogue, enriched, programmes.get(code, [])), nationwide=nationwide,
            portfolio=portfolio_view.for_land(catalogue, enriched, projects.get(code, []), name, code),
        )
        rows.append((code, name, len(projects.get(code, [])), len(municipalities.get(code, [])), len(programmes.get(code, []))))
    pages[base.LAENDER_INDEX] = base.page(
        "laender_index.md.j2", base.LAENDER_INDEX, title="Länder", searchable=False,
        description="Projekte, Kommunen und Förderprogramme nach Land.", rows=rows, nationwide=nationwide,
    )
    return pages
