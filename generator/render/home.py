"""The start page: the three questions as entry points, and live figures."""
from __future__ import annotations

from generator.enrich import deadlines as deadline_rules
from generator.render import base
from generator.render.municipalities import keyed_municipalities
from generator.render.topics import projects_by_topic
from generator.render.views import funding_counts, open_programmes, programme_card, programme_status, project_card

NEW_ON_HOME = 5
UPCOMING_ON_HOME = 3


def figures(catalogue, enriched) -> dict:
    """Projects, municipalities (exactly the entries of the Kommunen index the figure links to),
    Länder and programmes open at the build date."""
    lands = {b.land_code for facts in enriched.projects.values() for b in facts.places if b.land_code}
    return {
        "projects": len(catalogue.projects),
        "municipalities": len(keyed_municipalities(catalogue, enriched)),
        "lands": len(lands),
        "programmes": len(catalogue.funding),
        "open_programmes": len(open_programmes(catalogue, enriched)),
        "funding": funding_counts(catalogue, enriched),
    }


# The funding explorer's URL fragment for each figure (docs/assets/katalog/explorer.js reads it).
EXPLORER_FILTERS = {"with_deadline": "status=offen", "running": "status=laufend", "announced": "status=angekuendigt",
                    "unclear": "status=unklar"}


def render(catalogue, enriched) -> dict[str, str]:
    labels = base.labels()
    by_topic = projects_by_topic(catalogue)
    topics = [(t, labels.topic(t), len(by_topic.get(t, []))) for t in labels.topic_ids()]
    lands = {code: len(ids) for code, ids in enriched.projects_by_land.items()}
    upcoming, seen = [], set()
    today = enriched.build_date
    for d in deadline_rules.upcoming(enriched.deadlines, enriched.programme_status, today):
        if d.programme in catalogue.funding and d.programme not in seen:  # the next deadline of the first programmes
            seen.add(d.programme)
            upcoming.append(d)
    upcoming = upcoming[:UPCOMING_ON_HOME]
    new: list[tuple[str, object, str]] = []
    for kind, rid, date in enriched.new_records[:NEW_ON_HOME]:
        if kind == "project" and rid in catalogue.projects:
            new.append((kind, project_card(catalogue, enriched, rid), date))
        elif kind == "funding" and rid in catalogue.funding:
            new.append((kind, programme_card(catalogue, enriched, rid), date))
    return {base.HOME: base.page(
        "home.md.j2", base.HOME, title="Kommunaler Digitalisierungskatalog", searchable=False, title_in_meta=False,
        description="Digitalisierungsprojekte deutscher Kommunen und passende Förderprogramme: Gleiche Idee? Förderung? Partner?",
        hide=("toc",),
        figures=figures(catalogue, enriched), topics=topics,
        lands=[(code, labels.land(code), lands.get(code, 0)) for code in labels.land_codes()],
        upcoming=[(d, catalogue.funding[d.programme], programme_status(enriched, d.programme),
                   deadline_rules.days_until(d, today)) for d in upcoming],
        evidence_months=deadline_rules.STATUS_EVIDENCE_MONTHS,
        explorer_filters={key: f"{base.FUNDING_EXPLORER}#{value}" for key, value in EXPLORER_FILTERS.items()},
        seeking=sum(1 for p in catalogue.projects.values() if p.get("seeking_partners")),
        exchange=sum(1 for p in catalogue.projects.values() if p.get("open_to_exchange")),
        declarations=len(enriched.declarations),
        new=new, build_date=enriched.build_date.isoformat(),
    )}
