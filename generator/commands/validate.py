"""katalog validate [PFAD …]: check records and report every problem in one run."""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from generator import paths
from generator.commands import iso_date
from generator.catalogue import FOLDER_KIND, discover, validate_files
from generator.reporters import REPORTERS, write_step_summary


def register(sub) -> None:
    p = sub.add_parser("validate", help="Einträge prüfen (alle Fehler auf einmal)",
                       description="Prüft Einträge gegen das Schema und gegeneinander. "
                                   "Ohne PFAD wird der ganze Katalog geprüft. Exit-Code: 0 = in Ordnung "
                                   "(auch mit Warnungen), 1 = Fehler, 2 = falscher Aufruf.")
    p.add_argument("paths", nargs="*", metavar="PFAD", help="Dateien oder Katalog-Ordner (Standard: catalogue/)")
    p.add_argument("--format", choices=sorted(REPORTERS), default="text", help="Ausgabeformat (Standard: text)")
    p.add_argument("--stichtag", type=iso_date, metavar="JJJJ-MM-TT", help="Datum für Fristen und Prüf-Alter (Standard: heute)")
    p.set_defaults(handler=run)


def _abs(path: Path) -> Path:
    """Absolute without following links: a symlinked record is reported under its own name."""
    return Path(os.path.abspath(path))


def _root_of(path: Path) -> Path | None:
    """The catalogue a record file belongs to: its folder's parent."""
    if path.parent.name in FOLDER_KIND:
        return path.parent.parent
    return None


def collect(targets: list[str]) -> tuple[list, set, list]:
    """(files to load, files whose findings are reported, stray-file findings).

    Every target brings its whole catalogue along, because the cross-record
    checks need all records; only the targets' own files are reported.
    """
    discovered: dict = {}  # catalogue root -> (record files, stray findings)
    report, stray, outside = set(), [], []

    def catalogue_of(root: Path):
        key = _abs(root)
        if key not in discovered:
            discovered[key] = discover(root)
        return discovered[key]

    for target in targets or [str(paths.CATALOGUE_DIR)]:
        path = Path(target)
        if path.is_dir():
            whole = any((path / folder).is_dir() for folder in FOLDER_KIND)
            root = path if whole else (path.parent if path.name in FOLDER_KIND else None)
            if root is None:
                raise FileNotFoundError(target)
            found, stray_here = catalogue_of(root)
            report.update(_abs(p) for _kind, p in found if whole or _abs(p.parent) == _abs(path))
            stray += stray_here
        elif path.is_file() or path.is_symlink():
            root = _root_of(path)
            if root is None:
                raise FileNotFoundError(target)
            found, _stray = catalogue_of(root)
            report.add(_abs(path))
            if all(_abs(p) != _abs(path) for _kind, p in found):  # e.g. a hidden or oddly named file, named explicitly
                outside.append((FOLDER_KIND[path.parent.name], path))
        else:
            raise FileNotFoundError(target)
    files = [item for found, _stray in discovered.values() for item in found] + outside
    return files, report, stray


def run(args) -> int:
    try:
        files, report_only, stray = collect(args.paths)
    except FileNotFoundError as missing:
        print(f"katalog validate: Fehler: „{missing}“ ist keine Eintragsdatei und kein Katalog-Ordner "
              f"(erwartet: …/projects/<id>.yaml, …/funding/<id>.yaml oder ein Ordner mit projects/ und funding/).",
              file=sys.stderr)
        return 2
    shown = {paths.display_path(p) for p in report_only}
    checked = validate_files(files, today=args.stichtag)
    findings = sorted(set([f for f in checked.findings if f.file in shown] + stray))
    files_checked = len(report_only)
    if not args.paths:  # the whole catalogue: the thesaurus is checked too
        from generator.retrieval import thesaurus

        findings = sorted(set(findings + thesaurus.findings()))
    sys.stdout.write(REPORTERS[args.format](findings, files_checked))
    if args.format == "github":
        write_step_summary(findings, files_checked)
    return 1 if any(f.is_error for f in findings) else 0
