"""katalog from-issue [DATEI]: turn an issue-form body into a record file and judge it."""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

from generator import paths
from generator.commands import iso_date
from generator.catalogue import discover, validate_files
from generator.from_issue import HANDOVER_NOTES, ConversionError, convert, dump_record, target_path, write_new
from generator.inert import code_span
from generator.loader import FORBIDDEN_CHARS
from generator.reference import default_reference
from generator.reporters import markdown_summary, text_report

KINDS = {"projekt": "project", "foerderprogramm": "funding", "erklaerung": "declaration"}


def register(sub) -> None:
    p = sub.add_parser("from-issue", help="Issue aus einem Formular in eine Eintragsdatei umwandeln",
                       description="Liest den Text eines Issues aus „Projekt melden“, „Förderprogramm melden“ oder "
                                   "„Nachnutzung oder Interesse melden“ (Datei oder Standardeingabe), schreibt "
                                   "catalogue/projects/<id>.yaml, catalogue/funding/<id>.yaml bzw. "
                                   "catalogue/declarations/<id>.yaml und prüft die neue Datei. Bestehende Dateien werden "
                                   "nie überschrieben. Exit-Code: 0 = in Ordnung, 1 = Fehler, 2 = falscher Aufruf.")
    p.add_argument("datei", nargs="?", default="-", metavar="DATEI", help="Issue-Text als Markdown (Standard: - = Standardeingabe)")
    p.add_argument("--art", choices=sorted(KINDS), help="Art des Eintrags (Standard: aus den Überschriften erkannt)")
    p.add_argument("--katalog", metavar="ORDNER", default=str(paths.CATALOGUE_DIR), help="Katalog-Ordner (Standard: catalogue/)")
    p.add_argument("--kennung", metavar="ID", help="Kennung vorgeben statt sie aus Kommune und Titel zu bilden")
    p.add_argument("--issue", type=int, metavar="NR", help="Nummer des Issues (für den Kommentar in der Datei)")
    p.add_argument("--stichtag", type=iso_date, metavar="JJJJ-MM-TT", help="Datum für „Zuletzt geprüft“ und die Prüfung (Standard: heute)")
    p.add_argument("--bericht", metavar="DATEI", help="Ergebnis zusätzlich als Markdown schreiben (für den Kommentar im Issue)")
    p.add_argument("--uebergabe", metavar="ORDNER",
                   help="die neue Eintragsdatei und die Hinweise zusätzlich hierhin kopieren (für den zweiten, "
                        "berechtigten Schritt `katalog uebernahme`)")
    p.set_defaults(handler=run)


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.buffer.read().decode("utf-8", errors="replace")
    return Path(source).read_bytes().decode("utf-8", errors="replace")


def _report(target: str | None, text: str) -> None:
    if target:
        Path(target).write_text(text, encoding="utf-8")


def run(args) -> int:
    today = args.stichtag or dt.date.today()
    try:
        body = _read(args.datei)
    except OSError as exc:
        print(f"katalog from-issue: Fehler: „{args.datei}“ lässt sich nicht lesen ({exc.strerror}).", file=sys.stderr)
        return 2
    catalogue_dir = Path(args.katalog)
    kind = KINDS.get(args.art) if args.art else None
    try:
        kind, record_id, record, notes = convert(body, kind=kind, today=today, reference=default_reference(),
                                                 record_id=args.kennung, issue=args.issue)
        target = target_path(catalogue_dir, kind, record_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = dump_record(kind, record, issue=args.issue)
        write_new(target, text)
    except ConversionError as refusal:
        print(f"katalog from-issue: {refusal}", file=sys.stderr)
        _report(args.bericht, refusal_markdown(str(refusal)))
        _hand_over(args.uebergabe, None, {"refusal": str(refusal), "notes": notes_so_far(body)})
        return 1

    shown = paths.display_path(target)
    files, _stray = discover(catalogue_dir)
    result = validate_files(files, today=today)
    findings = [f for f in result.findings if f.file == shown]
    print(f"{shown} geschrieben.")
    for note in notes:
        print(f"Hinweis: {note}")
    sys.stdout.write(text_report(findings, 1))
    failed = any(f.is_error for f in findings)
    _report(args.bericht, verdict_markdown(shown, findings, notes, failed, text))
    _hand_over(args.uebergabe, target, {"notes": notes})
    return 1 if failed else 0


def notes_so_far(body: str) -> list[str]:
    return ["Unsichtbare Steuerzeichen aus den Antworten wurden entfernt."] if FORBIDDEN_CHARS.search(body) else []


def _hand_over(folder: str | None, target: Path | None, info: dict) -> None:
    """The unprivileged job's only output: at most one YAML file (<folder>/<id>.yaml) and hinweise.json."""
    if not folder:
        return
    handover = Path(folder)
    handover.mkdir(parents=True, exist_ok=True)
    if target is not None:
        (handover / target.parent.name).mkdir(exist_ok=True)
        (handover / target.parent.name / target.name).write_bytes(target.read_bytes())
    (handover / HANDOVER_NOTES).write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def refusal_markdown(message: str) -> str:
    return "## Übernahme nicht möglich\n\n" + code_span(message) + "\n"


def _fenced(text: str, language: str) -> str:
    """A code block that no backtick run inside the text can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text.rstrip()}\n{fence}"


def verdict_markdown(shown: str, findings: list, notes: list[str], failed: bool, record_text: str = "") -> str:
    lines = ["## Ergebnis der Übernahme", "", f"Datei: {code_span(shown)}", ""]
    if failed:
        lines.append("Das Prüfprogramm meldet Fehler. Die Redaktion korrigiert sie im Pull Request – oder Sie "
                     "bearbeiten Ihr Issue, und die Redaktion startet die Übernahme erneut.")
    else:
        lines.append("Das Prüfprogramm meldet keine Fehler. Die Redaktion prüft die Angaben und übernimmt den Eintrag.")
    lines.append("")
    lines += [f"- Hinweis: {code_span(note)}" for note in notes]
    if notes:
        lines.append("")
    summary = markdown_summary(findings, 1).replace("## Prüfung des Katalogs", "### Prüfung", 1)
    lines.append(summary)
    if record_text:
        lines += ["<details><summary>Die erzeugte Eintragsdatei</summary>", "", _fenced(record_text, "yaml"), "",
                  "</details>", ""]
    return "\n".join(lines)
