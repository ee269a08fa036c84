"""katalog zeige ID: one project or programme, readable in a terminal."""
from __future__ import annotations

import argparse
import shutil
import sys
import textwrap

from generator import dates, paths
from generator.commands import UsageError, iso_date
from generator.commands.suche import load
from generator.export.views import label, municipality_facts


def register(sub) -> None:
    p = sub.add_parser("zeige", help="Ein Projekt oder Förderprogramm anzeigen (offline)",
                       description="Zeigt einen Eintrag mit allen Angaben, ähnlichen Projekten und passenden "
                                   "Förderprogrammen. Die Kennung steht in `katalog suche` unter jedem Treffer.")
    p.add_argument("id", metavar="KENNUNG", help="Kennung des Eintrags, z. B. koeln-smart-parking")
    p.add_argument("--katalog", metavar="PFAD", default=str(paths.CATALOGUE_DIR), help="Katalog-Ordner (Standard: catalogue/)")
    p.add_argument("--stichtag", type=iso_date, metavar="JJJJ-MM-TT", help="Datum für den Antragsstatus (Standard: heute)")
    p.set_defaults(handler=run)


def euro(value) -> str:
    return f"{value:,} €".replace(",", ".")


def yes_no(value) -> str:
    return "ja" if value else "nein"


class Page:
    """Plain-text layout: a title, label/value lines and wrapped paragraphs."""

    def __init__(self, width: int):
        self.width = max(40, min(width, 100))
        self.lines: list[str] = []

    def title(self, text: str, kind: str):
        self.lines += [text, "=" * min(len(text), self.width), kind, ""]

    def section(self, heading: str):
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        self.lines += [heading, "-" * len(heading)]

    def fact(self, name: str, value):
        if value in (None, "", [], ()):
            return
        prefix = f"{name + ':':<24} "
        wrapped = textwrap.wrap(str(value), self.width - len(prefix), break_on_hyphens=False) or [""]
        self.lines.append(prefix + wrapped[0])
        self.lines += [" " * len(prefix) + rest for rest in wrapped[1:]]

    def paragraph(self, text: str):
        """Markdown source as plain text: paragraphs rewrapped, list items kept one per line."""
        for block in str(text).replace("**", "").strip().split("\n\n"):
            items, current = [], []
            for line in block.splitlines():
                if line.lstrip().startswith(("- ", "* ")) and current:
                    items.append(current)
                    current = []
                current.append(line.strip())
            items.append(current)
            for item in items:
                joined = " ".join(" ".join(item).split())
                if joined.startswith(("- ", "* ")):
                    self.bullet(joined[2:])
                else:
                    self.lines += textwrap.wrap(joined, self.width, break_on_hyphens=False) or [""]
            self.lines.append("")

    def bullet(self, text: str, show: str | None = None):
        """A list item; `show` is a record id, printed as the command that shows it."""
        wrapped = textwrap.wrap(str(text), self.width - 2, break_on_hyphens=False) or [""]
        self.lines.append("- " + wrapped[0])
        self.lines += ["  " + rest for rest in wrapped[1:]]
        if show:
            self.lines.append(f"  → katalog zeige {show}")

    def render(self) -> str:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"


def show_project(catalogue, enriched, pid: str, page: Page):
    record = catalogue.projects[pid]
    page.title(record["title"], "Projekt")
    page.paragraph(record["summary"])
    munis = [municipality_facts(m, catalogue.reference) for m in record["municipalities"]]
    page.section("Steckbrief")
    for m in munis:
        role = "federführend" if m["role"] == "lead" else "Partner"
        extra = [m["land_name"], m["size_class_label"] or m["type_label"]]
        page.fact(f"Kommune ({role})", f"{m['name']} ({', '.join(e for e in extra if e)})")
    page.fact("Handlungsfelder", ", ".join(label("topics", t) for t in record["topics"]))
    page.fact("Status", label("project-statuses", record["status"]))
    page.fact("Zeitraum", dates.german(record["start"]) + (f" bis {dates.german(record['end'])}" if record.get("end") else ""))
    page.fact("Schlagworte", ", ".join(record.get("tags", []) or []))
    budget = record.get("budget") or {}
    page.fact("Gesamtkosten", euro(budget["total_eur"]) if "total_eur" in budget else None)
    page.fact("Eigenanteil", euro(budget["own_share_eur"]) if "own_share_eur" in budget else None)
    if record.get("seeking_partners"):
        page.fact("Partner gesucht", record.get("seeking") or "ja")
    if "open_to_exchange" in record:
        page.fact("Austausch erwünscht", yes_no(record["open_to_exchange"]))
    reuse = record.get("reuse") or {}
    if reuse:
        bits = [b for b, on in (("Open Source", reuse.get("open_source")), ("EfA", reuse.get("efa")),
                                ("nachnutzbar", reuse.get("reusable"))) if on]
        page.fact("Nachnutzung", ", ".join(bits + [reuse.get("licence", "")]).strip(", ") or "nein")
        page.fact("Quellcode", reuse.get("repository"))
    if record.get("description"):
        page.section("Beschreibung")
        page.paragraph(record["description"])
    experience = record.get("experience") or {}
    if experience:
        page.section("Erfahrungen")
        if experience.get("outcome"):
            page.paragraph(experience["outcome"])
        page.fact("Wieder so machen", experience.get("would_do_again"))
        page.fact("Nach Förderung weiter", experience.get("continued_after_funding"))
        page.fact("Aufwand", experience.get("effort"))
    if record.get("funding"):
        page.section("Förderung")
        for item in record["funding"]:
            programme = catalogue.funding.get(item["programme"], {})
            amount = f", {euro(item['amount_eur'])}" if "amount_eur" in item else ""
            period = f", {item['period']}" if item.get("period") else ""
            page.bullet(f"{programme.get('title', item['programme'])}{amount}{period}", item["programme"])
    contact = record["contact"]
    page.section("Kontakt")
    page.fact("Organisation", contact.get("organisation"))
    page.fact("E-Mail", contact.get("email"))
    page.fact("Kontaktseite", contact.get("url"))
    similar = enriched.similar_projects.get(pid, [])
    if similar:
        page.section("Ähnliche Projekte")
        for link in similar:
            page.bullet(f"{catalogue.projects[link.id]['title']} – {'; '.join(link.reasons)}", link.id)
    matches = enriched.funding_matches.get(pid, [])
    if matches:
        page.section("Passende Förderprogramme")
        for match in matches:
            page.bullet(f"{catalogue.funding[match.programme]['title']} – {'; '.join(match.reasons)}", match.programme)
    sources(page, record)


