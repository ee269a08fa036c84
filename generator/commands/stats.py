"""katalog stats: coverage report (records per Land, Handlungsfeld, size class, status; gaps)."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from generator import paths
from generator.commands import iso_date
from generator.catalogue import load_catalogue
from generator.stats import coverage


def register(sub) -> None:
    p = sub.add_parser("stats", help="Abdeckung des Katalogs: Einträge je Land, Handlungsfeld, Größenklasse und Status",
                       description="Zeigt, wie viele Projekte und Förderprogramme es je Land, Handlungsfeld, "
                                   "Größenklasse der Kommune, Federführung, Antragsberechtigten und Status gibt "
                                   "und nennt die Lücken (Länder, Handlungsfelder, Größenklassen, Handlungsfelder je Land). "
                                   "Exit-Code: 0 = in Ordnung, 1 = der Katalog enthält Fehler, 2 = falscher Aufruf.")
    p.add_argument("path", nargs="?", metavar="PFAD", help="Katalog-Ordner (Standard: catalogue/)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="Ausgabeformat (Standard: text)")
    p.add_argument("--stichtag", type=iso_date, metavar="JJJJ-MM-TT", help="Datum für den Antragsstatus (Standard: heute)")
    p.set_defaults(handler=run)


def table(headers: list[str], rows: list[list]) -> str:
    """A plain-text table: first column left-aligned, numbers right-aligned."""
    cells = [[str(c) for c in row] for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def _names(items: list[dict]) -> str:
    return ", ".join(i["label"] for i in items) if items else "keine"


def render_text(cov: dict) -> str:
    """The coverage figures as a German plain-text report."""
    t = cov["totals"]
    topic_labels = {r["id"]: r["label"] for r in cov["by_topic"]}
    nationwide = ", ".join(f"{r['label']} {r['funding']}" for r in cov["funding_nationwide_by_level"]) or "keine"
    parts = [
        f"Abdeckung des Katalogs (Stand {dt.date.fromisoformat(cov['build_date']).strftime('%d.%m.%Y')})",
        f"{t['projects']} Projekte, {t['funding']} Förderprogramme "
        f"({t['funding_land_specific']} landesspezifisch, {t['funding_nationwide']} bundesweit/EU"
        + (f", {t['funding_regional']} EU/Bund nur für einzelne Länder)" if t["funding_regional"] else ")"),
        "",
        "Nach Land",
        table(["Land", "Projekte", "Landesprogramme", "EU/Bund nur für einzelne Länder"],
              [[r["label"], r["projects"], r["funding"], r["funding_regional"]] for r in cov["by_land"]]),
        f"Dazu gelten {t['funding_nationwide']} bundesweite bzw. EU-Programme in allen Ländern ({nationwide}).",
        "Ein Projekt mit Kommunen in mehreren Ländern zählt in jedem dieser Länder.",
        "",
        "Nach Handlungsfeld",
        table(["Handlungsfeld", "Projekte", "Programme"],
              [[r["label"], r["projects"], r["funding"]] for r in cov["by_topic"]]),
        "",
        "Projekte nach Größenklasse der beteiligten Kommunen",
        table(["Größenklasse", "Projekte"], [[r["label"], r["projects"]] for r in cov["projects_by_size_class"]]),
        "Ein Projekt zählt in jeder Größenklasse, in der eine beteiligte Kommune liegt.",
        "",
        "Projekte nach federführender Kommune",
        table(["Federführung", "Projekte"], [[r["label"], r["projects"]] for r in cov["projects_by_lead_class"]]),
        f"Von Gemeinden unter 5.000 Einwohnern oder Ämtern/Verbandsgemeinden geführt: "
        f"{len(cov['projects_led_by_small_municipalities'])} Projekte.",
        "",
        "Förderprogramme nach Antragsberechtigten",
        table(["Antragsberechtigt", "Programme"],
              [[r["label"], r["funding"]] for r in cov["funding_by_applicant_type"]]),
        "Ein Programm zählt bei jeder Art von Antragsberechtigten, die es nennt.",
        "",
        "Projekte nach Status",
        table(["Status", "Projekte"], [[r["label"], r["projects"]] for r in cov["projects_by_status"]]),
        "",
        f"Förderprogramme nach Antragsstatus am {dt.date.fromisoformat(cov['build_date']).strftime('%d.%m.%Y')}",
        table(["Antragsstatus", "Programme"], [[r["label"], r["funding"]] for r in cov["funding_by_status"]]),
        "Berechnet aus den Fristen; ohne Fristen gilt der Status laut Eintrag.",
    ]
    if cov["funding_status_differs_from_declared"]:
        parts.append("Abweichend vom Eintrag (Fristen abgelaufen): " + ", ".join(cov["funding_status_differs_from_declared"]))
    parts += [
        "",
        "Lücken",
        f"Länder ohne Projekt: {_names(cov['laender_without_project'])}",
        f"Länder ohne landesspezifisches Förderprogramm: {_names(cov['laender_without_land_programme'])}",
        f"Handlungsfelder mit weniger als {cov['min_projects_per_topic']} Projekten: "
        + (", ".join(f"{r['label']} ({r['projects']})" for r in cov["topics_below_min_projects"]) or "keine"),
        f"Handlungsfelder ohne Förderprogramm: {_names(cov['topics_without_programme'])}",
        f"Federführung ohne Projekt: {_names(cov['lead_classes_without_project'])}",
        f"Kommunale Antragsberechtigte ohne Förderprogramm: {_names(cov['municipal_applicant_types_without_programme'])}",
        "",
        "Handlungsfelder ohne Projekt je Land",
        *(f"{r['label']}: " + (", ".join(topic_labels[t] for t in r["topics"]) or "keine Lücke")
          for r in cov["topics_without_project_per_land"]),
    ]
    return "\n".join(parts) + "\n"


def run(args) -> int:
    build_date = args.stichtag or dt.date.today()
    root = Path(args.path) if args.path else paths.CATALOGUE_DIR
    if not root.is_dir():
        print(f"katalog stats: Fehler: „{root}“ ist kein Katalog-Ordner.", file=sys.stderr)
        return 2
    catalogue, validation = load_catalogue(root, build_date=build_date)
    if catalogue is None:
        print(f"katalog stats: Der Katalog enthält {len(validation.errors)} Fehler; bitte zuerst "
              f"„katalog validate“ ausführen und die Fehler beheben.", file=sys.stderr)
        return 1
    from generator.enrich import light

    cov = coverage(catalogue, light(catalogue))
    if args.format == "json":
        print(json.dumps(cov, ensure_ascii=False, indent=2))
    else:
        print(render_text(cov), end="")
    return 0
