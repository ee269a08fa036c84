"""Cross-cutting lists: Partner gesucht, Förderkalender, Neu im Katalog."""
from __future__ import annotations

from generator.enrich import deadlines as deadline_rules
from generator.enrich.history import NEW_RECORDS_RULE
from generator.render import base
from generator.render.views import programme_cards, programme_status, project_card

def render(catalogue, enriched) -> dict[str, str]:
    return {
        base.CALENDAR: _calendar(catalogue, enriched),
        base.NEW: _new(catalogue, enriched),
    }


def calendar_rows(catalogue, enriched) -> tuple[list, list]:
    """(upcoming, archive): upcoming deadlines of programmes not closed, soonest first, and past deadlines, newest
    first, each as (Deadline, programme record, DeadlineStatus, days left)."""
    today = enriched.build_date
    coming = deadline_rules.upcoming(enriched.deadlines, enriched.programme_status, today)
    gone = deadline_rules.past(enriched.deadlines, today)

    def row(d):
        return d, catalogue.funding[d.programme], programme_status(enriched, d.programme), deadline_rules.days_until(d, today)
    return ([row(d) for d in coming if d.programme in catalogue.funding],
            [row(d) for d in gone if d.programme in catalogue.funding])


def _calendar(catalogue, enriched) -> str:
    upcoming, archive = calendar_rows(catalogue, enriched)
    months: list[tuple[str, list]] = []
    for item in upcoming:
        month = item[0].closes[:7]
        if not months or months[-1][0] != month:
            months.append((month, []))
        months[-1][1].append(item)
    with_deadline = {item[0].programme for item in upcoming}
    rolling = [fid for fid in catalogue.funding
               if (s := programme_status(enriched, fid)) is not None and s.status == "laufend" and fid not in with_deadline]
    return base.page(
        "calendar.md.j2", base.CALENDAR, title="Förderkalender",
        description="Kommende Antragsfristen der Förderprogramme im Katalog, mit Archiv der abgelaufenen Fristen.",
        months=months, rolling=programme_cards(catalogue, enriched, rolling), archive=archive,
        build_date=enriched.build_date.isoformat(), count=len(upcoming), feed_days=deadline_rules.FEED_PAST_DAYS,
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
