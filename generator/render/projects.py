"""One page per project: facts, description, experience, similar projects, funding matches."""
from __future__ import annotations

from generator.render import base
from generator.render import partners
from generator.render.views import programme_card, project_card


def render(catalogue, enriched) -> dict[str, str]:
    repository = base.repository_url()
    form = partners.form_url()
    pages = {}
    for pid, project in catalogue.projects.items():
        here = base.project_page(pid)
        matches = [(programme_card(catalogue, enriched, m.programme), tuple(m.reasons))
                   for m in enriched.funding_matches.get(pid, []) if m.programme in catalogue.funding]
        pages[here] = base.page(
            "project.md.j2", here, title=project["title"], description=project.get("summary"),
            p=project,
            bodies=enriched.projects[pid].places,
            kreise=_kreise(enriched.projects[pid].places, catalogue.reference),
            funding_used=_funding_used(project, catalogue),
            similar=[(project_card(catalogue, enriched, link.id), link.reasons)
                     for link in enriched.similar_projects.get(pid, []) if link.id in catalogue.projects],
            matches=[m for m in matches if m[0].status is None or m[0].status.status != "geschlossen"],
            closed_matches=[m for m in matches if m[0].status is not None and m[0].status.status == "geschlossen"],
            declared=partners.for_project(catalogue, enriched, pid), form=form,
            lead=enriched.projects[pid].lead,
            **base.edit_target(catalogue, pid, repository),
        )
    return pages


def _kreise(places, reference) -> dict:
    """Kreis of each keyed Gemeinde, for the facts box."""
    out = {}
    for body in places:
        m = body.municipality
        if m is not None and m.level in ("gemeinde", "verband"):
            kreis = reference.kreis_of(m)
            if kreis is not None and kreis.applicant_type != "kreisfreie-stadt":
                out[m.key] = kreis
    return out


def _funding_used(project, catalogue) -> list:
    out = []
    for entry in project.get("funding", []):
        out.append({"entry": entry, "programme": catalogue.funding.get(entry.get("programme"))})
    return out
