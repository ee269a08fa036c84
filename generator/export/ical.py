"""Calendars of programme deadlines (RFC 5545): foerderkalender.ics for the whole catalogue, and one
calendar per Land and per Handlungsfeld under kalender/ (see `subscriptions`).

One all-day event per deadline: upcoming deadlines of programmes that are not closed (recurring ones
with their next occurrence) and deadlines that ended at most FEED_PAST_DAYS days before the build
date; older ones are only in the archive of the Förderkalender page. Each event names programme and
call, says the status at the build date ("Stand unklar …" where no recent source confirms it) and
carries reminders 30 and 7 days before.

Written by hand because the format is small and exact: CRLF line ends, TEXT escaping (backslash,
semicolon, comma, newline) and folding at 75 octets without splitting a UTF-8 sequence. UIDs derive
from programme, call and date, so calendar apps update an event instead of duplicating it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from generator import dates
from generator.enrich import deadlines as rules
from generator.export.views import label

PRODID = "-//Kommunaler Digitalisierungskatalog//Förderkalender//DE"
UID_DOMAIN = "foerderkalender.kommunaler-digitalisierungskatalog"
CALENDAR_NAME = "Förderkalender – Kommunaler Digitalisierungskatalog"
REMINDER_DAYS = (30, 7)
FOLDER = "kalender"  # per-Land and per-Handlungsfeld calendars, below the api folder


@dataclass(frozen=True)
class Subscription:
    """One subscribable selection of programmes: a Land (its programmes plus bundes- and EU-weite ones) or a
    Handlungsfeld. `name` is the file name without suffix, also used for the Atom feed of the same selection."""

    kind: str  # land | thema
    value: str  # Land code or topic id
    name: str  # e.g. land-sachsen, thema-mobilitaet
    label: str  # German, e.g. "Sachsen", "Mobilität & Verkehr"

    def admits(self, programme: dict) -> bool:
        if self.kind == "land":
            lands = programme.get("lands") or []
            return not lands or self.value in lands
        return self.value in (programme.get("topics") or [])


def _file_slug(text: str) -> str:
    from generator.render.base import slug  # one slug rule for pages and files
    return slug(text)


def subscriptions() -> list[Subscription]:
    """Every Land and every Handlungsfeld of the vocabularies, in vocabulary order."""
    from generator.vocabularies import default_vocabularies

    vocabularies = default_vocabularies()
    out = [Subscription("land", code, f"land-{_file_slug(label('laender', code))}", label("laender", code))
           for code in vocabularies["laender"].ids]
    out += [Subscription("thema", topic, f"thema-{_file_slug(topic)}", label("topics", topic))
            for topic in vocabularies["topics"].ids]
    return out


def escape_text(value: str) -> str:
    return (str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, continuation lines start with a space."""
    out: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [" "], 1, 75
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n".join(out)


def uid(programme: str, name: str, closes: str) -> str:
    digest = hashlib.sha256(f"{programme}\x00{name}\x00{closes}".encode()).hexdigest()[:12]
    return f"{programme}-{closes}-{digest}@{UID_DOMAIN}"


def event_day(closes: str) -> dt.date | None:
    """A deadline known only to the month or year is placed on its earliest possible day."""
    return dates.earliest(closes)


def summary(deadline, programme: dict) -> str:
    """ "Frist: <programme> – <call>"; a call without a name of its own is the programme's deadline."""
    title = str(programme.get("title") or deadline.programme)
    return f"Frist: {title} – {deadline.name}" if deadline.named and deadline.name != title else f"Frist: {title}"


def describe(deadline, programme: dict, status) -> str:
    parts = [programme.get("summary", "")]
    if dates.parse_range(deadline.closes) and len(deadline.closes) < 10:
        parts.append(f"Frist laut Eintrag: {dates.german(deadline.closes)} (genauer Tag nicht angegeben).")
    if deadline.repeat:
        parts.append(f"Wiederkehrende Frist ({rules.REPEAT_LABELS.get(deadline.repeat, deadline.repeat)}).")
    if deadline.opens:
        parts.append(f"Anträge ab {dates.german(deadline.opens)}.")
    if status is not None:
        parts.append(f"Status: {status.label}")
    parts.append(f"Fördergeber: {programme.get('funder', '')}")
    if programme.get("url"):
        parts.append(f"Programmseite: {programme['url']}")
    return "\n".join(p for p in parts if p)


def feed_deadlines(catalogue, enriched) -> list:
    """The deadlines a calendar feed carries: upcoming ones of programmes not closed, then those that ended at most
    FEED_PAST_DAYS ago; each (programme, call, closing day) once, sorted by day, programme, call."""
    today = enriched.build_date
    chosen = rules.upcoming(enriched.deadlines, enriched.programme_status, today)
    chosen += rules.past(enriched.deadlines, today, rules.FEED_PAST_DAYS)
    out, seen = [], set()
    for d in sorted(chosen, key=lambda d: (dates.earliest(d.closes) or dt.date.min, d.programme, d.name)):
        key = (d.programme, d.name, d.closes)
        if d.programme in catalogue.funding and key not in seen:
            seen.add(key)
            out.append(d)
    return out


def render(catalogue, enriched, subscription: Subscription | None = None) -> str:
    stamp = catalogue.build_date.strftime("%Y%m%dT000000Z")
    name = CALENDAR_NAME + (f" – {subscription.label}" if subscription else "")
    about = "Fristen kommunaler Förderprogramme für Digitalisierung"
    if subscription is not None:
        about += (f", die in {subscription.label} gelten (mit bundes- und EU-weiten Programmen)"
                  if subscription.kind == "land" else f" im Handlungsfeld {subscription.label}")
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}", f"X-WR-CALDESC:{escape_text(about)}",
    ]
    for deadline in feed_deadlines(catalogue, enriched):
        programme = catalogue.funding[deadline.programme]
        day = event_day(deadline.closes)
        if day is None or (subscription is not None and not subscription.admits(programme)):
            continue
        title = summary(deadline, programme)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid(deadline.programme, deadline.name, deadline.closes)}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(title)}",
            f"DESCRIPTION:{escape_text(describe(deadline, programme, enriched.programme_status.get(deadline.programme)))}",
            "TRANSP:TRANSPARENT",
            f"CATEGORIES:{escape_text('Förderfrist')}",
        ]
        if programme.get("url"):
            lines.append(f"URL:{programme['url']}")
        for days in REMINDER_DAYS:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"TRIGGER:-P{days}D",
                      f"DESCRIPTION:{escape_text(f'In {days} Tagen: {title}')}", "END:VALARM"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def write(catalogue, enriched, out_dir: Path) -> list[Path]:
    target = out_dir / "foerderkalender.ics"
    target.write_bytes(render(catalogue, enriched).encode("utf-8"))
    written = [target]
    folder = out_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for subscription in subscriptions():
        path = folder / f"{subscription.name}.ics"
        path.write_bytes(render(catalogue, enriched, subscription).encode("utf-8"))
        written.append(path)
    return written
