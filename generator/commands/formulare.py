"""katalog formulare: regenerate the GitHub issue forms from the schema and vocabularies."""
from __future__ import annotations

from generator import paths
from generator.commands import refresh_generated
from generator.issue_forms import render_forms

FORMS_DIR = paths.REPO_ROOT / ".github" / "ISSUE_TEMPLATE"


def register(sub) -> None:
    p = sub.add_parser("formulare", help="Issue-Formulare aus Schema und Vokabularen neu erzeugen",
                       description="Schreibt .github/ISSUE_TEMPLATE/*.yml aus schema/ und catalogue/vocabularies/. "
                                   "Mit --pruefen nur vergleichen (Exit-Code 1, wenn veraltet).")
    p.add_argument("--pruefen", action="store_true", help="nur prüfen, nichts schreiben")
    p.set_defaults(handler=run)


def run(args) -> int:
    files = {FORMS_DIR / name: text for name, text in render_forms().items()}
    return refresh_generated(files, check_only=args.pruefen, command="formulare")
