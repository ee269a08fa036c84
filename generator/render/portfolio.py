"""The portfolio (steering) view on municipality, Kreis and Land pages.

`view(...)` prepares a generator.portfolio.Portfolio for the partial template
`_portfolio.html.j2`, which municipality.md.j2 and land.md.j2 include. Long lists are cut
(with "und N weitere") so a Land page stays small; the numbers always count everything.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator import portfolio as logic
from generator.render.views import ProjectCard, programme_card, project_card

BOARD_ITEMS = 12  # titles per status column
IDEAS_SHOWN = 10  # ideas with their similar completed projects
OPPORTUNITIES_SHOWN = 10
PROJECTS_PER_OPPORTUNITY = 5


@dataclass(frozen=True)
class PortfolioView:
    p: logic.Portfolio
    scope: str  # German: whose records, e.g. "Projekte des Kreises und seiner Gemeinden"
    cards: dict  # project id -> ProjectCard for every id the view links
    programmes: dict  # programme id -> ProgrammeCard (programmes in the catalogue)
    date: object  # build date: funding status and opportunities are computed for it
    board_items: int = BOARD_ITEMS
    ideas_shown: int = IDEAS_SHOWN
    opportunities_shown: int = OPPORTUNITIES_SHOWN
    projects_per_opportunity: int = PROJECTS_PER_OPPORTUNITY

    def card(self, pid: str) -> ProjectCard:
        return self.cards[pid]


def view(catalogue, enriched, p: logic.Portfolio, scope: str) -> PortfolioView:
    wanted = set()
    for _status, ids in p.board:
        wanted.update(ids[:BOARD_ITEMS])
    for o in p.opportunities[:OPPORTUNITIES_SHOWN]:
        wanted.update(o.projects[:PROJECTS_PER_OPPORTUNITY])
    for idea, links in p.twins[:IDEAS_SHOWN]:
        wanted.add(idea)
        wanted.update(link.id for link in links)
    cards = {pid: project_card(catalogue, pid) for pid in sorted(wanted) if pid in catalogue.projects}
    programmes = {fid: programme_card(catalogue, enriched, fid)
                  for fid in [line.programme for line in p.funding] + [o.programme for o in p.opportunities]
                  if fid in catalogue.funding}
    return PortfolioView(p, scope, cards, programmes, catalogue.build_date)


def for_municipality(catalogue, enriched, m, by_kreis: dict | None = None) -> PortfolioView:
    if m.level == "kreis" and m.applicant_type != "kreisfreie-stadt":
        scope = "Projekte des Kreises und seiner Gemeinden; ein Projekt mehrerer Gemeinden zählt einmal."
    else:
        scope = "Projekte, an denen die Kommune beteiligt ist (federführend oder als Partner)."
    return view(catalogue, enriched, logic.for_municipality(catalogue, enriched, m, by_kreis), scope)


def for_land(catalogue, enriched, ids: list[str], land_name: str) -> PortfolioView:
    scope = f"Projekte mit Beteiligten in {land_name}; ein Projekt mehrerer Kommunen zählt einmal."
    return view(catalogue, enriched, logic.portfolio(catalogue, enriched, ids), scope)