def show_programme(catalogue, enriched, fid: str, page: Page):
    record = catalogue.funding[fid]
    page.title(record["title"], "Förderprogramm")
    page.paragraph(record["summary"])
    page.section("Steckbrief")
    page.fact("Fördergeber", record["funder"])
    page.fact("Projektträger", record.get("administered_by"))
    page.fact("Ebene", label("funding-levels", record["level"]))
    page.fact("Gebiet", ", ".join(label("laender", c) for c in record.get("lands", [])) or "bundesweit")
    page.fact("Antragsberechtigt", ", ".join(label("applicant-types", e) for e in record["eligible"]))
    page.fact("Handlungsfelder", ", ".join(label("topics", t) for t in record["topics"]))
    page.fact("Förderart", label("funding-types", record["funding_type"]))
    rate = record.get("funding_rate") or {}
    page.fact("Förderquote", f"bis {rate['max_percent']} %" if "max_percent" in rate else None)
    amount = record.get("amount") or {}
    if "min_eur" in amount and "max_eur" in amount:
        span = f"{euro(amount['min_eur'])} bis {euro(amount['max_eur'])}"
    elif "max_eur" in amount:
        span = f"bis {euro(amount['max_eur'])}"
    else:
        span = f"ab {euro(amount['min_eur'])}" if "min_eur" in amount else None
    page.fact("Betrag", span)
    status = enriched.programme_status.get(fid)
    page.fact("Antragsstatus", status.label if status else label("application-statuses", record["application"]["status"]))
    if status and status.note:
        page.fact("Hinweis", status.note)
    deadlines = record["application"].get("deadlines") or []
    if deadlines:
        page.section("Fristen")
        for item in deadlines:
            if isinstance(item, dict):
                opens = f"{dates.german(item['opens'])} – " if item.get("opens") else "bis "
                page.bullet(f"{item.get('name', 'Aufruf')}: {opens}{dates.german(item['closes'])}")
            else:
                page.bullet(f"Stichtag: {dates.german(item)}")
    page.fact("Programmseite", record["url"])
    funded = enriched.projects_by_programme.get(fid, [])
    if funded:
        page.section("Geförderte Projekte im Katalog")
        for pid in funded:
            page.bullet(catalogue.projects[pid]["title"], pid)
    sources(page, record)


def sources(page: Page, record: dict):
    page.section("Quellen")
    for source in record["sources"]:
        page.bullet(source["url"] + (f" (Stand {dates.german(source['as_of'])})" if source.get("as_of") else ""))
    page.fact("Zuletzt geprüft", dates.german(record["last_reviewed"]))


def facts_for(catalogue, record_id: str):
    """Only the derived facts one record's view needs (similarity only for projects): a full
    enrich of 10,000 projects takes several seconds longer."""
    from generator.enrich import Enriched, projects_by_programme
    from generator.enrich.deadlines import all_statuses
    from generator.enrich.matching import funding_matches
    from generator.enrich.similarity import similar_projects

    statuses = all_statuses(catalogue.funding, catalogue.build_date)
    enriched = Enriched(build_date=catalogue.build_date, programme_status=statuses,
                        projects_by_programme=projects_by_programme(catalogue.projects, catalogue.funding))
    if record_id in catalogue.projects:
        from generator import retrieval

        enriched.retrieval = retrieval.build(catalogue)
        enriched.similar_projects = similar_projects(catalogue.projects, catalogue.funding, catalogue.reference,
                                                     corpus_=enriched.retrieval.projects)
        enriched.funding_matches = funding_matches({record_id: catalogue.projects[record_id]}, catalogue.funding,
                                                   statuses, catalogue.reference)
    return enriched


def run(args: argparse.Namespace) -> int:
    from generator.vocabularies import normalise

    try:
        catalogue, _ = load(args)
    except UsageError as problem:
        print(f"katalog zeige: Fehler: {problem}", file=sys.stderr)
        return 2
    wanted = args.id.strip()
    if wanted not in catalogue.projects and wanted not in catalogue.funding:
        import difflib

        known = list(catalogue.projects) + list(catalogue.funding)
        close = difflib.get_close_matches(normalise(wanted), known, n=3, cutoff=0.6)
        hint = f" Meinten Sie: {', '.join(close)}?" if close else " Kennungen zeigt `katalog suche BEGRIFF`."
        print(f"katalog zeige: Kein Eintrag mit der Kennung „{wanted}“.{hint}", file=sys.stderr)
        return 1
    enriched = facts_for(catalogue, wanted)
    page = Page(shutil.get_terminal_size((88, 24)).columns)
    if wanted in catalogue.projects:
        show_project(catalogue, enriched, wanted, page)
    else:
        show_programme(catalogue, enriched, wanted, page)
    sys.stdout.write(page.render())
    return 0
