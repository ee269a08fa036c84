"""The portfolio (steering) view on municipality, Kreis and Land pages.

`for_municipality` / `for_land` turn a generator.portfolio.Portfolio into plain rows for the
partial template `_portfolio.html.j2` (included by municipality.md.j2 and land.md.j2): titles,
relative links and labels are resolved here, so the template only prints them (thousands of
pages render this; Jinja function calls per item would dominate the build). Long lists are cut
with "und N weitere"; the numbers always count everything.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator import portfolio as logic
from generator.render import base
from generator.render.views import project_card

BOARD_ITEMS = 12  # titles per status column
IDEAS_SHOWN = 10  # ideas with their similar completed projects
OPPORTUNITIES_SHOWN = 10
PROJECTS_PER_OPPORTUNITY = 5


@dataclass(frozen=True)
class PortfolioView:
    scope: str  # German: whose records and how they are counted
    total: int
    date: object  # build date: funding status and opportunities are computed for it
    board: list  # [(status, label, count, [(href, title)], more)]
    status_labels: list  # column heads of the matrix
    matrix: list  # [(href, topic label, [counts], total)]
    column_totals: list
    funding: list  # [(href | None, title, n projects, amount text, entries without amount, note)]
    funding_total: str
    opportunities: list  # [(href, title, status, label, [(href, title)], more)]
    more_opportunities: int
    twins: list  # [(href, title, [(href, title, place, status label, reasons)])]
    more_ideas: int


def _href(here: str, target: str) -> str:
    """base.relative_url for the case here: pages in a folder below the root linking to .md pages by root
    path (posixpath.relpath per link was the main cost of this view on 7,000 pages)."""
    return "../" * here.count("/") + target[:-3] + base.PAGE_SUFFIX


def _project(catalogue, here: str, pid: str) -> tuple:
    return "../" * here.count("/") + "projekte/" + pid + base.PAGE_SUFFIX, catalogue.projects[pid]["title"]


def _credit_note(line: logic.FundingLine) -> str:
    parts = []
    if line.shared:
        parts.append(f"{base.plural(len(line.shared), 'Projekt', 'Projekte')} anteilig laut Quelle")
    if line.elsewhere:
        parts.append(f"{base.plural(len(line.elsewhere), 'Projekt', 'Projekte')} als Partner: Förderung zählt bei der "
                     "federführenden Kommune")
    return "; ".join(parts)


def view(catalogue, enriched, p: logic.Portfolio, scope: str, here: str) -> PortfolioView:
    labels = base.labels()
    board = [(status, labels.status(status), len(ids), [_project(catalogue, here, pid) for pid in ids[:BOARD_ITEMS]],
              max(0, len(ids) - BOARD_ITEMS)) for status, ids in p.board]
    matrix = [(_href(here, base.topic_page(topic)), labels.topic(topic), counts, total)
              for topic, counts, total in p.matrix]
    funding = [(_href(here, base.programme_page(line.programme)) if line.programme in catalogue.funding else None,
                line.title, len(line.projects),
                base.euro(line.amount_eur) if line.amount_eur or not (line.without_amount or line.elsewhere) else "–",
                line.without_amount, _credit_note(line))
               for line in p.funding]
    opportunities = [(_href(here, base.programme_page(o.programme)), catalogue.funding[o.programme]["title"],
                      o.status, o.label, [_project(catalogue, here, pid) for pid in o.projects[:PROJECTS_PER_OPPORTUNITY]],
                      max(0, len(o.projects) - PROJECTS_PER_OPPORTUNITY))
                     for o in p.opportunities[:OPPORTUNITIES_SHOWN]]
    twins = []
    for idea, links in p.twins[:IDEAS_SHOWN]:
        rows = []
        for link in links:
            card = project_card(catalogue, enriched, link.id)
            place = ", ".join(x for x in ((card.lead.name if card.lead else ""),
                                          ", ".join(labels.land(c) for c in card.lands)) if x)
            rows.append((*_project(catalogue, here, link.id), place, labels.status(card.status), "; ".join(link.reasons)))
        twins.append((*_project(catalogue, here, idea), rows))
    return PortfolioView(
        scope=scope, total=len(p.project_ids), date=catalogue.build_date, board=board,
        status_labels=[labels.status(s) for s in p.statuses], matrix=matrix, column_totals=p.column_totals,
        funding=funding, funding_total=base.euro(p.funding_total), opportunities=opportunities,
        more_opportunities=max(0, len(p.opportunities) - OPPORTUNITIES_SHOWN), twins=twins,
        more_ideas=max(0, len(p.twins) - IDEAS_SHOWN),
    )


def for_municipality(catalogue, enriched, m) -> PortfolioView:
    if m.level == "kreis" and m.applicant_type != "kreisfreie-stadt":
        scope = "Projekte des Kreises und seiner Gemeinden; ein Projekt mehrerer Gemeinden zählt einmal."
    else:
        scope = "Projekte, an denen die Kommune beteiligt ist (federführend oder als Partner)."
    p = logic.for_municipality(catalogue, enriched, m)
    return view(catalogue, enriched, p, scope, base.municipality_page(m))


def for_land(catalogue, enriched, ids: list[str], land_name: str, code: str) -> PortfolioView:
    scope = f"Projekte mit Beteiligten in {land_name}; ein Projekt mehrerer Kommunen zählt einmal."
    return view(catalogue, enriched, logic.for_land(catalogue, enriched, ids, code), scope, base.land_page(code))
