"""The Ideen-Check's result as plain data (the JSON output of `katalog ideen-check`) and as text
for a terminal. The command only parses its arguments and prints what these return.
"""
from __future__ import annotations

import datetime as dt

from generator import ideas
from generator.dates import german
from generator.formats import euro, would_do_again
from generator.vocabularies import default_vocabularies

MAX_PROGRAMMES = 10  # programmes listed in the text output (the JSON lists all)


def as_dict(result, catalogue, enriched, today: dt.date) -> dict:
    """The check as plain data (the JSON output, and what the text output prints); the projects' places come from
    the Enriched model (`enriched.projects`)."""
    topic_labels = default_vocabularies()["topics"].labels()

    def project(hit):
        facts = ideas.project_facts(catalogue.projects[hit.id], catalogue.funding, enriched.projects[hit.id])
        return {"id": hit.id, "score": hit.score, "text_similarity": hit.text, "reasons": list(hit.reasons), **facts}

    def declaration(d):
        return {"id": d.id, "project": d.project, "project_title": catalogue.projects[d.project]["title"],
                "relation": d.relation, "name": d.name, "ags": d.key or None, "land": d.land, "date": d.date,
                "by_consent": d.by_consent, "source_dated": d.source_dated, "note": d.note,
                "contact": {k: v for k, v in (("organisation", d.organisation), ("email", d.email), ("url", d.url)) if v}}

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
        "planning": [declaration(d) for d in result.planning],
        "answering": [declaration(d) for d in result.answering],
    }


def format_text(report: dict) -> str:
    vocab = default_vocabularies()
    status_label = vocab["project-statuses"].labels()
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
                    parts.append(f"Würde es wieder so machen: {would_do_again(exp['would_do_again']).lower()}.")
                if exp.get("effort"):
                    parts.append(f"Aufwand: {exp['effort']}.")
                out.append(f"{pad}Erfahrung: " + " ".join(parts))
            costs = []
            if "total_eur" in p["budget"]:
                costs.append(f"Gesamtkosten {euro(p['budget']['total_eur'])}"
                             + (f" (Eigenanteil {euro(p['budget']['own_share_eur'])})" if "own_share_eur" in p["budget"] else ""))
            for f in p["funding"]:
                # titles often carry „…“ or start with „Förderung“ themselves
                costs.append(f"gefördert aus {f['title']}" + (f": {euro(f['amount_eur'])}" if f.get("amount_eur") is not None else ""))
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
            wishes = " und ".join(x for x, on in (("sucht Partner", p["seeking_partners"]), ("wünscht Austausch", p["open_to_exchange"])) if on)
            out.append(f"  - {p['title']} ({p['place']['name']}): {wishes}")
            if p["seeking"]:
                out.append(f"    Gesucht: {p['seeking']}")
            contact = p["contact"]
            if contact.get("email") or contact.get("url"):
                out.append("    Kontakt: " + ", ".join(contact[k] for k in ("organisation", "email", "url") if k in contact))
            elif contact:
                out.append(f"    Kontakt: über die Kommune – {contact.get('organisation', p['place']['name'])}")
        out.append("")
    for key, heading in (("planning", "Diese Kommunen planen Ähnliches – Partner für eine gemeinsame Umsetzung?"),
                         ("answering", "Ansprechbar zu diesem Thema")):
        if report["projects"] and report.get(key):
            out.append(heading)
            for d in report[key]:
                if d["by_consent"]:
                    when = f"gemeldet {german(d['date'])}"
                elif d["source_dated"]:
                    when = f"laut Quelle, Stand {german(d['date'])}"
                else:
                    when = f"laut Quelle ohne Datum, gelesen {german(d['date'])}"
                out.append(f"  - {d['name']}: zu „{d['project_title']}“ ({when})")
                if d["note"]:
                    out.append(f"    {d['note']}")
                contact = d["contact"]
                if contact.get("email") or contact.get("url"):
                    out.append("    Kontakt: " + ", ".join(contact[k] for k in ("organisation", "email", "url") if k in contact))
                else:
                    out.append(f"    Kontakt: über die Kommune – {contact.get('organisation', d['name'])}")
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
