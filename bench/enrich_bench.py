"""Time the enrich stage on synthetic catalogues (1k and 10k projects by default).

    .venv/bin/python bench/enrich_bench.py [N ...]

Records come from bench/synth.py in memory (same records `generate` writes),
so loading and validation are not part of the numbers; `added` is passed in,
so git is not either. Prints one row per size: CPU seconds per step, and for
the whole of enrich() the best of 3 runs in CPU and wall seconds.
"""
from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synth import records  # noqa: E402

from generator.catalogue import Catalogue  # noqa: E402
from generator.enrich import deadlines, enrich, history, matching, similarity  # noqa: E402
from generator.reference import default_reference  # noqa: E402
from generator import text  # noqa: E402
from generator.text import stem  # noqa: E402

BUILD_DATE = dt.date(2026, 11, 27)
REPEAT = 3


def catalogue(n: int) -> Catalogue:
    projects, programmes = records(n)
    return Catalogue({p["id"]: p for p in sorted(projects, key=lambda p: p["id"])},
                     {p["id"]: p for p in sorted(programmes, key=lambda p: p["id"])},
                     {}, default_reference(), BUILD_DATE)


def timed(fn):
    """CPU seconds of this process: other jobs on the shared 2-core machine distort wall time less."""
    start = time.process_time()
    result = fn()
    return result, time.process_time() - start


def run(n: int) -> dict:
    cat = catalogue(n)
    default_reference()
    stem.cache_clear()  # each size starts cold, as a fresh build does
    text._ANALYSED.clear()
    row = {"projects": len(cat.projects), "programmes": len(cat.funding)}
    statuses, row["deadlines"] = timed(lambda: (deadlines.all_statuses(cat.funding, BUILD_DATE),
                                                deadlines.all_deadlines(cat.funding, BUILD_DATE))[0])
    sim, row["similar_projects"] = timed(lambda: similarity.similar_projects(cat.projects, cat.funding, cat.reference))
    _, row["similar_programmes"] = timed(lambda: similarity.similar_programmes(cat.funding))
    matches, row["funding_matches"] = timed(lambda: matching.funding_matches(cat.projects, cat.funding, statuses, cat.reference))
    _, row["new_records"] = timed(lambda: history.new_records({"project": cat.projects, "funding": cat.funding},
                                                              history.added_dates({**cat.funding, **cat.projects}, {}), BUILD_DATE))
    totals = []
    for _run in range(REPEAT):  # best of REPEAT, each from cold text caches
        stem.cache_clear()
        text._ANALYSED.clear()
        wall = time.perf_counter()
        _, cpu = timed(lambda: enrich(cat, added={}))
        totals.append((cpu, time.perf_counter() - wall))
    row["enrich_total"], row["enrich_wall"] = min(totals)
    row["links_per_project"] = sum(len(v) for v in sim.values()) / max(1, len(sim))
    row["matches_per_project"] = sum(len(v) for v in matches.values()) / max(1, len(matches))
    return row


def main(sizes: list[int]) -> None:
    columns = ["projects", "programmes", "deadlines", "similar_projects", "similar_programmes", "funding_matches",
               "new_records", "enrich_total", "enrich_wall", "links_per_project", "matches_per_project"]
    rows = [run(n) for n in sizes]
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(f"{row[c]:.2f}" if isinstance(row[c], float) else str(row[c]) for c in columns))
    if len(rows) >= 2:
        print(f"enrich_total {rows[-1]['projects']}/{rows[0]['projects']}: "
              f"{rows[-1]['enrich_total'] / rows[0]['enrich_total']:.1f}x")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
