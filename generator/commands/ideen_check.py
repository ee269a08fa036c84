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
MAX_PROGRAMMES = 10


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
    from generator import ideas
    from generator import text as text_module
    try:
        if not text_module.stems(args.text):
            raise UsageError("Bitte die Idee in ein paar Sätzen beschreiben (der Text enthält keine aussagekräftigen Wörter).")
        if args.limit < 1:
            raise UsageError("--limit muss mindestens 1 sein.")
        today = args.stichtag or dt.date.today()
        catalogue, statuses = load_valid_catalogue(args.katalog, today)
        asker = resolve_asker(args, catalogue.reference)
    except UsageError as problem:
        print(f"katalog ideen-check: Fehler: {problem}", file=sys.stderr)
        return 2
    from generator import retrieval

    result = ideas.check(args.text, catalogue.projects, catalogue.funding, statuses, asker, retrieval.build(catalogue))
    result.projects = result.projects[:args.limit]
    report = as_dict(result, catalogue, today)
    if args.format == "json":
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_text(report))
    return 0 if result.total else 1


def as_dict(result, catalogue, today: dt.date) -> dict:
    """The check as plain data (the JSON output, and what the text output prints)."""
    from generator import ideas
    from generator.vocabularies import default_vocabularies

    topic_labels = default_vocabularies()["topics"].labels()

    def project(hit):
        facts = ideas.project_facts(catalogue.projects[hit.id], catalogue.funding, catalogue.reference)
        return {"id": hit.id, "score": hit.score, "text_similarity": hit.text, "reasons": list(hit.reasons), **facts}

    asker = result.asker
    return {
        "idea": result.text,
        "date": today.isoformat(),
        "asker": {"description": asker.description, "ags": asker.municipality.key if asker.municipality else None,
                  "land": asker.land or None, "size_class": asker.size_class or None,
                  "applicant_types": list(asker.applicant_types)},
        "words": result.words,
        "topics": [{"id": t, "label": topic_labels.get(t, t)} for t in result.topics],
        "total": result.total,
        "projects": [project(h) for h in result.projects],
        "programmes": [{"id": p.id, "title": catalogue.funding[p.id]["title"], "funder": catalogue.funding[p.id].get("funder", ""),
                        "status": p.status, "status_label": p.label, "reasons": list(p.reasons)} for p in result.programmes],
        "partners": [project(h) for h in result.partners],
    }


def _euro(value) -> str:
    from generator.render.base import euro
    return euro(value)


def format_text(report: dict) -> str:
    from generator.dates import german
    from generator.vocabularies import default_vocabularies

    vocab = default_vocabularies()
    status_label = vocab["project-statuses"].labels()
    again = {"ja": "ja", "nein": "nein", "teilweise": "teilweise"}
    out = [f"Ideen-Check: „{report['idea']}“",
           f"Für: {report['asker']['description']}",
           f"Stand der Fristen: {german(report['date'])}"]
    if report["topics"]:
        out.append("Erkannte Handlungsfelder: " + ", ".join(t["label"] for t in report["topics"]))
    out.append("")
    if not report["projects"]:
        out += ["Keine ähnlichen Projekte im Katalog gefunden.",
                "Tipp: die Idee mit anderen Worten beschreiben, z. B. mit Fachbegriffen („Parkleitsystem“, „E-Akte“).", ""]
    else:
        shown = len(report["projects"])
        out.append(f"Ähnliche Projekte ({report['total']} gefunden" + (f", die ersten {shown}" if shown < report["total"] else "") + "):")
        width = len(str(shown))
        pad = " " * (width + 2)
        for n, p in enumerate(report["projects"], 1):
            place = p["place"]
            where = " · ".join(x for x in (place["name"] + (f" (+{place['others']})" if place["others"] else ""),
                                           place["land_name"], status_label.get(p["status"], p["status"])) if x)
            out.append(f"{n:>{width}}. {p['title']}")
            out.append(f"{pad}{where}")
            out.append(f"{pad}Warum ähnlich: " + "; ".join(p["reasons"]))
            exp = p["experience"]
            if exp:
                parts = []
                if exp.get("outcome"):
                    parts.append(exp["outcome"].strip().replace("\n", "\n" + pad + "  "))
                if exp.get("would_do_again"):
                    parts.append(f"Würde es wieder so machen: {again.get(exp['would_do_again'], exp['would_do_again'])}.")
                if exp.get("effort"):
                    parts.append(f"Aufwand: {exp['effort']}.")
                out.append(f"{pad}Erfahrung: " + " ".join(parts))
            costs = []
            if "total_eur" in p["budget"]:
                costs.append(f"Gesamtkosten {_euro(p['budget']['total_eur'])}"
                             + (f" (Eigenanteil {_euro(p['budget']['own_share_eur'])})" if "own_share_eur" in p["budget"] else ""))
            for f in p["funding"]:
                costs.append(f"Förderung {f['title']}" + (f": {_euro(f['amount_eur'])}" if f.get("amount_eur") is not None else ""))
            if costs:
                out.append(f"{pad}Kosten: " + "; ".join(costs))
            flags = [x for x, on in (("Partner gesucht", p["seeking_partners"]), ("Austausch erwünscht", p["open_to_exchange"]),
                                     ("Open Source", p["open_source"])) if on]
            if flags:
                out.append(f"{pad}" + " · ".join(flags))
            out.append(f"{pad}Mehr: katalog zeige {p['id']}")
            out.append("")
    programmes = report["programmes"]
    if report["topics"]:
        out.append(f"{_programmes_heading(report)} ({len(programmes)}):")
        if not programmes:
            out.append("  Keine passenden Förderprogramme im Katalog.")
        for n, f in enumerate(programmes[:MAX_PROGRAMMES], 1):
            out.append(f"{n:>2}. {f['title']} – {f['status_label']}")
            out.append(f"    {'; '.join(r for r in f['reasons'][:3] if r)}")
            out.append(f"    Mehr: katalog zeige {f['id']}")
        if len(programmes) > MAX_PROGRAMMES:
            out.append(f"    … und {len(programmes) - MAX_PROGRAMMES} weitere (mit --format json alle).")
        if not report["asker"]["land"]:
            out.append("  Nur bundes- und EU-weite Programme: für Landesprogramme --kommune oder --land angeben.")
        out.append("")
    partners = report["partners"]
    if report["projects"]:
        out.append("Partner und Austausch zu dieser Idee:" if partners else "Zu dieser Idee sucht derzeit niemand Partner oder Austausch.")
        for p in partners:
            flags = " und ".join(x for x, on in (("sucht Partner", p["seeking_partners"]), ("wünscht Austausch", p["open_to_exchange"])) if on)
            out.append(f"  - {p['title']} ({p['place']['name']}): {flags}")
            if p["seeking"]:
                out.append(f"    Gesucht: {p['seeking']}")
            contact = p["contact"]
            if contact:
                out.append("    Kontakt: " + ", ".join(contact[k] for k in ("organisation", "email", "url") if k in contact))
        out.append("")
    out.append("Ihr Text wurde nur auf diesem Rechner ausgewertet und nirgends gespeichert.")
    return "\n".join(out) + "\n"


def _programmes_heading(report: dict) -> str:
    asker = report["asker"]
    if asker["ags"]:
        return f"Förderprogramme, für die {asker['description'].split(' (')[0]} antragsberechtigt ist"
    if asker["land"] or asker["size_class"]:
        return f"Förderprogramme für Kommunen mit diesen Angaben ({asker['description']})"
    return "Bundes- und EU-weite Förderprogramme für Kommunen"
