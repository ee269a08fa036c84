"""One reporter per output format; all read the same findings."""
from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from pathlib import Path

from generator.findings import Finding
from generator.inert import code_span

SEVERITY_DE = {"error": "Fehler", "warning": "Warnung"}


def _line(f: Finding) -> str:
    prefix = f"Feld „{f.field}“: " if f.field else ""
    marker = "" if f.is_error else "Warnung: "
    return f"{f.file}:{f.line}:{f.column}: {marker}{prefix}{f.message}"


def _files(n: int) -> str:
    return f"{n} Datei" if n == 1 else f"{n} Dateien"


def _summary(findings: list[Finding], files_checked: int) -> str:
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    files_with_errors = len({f.file for f in findings if f.is_error})
    if not findings:
        return f"Alles in Ordnung: {_files(files_checked)} geprüft, keine Fehler, keine Warnungen."
    return (f"{_files(files_checked)} geprüft: {errors} Fehler in {files_with_errors} "
            f"{'Dateien' if files_with_errors != 1 else 'Datei'}, {warnings} {'Warnungen' if warnings != 1 else 'Warnung'}.")


def text_report(findings: list[Finding], files_checked: int) -> str:
    """Grouped by file, then a closing summary: what a contributor reads in the terminal."""
    by_file = defaultdict(list)
    for f in findings:
        by_file[f.file].append(f)
    out = []
    for file in sorted(by_file):
        out.append(file)
        for f in sorted(by_file[file]):
            out.append("  " + _line(f))
        out.append("")
    out.append(_summary(findings, files_checked))
    if any(f.is_error for f in findings):
        out.append("Hilfe zu den Meldungen: CONTRIBUTING.md, Abschnitt „Meldungen des Prüfprogramms lesen“.")
    return "\n".join(out) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_report(findings: list[Finding], files_checked: int) -> str:
    """Workflow commands: annotations on the offending lines (GitHub shows the first ten per kind)."""
    out = []
    for f in sorted(findings):
        command = "error" if f.is_error else "warning"
        title = f"Feld {f.field}" if f.field else SEVERITY_DE[f.severity]
        out.append(f"::{command} file={_escape_property(f.file)},line={f.line},col={f.column},"
                   f"title={_escape_property(title)}::{_escape_data(f.message)}")
    out.append(_summary(findings, files_checked))
    return "\n".join(out) + "\n"


def markdown_summary(findings: list[Finding], files_checked: int) -> str:
    """The complete list for $GITHUB_STEP_SUMMARY, since annotations are capped."""
    lines = ["## Prüfung des Katalogs", "", _summary(findings, files_checked), ""]
    if findings:
        lines += ["| Datei | Zeile | Art | Feld | Meldung |", "|---|---|---|---|---|"]
        for f in sorted(findings):
            # file names, fields and messages quote contributors' text: code spans keep it inert
            cells = [code_span(f.file), str(f.line), SEVERITY_DE[f.severity],
                     code_span(f.field) if f.field else "–", code_span(f.message)]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def json_report(findings: list[Finding], files_checked: int) -> str:
    payload = {
        "files_checked": files_checked,
        "errors": sum(f.is_error for f in findings),
        "warnings": sum(not f.is_error for f in findings),
        "findings": [
            {"file": f.file, "line": f.line, "column": f.column, "severity": f.severity,
             "field": f.field, "code": f.code, "message": f.message}
            for f in sorted(findings)
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def gitlab_report(findings: list[Finding], files_checked: int) -> str:
    """GitLab Code Quality (Code Climate JSON): the merge request shows each finding at its line."""
    issues = []
    for f in sorted(findings):
        prefix = f"Feld „{f.field}“: " if f.field else ""
        fingerprint = hashlib.sha256(f"{f.file}:{f.line}:{f.column}:{f.code}:{f.message}".encode()).hexdigest()
        issues.append({
            "description": f"{SEVERITY_DE[f.severity]}: {prefix}{f.message}",
            "check_name": f.code or "katalog",
            "fingerprint": fingerprint,
            "severity": "major" if f.is_error else "minor",
            "location": {"path": f.file, "lines": {"begin": f.line}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def write_step_summary(findings: list[Finding], files_checked: int) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with Path(target).open("a", encoding="utf-8") as handle:
            handle.write(markdown_summary(findings, files_checked))


REPORTERS = {"text": text_report, "github": github_report, "gitlab": gitlab_report, "json": json_report}
