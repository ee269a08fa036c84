"""When each record entered the catalogue, and which records count as new.

The date a record was first added comes from git history: one `git log` for
the whole catalogue, not one per file. Records git does not know (new and not
yet committed, or a copy without git) fall back to their `last_reviewed`
date. Reading git is I/O at the edge: `git_added_dates` is the only function
that runs a process; everything else takes plain dicts, so tests pass dates in.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from generator.dates import earliest

NEW_RECORDS_DAYS = 90
NEW_RECORDS_MAX = 50
NEW_RECORDS_RULE = (f"Neu im Katalog sind Projekte und Förderprogramme, die in den {NEW_RECORDS_DAYS} Tagen "
                    f"vor dem Erstellungsdatum der Website erstmals aufgenommen wurden, die neuesten zuerst, "
                    f"höchstens {NEW_RECORDS_MAX}. Als Aufnahmedatum gilt der Tag, an dem die Datei erstmals "
                    f"in die Versionsgeschichte (git) kam; für noch nicht eingecheckte Einträge das Datum "
                    f"der letzten Prüfung („Zuletzt geprüft“).")

FOLDERS = ("projects", "funding", "declarations")
_MARK = "@@"


def parse_git_log(output: str, *, skip_parentless: bool = False) -> dict:
    """`git log --format=@@<date> <parents> --name-only` output (newest first) -> record id -> earliest
    date a file with that id was added. `skip_parentless` ignores commits without parents: in a shallow
    clone the oldest fetched commit has none and seems to add every file, which says nothing."""
    added: dict[str, str] = {}
    date = None
    for line in output.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith(_MARK):
            fields = line[len(_MARK):].split()
            date = None if (skip_parentless and len(fields) < 2) or not fields else fields[0]
            continue
        path = Path(line)
        if date is None or path.suffix != ".yaml" or path.parent.name not in FOLDERS:
            continue
        # newest first: a later line is an older commit, so it overwrites (first addition wins)
        added[path.stem] = date
    return added


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, encoding="utf-8",
                                timeout=120, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def git_added_dates(catalogue_root: Path) -> dict:
    """record id -> ISO date (YYYY-MM-DD) of the commit that first added its file; {} without git.

    One `git log` for the whole catalogue. In a shallow clone (CI checkouts fetch one commit by
    default) additions in the cut-off commit are ignored, so those records fall back to
    `last_reviewed` instead of all looking new; fetch the full history (`fetch-depth: 0`) for real dates.
    """
    root = Path(catalogue_root)
    if not root.is_dir():
        return {}
    output = _git(root, "log", "--no-renames", "--diff-filter=A", f"--format={_MARK}%cs %P", "--name-only",
                  "--relative", "--", *FOLDERS)
    if output is None:
        return {}
    shallow = False
    if any(line.startswith(_MARK) and len(line.split()) < 2 for line in output.splitlines()):
        shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    return parse_git_log(output, skip_parentless=shallow)


def catalogue_root(catalogue) -> Path | None:
    """The folder holding projects/ and funding/, from the record files the catalogue was loaded from."""
    for path in sorted(catalogue.files.values()):
        parent = Path(path).resolve().parent
        if parent.name in FOLDERS:
            return parent.parent
    return None


def added_dates(records: dict, known: dict) -> dict:
    """record id -> date first added, for every record: from `known` (git), else its last_reviewed."""
    out = {}
    for record_id, record in sorted(records.items()):
        date = known.get(record_id) or record.get("last_reviewed")
        if isinstance(date, str) and earliest(date):
            out[record_id] = date
    return out


def new_records(kinds: dict, added: dict, build_date: dt.date) -> list:
    """[(kind, id, date)] added within NEW_RECORDS_DAYS before the build date, newest first, at most NEW_RECORDS_MAX.

    `kinds` maps kind ("project", "funding") -> {id: record}. Ties: kind, then id.
    """
    since = build_date - dt.timedelta(days=NEW_RECORDS_DAYS)
    found = []
    for kind, records in sorted(kinds.items()):
        for record_id in records:
            date = added.get(record_id)
            day = earliest(date) if isinstance(date, str) else None
            if day is not None and since <= day <= build_date:
                found.append((day, kind, record_id, date))
    found.sort(key=lambda item: (-item[0].toordinal(), item[1], item[2]))
    return [(kind, record_id, date) for _day, kind, record_id, date in found[:NEW_RECORDS_MAX]]
