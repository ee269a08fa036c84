"""katalog uebernahme ORDNER: the privileged second step of the issue import.

The first, unprivileged job ran `katalog from-issue --uebergabe ORDNER` on the stranger's issue
text and handed over at most one YAML file. This step never reads the issue: it re-checks the
handover (one file, a valid id that matches the file name, the right folder, nothing else),
puts the file into the catalogue without overwriting anything, validates it and writes the
comment for the issue and the body of the pull request, both inert Markdown.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from generator import paths
from generator.catalogue import discover, validate_files
from generator.commands import iso_date
from generator.commands.from_issue import refusal_markdown, verdict_markdown
from generator.from_issue import ConversionError, read_handover, target_path, write_new


def register(sub) -> None:
    p = sub.add_parser("uebernahme", help="Übergabe aus `katalog from-issue --uebergabe` prüfen und in den Katalog legen",
                       description="Zweiter Schritt der Übernahme eines Issues: prüft die Übergabe (genau eine "
                                   "Eintragsdatei, Kennung passt zum Dateinamen, richtiger Ordner), legt die Datei in den "
                                   "Katalog (ohne zu überschreiben), prüft sie und schreibt Kommentar und Text des Pull "
                                   "Requests. Exit-Code: 0 = in Ordnung, 1 = Fehler im Eintrag oder Übernahme abgelehnt, "
                                   "2 = falscher Aufruf.")
    p.add_argument("ordner", metavar="ORDNER", help="Übergabe-Ordner aus dem ersten Schritt")
    p.add_argument("--katalog", metavar="ORDNER", default=str(paths.CATALOGUE_DIR), help="Katalog-Ordner (Standard: catalogue/)")
    p.add_argument("--issue", type=int, metavar="NR", help="Nummer des Issues (für den Text des Pull Requests)")
    p.add_argument("--stichtag", type=iso_date, metavar="JJJJ-MM-TT", help="Datum für die Prüfung (Standard: heute)")
    p.add_argument("--bericht", metavar="DATEI", required=True, help="Kommentar für das Issue (Markdown)")
    p.add_argument("--pr-text", metavar="DATEI", required=True, help="Text des Pull Requests (Markdown)")
    p.set_defaults(handler=run)


def run(args) -> int:
    today = args.stichtag or dt.date.today()
    catalogue_dir = Path(args.katalog)
    try:
        kind, record, info = read_handover(Path(args.ordner))
        if record is None or kind is None:
            raise ConversionError(info.get("refusal") or "Aus dem Issue ist keine Eintragsdatei entstanden.")
        text = record.read_text(encoding="utf-8")
        target = target_path(catalogue_dir, kind, record.stem)
        target.parent.mkdir(parents=True, exist_ok=True)  # the first record of a kind creates its folder
        write_new(target, text)
    except (ConversionError, UnicodeError) as refusal:
        print(f"katalog uebernahme: {refusal}", file=sys.stderr)
        Path(args.bericht).write_text(refusal_markdown(str(refusal)), encoding="utf-8")
        return 1
    shown = paths.display_path(target)
    files, _stray = discover(catalogue_dir)
    result = validate_files(files, today=today)
    findings = [f for f in result.findings if f.file == shown]
    failed = any(f.is_error for f in findings)
    verdict = verdict_markdown(shown, findings, info.get("notes", []), failed, text)
    Path(args.bericht).write_text(verdict, encoding="utf-8")
    opening = f"Übernommen aus #{args.issue}. Closes #{args.issue}\n\n" if args.issue else ""
    Path(args.pr_text).write_text(opening + verdict, encoding="utf-8")
    print(f"{shown} geschrieben.")
    return 1 if failed else 0
