"""katalog anleitung: regenerate the generated sections of CONTRIBUTING.md."""
from __future__ import annotations

import sys

from generator import paths
from generator.commands import refresh_generated
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
    try:
        wanted = replace_sections(GUIDE.read_text(encoding="utf-8"))
    except GuideError as problem:
        print(f"katalog anleitung: Fehler: {problem}", file=sys.stderr)
        return 1
    return refresh_generated({GUIDE: wanted}, check_only=args.pruefen, command="anleitung")
