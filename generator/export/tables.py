"""api/projects.csv, api/funding.csv and api/declarations.csv: one row per record, lists joined with "; ".

The column list is the single description of the CSVs: the writer and
datapackage.json both read it. Text cells that a spreadsheet would take as a
formula get a leading apostrophe (OWASP CSV injection; CWE-1236).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

from generator.enrich.deadlines import STATUS_EVIDENCE_MONTHS
from generator.export.views import declaration_view, programme_view, project_view

SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless field type: string | integer | number | boolean | date
    title: str
    get: Callable[[dict], object]
    description: str = ""


def _join(values) -> str:
    return SEPARATOR.join(str(v) for v in values if v not in (None, ""))


def _get(*path):
    def getter(view):
        value = view
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value
    return getter


def _munis(field):
    return lambda v: _join(m.get(field) for m in v["derived"]["municipalities"])


def _deadlines(v):
    out = []
    for item in (v.get("application") or {}).get("deadlines", []) or []:
        if isinstance(item, dict):
            span = f"{item['opens']}/{item['closes']}" if item.get("opens") else item["closes"]
            out.append(f"{item['name']}: {span}" if item.get("name") else span)
        else:
            out.append(str(item))
    return _join(out)


LIST_NOTE = "Mehrere Werte durch „; “ getrennt."

PROJECT_COLUMNS = [
    Column("id", "string", "Kennung", _get("id")),
    Column("title", "string", "Titel", _get("title")),
    Column("summary", "string", "Kurzbeschreibung", _get("summary")),
    Column("status", "string", "Status (Kennung)", _get("status")),
    Column("status_label", "string", "Status", _get("derived", "status_label")),
    Column("topics", "string", "Handlungsfelder (Kennungen)", lambda v: _join(v.get("topics", [])), LIST_NOTE),
    Column("topic_labels", "string", "Handlungsfelder", lambda v: _join(v["derived"]["topic_labels"]), LIST_NOTE),
    Column("tags", "string", "Schlagworte", lambda v: _join(v.get("tags", []) or []), LIST_NOTE),
    Column("lead_municipality", "string", "Federführende Kommune", _get("derived", "lead_municipality")),
    Column("municipalities", "string", "Kommunen", _munis("name"), LIST_NOTE),
    Column("ags", "string", "Amtliche Schlüssel", _munis("ags"), LIST_NOTE + " Nur Kommunen mit Schlüssel."),
    Column("lands", "string", "Länder (ISO 3166-2)", lambda v: _join(v["derived"]["lands"]), LIST_NOTE),
    Column("land_names", "string", "Länder", lambda v: _join(v["derived"]["land_names"]), LIST_NOTE),
    Column("size_classes", "string", "Größenklassen", lambda v: _join(v["derived"]["size_classes"]), LIST_NOTE),
    Column("start", "string", "Beginn", _get("start"), "JJJJ-MM-TT, JJJJ-MM oder JJJJ."),
    Column("end", "string", "Ende", _get("end"), "JJJJ-MM-TT, JJJJ-MM oder JJJJ."),
    Column("budget_total_eur", "integer", "Gesamtkosten (Euro)", _get("budget", "total_eur")),
    Column("budget_own_share_eur", "integer", "Eigenanteil (Euro)", _get("budget", "own_share_eur")),
    Column("funding_programmes", "string", "Förderprogramme (Kennungen)", lambda v: _join(v["derived"]["programmes"]), LIST_NOTE),
    Column("funding_total_eur", "integer", "Fördersumme gesamt (Euro)",
           lambda v: sum(f.get("amount_eur", 0) for f in v.get("funding", []) or []) if any("amount_eur" in f for f in v.get("funding", []) or []) else None),
    Column("seeking_partners", "boolean", "Partner gesucht", _get("seeking_partners")),
    Column("seeking", "string", "Gesuchte Partner", _get("seeking")),
    Column("open_to_exchange", "boolean", "Austausch erwünscht", _get("open_to_exchange")),
    Column("open_source", "boolean", "Open Source", _get("reuse", "open_source")),
    Column("reusable", "boolean", "Nachnutzbar (Open Source, EfA oder nachnutzbar)", _get("derived", "reusable")),
    Column("licence", "string", "Lizenz (SPDX)", _get("reuse", "licence")),
    Column("repository", "string", "Quellcode", _get("reuse", "repository")),
    Column("would_do_again", "string", "Würde es wieder tun", _get("experience", "would_do_again")),
    Column("continued_after_funding", "string", "Nach der Förderung fortgeführt", _get("experience", "continued_after_funding")),
    Column("contact_organisation", "string", "Kontakt: Organisation", _get("contact", "organisation")),
    Column("contact_email", "string", "Kontakt: E-Mail", _get("contact", "email")),
    Column("contact_url", "string", "Kontakt: Formular/Seite", _get("contact", "url")),
    Column("sources", "string", "Quellen", lambda v: _join(s.get("url") for s in v.get("sources", [])), LIST_NOTE),
    Column("last_reviewed", "date", "Zuletzt geprüft", _get("last_reviewed")),
    Column("added", "date", "Im Katalog seit", _get("derived", "added")),
    Column("page", "string", "Seite im Katalog (relativ zur Website)", _get("derived", "page")),
]

FUNDING_COLUMNS = [
    Column("id", "string", "Kennung", _get("id")),
    Column("title", "string", "Titel", _get("title")),
    Column("summary", "string", "Kurzbeschreibung", _get("summary")),
    Column("funder", "string", "Fördergeber", _get("funder")),
    Column("administered_by", "string", "Projektträger", _get("administered_by")),
    Column("level", "string", "Ebene (Kennung)", _get("level")),
    Column("level_label", "string", "Ebene", _get("derived", "level_label")),
    Column("lands", "string", "Länder (ISO 3166-2; leer = alle)", lambda v: _join(v.get("lands", [])), LIST_NOTE),
    Column("eligible", "string", "Antragsberechtigt (Kennungen)", lambda v: _join(v.get("eligible", [])), LIST_NOTE),
    Column("topics", "string", "Handlungsfelder (Kennungen)", lambda v: _join(v.get("topics", [])), LIST_NOTE),
    Column("funding_type", "string", "Förderart", _get("funding_type")),
    Column("max_percent", "number", "Förderquote bis (Prozent)", _get("funding_rate", "max_percent")),
    Column("min_eur", "integer", "Mindestbetrag (Euro)", _get("amount", "min_eur")),
    Column("max_eur", "integer", "Höchstbetrag (Euro)", _get("amount", "max_eur")),
    Column("application_status_recorded", "string", "Antragsstatus laut Eintrag", _get("application", "status")),
    Column("application_status", "string", "Antragsstatus am Stand der Daten", _get("derived", "status"),
           "Aus den Fristen, der Laufzeit und den Belegen zum Datum des Builds berechnet; „unklar“, wenn keine Quelle "
           f"der letzten {STATUS_EVIDENCE_MONTHS} Monate den Status belegt."),
    Column("application_status_evidence", "string", "Status zuletzt belegt", _get("derived", "status_evidence"),
           "Datum der neuesten Quelle, die den Status belegt."),
    Column("application_status_label", "string", "Antragsstatus (Text)", _get("derived", "status_label")),
    Column("next_closes", "string", "Nächste Frist", _get("derived", "next_closes")),
    Column("deadlines", "string", "Fristen", _deadlines, LIST_NOTE + " Aufrufe als „Name: Beginn/Ende“."),
    Column("url", "string", "Programmseite", _get("url")),
    Column("legal_basis", "string", "Rechtsgrundlage", _get("legal_basis")),
    Column("contact_organisation", "string", "Kontakt: Organisation", _get("contact", "organisation")),
    Column("contact_email", "string", "Kontakt: E-Mail", _get("contact", "email")),
    Column("contact_url", "string", "Kontakt: Formular/Seite", _get("contact", "url")),
    Column("funded_projects", "string", "Geförderte Projekte im Katalog", lambda v: _join(v["derived"]["projects"]), LIST_NOTE),
    Column("sources", "string", "Quellen", lambda v: _join(s.get("url") for s in v.get("sources", [])), LIST_NOTE),
    Column("last_reviewed", "date", "Zuletzt geprüft", _get("last_reviewed")),
    Column("added", "date", "Im Katalog seit", _get("derived", "added")),
    Column("page", "string", "Seite im Katalog (relativ zur Website)", _get("derived", "page")),
]

DECLARATION_COLUMNS = [
    Column("id", "string", "Kennung", _get("id")),
    Column("project", "string", "Projekt (Kennung)", _get("project")),
    Column("project_title", "string", "Projekt", _get("derived", "project_title")),
    Column("relation", "string", "Beziehung (Kennung)", _get("relation"), "nutzt, plant, austausch oder ansprechbar."),
    Column("relation_label", "string", "Beziehung", _get("derived", "relation_label")),
    Column("declarer", "string", "Erklärende Stelle", _get("derived", "declarer", "name")),
    Column("declarer_ags", "string", "Amtlicher Schlüssel der Stelle", _get("derived", "declarer", "ags")),
    Column("declarer_land", "string", "Land (ISO 3166-2)", _get("derived", "declarer", "land")),
    Column("declarer_size_class", "string", "Größenklasse", _get("derived", "declarer", "size_class")),
    Column("date", "string", "Datum", _get("date"), "JJJJ-MM-TT, JJJJ-MM oder JJJJ."),
    Column("note", "string", "Hinweis", _get("note")),
    Column("contact_organisation", "string", "Kontakt: Organisation", _get("contact", "organisation")),
    Column("contact_email", "string", "Kontakt: E-Mail", _get("contact", "email")),
    Column("contact_url", "string", "Kontakt: Formular/Seite", _get("contact", "url")),
    Column("basis", "string", "Beleg", _get("derived", "basis"), "quelle (belegt durch Quellen) oder einwilligung (von der Stelle selbst erklärt)."),
    Column("sources", "string", "Quellen", lambda v: _join(s.get("url") for s in v.get("sources", []) or []), LIST_NOTE),
    Column("last_reviewed", "date", "Zuletzt geprüft", _get("last_reviewed")),
    Column("added", "date", "Im Katalog seit", _get("derived", "added")),
    Column("page", "string", "Seite im Katalog (relativ zur Website)", _get("derived", "page")),
]

TABLES = {"projects.csv": ("project", PROJECT_COLUMNS), "funding.csv": ("funding", FUNDING_COLUMNS),
          "declarations.csv": ("declaration", DECLARATION_COLUMNS)}


def guard(text: str) -> str:
    """Keep spreadsheets from evaluating a cell: '=HYPERLINK(…)' stays text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value, column_type: str) -> str:
    if value is None:
        return ""
    if column_type == "boolean":
        return "true" if value else "false"
    if column_type in ("integer", "number") and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return guard(str(value))


def rows(views: list[dict], columns: list[Column]):
    yield [c.name for c in columns]
    for view in views:
        yield [cell(c.get(view), c.type) for c in columns]


def render(views: list[dict], columns: list[Column]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows(views, columns))
    return buffer.getvalue()


def write(catalogue, enriched, out_dir: Path) -> list[Path]:
    written = []
    for name, (kind, columns) in TABLES.items():
        if kind == "project":
            views = [project_view(catalogue, enriched, pid) for pid in catalogue.projects]
        elif kind == "declaration":
            views = [declaration_view(catalogue, enriched, did) for did in catalogue.declarations]
        else:
            views = [programme_view(catalogue, enriched, fid) for fid in catalogue.funding]
        target = out_dir / name
        target.write_text(render(views, columns), encoding="utf-8", newline="")
        written.append(target)
    return written
