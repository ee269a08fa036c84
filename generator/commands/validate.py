"""katalog validate [PFAD …]: check records and report every problem in one run."""
from __future__ import annotations

import sys

from generator.commands import iso_date
from generator.commands.build import configured_sources
from generator.federation import ConfigError, validate_sources
from generator.targets import validate_targets
from generator.reporters import REPORTERS, write_step_summary


def register(sub) -> None:
    p = sub.add_parser("validate", help="Einträge prüfen (alle Fehler auf einmal)",
                       description="Prüft Einträge gegen das Schema und gegeneinander. "
                                   "Ohne PFAD wird der ganze Katalog geprüft. Exit-Code: 0 = in Ordnung "
                                   "(auch mit Warnungen), 1 = Fehler, 2 = falscher Aufruf.")
    p.add_argument("paths", nargs="*", metavar="PFAD", help="Dateien oder Katalog-Ordner (Standard: catalogue/)")
    p.add_argument("--format", choices=sorted(REPORTERS), default="text", help="Ausgabeformat (Standard: text)")
    p.add_argument("--stichtag", type=iso_date, metavar="JJJJ-MM-TT", help="Datum für Fristen und Prüf-Alter (Standard: heute)")
    p.add_argument("--quellen", metavar="DATEI", default=None,
                   help="Liste mehrerer Kataloge, die zusammen geprüft werden (Standard: katalog.yml im aktuellen "
                        "Ordner, wenn vorhanden und kein PFAD angegeben ist)")
    p.set_defaults(handler=run)


def _findings(args):
    sources = configured_sources(args.quellen) if args.quellen or not args.paths else None
    if sources:
        run, _origins = validate_sources(sources, today=args.stichtag)
        return run.findings, run.files_checked
    return validate_targets(args.paths, today=args.stichtag)


def run(args) -> int:
    try:
        findings, files_checked = _findings(args)
    except ConfigError as problem:
        print(f"katalog validate: Fehler: {problem}", file=sys.stderr)
        return 2
    except FileNotFoundError as missing:
        print(f"katalog validate: Fehler: „{missing}“ ist keine Eintragsdatei und kein Katalog-Ordner "
              f"(erwartet: …/projects/<id>.yaml, …/funding/<id>.yaml oder ein Ordner mit projects/ und funding/).",
              file=sys.stderr)
        return 2
    if not args.paths:  # the whole catalogue: the thesaurus is checked too
        from generator.retrieval import thesaurus

        findings = sorted(set(findings) | set(thesaurus.findings()))
    sys.stdout.write(REPORTERS[args.format](findings, files_checked))
    if args.format == "github":
        write_step_summary(findings, files_checked)
    return 1 if any(f.is_error for f in findings) else 0
