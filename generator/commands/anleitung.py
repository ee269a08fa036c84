"""katalog anleitung: regenerate the generated sections of CONTRIBUTING.md."""
from __future__ import annotations

import sys

from generator import paths
from generator.contributing import GuideError, replace_sections

GUIDE = paths.REPO_ROOT / "CONTRIBUTING.md"


def register(sub) -> None:
    p = sub.add_parser("anleitung", help="Feldreferenz und Beispielmeldung in CONTRIBUTING.md neu erzeugen",
                       description="Schreibt die erzeugten Abschnitte von CONTRIBUTING.md (Vorlage, Felder aus dem "
                                   "Schema, echte Meldung des Prüfprogramms) neu. Mit --pruefen nur vergleichen "
                                   "(Exit-Code 1, wenn veraltet).")
    p.add_argument("--pruefen", action="store_true", help="nur prüfen, nichts schreiben")
    p.set_defaults(handler=run)


def run(args) -> int:
    current = GUIDE.read_text(encoding="utf-8")
    try:
        wanted = replace_sections(current)
    except GuideError as problem:
        print(f"katalog anleitung: Fehler: {problem}", file=sys.stderr)
        return 1
    if args.pruefen:
        if wanted != current:
            print("CONTRIBUTING.md ist veraltet. Bitte `katalog anleitung` ausführen.", file=sys.stderr)
            return 1
        print("CONTRIBUTING.md ist aktuell.")
        return 0
    if wanted != current:
        GUIDE.write_text(wanted, encoding="utf-8")
        print("CONTRIBUTING.md geschrieben.")
    else:
        print("CONTRIBUTING.md ist aktuell.")
    return 0
