"""Offene Daten (daten.md): the downloads and the calendars and feeds per Land and per Handlungsfeld."""
from __future__ import annotations

from generator.enrich.deadlines import FEED_PAST_DAYS
from generator.export import atom, ical
from generator.render import base


def render(catalogue, enriched) -> dict[str, str]:
    subscriptions = ical.subscriptions()
    groups = [("Nach Land", [s for s in subscriptions if s.kind == "land"]),
              ("Nach Handlungsfeld", [s for s in subscriptions if s.kind == "thema"])]
    return {base.DATA: base.page(
        "daten.md.j2", base.DATA, title="Offene Daten",
        description="Alle Einträge als JSON und CSV, die JSON-Schemas, Förderkalender (iCalendar) und Atom-Feeds, "
                    "auch je Land und Handlungsfeld zum Abonnieren.",
        groups=groups, ical_folder=ical.FOLDER, atom_folder=atom.FOLDER, feed_days=FEED_PAST_DAYS,
    )}
