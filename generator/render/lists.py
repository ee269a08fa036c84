"""Cross-cutting lists: Förderkalender, Neu im Katalog („Partner finden“: render/partners.py)."""
from __future__ import annotations

from generator.enrich.history import NEW_RECORDS_RULE
from generator.render import base
from generator.render.views import programme_cards, programme_status, project_card

UPCOMING_STATES = ("laufend", "kommend")


def render(catalogue, enriched) -> dict[str, str]:
    return {
        base.CALENDAR: _calendar(catalogue, enriched),
        base.NEW: _new(catalogue, enriched),
    }


def _calendar(catalogue, enriched) -> str:
    upcoming = [(d, catalogue.funding[d.programme], programme_status(enriched, d.programme))
                for d in enriched.deadlines if d.state in UPCOMING_STATES and d.programme in catalogue.funding]
    months: list[tuple[str, list]] = []
    for item in upcoming:
        month = item[0].closes[:7]
        if not months or months[-1][0] != month:
            months.append((month, []))
        months[-1][1].append(item)
    with_deadline = {d.programme for d in enriched.deadlines if d.state in UPCOMING_STATES}
    rolling = [fid for fid in catalogue.funding
               if (s := programme_status(enriched, fid)) is not None and s.status == "laufend" and fid not in with_deadline]
    return base.page(
        "calendar.md.j2", base.CALENDAR, title="Förderkalender",
        description="Kommende Antragsfristen der Förderprogramme im Katalog.",
        months=months, rolling=programme_cards(catalogue, enriched, rolling),
        build_date=enriched.build_date.isoformat(), count=len(upcoming),
    )


def _new(catalogue, enriched) -> str:
    entries: list[tuple[str, object, str]] = []
    for kind, rid, date in enriched.new_records:
        if kind == "project" and rid in catalogue.projects:
            entries.append(("project", project_card(catalogue, enriched, rid), date))
        elif kind == "funding" and rid in catalogue.funding:
            entries.append(("funding", programme_cards(catalogue, enriched, [rid])[0], date))
    return base.page(
        "new.md.j2", base.NEW, title="Neu im Katalog", searchable=False,
        description="Projekte und Förderprogramme, die neu in den Katalog aufgenommen wurden.",
        entries=entries, rule=NEW_RECORDS_RULE, build_date=enriched.build_date.isoformat(),
    )
