"""The generated parts of CONTRIBUTING.md: the field reference and a real validator message.

The guide is written by hand except for the sections between markers, which
`katalog anleitung` rewrites: the field reference comes from the schema's German
titles, descriptions and examples (so it cannot drift), and the example message
is what the validator really prints for a broken record.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import tempfile
from pathlib import Path

from generator import paths
from generator.catalogue import validate_files
from generator.from_issue import dump_record  # the same quoting writer the issue import uses
from generator.issue_forms import schema_required
from generator.reporters import text_report
from generator.schema_fields import FieldInfo, allowed_values, fields, fitting_example, record_schema

MARKER_BEGIN = "<!-- BEGIN {name} (erzeugt mit `katalog anleitung`, nicht von Hand ändern) -->"
MARKER_END = "<!-- END {name} -->"

# A record with the mistakes contributors make most; the validator's real output is shown in the guide.
EXAMPLE_FILE = "catalogue/projects/beispiel-parken.yaml"
EXAMPLE_TODAY = dt.date(2026, 1, 15)
BROKEN_EXAMPLE = """\
id: beispiel-parken
title: Parken in der Innenstadt
summary: Sensoren melden freie Parkplätze; eine App zeigt sie an.
municipalities:
  - ags: 5315000
    role: lead
topics: [Mobilität]
status: in Betrieb
start: "2023-04"
contact:
  organisation: Stadt Köln, Amt für Digitalisierung
  email: erika.mustermann@stadt-koeln.example
sources:
  - url: www.stadt-koeln.example/parken
last_reviewed: "2026-01-10"
"""


class GuideError(Exception):
    pass


def _code(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return f"`{text}`"


def _requirement(kind: str, info: FieldInfo) -> str:
    if schema_required(kind, info.path):
        return "Pflicht"
    if info.required and info.depth:
        parent = ".".join(info.path[:-1])
        return f"Pflicht, wenn „{parent}“ angegeben ist"
    return "optional"


def _field_line(kind: str, info: FieldInfo) -> str:
    indent = "  " * info.depth
    parts = [f"{indent}- **`{info.path[-1]}`** – {info.title} ({_requirement(kind, info)}). {info.description}"]
    values = allowed_values(info) if (info.vocabulary or info.enum) else []
    if values:
        shown = ", ".join(f"`{value}`" + (f" ({label})" if label != value else "") for value, label in values)
        parts.append(f"Erlaubte Werte: {shown}.")
    if info.note:
        parts.append(info.note)
    example = fitting_example(info)
    if (example is not None and info.type != "object" and not values and "z. B." not in info.description
            and "\n" not in str(example)):
        parts.append(f"Beispiel: {_code(example)}")
    if info.item_type == "object":
        parts.append("Jeder Eintrag der Liste hat diese Felder:")
    return " ".join(parts)


def field_reference() -> str:
    """Markdown: every field of every record kind, nested as in the files."""
    out = []
    for kind, heading in (("project", "Projekt"), ("funding", "Förderprogramm"), ("declaration", "Nachnutzung oder Interesse")):
        title, description = record_schema(kind)
        folder = paths.RECORD_KINDS[kind][0]
        out += [f"### {heading}: `catalogue/{folder}/<kennung>.yaml`", "", description, ""]
        for info in fields(kind):
            out.append(_field_line(kind, info))
        out.append("")
    return "\n".join(out).rstrip("\n")


def example_message() -> str:
    """The broken example record with line numbers, and what `katalog validate` says about it."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "catalogue" / "projects"
        folder.mkdir(parents=True)
        path = folder / "beispiel-parken.yaml"
        path.write_text(BROKEN_EXAMPLE, encoding="utf-8")
        run = validate_files([("project", path)], today=EXAMPLE_TODAY)
    findings = [dataclasses.replace(f, file=EXAMPLE_FILE) for f in run.findings]
    if not any(f.is_error for f in findings):
        raise GuideError("Das Beispiel für Fehlermeldungen enthält keine Fehler mehr; bitte BROKEN_EXAMPLE anpassen.")
    numbered = "\n".join(f"{i:>2}  {line}" for i, line in enumerate(BROKEN_EXAMPLE.splitlines(), start=1))
    report = text_report(findings, 1).rstrip("\n")
    return "\n".join([
        f"Die Datei `{EXAMPLE_FILE}` (mit Zeilennummern):", "", "```yaml", numbered, "```", "",
        f"`katalog validate {EXAMPLE_FILE}` meldet dazu:", "", "```text", report, "```",
    ])


def template_record(kind: str) -> dict:
    """The smallest valid record: every required field with the schema's first example."""
    record = {}
    for info in fields(kind):
        if info.depth == 0 and info.required:
            record[info.path[0]] = info.examples[0] if info.examples else allowed_values(info)[0][0]
    return record


def template() -> str:
    return "```yaml\n" + dump_record("project", template_record("project")) + "```"


SECTIONS = {"vorlage": template, "felder": field_reference, "beispielmeldung": example_message}


def replace_sections(text: str) -> str:
    """The guide with every generated section rewritten; the hand-written rest stays as it is."""
    for name, render in SECTIONS.items():
        begin, end = MARKER_BEGIN.format(name=name), MARKER_END.format(name=name)
        pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
        if len(pattern.findall(text)) != 1:
            raise GuideError(f"CONTRIBUTING.md braucht genau einen Abschnitt zwischen „{begin}“ und „{end}“.")
        found = pattern.search(text)
        assert found is not None  # exactly one, checked above
        text = text[:found.start()] + f"{begin}\n\n{render()}\n\n{end}" + text[found.end():]
    return text
