"""katalog schema: regenerate schema/vocabularies.schema.json from the vocabularies."""
from __future__ import annotations

from generator import paths
from generator.commands import refresh_generated
from generator.schemas import render_vocabularies_schema


def register(sub) -> None:
    p = sub.add_parser("schema", help="Vokabular-Schema aus catalogue/vocabularies/ neu erzeugen",
                       description="Schreibt schema/vocabularies.schema.json aus den Vokabularen. "
                                   "Mit --pruefen nur vergleichen (Exit-Code 1, wenn veraltet).")
    p.add_argument("--pruefen", action="store_true", help="nur prüfen, nichts schreiben")
    p.set_defaults(handler=run)


def run(args) -> int:
    target = paths.SCHEMA_DIR / "vocabularies.schema.json"
    return refresh_generated({target: render_vocabularies_schema()}, check_only=args.pruefen, command="schema")
