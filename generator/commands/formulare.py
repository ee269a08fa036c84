"""katalog formulare: regenerate the GitHub issue forms from the schema and vocabularies."""
from __future__ import annotations

import sys

from generator import paths
from generator.issue_forms import render_forms

FORMS_DIR = paths.REPO_ROOT / ".github" / "ISSUE_TEMPLATE"


def register(sub) -> None:
    p = sub.add_parser("formulare", help="Issue-Formulare aus Schema und Vokabularen neu erzeugen",
                       description="Schreibt .github/ISSUE_TEMPLATE/*.yml aus schema/ und catalogue/vocabularies/. "
                                   "Mit --pruefen nur vergleichen (Exit-Code 1, wenn veraltet).")
    p.add_argument("--pruefen", action="store_true", help="nur prüfen, nichts schreiben")
    p.set_defaults(handler=run)


def run(args) -> int:
    wanted = render_forms()
    stale = [name for name, text in wanted.items()
             if not (FORMS_DIR / name).exists() or (FORMS_DIR / name).read_text(encoding="utf-8") != text]
    if args.pruefen:
        if stale:
            print("Veraltet: " + ", ".join(f".github/ISSUE_TEMPLATE/{n}" for n in stale)
                  + ". Bitte `katalog formulare` ausführen.", file=sys.stderr)
            return 1
        print("Die Issue-Formulare sind aktuell.")
        return 0
    FORMS_DIR.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (FORMS_DIR / name).write_text(wanted[name], encoding="utf-8")
        print(f".github/ISSUE_TEMPLATE/{name} geschrieben.")
    if not stale:
        print("Die Issue-Formulare sind aktuell.")
    return 0
