"""katalog formulare: regenerate the GitHub issue forms and GitLab issue templates from the schema and vocabularies."""
from __future__ import annotations

from generator import paths
from generator.commands import refresh_generated
from generator.gitlab_templates import render_templates
from generator.issue_forms import render_forms

FORMS_DIR = paths.REPO_ROOT / ".github" / "ISSUE_TEMPLATE"
GITLAB_DIR = paths.REPO_ROOT / ".gitlab" / "issue_templates"


def register(sub) -> None:
    p = sub.add_parser("formulare", help="Issue-Formulare aus Schema und Vokabularen neu erzeugen",
                       description="Schreibt .github/ISSUE_TEMPLATE/*.yml und .gitlab/issue_templates/*.md aus "
                                   "schema/ und catalogue/vocabularies/. "
                                   "Mit --pruefen nur vergleichen (Exit-Code 1, wenn veraltet).")
    p.add_argument("--pruefen", action="store_true", help="nur prüfen, nichts schreiben")
    p.set_defaults(handler=run)


def run(args) -> int:
    files = {FORMS_DIR / name: text for name, text in render_forms().items()}
    files |= {GITLAB_DIR / name: text for name, text in render_templates().items()}
    return refresh_generated(files, check_only=args.pruefen, command="formulare")
