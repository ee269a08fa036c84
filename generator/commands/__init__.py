"""One module per `katalog` subcommand; each defines register(subparsers).

Helpers here are shared by several commands' argument parsing.
"""
from __future__ import annotations

import argparse
import datetime as dt


def iso_date(text: str) -> dt.date:
    """argparse type for --stichtag: a wrong date is a usage error (exit 2) in German."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Datum (JJJJ-MM-TT)") from None


class UsageError(Exception):
    """A wrong call or an unusable catalogue: the command prints it in German and exits with 2."""


def load_valid_catalogue(folder: str, today: dt.date):
    """The validated catalogue and every programme's status at `today`, for the offline commands."""
    from pathlib import Path

    from generator.catalogue import load_catalogue
    from generator.enrich.deadlines import all_statuses

    catalogue, run = load_catalogue(Path(folder), build_date=today)
    if catalogue is None:
        raise UsageError(f"Der Katalog in {folder} enthält {len(run.errors)} Fehler. "
                         "Bitte zuerst `katalog validate` ausführen und die Fehler beheben.")
    return catalogue, all_statuses(catalogue.funding, today)


def refresh_generated(files: dict, *, check_only: bool, command: str) -> int:
    """Write generated files that differ from what they should be; with --pruefen only report them (exit 1)."""
    import sys

    from generator.paths import display_path

    stale = [path for path, text in files.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    if check_only and stale:
        verb = "ist" if len(stale) == 1 else "sind"
        print(f"{', '.join(display_path(p) for p in stale)} {verb} veraltet. Bitte `katalog {command}` ausführen.", file=sys.stderr)
        return 1
    for path in [] if check_only else stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[path], encoding="utf-8")
        print(f"{display_path(path)} geschrieben.")
    if not stale:
        print(f"Aktuell: {', '.join(display_path(p) for p in files)}.")
    return 0
