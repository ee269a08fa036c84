"""Application status and deadlines of funding programmes, computed at the build date.

A record states a status (`application.status`) and deadlines; the status a
reader sees is computed from both, so a call whose end has passed shows as
closed even if nobody edited the file. Partial dates count generously: a
deadline "2027-03" closes at the end of March 2027, a call opening "2027"
opens on 1 January 2027.

Rules, first match wins:
1. declared `geschlossen` -> geschlossen (a note if a call is still in its window)
2. a call with opens <= today <= closes -> offen, "Offen bis <closes>"
3. a deadline without opening date on or after today, declared offen/laufend -> offen;
   declared angekuendigt -> angekuendigt, "Angekündigt, Frist <closes>"
4. a call that opens after today -> angekuendigt, "Nächster Aufruf ab <opens>";
   declared laufend stays laufend, "Laufend, nächster Aufruf ab <opens>"
5. no deadlines: laufend -> "Laufend, ohne Stichtag"; offen -> "Offen, ohne Frist";
   angekuendigt -> "Angekündigt"
6. deadlines given, all past -> geschlossen, with a note that the record says otherwise
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.dates import earliest, german, latest
from generator.enrich.types import Deadline, DeadlineStatus

STICHTAG = "Stichtag"  # name of a deadline given as a plain date
DEFAULT_CALL = "Aufruf"  # name of a call without a name

_DECLARED = {"offen": "offen", "laufend": "laufend", "angekuendigt": "angekündigt"}


@dataclass(frozen=True)
class _Call:
    name: str
    opens: str | None
    closes: str
    opens_on: dt.date | None
    closes_on: dt.date


def _calls(record: dict) -> list[_Call]:
    """The record's deadlines as calls with resolved dates; unreadable entries are left out (the validator reports them)."""
    application = record.get("application") or {}
    out = []
    for entry in application.get("deadlines") or []:
        if isinstance(entry, str):
            closes_on = latest(entry)
            if closes_on:
                out.append(_Call(STICHTAG, None, entry, None, closes_on))
        elif isinstance(entry, dict) and isinstance(entry.get("closes"), str):
            closes_on = latest(entry["closes"])
            opens = entry.get("opens") if isinstance(entry.get("opens"), str) else None
            opens_on = earliest(opens) if opens else None
            if closes_on:
                name = str(entry.get("name") or "").strip() or DEFAULT_CALL
                out.append(_Call(name, opens if opens_on else None, entry["closes"], opens_on, closes_on))
    return sorted(out, key=lambda c: (c.closes_on, c.opens_on or dt.date.min, c.name))


def _in_window(call: _Call, today: dt.date) -> bool:
    return call.opens_on is not None and call.opens_on <= today <= call.closes_on


def programme_status(record: dict, today: dt.date) -> DeadlineStatus:
    """The status a reader sees on `today` (see the module docstring for the rules)."""
    declared = str((record.get("application") or {}).get("status") or "")
    calls = _calls(record)
    ahead = [c for c in calls if c.closes_on >= today]
    next_closes = ahead[0].closes if ahead else None

    if declared == "geschlossen":
        running = [c for c in calls if _in_window(c, today)]
        note = (f"Laut Eintrag geschlossen, obwohl „{running[0].name}“ bis {german(running[0].closes)} läuft."
                if running else "")
        return DeadlineStatus("geschlossen", "Geschlossen", next_closes, note)

    in_window = [c for c in calls if _in_window(c, today)]
    if in_window:
        return DeadlineStatus("offen", f"Offen bis {german(in_window[0].closes)}", in_window[0].closes)

    plain_ahead = [c for c in ahead if c.opens_on is None]
    if plain_ahead:
        first = plain_ahead[0]
        if declared == "angekuendigt":
            return DeadlineStatus("angekuendigt", f"Angekündigt, Frist {german(first.closes)}", first.closes)
        return DeadlineStatus("offen", f"Offen bis {german(first.closes)}", first.closes)

    future = sorted((c for c in ahead if c.opens_on and c.opens_on > today), key=lambda c: (c.opens_on, c.closes_on, c.name))
    if future and declared == "laufend":  # applications possible all along; the call is extra
        return DeadlineStatus("laufend", f"Laufend, nächster Aufruf ab {german(future[0].opens)}", next_closes)
    if future:
        return DeadlineStatus("angekuendigt", f"Nächster Aufruf ab {german(future[0].opens)}", next_closes)

    if not calls:
        if declared == "laufend":
            return DeadlineStatus("laufend", "Laufend, ohne Stichtag", None)
        if declared == "offen":
            return DeadlineStatus("offen", "Offen, ohne Frist", None)
        if declared == "angekuendigt":
            return DeadlineStatus("angekuendigt", "Angekündigt", None)
        return DeadlineStatus("geschlossen", "Geschlossen", None)

    said = _DECLARED.get(declared, declared)
    last = calls[-1]
    note = f"Laut Eintrag {said}, aber alle Fristen sind abgelaufen (zuletzt {german(last.closes)})."
    return DeadlineStatus("geschlossen", "Geschlossen", None, note)


def deadline_state(call_opens: dt.date | None, call_closes: dt.date, today: dt.date) -> str:
    """kommend | laufend | abgelaufen for one deadline at `today`."""
    if call_closes < today:
        return "abgelaufen"
    if call_opens is not None and call_opens <= today:
        return "laufend"
    return "kommend"


def programme_deadlines(programme_id: str, record: dict, today: dt.date) -> list[Deadline]:
    return [Deadline(programme_id, c.name, c.opens, c.closes, deadline_state(c.opens_on, c.closes_on, today))
            for c in _calls(record)]


def all_deadlines(funding: dict, today: dt.date) -> list[Deadline]:
    """Every deadline of every programme, sorted by closing day, programme, name (for the Förderkalender)."""
    items = []
    for programme_id, record in funding.items():
        for deadline in programme_deadlines(programme_id, record, today):
            items.append(((latest(deadline.closes), programme_id, deadline.name, deadline.opens or ""), deadline))
    return [d for _key, d in sorted(items, key=lambda kv: kv[0])]


def all_statuses(funding: dict, today: dt.date) -> dict:
    return {pid: programme_status(record, today) for pid, record in sorted(funding.items())}
