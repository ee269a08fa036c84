"""katalog zeige ID: one project or programme, readable in a terminal."""
from __future__ import annotations

import argparse
import shutil
import sys

from generator import paths
from generator.commands import UsageError, iso_date
from generator.commands.suche import load
from generator import record_text
from generator.enrich import for_record


def register(sub) -> None:
    p = sub.add_parser("zeige", help="Ein Projekt oder Förderprogramm anzeigen (offline)",
                       description="Zeigt einen Eintrag mit allen Angaben, ähnlichen Projekten und passenden "
                                   "Förderprogrammen. Die Kennung steht in `katalog suche` unter jedem Treffer.")
    p.add_argument("id", metavar="KENNUNG", help="Kennung des Eintrags, z. B. koeln-smart-parking")
    p.add_argument("--katalog", metavar="PFAD", default=str(paths.CATALOGUE_DIR), help="Katalog-Ordner (Standard: catalogue/)")
    p.add_argument("--stichtag", type=iso_date, metavar="JJJJ-MM-TT", help="Datum für den Antragsstatus (Standard: heute)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from generator.vocabularies import normalise

    try:
        catalogue, _ = load(args)
    except UsageError as problem:
        print(f"katalog zeige: Fehler: {problem}", file=sys.stderr)
        return 2
    wanted = args.id.strip()
    if wanted not in catalogue.projects and wanted not in catalogue.funding:
        import difflib

        known = list(catalogue.projects) + list(catalogue.funding)
        close = difflib.get_close_matches(normalise(wanted), known, n=3, cutoff=0.6)
        hint = f" Meinten Sie: {', '.join(close)}?" if close else " Kennungen zeigt `katalog suche BEGRIFF`."
        print(f"katalog zeige: Kein Eintrag mit der Kennung „{wanted}“.{hint}", file=sys.stderr)
        return 1
    enriched = for_record(catalogue, wanted)
    sys.stdout.write(record_text.show(catalogue, enriched, wanted, shutil.get_terminal_size((88, 24)).columns))
    return 0
