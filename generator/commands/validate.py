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


def collect(targets: list[str]) -> tuple[list, set | None, list]:
    """Files to load (the whole catalogue of each target) and which of them to report."""
    if not targets:
        files, stray = discover(paths.CATALOGUE_DIR)
        return files, None, stray
    files, report_only, stray, roots = [], set(), [], []
    for target in targets:
        path = Path(target)
        if path.is_dir():
            root = path if any((path / f).is_dir() for f in FOLDER_KIND) else _root_of(path / "x.yaml")
            if root is None:
                raise FileNotFoundError(target)
            roots.append(root)
            found, stray_here = discover(root)
            if root != path:  # a single record folder: report only that folder
                found_here = [f for f in found if _abs(f[1].parent) == _abs(path)]
                report_only.update(_abs(p) for _k, p in found_here)
            else:
                report_only.update(_abs(p) for _k, p in found)
            stray += stray_here
        elif path.is_file() or path.is_symlink():
            root = _root_of(path)
            if root is None:
                raise FileNotFoundError(target)
            roots.append(root)
            report_only.add(_abs(path))
        else:
            raise FileNotFoundError(target)
    seen = set()
    for root in roots:
        for kind, file in discover(root)[0]:
            if _abs(file) not in seen:
                seen.add(_abs(file))
                files.append((kind, file))
    for target in targets:  # a named file outside the usual pattern is still checked
        path = Path(target)
        if path.is_file() and _abs(path) not in seen and _root_of(path):
            files.append((FOLDER_KIND[path.parent.name], path))
            seen.add(_abs(path))
    return files, report_only, stray


def run(args) -> int:
    today = args.stichtag
    try:
        files, report_only, stray = collect(args.paths)
    except FileNotFoundError as missing:
        print(f"katalog validate: Fehler: „{missing}“ ist keine Eintragsdatei und kein Katalog-Ordner "
              f"(erwartet: …/projects/<id>.yaml, …/funding/<id>.yaml oder ein Ordner mit projects/ und funding/).",
              file=sys.stderr)
        return 2
    run_ = validate_files(files, today=today)
    findings = run_.findings
    files_checked = len(files)
    if report_only is not None:
        shown = {paths.display_path(p) for p in report_only}
        findings = [f for f in findings if f.file in shown]
        files_checked = len(report_only)
    findings = sorted(set(findings + stray))
    sys.stdout.write(REPORTERS[args.format](findings, files_checked))
    if args.format == "github":
        write_step_summary(findings, files_checked)
    return 1 if any(f.is_error for f in findings) else 0
