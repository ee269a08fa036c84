"""One project or programme as plain text for a terminal (`katalog zeige`): facts, description,
experience, similar projects, funding matches and sources."""
from __future__ import annotations

import textwrap

from generator import dates
from generator.enrich import domain
from generator.enrich.deadlines import REPEAT_LABELS
from generator.formats import continued, euro, would_do_again
from generator.vocabularies import label


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
            items: list[list[str]] = []
            current: list[str] = []
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
    page.section("Steckbrief")
    for m in enriched.projects[pid].places:
        role = "federführend" if m.is_lead else "Partner"
        extra = [m.land_name, m.size_class_label or m.type_label]
        page.fact(f"Kommune ({role})", f"{m.name} ({', '.join(e for e in extra if e)})")
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
        page.fact("Wieder so machen", would_do_again(experience.get("would_do_again", "")))
        page.fact("Nach Förderung weiter", continued(experience.get("continued_after_funding", "")))
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
    if not contact.get("email") and not contact.get("url"):
        page.fact("Weg", "über die Kommune (kein Funktionspostfach und keine Kontaktseite bekannt)")
    declared(catalogue, pid, page)
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


def declared(catalogue, pid: str, page: Page):
    """Who else runs, plans, wants exchange on or answers questions about the project (declarations)."""
    from generator.enrich.partners import declarations
    from generator.vocabularies import default_vocabularies

    found = [d for d in declarations(catalogue) if d.project == pid]
    if not found:
        return
    labels = default_vocabularies()["declaration-relations"].labels()
    page.section("Nachnutzung und Interesse")
    for d in found:
        basis = ("von der Kommune selbst gemeldet" if d.by_consent else "laut Quelle" if d.source_dated
                 else "laut Quelle ohne Datum, gelesen")
        channel = ", ".join(x for x in (d.email, d.url) if x) or "über die Kommune"
        page.bullet(f"{labels.get(d.relation, d.relation)}: {d.name} ({basis} {dates.german(d.date)}) – Kontakt: "
                    f"{d.organisation}, {channel}")


def show_programme(catalogue, enriched, fid: str, page: Page):
    record = catalogue.funding[fid]
    page.title(record["title"], "Förderprogramm")
    page.paragraph(record["summary"])
    page.section("Steckbrief")
    page.fact("Fördergeber", record["funder"])
    page.fact("Projektträger", record.get("administered_by"))
    page.fact("Ebene", label("funding-levels", record["level"]))
    page.fact("Gebiet", ", ".join(domain.area_names(record)))
    page.fact("Antragsberechtigt", ", ".join(label("applicant-types", e) for e in record["eligible"]))
    page.fact("Handlungsfelder", ", ".join(label("topics", t) for t in record["topics"]))
    page.fact("Förderart", label("funding-types", record["funding_type"]))
    rate = record.get("funding_rate") or {}
    page.fact("Förderquote", f"bis {rate['max_percent']} %" if "max_percent" in rate else None)
    amount = record.get("amount") or {}
    span: str | None
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
                again = (f" (wiederkehrend, {REPEAT_LABELS.get(item['repeat'], item['repeat'])}"
                         + (f" bis {dates.german(item['repeat_until'])}" if item.get("repeat_until") else "") + ")"
                         if item.get("repeat") else "")
                page.bullet(f"{item.get('name') or record['title']}: {opens}{dates.german(item['closes'])}{again}")
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


def show(catalogue, enriched, record_id: str, width: int) -> str:
    """The text view of one record (a project or a programme id of the catalogue)."""
    page = Page(width)
    if record_id in catalogue.projects:
        show_project(catalogue, enriched, record_id, page)
    else:
        show_programme(catalogue, enriched, record_id, page)
    return page.render()
