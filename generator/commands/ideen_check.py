"""katalog ideen-check TEXT: similar projects, eligible programmes and partners for an idea, offline.

Same results as the Ideen-Check page of the site (generator/ideas.py holds the logic).
"""
from __future__ import annotations

import datetime as dt
import json
import sys

from generator import paths
from generator.commands import UsageError, iso_date, load_valid_catalogue

FORMATS = ("text", "json")


def register(sub) -> None:
    p = sub.add_parser(
        "ideen-check", help="Eine Idee prüfen: ähnliche Projekte, Förderprogramme, Partner (offline)",
        description="Beschreiben Sie Ihre Idee in ein paar Sätzen. Der Ideen-Check zeigt ähnliche Projekte "
                    "mit ihren Erfahrungen und Kosten, Förderprogramme, für die Ihre Kommune antragsberechtigt ist, "
                    "und wer zum Thema Partner sucht oder Austausch anbietet. Nichts wird gesendet oder gespeichert.")
    p.add_argument("text", metavar="TEXT", help="die Idee in ein paar Sätzen")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--ags", metavar="SCHLÜSSEL", help="amtlicher Schlüssel der Kommune (z. B. 09562000)")
    who.add_argument("--kommune", metavar="NAME", help="Name der Kommune (z. B. Erlangen)")
    p.add_argument("--land", metavar="LAND", help="Land, wenn keine Kommune angegeben ist (z. B. DE-BY oder Bayern)")
    p.add_argument("--groesse", metavar="KLASSE",
                   help="Größenklasse, wenn keine Kommune angegeben ist: unter-5000, 5000-20000, 20000-100000, "
                        "ueber-100000 oder landkreis")
    p.add_argument("--format", choices=FORMATS, default="text", help="Ausgabe als Text (Standard) oder JSON")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="höchstens N ähnliche Projekte (Standard: 10)")
    p.add_argument("--katalog", metavar="PFAD", default=str(paths.CATALOGUE_DIR), help="Katalog-Ordner (Standard: catalogue/)")
    p.add_argument("--stichtag", type=iso_date, metavar="JJJJ-MM-TT", help="Datum für den Antragsstatus (Standard: heute)")
    p.set_defaults(handler=run)


def resolve_size(value: str) -> str:
    from generator.ideas import SIZE_TYPES, fold
    from generator.reference import SIZE_CLASS_LABELS

    for cid in SIZE_TYPES:
        if value == cid or fold(value) == fold(SIZE_CLASS_LABELS[cid]):
            return cid
    raise UsageError(f"„{value}“ ist keine Größenklasse. Möglich: {', '.join(SIZE_TYPES)}")


def resolve_asker(args, reference):
    from generator import ideas
    from generator.commands.suche import resolve

    if (args.ags or args.kommune) and (args.land or args.groesse):
        raise UsageError("--land und --groesse nur ohne --ags oder --kommune angeben (die Kommune bringt beides mit).")
    if args.ags:
        m = reference.get(args.ags.strip())
        if m is None or m.level == "land":
            raise UsageError(f"Kein Gemeinde-, Verbands- oder Kreisschlüssel „{args.ags}“ im Gemeindeverzeichnis.")
        return ideas.asker_for_municipality(m)
    if args.kommune:
        return ideas.asker_for_municipality(pick_municipality(reference, args.kommune))
    land = ""
    if args.land:
        land = resolve([args.land], ("laender",), "Land")[0]
    size = resolve_size(args.groesse) if args.groesse else ""
    return ideas.asker_for(land, size)


def pick_municipality(reference, name: str):
    """The one body meant by `name`, or a UsageError listing the candidates."""
    from generator import ideas

    hits = ideas.find_municipalities(reference, name)
    exact = [m for m in hits if ideas.fold(name) == ideas.fold(m.name)]
    if len(exact) == 1:
        return exact[0]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise UsageError(f"Keine Kommune mit dem Namen „{name}“ gefunden.")
    listing = "\n".join(f"  --ags {m.key}  {m.official_name} ({m.type_label}, {m.land_name})" for m in (exact or hits))
    raise UsageError(f"„{name}“ ist nicht eindeutig. Bitte mit --ags wählen:\n{listing}")


def run(args) -> int:
    from generator import ideas, ideas_report
    from generator import text as text_module
    try:
        if not text_module.stems(args.text):
            raise UsageError("Bitte die Idee in ein paar Sätzen beschreiben (der Text enthält keine aussagekräftigen Wörter).")
        if args.limit < 1:
            raise UsageError("--limit muss mindestens 1 sein.")
        today = args.stichtag or dt.date.today()
        catalogue, _statuses = load_valid_catalogue(args.katalog, today)
        asker = resolve_asker(args, catalogue.reference)
    except UsageError as problem:
        print(f"katalog ideen-check: Fehler: {problem}", file=sys.stderr)
        return 2
    from generator.enrich import light, retrieval
    from generator.enrich.partners import declarations

    enriched = light(catalogue)
    result = ideas.check(args.text, catalogue.projects, catalogue.funding, enriched.programme_status, asker,
                         retrieval.build(catalogue), declarations=declarations(catalogue))
    result.projects = result.projects[:args.limit]
    report = ideas_report.as_dict(result, catalogue, enriched, today)
    if args.format == "json":
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(ideas_report.format_text(report))
    return 0 if result.total else 1
