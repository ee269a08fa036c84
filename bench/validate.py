"""Validation speed: `katalog validate` against check-jsonschema on the same files, in one run.

    .venv/bin/python bench/validate.py [ANZAHL_PROJEKTE]   (Standard: 10000, dazu 1/10 Programme)

Prints records per second for both and the ratio. check-jsonschema (PyPI) does
less: no line numbers, no cross-record checks, no reference data.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(REPO / "bench"))

import synth  # noqa: E402


def _timed(command: list[str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    return time.perf_counter() - start, done.returncode, done.stdout.strip().splitlines()[-1:] and done.stdout.strip().splitlines()[-1] or done.stderr[-300:]


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    root = REPO / "bench" / "out" / f"catalogue-{n}"
    if not (root / "projects").is_dir():
        synth.generate(root, n)
    projects = sorted((root / "projects").glob("*.yaml"))
    programmes = sorted((root / "funding").glob("*.yaml"))
    records = len(projects) + len(programmes)

    ours, code, last = _timed([str(BIN / "katalog"), "validate", str(root), "--stichtag", "2026-11-27"])
    if code != 0:
        print(f"katalog validate meldet Fehler: {last}")
        return 1
    theirs = 0.0
    for schema, files in (("project.schema.json", projects), ("funding.schema.json", programmes)):
        seconds, code, last = _timed([str(BIN / "check-jsonschema"), "--schemafile", str(REPO / "schema" / schema), *map(str, files)])
        if code != 0:
            print(f"check-jsonschema meldet Fehler: {last}")
            return 1
        theirs += seconds

    print(f"Validierung von {records} Einträgen ({len(projects)} Projekte, {len(programmes)} Programme)")
    print("| Werkzeug | Sekunden | Einträge/s |")
    print("|---|---:|---:|")
    print(f"| katalog validate (Schema, Querverweise, Zeilennummern) | {ours:.2f} | {records / ours:,.0f} |")
    print(f"| check-jsonschema (nur Schema) | {theirs:.2f} | {records / theirs:,.0f} |")
    print(f"Verhältnis check-jsonschema / katalog: {theirs / ours:.1f}×  (Ziel: ≥ 2×; Ziel Gesamtzeit: ≤ 5 s bei 11.000)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
