"""Load and validate a whole catalogue: the gate every later stage goes through.

`validate_catalogue` finds every file, loads it safely, checks it against its
schema and against the other records, and returns the records plus all findings.
Nothing in the record folders is skipped silently: a file that is not a record
is reported.
"""
from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator import paths
from generator.checks import Context, run_catalogue_checks, run_record_checks
from generator.findings import ERROR, Finding, format_path
from generator.loader import LoadResult, load_file
from generator.records import RecordFile
from generator.reference import Reference, default_reference
from generator.validation import schema_findings

FOLDER_KIND = {folder: kind for kind, (folder, _schema) in paths.RECORD_KINDS.items()}


@dataclass
class ValidationRun:
    records: list[RecordFile]
    findings: list[Finding]
    files_checked: int

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Catalogue:
    """The validated catalogue as plain data, for enrich, render and export."""

    projects: dict  # id -> record dict, sorted by id
    funding: dict
    files: dict  # id -> path shown to users (for "Bearbeiten" links)
    reference: Reference
    build_date: dt.date
    warnings: list = field(default_factory=list)
    origins: dict = field(default_factory=dict)  # id -> federation.Origin, when several catalogues are built as one
    land: str | None = None  # set when a Land's site is built from a larger catalogue
    declarations: dict = field(default_factory=dict)  # id -> declaration record, sorted by id


def _stray(path: Path, root: Path, message: str) -> Finding:
    return Finding(paths.display_path(path), 1, 1, ERROR, "", message, "files.stray")


def discover(root: Path) -> tuple[list[tuple[str, Path]], list[Finding]]:
    """Record files under root/projects, root/funding and root/declarations, plus findings for anything else there."""
    found, findings = [], []
    for folder, kind in FOLDER_KIND.items():
        directory = root / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*")):
            name = path.name
            if path.is_dir() and not path.is_symlink():
                continue
            if path.parent != directory:
                findings.append(_stray(path, root, f"Einträge liegen direkt in {folder}/, nicht in Unterordnern. Bitte die Datei nach {folder}/{name} verschieben."))
            elif name.startswith("."):
                if name not in (".gitkeep",):
                    findings.append(_stray(path, root, "Versteckte Dateien (Name beginnt mit „.“) werden nicht gelesen. Bitte umbenennen oder löschen."))
            elif name.endswith(".yaml"):
                found.append((kind, path))
            elif name.lower().endswith((".yml", ".yaml")):
                findings.append(_stray(path, root, f"Die Dateiendung muss „.yaml“ heißen (klein geschrieben). Bitte umbenennen in „{path.stem.lower()}.yaml“."))
            else:
                findings.append(_stray(path, root, "Diese Datei ist kein Eintrag. In diesem Ordner sind nur .yaml-Dateien erlaubt."))
    return found, findings


def _slim(loaded: LoadResult) -> LoadResult:
    """Keep only the positions the catalogue-wide checks cite, so results travel cheaply between processes."""
    def wanted(path):
        return len(path) <= 1 or (len(path) == 3 and path[0] == "funding" and path[2] == "programme")
    return LoadResult(loaded.data, {p: v for p, v in loaded.positions.items() if wanted(p)},
                      {p: v for p, v in loaded.key_positions.items() if wanted(p)}, loaded.problems)


def check_file(kind: str, path: Path, ctx: Context | None = None) -> tuple[RecordFile | None, list[Finding]]:
    """Load one file, check it against its schema and the per-record rules (the per-file half of validation)."""
    loaded = load_file(path)
    shown = paths.display_path(path)
    findings = [Finding(shown, p.line, p.column, ERROR, format_path(p.path), p.message, p.code) for p in loaded.problems]
    if loaded.data is None:
        return None, findings
    if not isinstance(loaded.data, dict):
        findings.append(Finding(shown, 1, 1, ERROR, "", "Ein Eintrag besteht aus Feldern der Form „feld: wert“; die Datei enthält keine solchen Felder.", "load.not-mapping"))
        return None, findings
    findings.extend(schema_findings(kind, loaded, shown))
    record = RecordFile(kind, path, shown, loaded)
    if ctx is not None:
        findings.extend(run_record_checks(record, ctx))
        record.loaded = _slim(loaded)
    return record, findings


_CONTEXT: Context | None = None  # set before forking, so workers inherit it


def _check_chunk(chunk: list[tuple[str, Path]]):
    return [check_file(kind, path, _CONTEXT) for kind, path in chunk]


PARALLEL_FROM = 400  # below this, starting worker processes costs more than it saves


def _check_all(files: list[tuple[str, Path]]):
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_FROM or workers < 2:
        return _check_chunk(files)
    size = max(50, len(files) // (workers * 4))
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for part in pool.map(_check_chunk, chunks) for result in part]
    except (OSError, ValueError, RuntimeError):  # no fork or no processes here: same work, one core
        return _check_chunk(files)


def validate_files(files: list[tuple[str, Path]], *, reference: Reference | None = None,
                   today: dt.date | None = None) -> ValidationRun:
    global _CONTEXT
    records, findings = [], []
    _CONTEXT = Context(reference or default_reference(), today or dt.date.today())
    try:
        results = _check_all(files)
    finally:
        _CONTEXT = None
    for record, file_findings in results:
        findings.extend(file_findings)
        if record is not None:
            records.append(record)
    findings.extend(run_catalogue_checks(records))
    return ValidationRun(records, _without_redundant(findings), len(files))


def _without_redundant(findings: list[Finding]) -> list[Finding]:
    """A placeholder that also breaks the schema needs one message, not two."""
    schema_fields = {(f.file, f.field) for f in findings if f.code.startswith("schema.")}
    kept = [f for f in findings if not (f.code == "check.placeholder" and (f.file, f.field) in schema_fields)]
    return sorted(set(kept))


def validate_catalogue(root: Path = paths.CATALOGUE_DIR, *, reference: Reference | None = None,
                       today: dt.date | None = None) -> ValidationRun:
    files, stray = discover(root)
    run = validate_files(files, reference=reference, today=today)
    run.findings = sorted(set(run.findings + stray))
    return run


def to_catalogue(run: ValidationRun, *, reference: Reference | None = None, build_date: dt.date | None = None) -> Catalogue:
    """Only a catalogue without errors becomes a Catalogue; the build refuses otherwise."""
    if not run.ok:
        raise ValueError("Der Katalog enthält Fehler.")
    projects = {r.id: r.data for r in sorted(run.records, key=lambda r: r.id) if r.kind == "project"}
    funding = {r.id: r.data for r in sorted(run.records, key=lambda r: r.id) if r.kind == "funding"}
    declarations = {r.id: r.data for r in sorted(run.records, key=lambda r: r.id) if r.kind == "declaration"}
    files = {r.id: r.file for r in run.records}
    return Catalogue(projects, funding, files, reference or default_reference(), build_date or dt.date.today(), run.warnings,
                     declarations=declarations)


def load_catalogue(root: Path = paths.CATALOGUE_DIR, *, build_date: dt.date | None = None) -> tuple[Catalogue | None, ValidationRun]:
    run = validate_catalogue(root, today=build_date)
    return (to_catalogue(run, build_date=build_date) if run.ok else None), run
