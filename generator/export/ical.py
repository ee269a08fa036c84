"""foerderkalender.ics: one all-day event per programme deadline (RFC 5545).

Written by hand because the format is small and exact: CRLF line ends, TEXT
escaping (backslash, semicolon, comma, newline) and folding at 75 octets
without splitting a UTF-8 sequence. UIDs derive from programme, deadline and
date, so calendar apps update an event instead of duplicating it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from generator import dates

PRODID = "-//Kommunaler Digitalisierungskatalog//Förderkalender//DE"
UID_DOMAIN = "foerderkalender.kommunaler-digitalisierungskatalog"


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


def describe(deadline, programme: dict, status) -> str:
    parts = [programme.get("summary", "")]
    if dates.parse_range(deadline.closes) and len(deadline.closes) < 10:
        parts.append(f"Frist laut Eintrag: {dates.german(deadline.closes)} (genauer Tag nicht angegeben).")
    if deadline.opens:
        parts.append(f"Anträge ab {dates.german(deadline.opens)}.")
    if status is not None:
        parts.append(f"Status: {status.label}")
    parts.append(f"Fördergeber: {programme.get('funder', '')}")
    if programme.get("url"):
        parts.append(f"Programmseite: {programme['url']}")
    return "\n".join(p for p in parts if p)


def render(catalogue, enriched) -> str:
    stamp = catalogue.build_date.strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        "X-WR-CALNAME:Förderkalender – Kommunaler Digitalisierungskatalog",
        "X-WR-CALDESC:Fristen kommunaler Förderprogramme für Digitalisierung",
    ]
    seen = set()
    for deadline in enriched.deadlines:
        programme = catalogue.funding.get(deadline.programme)
        day = event_day(deadline.closes)
        if programme is None or day is None:
            continue
        event_uid = uid(deadline.programme, deadline.name, deadline.closes)
        if event_uid in seen:  # the same deadline listed twice in one record
            continue
        seen.add(event_uid)
        title = f"Frist: {programme['title']}" + (f" – {deadline.name}" if deadline.name else "")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event_uid}",
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
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def write(catalogue, enriched, out_dir: Path) -> list[Path]:
    target = out_dir / "foerderkalender.ics"
    target.write_bytes(render(catalogue, enriched).encode("utf-8"))
    return [target]
