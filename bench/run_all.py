"""All benchmarks in one go (`make bench`): relevance, validation, enrich, build, search, Ideen-Check.

Each benchmark is its own script and prints its own table; this runner only
calls them in order so one command gives every figure the issues ask for.
The 10k site builds take several minutes each on a 2-core machine.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SCRIPTS = [
    ("Relevanz von Suche und Ideen-Check (von Hand beurteilte Anfragen, echter Katalog)", ["relevance/evaluate.py"]),
    ("Relevanz, zurückgehaltene Anfragen nach dem QA-Rundgang",
     ["relevance/evaluate.py", "--anfragen", str(BENCH / "relevance" / "queries-nach-qa.yaml")]),
    ("Validierung (10.000 Projekte + 1.000 Programme) gegen check-jsonschema", ["validate.py", "10000"]),
    ("Anreichern (Ähnlichkeit, Förder-Treffer)", ["enrich_bench.py", "1000", "10000"]),
    ("Website-Build nach Stufen", ["build_bench.py", "1000", "10000"]),
    ("Suche: Suchseite und Suchfeld in der Kopfzeile", ["search_bench.py", "1000", "10000"]),
    ("Ideen-Check im Browser", ["ideas_bench.py", "10000"]),
]


def main() -> int:
    failed = []
    for title, (script, *args) in SCRIPTS:
        print(f"\n## {title}\n", flush=True)
        if subprocess.run([sys.executable, str(BENCH / script), *args]).returncode != 0:
            failed.append(script)
    if failed:
        print(f"\nFehlgeschlagen: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
