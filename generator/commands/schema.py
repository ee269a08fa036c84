"""katalog schema: regenerate schema/vocabularies.schema.json from the vocabularies."""
from __future__ import annotations

import sys

from generator import paths
from generator.schemas import render_vocabularies_schema


def register(sub) -> None:
    p = sub.add_parser("schema", help="Vokabular-Schema aus catalogue/vocabularies/ neu erzeugen",
                       description="Schreibt schema/vocabularies.schema.json aus den Vokabularen. "
                                   "Mit --pruefen nur vergleichen (Exit-Code 1, wenn veraltet).")
    p.add_argument("--pruefen", action="store_true", help="nur prüfen, nichts schreiben")
    p.set_defaults(handler=run)


def run(args) -> int:
    target = paths.SCHEMA_DIR / "vocabularies.schema.json"
    wanted = render_vocabularies_schema()
    current = target.read_text(encoding="utf-8") if target.exists() else ""
    if args.pruefen:
        if current != wanted:
            print("schema/vocabularies.schema.json ist veraltet. Bitte `katalog schema` ausführen.", file=sys.stderr)
            return 1
        print("schema/vocabularies.schema.json ist aktuell.")
        return 0
    target.write_text(wanted, encoding="utf-8")
    print(f"{paths.display_path(target)} geschrieben.")
    return 0
