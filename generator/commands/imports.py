"""katalog import publiccode DATEI: a project draft (and declaration drafts) from a publiccode.yml."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml

from generator import paths
from generator.importers.publiccode import NotPubliccode, project_draft
from generator.loader import load_file
from generator.reference import load_reference

HEADER = ("# Entwurf aus einer publiccode.yml ({source}). Vor dem Einreichen alle Stellen mit „AUSFÜLLEN“\n"
          "# ersetzen und jede Angabe an der Quelle prüfen; danach `katalog validate`.\n")


def register(sub) -> None:
    p = sub.add_parser("import", help="Entwurf aus einer Datei anderer Werkzeuge anlegen (publiccode.yml)",
                       description="Legt aus einer publiccode.yml (Version 0.4, wie sie openCoDE liest) einen "
                                   "Projektentwurf in catalogue/projects/ an und für jeden Eintrag unter usedBy "
                                   "einen Entwurf einer Erklärung „nutzt“ in catalogue/declarations/.")
    p.add_argument("format", choices=["publiccode"], metavar="FORMAT", help="publiccode")
    p.add_argument("datei", type=Path, metavar="DATEI", help="Pfad zur publiccode.yml")
    p.add_argument("--id", dest="project_id", help="Kennung des Projekts (sonst aus dem Namen der Software)")
    p.add_argument("--ags", help="amtlicher Schlüssel der federführenden Kommune")
    p.add_argument("--handlungsfeld", action="append", dest="topics", metavar="ID",
                   help="Handlungsfeld aus dem Vokabular (mehrfach möglich)")
    p.add_argument("--beginn", help="Projektbeginn: JJJJ-MM-TT, JJJJ-MM oder JJJJ")
    p.add_argument("--katalog", type=Path, default=None, help="Katalogordner (Standard: catalogue/)")
    p.set_defaults(handler=run)


class _DraftDumper(yaml.SafeDumper):
    """Multi-line text as a literal block, as contributors write it by hand."""


def _represent_text(dumper, value: str):
    style = "|" if "\n" in value else "'" if value.isdigit() else None  # keys like 05966024 stay text
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_DraftDumper.add_representer(str, _represent_text)


def _dump(record: dict, source: str) -> str:
    body = yaml.dump(record, Dumper=_DraftDumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)
    return HEADER.format(source=source) + body


def run(args) -> int:
    root = args.katalog or paths.CATALOGUE_DIR
    loaded = load_file(args.datei)
    if loaded.problems:
        for problem in loaded.problems:
            print(f"{paths.display_path(args.datei)}:{problem.line}:{problem.column}: {problem.message}", file=sys.stderr)
        return 1
    try:
        draft = project_draft(loaded.data, dt.date.today(), args.project_id, lead_ags=args.ags, topics=args.topics,
                              start=args.beginn, reference=load_reference(root / "reference" / "municipalities"))
    except NotPubliccode as error:
        print(f"{paths.display_path(args.datei)}: {error}", file=sys.stderr)
        return 1
    targets = [(root / "projects" / f"{draft.project['id']}.yaml", draft.project)]
    targets += [(root / "declarations" / f"{d['id']}.yaml", d) for d in draft.declarations]
    existing = [t for t, _ in targets if t.exists()]
    if existing:
        for target in existing:
            print(f"katalog import: Fehler: {paths.display_path(target)} gibt es schon; nichts geschrieben.", file=sys.stderr)
        return 1
    source = args.datei.name
    for target, record in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_dump(record, source), encoding="utf-8")
        print(f"Entwurf angelegt: {paths.display_path(target)}")
    for hint in draft.hints:
        print(f"Hinweis: {hint}")
    print("Nächste Schritte: Stellen mit „AUSFÜLLEN“ ersetzen, dann `katalog validate` ausführen.")
    return 0
