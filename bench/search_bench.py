"""Search speed on synthetic catalogues: the search page and the header search of every page (issue 11, item 4).

    .venv/bin/python bench/search_bench.py [N ...]      # default: 1000 10000 projects

For each size: bench/synth.py writes N projects (and N/10 programmes); the site is
built exactly like `katalog build` (generator + export step + `mkdocs build`) into a
scratch copy of the project and served by a local static server (no compression).
Headless Debian Chromium then opens, with an empty cache each time,

* Suchseite:  suche.html#q=QUERY – from navigation start until the first hit is in the result list;
* Kopfzeile:  index.html, QUERY typed into the header field (assets/katalog/kopfsuche.js, which loads
              the search core and the index files only then) – from typing until the first hit shows.

Measured: milliseconds to the first result (median of RUNS) and bytes transferred until then
(all responses: HTML, CSS, JS, data; for the header search the start page included). Writes
bench/out/search.json and prints a Markdown table. Targets (issue 11): <= 0.5 s and <= 1.5 MB
at 10,000 projects, both.
"""
from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synth import generate  # noqa: E402
from build_bench import stage  # noqa: E402  (same staging as the build benchmark)

from generator import build  # noqa: E402

BUILD_DATE = dt.date(2026, 11, 27)
OUT = REPO / "bench" / "out"
QUERY = "Parkplätzen"
RUNS = 3
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGE = ("suche.html#q=" + QUERY, "#suche-treffer li", None)
HEADER = ("index.html", ".kdk-kopfsuche__eintrag", "#kopfsuche-text")

# Records performance.now() (ms since navigation start) when the selector first matches.
WATCH = """
(selector) => {
  const check = () => {
    if (window.__firstResult === undefined && document.querySelector(selector)) {
      window.__firstResult = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {childList: true, subtree: true});  // async data scripts may run before DOMContentLoaded
}
"""


def build_site(n_projects: int, scratch: Path) -> tuple[Path, float]:
    root = generate(scratch / f"catalogue-{n_projects}", n_projects)
    config = stage(scratch / f"project-{n_projects}")
    start = time.perf_counter()
    generated = build.generate(root, BUILD_DATE)
    build.write(generated, build.docs_dir_of(config))
    site = scratch / f"site-{n_projects}"
    result = build.run_mkdocs(config, site)
    if result.returncode != 0:
        raise SystemExit(result.stdout + result.stderr)
    return site, time.perf_counter() - start


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def wait_for_result(page, timeout: float = 120.0) -> float:
    """Poll with page.evaluate (the site's Content-Security-Policy forbids the eval of wait_for_function)."""
    deadline = time.monotonic() + timeout
    while True:
        first = page.evaluate("() => window.__firstResult")
        if first is not None:
            return first
        if time.monotonic() > deadline:
            raise SystemExit("Kein Treffer erschienen.")
        page.wait_for_timeout(10)


def measure(browser, base_url: str, path: str, selector: str, field: str | None) -> dict:
    context = browser.new_context()
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.add_init_script(f"({WATCH})({json.dumps(selector)})")
    page.goto(base_url + path)
    start = 0.0
    if field:  # header search: the page is loaded, then someone types
        page.wait_for_load_state("load")
        start = page.evaluate("() => performance.now()")
        page.fill(field, QUERY)
    first = wait_for_result(page) - start
    count = page.locator(selector).count()
    total = 0
    biggest = ("", 0)
    for request in finished:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        total += size
        if size > biggest[1]:
            biggest = (request.url.rsplit("/", 1)[-1], size)
    context.close()
    return {"ms": first, "bytes": total, "requests": len(finished), "largest": biggest, "results": count}


def median_of(runs: list[dict]) -> dict:
    best = sorted(runs, key=lambda r: r["ms"])[len(runs) // 2]
    return best | {"ms_all": [round(r["ms"]) for r in runs], "ms": statistics.median(r["ms"] for r in runs)}


def run(sizes: list[int]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in sizes:
            site, build_seconds = build_site(n, Path(tmp))
            server, base_url = serve(site)
            try:
                for name, (path, selector, field) in (("Suchseite", PAGE), ("Kopfzeile", HEADER)):
                    result = median_of([measure(browser, base_url, path, selector, field) for _ in range(RUNS)])
                    rows.append({"projects": n, "search": name, "build_s": round(build_seconds, 1), **result})
                    print(f"{n:>6} {name:<15} {result['ms']:>8.0f} ms {result['bytes'] / 1e6:>7.2f} MB "
                          f"({result['requests']} Anfragen, größte: {result['largest'][0]} {result['largest'][1] / 1e6:.2f} MB)",
                          file=sys.stderr)
            finally:
                server.shutdown()
            shutil.rmtree(site, ignore_errors=True)
        browser.close()
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| Projekte | Suche | erste Treffer (Median) | übertragen bis dahin | Anfragen | größte Datei |",
             "|---:|---|---:|---:|---:|---|"]
    for r in rows:
        lines.append(f"| {r['projects']:,} | {r['search']} | {r['ms'] / 1000:.2f} s | {r['bytes'] / 1e6:.2f} MB | "
                     f"{r['requests']} | {r['largest'][0]} ({r['largest'][1] / 1e6:.2f} MB) |".replace(",", "."))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 10000]
    rows = run(sizes)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "search.json").write_text(json.dumps({"query": QUERY, "runs": RUNS, "rows": rows}, ensure_ascii=False, indent=1),
                                     encoding="utf-8")
    print(f"Suche nach „{QUERY}“, Median aus {RUNS} Läufen mit leerem Cache, lokaler Server ohne Kompression.\n")
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
