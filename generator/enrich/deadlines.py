"""Application status and deadlines of funding programmes, computed at the build date.

Pure functions: a record and a date in, facts out. A record states a status
(`application.status`) and deadlines; the status a reader sees is computed from
both, from the end of the programme's legal basis (`valid_until`) and from the
evidence for the status (sources with `confirms_status`), so old evidence never
becomes a present-tense claim. Partial dates count generously for deadlines: a
deadline "2027-03" closes at the end of March 2027, a call opening "2027" opens
on 1 January 2027.

Schedule rules (the dates alone), first match wins:
1. declared `geschlossen` -> geschlossen (a note if a call is still in its window)
2. a call with opens <= today <= closes -> offen, "Offen bis <closes>"
3. a deadline without opening date on or after today, declared offen/laufend -> offen;
   declared angekuendigt -> angekuendigt, "Angekündigt, Frist <closes>"
4. a call that opens after today -> angekuendigt, "Nächster Aufruf ab <opens>";
   declared laufend stays laufend, "Laufend, nächster Aufruf ab <opens>"
5. no deadlines: laufend -> "Laufend, ohne Stichtag"; offen -> "Offen, ohne Frist";
   angekuendigt -> "Angekündigt"
6. deadlines given, all past -> geschlossen, with a note that the record says otherwise

Then, for the status shown:
* `valid_until` before today -> geschlossen, whatever the schedule says;
* a schedule status offen, laufend or angekuendigt is shown only while a source with
  `confirms_status: true` is dated (`as_of`) at most STATUS_EVIDENCE_MONTHS months before
  today (a partial date counts from its first day); otherwise the status is `unklar`:
  "Stand unklar – zuletzt belegt am TT.MM.JJJJ; bitte beim Fördergeber prüfen".

Recurring deadlines (`repeat`, `repeat_until`): `opens`/`closes` are the first sourced
occurrence; occurrences follow every 12, 6 or 3 months up to `repeat_until` (else
`valid_until`, else without end). A programme lists the last past occurrence and the
next one on or after today.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from generator.dates import earliest, german, latest
from generator.enrich.types import UNCLEAR, Deadline, DeadlineStatus

STATUS_EVIDENCE_MONTHS = 12  # the one setting: how old a source confirming a status may be
FEED_PAST_DAYS = 90  # past deadlines stay this long in the calendar feeds, then only in the archive

REPEAT_MONTHS = {"jaehrlich": 12, "halbjaehrlich": 6, "vierteljaehrlich": 3}
REPEAT_LABELS = {"jaehrlich": "jährlich", "halbjaehrlich": "halbjährlich", "vierteljaehrlich": "vierteljährlich"}
CLAIMS = ("offen", "laufend", "angekuendigt")  # statuses that need evidence

_DECLARED = {"offen": "offen", "laufend": "laufend", "angekuendigt": "angekündigt"}
_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember")


# --- dates ------------------------------------------------------------------------------------------------------

def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier); the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def evidence_cutoff(today: dt.date, months: int = STATUS_EVIDENCE_MONTHS) -> dt.date:
    """The oldest day a confirming source may carry at `today`."""
    return add_months(today, -months)


def when(text: str) -> str:
    """A (partial) date after a preposition: "am 12.03.2024", "im März 2024", "im Jahr 2024"."""
    parts = str(text).split("-")
    if len(parts) == 3:
        return f"am {german(text)}"
    if len(parts) == 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"im {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return f"im Jahr {text}"


# --- evidence ---------------------------------------------------------------------------------------------------

def confirming_sources(record: dict, today: dt.date) -> list[tuple[int, str]]:
    """(index, as_of) of the sources confirming the status with a readable date not after today, newest first."""
    out = []
    for i, source in enumerate(record.get("sources") or []):
        if isinstance(source, dict) and source.get("confirms_status") is True and isinstance(source.get("as_of"), str):
            day = earliest(source["as_of"])
            if day is not None and day <= today:
                out.append((day, i, source["as_of"]))
    out.sort(key=lambda t: (t[0], -t[1]), reverse=True)
    return [(i, as_of) for _day, i, as_of in out]


def latest_evidence(record: dict, today: dt.date) -> str | None:
    """as_of of the newest source confirming the status (whatever its age), None without one."""
    found = confirming_sources(record, today)
    return found[0][1] if found else None


def evidenced(record: dict, today: dt.date, months: int = STATUS_EVIDENCE_MONTHS) -> bool:
    """A source confirming the status is dated at most `months` months before today."""
    newest = latest_evidence(record, today)
    day = earliest(newest) if newest is not None else None
    return day is not None and day >= evidence_cutoff(today, months)


def unclear_label(evidence: str | None) -> str:
    if evidence:
        return f"Stand unklar – zuletzt belegt {when(evidence)}; bitte beim Fördergeber prüfen"
    return "Stand unklar – kein datierter Beleg für den Status; bitte beim Fördergeber prüfen"


def valid_until(record: dict) -> dt.date | None:
    value = record.get("valid_until")
    return latest(value) if isinstance(value, str) else None


def expired(record: dict, today: dt.date) -> bool:
    end = valid_until(record)
    return end is not None and end < today


# --- calls and their occurrences --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Call:
    name: str
    opens: str | None
    closes: str
    opens_on: dt.date | None
    closes_on: dt.date
    repeat: str = ""
    named: bool = True


def _occurrences(entry: dict, name: str, named: bool, record: dict, today: dt.date) -> list[_Call]:
    """The last past and the next occurrence of a recurring call (only the first if it is still ahead)."""
    step = REPEAT_MONTHS[entry["repeat"]]
    first_closes = dt.date.fromisoformat(entry["closes"])
    opens = entry.get("opens") if isinstance(entry.get("opens"), str) and len(entry["opens"]) == 10 else None
    first_opens = earliest(opens) if opens else None
    bound = latest(entry["repeat_until"]) if isinstance(entry.get("repeat_until"), str) else valid_until(record)
    if first_opens is not None and first_opens > first_closes:
        first_opens = None

    def occurrence(k: int) -> _Call:
        closes_on = add_months(first_closes, k * step)
        opens_on = add_months(first_opens, k * step) if first_opens else None
        return _Call(name, opens_on.isoformat() if opens_on else None, closes_on.isoformat(), opens_on, closes_on,
                     entry["repeat"], named)

    # first k whose closing day is on or after today
    k = 0
    if first_closes < today:
        months = (today.year - first_closes.year) * 12 + today.month - first_closes.month
        k = max(0, months // step - 1)
        while add_months(first_closes, k * step) < today:
            k += 1
    out = []
    if k > 0 and (bound is None or add_months(first_closes, (k - 1) * step) <= bound):
        out.append(occurrence(k - 1))
    elif k > 0 and bound is not None:  # the rhythm ended before today: its last occurrence within the bound
        last = k - 1
        while last > 0 and add_months(first_closes, last * step) > bound:
            last -= 1
        out.append(occurrence(last))
    if bound is None or add_months(first_closes, k * step) <= bound:
        out.append(occurrence(k))
    return out or [occurrence(0)]


def _calls(record: dict, today: dt.date) -> list[_Call]:
    """The record's deadlines as calls with resolved dates, recurring ones as occurrences around today; unreadable
    entries are left out (the validator reports them). A call without name is named after the programme."""
    application = record.get("application") or {}
    title = str(record.get("title") or record.get("id") or "")
    out = []
    for entry in application.get("deadlines") or []:
        if isinstance(entry, str):
            closes_on = latest(entry)
            if closes_on:
                out.append(_Call(title, None, entry, None, closes_on, "", False))
        elif isinstance(entry, dict) and isinstance(entry.get("closes"), str):
            closes_on = latest(entry["closes"])
            if not closes_on:
                continue
            given = str(entry.get("name") or "").strip()
            name, named = (given, True) if given else (title, False)
            if entry.get("repeat") in REPEAT_MONTHS and len(entry["closes"]) == 10:
                out.extend(_occurrences(entry, name, named, record, today))
                continue
            opens = entry.get("opens") if isinstance(entry.get("opens"), str) else None
            opens_on = earliest(opens) if opens else None
            out.append(_Call(name, opens if opens_on else None, entry["closes"], opens_on, closes_on, "", named))
    return sorted(set(out), key=lambda c: (c.closes_on, c.opens_on or dt.date.min, c.name))


def _in_window(call: _Call, today: dt.date) -> bool:
    return call.opens_on is not None and call.opens_on <= today <= call.closes_on


# --- status -----------------------------------------------------------------------------------------------------

def schedule_status(record: dict, today: dt.date) -> DeadlineStatus:
    """The status the declared status and the dates give on `today` (rules 1-6 of the module docstring),
    before evidence and `valid_until` are considered."""
    declared = str((record.get("application") or {}).get("status") or "")
    calls = _calls(record, today)
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
        return DeadlineStatus("laufend", f"Laufend, nächster Aufruf ab {german(future[0].opens or '')}", next_closes)
    if future:
        return DeadlineStatus("angekuendigt", f"Nächster Aufruf ab {german(future[0].opens or '')}", next_closes)

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


def programme_status(record: dict, today: dt.date, months: int = STATUS_EVIDENCE_MONTHS) -> DeadlineStatus:
    """The status a reader sees on `today` (see the module docstring for the rules)."""
    schedule = schedule_status(record, today)
    evidence = latest_evidence(record, today)
    if expired(record, today):
        end = str(record["valid_until"])
        return DeadlineStatus("geschlossen", "Geschlossen", None, f"Das Programm galt laut Quelle bis {german(end)}.",
                              evidence, "", schedule.status)
    if schedule.status in CLAIMS and not evidenced(record, today, months):
        return DeadlineStatus(UNCLEAR, unclear_label(evidence), schedule.next_closes,
                              f"Laut Eintrag: {schedule.label}.", evidence, str(record.get("url") or ""), schedule.status)
    return replace(schedule, evidence=evidence, schedule=schedule.status)


def deadline_state(call_opens: dt.date | None, call_closes: dt.date, today: dt.date) -> str:
    """kommend | laufend | abgelaufen for one deadline at `today`."""
    if call_closes < today:
        return "abgelaufen"
    if call_opens is not None and call_opens <= today:
        return "laufend"
    return "kommend"


def programme_deadlines(programme_id: str, record: dict, today: dt.date) -> list[Deadline]:
    """The programme's deadlines at `today`, each once: two calls with the same name and closing day are one
    deadline (the earlier opening day counts)."""
    out, seen = [], set()
    for c in _calls(record, today):
        key = (c.name, c.closes)
        if key in seen:
            continue
        seen.add(key)
        out.append(Deadline(programme_id, c.name, c.opens, c.closes, deadline_state(c.opens_on, c.closes_on, today),
                            c.repeat, c.named))
    return out


def all_deadlines(funding: dict, today: dt.date) -> list[Deadline]:
    """Every deadline of every programme, sorted by closing day, programme, name (for the Förderkalender)."""
    items = []
    for programme_id, record in funding.items():
        for deadline in programme_deadlines(programme_id, record, today):
            items.append(((latest(deadline.closes), programme_id, deadline.name, deadline.opens or ""), deadline))
    return [d for _key, d in sorted(items, key=lambda kv: kv[0])]


def all_statuses(funding: dict, today: dt.date) -> dict:
    return {pid: programme_status(record, today) for pid, record in sorted(funding.items())}


def days_until(deadline: Deadline, today: dt.date) -> int | None:
    """Whole days from `today` to the deadline's last day (negative when past)."""
    day = latest(deadline.closes)
    return None if day is None else (day - today).days


def upcoming(deadlines: list, statuses: dict, today: dt.date) -> list[Deadline]:
    """Deadlines not yet past of programmes not closed at `today` (for the calendar, the feeds, the start page)."""
    return [d for d in deadlines if d.state != "abgelaufen"
            and getattr(statuses.get(d.programme), "status", "") != "geschlossen"]


def past(deadlines: list, today: dt.date, days: int | None = None) -> list[Deadline]:
    """Past deadlines, newest first; with `days`, only those that ended at most that many days before today."""
    def last_day(d: Deadline) -> dt.date:
        return latest(d.closes) or dt.date.min

    out = [d for d in deadlines if d.state == "abgelaufen" and (days is None or (today - last_day(d)).days <= days)]
    return sorted(out, key=lambda d: (last_day(d), d.programme, d.name), reverse=True)
