"""Time the site build stage by stage on synthetic catalogues (issue 3, item 9).

    .venv/bin/python bench/build_bench.py [N ...]        # default: 1000 10000 projects

For each size: bench/synth.py writes N projects and N/10 programmes as YAML into a
scratch folder; then validate, enrich, render, write (pages + exports, i.e. every
OUTPUT_STEP) and `mkdocs build --strict` run separately and are timed, in a scratch
copy of the project (mkdocs.yml + hand-written docs/). Reports HTML bytes per record
page, peak memory (our process; the largest MkDocs child) and, with two sizes, the
large/small ratio. Writes bench/out/build.json and prints
a Markdown table. Targets: our stages <= 25 % of the MkDocs time; <= 30 KB HTML per
record page; 10k/1k total time <= 12.
"""
from __future__ import annotations

import datetime as dt
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synth import generate  # noqa: E402

from generator import build, paths  # noqa: E402
from generator.catalogue import load_catalogue  # noqa: E402
from generator.enrich import enrich  # noqa: E402
from generator.render import render_site  # noqa: E402

BUILD_DATE = dt.date(2026, 11, 27)
OUT = REPO / "bench" / "out"


def stage(target: Path) -> Path:
    """mkdocs.yml plus the hand-written docs/ (generated folders left out)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", target / "overrides")  # theme overrides (custom_dir)
    skip = {path.name for path in paths.generated_paths(Path("docs"))}
    shutil.copytree(REPO / "docs", target / "docs",
                    ignore=lambda d, names: [n for n in names if Path(d) == REPO / "docs" and n in skip])
    return target / "mkdocs.yml"


def timed(fn, *args, **kwargs):
    """Wall time and CPU time (this process plus finished children): on a shared machine the
    CPU time is the steadier figure, so the targets are checked on both."""
    def cpu():
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    start, start_cpu = time.perf_counter(), cpu()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start, cpu() - start_cpu


def run(n_projects: int, scratch: Path) -> dict:
    root = scratch / f"catalogue-{n_projects}"
    generate(root, n_projects)
    (catalogue, validation), t_validate, c_validate = timed(load_catalogue, root, build_date=BUILD_DATE)
    if catalogue is None:
        raise SystemExit(f"synthetischer Katalog ungültig: {validation.errors[:3]}")
    enriched, t_enrich, c_enrich = timed(enrich, catalogue, added={})
    pages, t_render, c_render = timed(render_site, catalogue, enriched)
    config = stage(scratch / f"project-{n_projects}")
    generated = build.Generated(catalogue, enriched, pages)
    _none, t_write, c_write = timed(build.write, generated, build.docs_dir_of(config))
    site = scratch / f"site-{n_projects}"
    result, t_mkdocs, c_mkdocs = timed(build.run_mkdocs, config, site)
    if result.returncode != 0:
        raise SystemExit(result.stdout[-3000:] + result.stderr[-3000:])
    record_pages = [site / "projekte" / f"{pid}.html" for pid in catalogue.projects] + \
                   [site / "foerderprogramme" / f"{fid}.html" for fid in catalogue.funding]
    sizes = [p.stat().st_size for p in record_pages]
    site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    ours = t_validate + t_enrich + t_render + t_write
    ours_cpu = c_validate + c_enrich + c_render + c_write
    return {
        "cpu": {"validate_s": round(c_validate, 2), "enrich_s": round(c_enrich, 2), "render_s": round(c_render, 2),
                "write_s": round(c_write, 2), "ours_s": round(ours_cpu, 2), "mkdocs_s": round(c_mkdocs, 2),
                "total_s": round(ours_cpu + c_mkdocs, 2), "ours_share_of_mkdocs": round(ours_cpu / c_mkdocs, 3)},
        "projects": len(catalogue.projects), "programmes": len(catalogue.funding), "pages": len(pages),
        "validate_s": round(t_validate, 2), "enrich_s": round(t_enrich, 2), "render_s": round(t_render, 2),
        "write_s": round(t_write, 2), "ours_s": round(ours, 2), "mkdocs_s": round(t_mkdocs, 2),
        "total_s": round(ours + t_mkdocs, 2), "ours_share_of_mkdocs": round(ours / t_mkdocs, 3),
        "record_page_kb_avg": round(sum(sizes) / len(sizes) / 1024, 1),
        "record_page_kb_max": round(max(sizes) / 1024, 1),
        "site_mb": round(site_bytes / 1024 / 1024, 1),
        "material_index_mb": _material_index_mb(site),
        # peak resident memory so far (Linux reports KiB): our process, and the largest MkDocs child
        "peak_rss_ours_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "peak_rss_mkdocs_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }


def _material_index_mb(site: Path) -> float:
    index = site / "search" / "search_index.json"
    return round(index.stat().st_size / 1024 / 1024, 1) if index.exists() else 0.0


def table(rows: list[dict], cpu: bool = False) -> str:
    rows = [{**r, **r["cpu"]} if cpu else r for r in rows]
    head = ("| Projekte | Programme | Seiten | validate | enrich | render | write+export | unsere Stufen | mkdocs "
            "| Anteil unserer Stufen | KB/Eintragsseite (Ø / max) | Site MB | Material-Suchindex MB "
            "| Spitze RAM katalog / MkDocs MB |\n"
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
    lines = [f"| {r['projects']:,} | {r['programmes']:,} | {r['pages']:,} | {r['validate_s']} s | {r['enrich_s']} s "
             f"| {r['render_s']} s | {r['write_s']} s | {r['ours_s']} s | {r['mkdocs_s']} s "
             f"| {r['ours_share_of_mkdocs'] * 100:.0f} % | {r['record_page_kb_avg']} / {r['record_page_kb_max']} "
             f"| {r['site_mb']} | {r['material_index_mb']} | {r['peak_rss_ours_mb']} / {r['peak_rss_mkdocs_mb']} |"
             for r in rows]
    return head + "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 10000]
    rows = []
    with tempfile.TemporaryDirectory(prefix="build-bench-") as tmp:
        for n in sizes:
            row = run(n, Path(tmp))
            rows.append(row)
            print(json.dumps(row), flush=True)
    report = {"build_date": BUILD_DATE.isoformat(), "rows": rows}
    if len(rows) >= 2:
        small, large = rows[0], rows[-1]
        report["ratio_total"] = round(large["total_s"] / small["total_s"], 2)
        report["ratio_mkdocs"] = round(large["mkdocs_s"] / small["mkdocs_s"], 2)
        report["ratio_ours"] = round(large["ours_s"] / small["ours_s"], 2)
        report["ratio_total_cpu"] = round(large["cpu"]["total_s"] / small["cpu"]["total_s"], 2)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "build.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print()
    print("Wanduhrzeit:")
    print(table(rows))
    print("CPU-Zeit (Prozess + MkDocs-Unterprozess):")
    print(table(rows, cpu=True))
    for key in ("ratio_total", "ratio_mkdocs", "ratio_ours", "ratio_total_cpu"):
        if key in report:
            print(f"{key}: {report[key]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
