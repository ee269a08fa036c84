"""Which files a `katalog validate` run loads and which of them it reports.

A target (a record file, a records folder or a catalogue folder) brings its whole catalogue
along, because the cross-record checks need every record; only the targets' own files are
reported. The command (generator/commands/validate.py) only parses and prints.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from generator import paths
from generator.catalogue import FOLDER_KIND, discover, validate_files
from generator.findings import Finding


def _abs(path: Path) -> Path:
    """Absolute without following links: a symlinked record is reported under its own name."""
    return Path(os.path.abspath(path))


def _root_of(path: Path) -> Path | None:
    """The catalogue a record file belongs to: its folder's parent."""
    if path.parent.name in FOLDER_KIND:
        return path.parent.parent
    return None


def collect(targets: list[str]) -> tuple[list, set, list]:
    """(files to load, files whose findings are reported, stray-file findings).

    Every target brings its whole catalogue along, because the cross-record
    checks need all records; only the targets' own files are reported.
    """
    discovered: dict = {}  # catalogue root -> (record files, stray findings)
    report: set[Path] = set()
    stray: list = []
    outside: list = []

    def catalogue_of(root: Path):
        key = _abs(root)
        if key not in discovered:
            discovered[key] = discover(root)
        return discovered[key]

    for target in targets or [str(paths.CATALOGUE_DIR)]:
        path = Path(target)
        if path.is_dir():
            whole = any((path / folder).is_dir() for folder in FOLDER_KIND)
            root = path if whole else (path.parent if path.name in FOLDER_KIND else None)
            if root is None:
                raise FileNotFoundError(target)
            found, stray_here = catalogue_of(root)
            report.update(_abs(p) for _kind, p in found if whole or _abs(p.parent) == _abs(path))
            stray += stray_here
        elif path.is_file() or path.is_symlink():
            root = _root_of(path)
            if root is None:
                raise FileNotFoundError(target)
            found, _stray = catalogue_of(root)
            report.add(_abs(path))
            if all(_abs(p) != _abs(path) for _kind, p in found):  # e.g. a hidden or oddly named file, named explicitly
                outside.append((FOLDER_KIND[path.parent.name], path))
        else:
            raise FileNotFoundError(target)
    files = [item for found, _stray in discovered.values() for item in found] + outside
    return files, report, stray


def validate_targets(targets: list[str], *, today: dt.date | None = None) -> tuple[list[Finding], int]:
    """(findings about the targets' own files plus stray files, number of files reported on).
    Raises FileNotFoundError for a target that is neither a record file nor a catalogue folder."""
    files, report_only, stray = collect(targets)
    shown = {paths.display_path(p) for p in report_only}
    checked = validate_files(files, today=today)
    return sorted(set([f for f in checked.findings if f.file in shown] + stray)), len(report_only)
