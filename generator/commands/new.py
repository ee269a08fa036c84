"""katalog new projekt|foerderprogramm ID: write a commented template for a new record."""
from __future__ import annotations

import datetime as dt
import re
import sys

from generator import paths
from generator.checks import RESERVED_IDS
from generator.record_template import render_template

KINDS = {"projekt": ("project", paths.PROJECTS_DIR), "foerderprogramm": ("funding", paths.FUNDING_DIR),
         "erklaerung": ("declaration", paths.DECLARATIONS_DIR)}


def register(sub) -> None:
    p = sub.add_parser("new", help="Vorlage für einen neuen Eintrag anlegen",
                       description="Legt catalogue/projects/ID.yaml, catalogue/funding/ID.yaml bzw. "
                                   "catalogue/declarations/ID.yaml (Nachnutzung oder Interesse an einem Projekt) als "
                                   "kommentierte Vorlage an. Danach die Stellen mit „AUSFÜLLEN“ ersetzen.")
    p.add_argument("art", choices=sorted(KINDS), metavar="ART", help="projekt, foerderprogramm oder erklaerung")
    p.add_argument("id", metavar="ID", help="Kennung, z. B. musterstadt-smart-parking (Kleinbuchstaben, Ziffern, Bindestriche)")
    p.set_defaults(handler=run)


def run(args) -> int:
    kind, directory = KINDS[args.art]
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", args.id) or not 3 <= len(args.id) <= 80:
        print(f"katalog new: Fehler: „{args.id}“ ist keine gültige Kennung. Erlaubt: Kleinbuchstaben a–z, Ziffern und "
              "einzelne Bindestriche, 3–80 Zeichen, z. B. musterstadt-smart-parking.", file=sys.stderr)
        return 2
    if args.id in RESERVED_IDS:
        print(f"katalog new: Fehler: „{args.id}“ ist reserviert. Bitte eine andere Kennung wählen.", file=sys.stderr)
        return 2
    target = directory / f"{args.id}.yaml"
    if target.exists():
        print(f"katalog new: Fehler: {paths.display_path(target)} gibt es schon.", file=sys.stderr)
        return 1
    directory.mkdir(parents=True, exist_ok=True)
    target.write_text(render_template(kind, args.id, dt.date.today()), encoding="utf-8")
    print(f"Vorlage angelegt: {paths.display_path(target)}")
    print("Nächste Schritte: Stellen mit „AUSFÜLLEN“ ersetzen, dann `.venv/bin/katalog validate` ausführen.")
    return 0
