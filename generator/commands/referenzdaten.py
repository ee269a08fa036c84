"""katalog referenzdaten --von ORDNER: refresh the municipality reference data."""
from __future__ import annotations

import sys
from pathlib import Path

from generator.reference import import_destatis


def register(sub) -> None:
    p = sub.add_parser("referenzdaten", help="Gemeindeverzeichnis (Destatis) aktualisieren",
                       description="Übernimmt eine neuere Ausgabe des Destatis-Gemeindeverzeichnisses "
                                   "(CSV-Dateien gemeinden.csv, gemeindeverbaende.csv, kreise.csv, laender.csv) "
                                   "nach catalogue/reference/municipalities/.")
    p.add_argument("--von", required=True, metavar="ORDNER", help="Ordner mit den Destatis-CSV-Dateien")
    p.set_defaults(handler=run)


def run(args) -> int:
    try:
        counts = import_destatis(Path(args.von))
    except (OSError, ValueError, KeyError) as exc:
        print(f"katalog referenzdaten: Fehler: {exc}", file=sys.stderr)
        return 1
    for name, count in counts.items():
        print(f"{name}: {count} Zeilen übernommen")
    print("Bitte die Namensnennung in catalogue/reference/municipalities/README.md prüfen (Gebietsstand).")
    return 0
