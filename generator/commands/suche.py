"""katalog suche TEXT: search the catalogue offline, ranked exactly like the site search."""
from __future__ import annotations

import datetime as dt
import sys

from generator import paths
from generator.commands import UsageError, iso_date, load_valid_catalogue
from generator.vocabularies import default_vocabularies, suggest

STATUS_VOCABS = ("project-statuses", "application-statuses")


def register(sub) -> None:
    p = sub.add_parser("suche", help="Projekte und Förderprogramme durchsuchen (offline)",
                       description="Durchsucht Projekte und Förderprogramme im Katalog. Gebeugte Wörter finden "
                                   "ihre Grundform („Parkplätzen“ findet „Parkplatz“), Wortanfänge genügen, "
                                   "zusammengesetzte Wörter finden ihre Teile („Parksensoren“ findet „Sensoren … Parken“), "
                                   "gleichbedeutende Wörter und kleine Tippfehler werden mitgesucht. Treffer mit mehr "
                                   "Suchwörtern stehen vorn. Die Reihenfolge ist dieselbe wie in der Suche auf der Website.")
    p.add_argument("text", metavar="TEXT", nargs="?", default="", help="Suchbegriffe (Einträge mit mehr davon stehen vorn)")
    p.add_argument("--thema", action="append", default=[], metavar="HANDLUNGSFELD",
                   help="nur dieses Handlungsfeld (Kennung oder Name, mehrfach möglich)")
    p.add_argument("--land", action="append", default=[], metavar="LAND",
                   help="nur dieses Land (z. B. DE-SN oder Sachsen; mehrfach möglich)")
    p.add_argument("--status", action="append", default=[], metavar="STATUS",
                   help="Projektstatus (z. B. betrieb) oder Antragsstatus (z. B. offen)")
    p.add_argument("--art", choices=["projekte", "foerderprogramme"], help="nur Projekte oder nur Förderprogramme")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="höchstens N Treffer zeigen (Standard: 10)")
    p.add_argument("--katalog", metavar="PFAD", default=str(paths.CATALOGUE_DIR), help="Katalog-Ordner (Standard: catalogue/)")
    p.add_argument("--stichtag", type=iso_date, metavar="JJJJ-MM-TT", help="Datum für den Antragsstatus (Standard: heute)")
    p.set_defaults(handler=run)


def resolve(values: list[str], vocab_ids: tuple, what: str) -> tuple:
    vocabularies = default_vocabularies()
    out = []
    for value in values:
        found = None
        for vid in vocab_ids:
            vocab = vocabularies[vid]
            if value in vocab.ids:
                found = value
                break
            found = suggest(value, vocab) if found is None else found
        if found is None:
            known = ", ".join(t.id for vid in vocab_ids for t in vocabularies[vid].terms)
            raise UsageError(f"„{value}“ ist kein bekanntes {what}. Möglich: {known}")
        out.append(found)
    return tuple(out)


def load(args):
    """The catalogue and the facts search needs, or a German error message."""
    from generator.enrich import light

    today = args.stichtag or dt.date.today()
    catalogue, _statuses = load_valid_catalogue(args.katalog, today)
    return catalogue, light(catalogue)


def run(args) -> int:
    from generator import search

    try:
        filters = search.Filters(
            topics=resolve(args.thema, ("topics",), "Handlungsfeld"),
            lands=resolve(args.land, ("laender",), "Land"),
            statuses=resolve(args.status, STATUS_VOCABS, "Status"),
            kinds={"projekte": ("project",), "foerderprogramme": ("funding",)}.get(args.art, ()),
        )
        if args.limit < 1:
            raise UsageError("--limit muss mindestens 1 sein.")
        if not args.text.strip() and not (filters.topics or filters.lands or filters.statuses or filters.kinds):
            raise UsageError("Bitte einen Suchbegriff oder mindestens einen Filter angeben, z. B. "
                             "`katalog suche Parkplatz` oder `katalog suche --land Sachsen`.")
        catalogue, enriched = load(args)
    except UsageError as problem:
        print(f"katalog suche: Fehler: {problem}", file=sys.stderr)
        return 2
    from generator.enrich import retrieval

    index = retrieval.build(catalogue).search
    found = search.search(catalogue, enriched, index, args.text, filters, args.limit)
    if args.text.strip() and not found.words:
        print("Die Suchbegriffe bestehen nur aus Füllwörtern (z. B. „und“, „die“). Bitte genauer suchen.")
        return 1
    sys.stdout.write(format_hits(found.hits, found.total, args.text, found.notes, found.suggestion))
    return 0 if found.total else 1


KIND_LABEL = {"project": "Projekt", "funding": "Förderprogramm"}


def format_hits(hits, total: int, query: str, notes: list | None = None, suggestion: str = "") -> str:
    if not total:
        shown = f" für „{query}“" if query.strip() else ""
        if suggestion:
            return f"Keine Treffer{shown}.\nMeinten Sie „{suggestion}“? katalog suche \"{suggestion}\"\n"
        return (f"Keine Treffer{shown}.\nTipp: andere Wörter versuchen; "
                "Wortanfänge genügen („Glasf“ findet „Glasfaser“).\n")
    width = len(str(len(hits)))
    word = "Treffer"
    lines = [f"{total} {word}" + (f", die ersten {len(hits)}:" if len(hits) < total else ":")]
    if notes:
        lines.append("Auch gesucht: " + ", ".join(notes))
    lines.append("")
    for number, hit in enumerate(hits, 1):
        lines.append(f"{number:>{width}}. {hit.title}")
        pad = " " * (width + 2)
        lines.append(f"{pad}{KIND_LABEL[hit.kind]} · {hit.subtitle}")
        lines.append(f"{pad}katalog zeige {hit.id}")
        lines.append("")
    return "\n".join(lines)
