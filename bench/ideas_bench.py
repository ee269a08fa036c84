"""Ideen-Check in headless Chromium at N synthetic projects: results latency after the last
keystroke, time until the page is ready, and bytes transferred.

Builds only what the page needs (no MkDocs): the Ideen-Check data files from the synthetic
catalogue (bench/synth.py), the page's own markup from docs/ideen-check.md and its scripts
and styles, served from 127.0.0.1 by a server that counts the bytes it sends.

    .venv/bin/python bench/ideas_bench.py [N_PROJECTS ...]     # default: 10000
"""
from __future__ import annotations

import datetime as dt
import functools
import http.server
import re
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import synth  # noqa: E402
from generator.catalogue import load_catalogue  # noqa: E402
from generator.enrich import light  # noqa: E402
from generator.export import API_DIR, ideas_data  # noqa: E402

OUT = REPO / "bench" / "out"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
BUILD_DATE = dt.date(2026, 11, 27)
ASSETS = ["retrieval.js", "katalog-core.js", "ideen-check.js", "werkzeuge.css", "ideen-check.css"]
IDEAS = [
    "Wir wollen Sensoren an Parkplätzen in der Innenstadt, damit Besucher freie Plätze in einer App sehen",
    "Glasfaser für alle Ortsteile und freies WLAN am Marktplatz",
    "Ein Bürgerportal mit Online-Anträgen und digitaler Terminvergabe im Rathaus",
    "Tablets und eine Lernplattform für unsere Grundschulen",
    "Energiemonitoring für kommunale Gebäude und eine smarte Straßenbeleuchtung",
]
MUNICIPALITY = ("Erlangen", "09562000")


def catalogue_dir(n: int) -> Path:
    root = OUT / f"catalogue-{n}"
    if not (root / "projects").is_dir() or len(list((root / "projects").glob("*.yaml"))) != n:
        shutil.rmtree(root, ignore_errors=True)
        synth.generate(root, n)
    return root


def page_html() -> str:
    """The page's real markup: the Ideen-Check block and scripts of docs/ideen-check.md."""
    text = (REPO / "docs" / "ideen-check.md").read_text(encoding="utf-8")
    block = text[text.index('<div class="kdk-idea'):text.rindex("</script>") + len("</script>")]
    links = "".join(re.findall(r'<link rel="stylesheet"[^>]*>', text))
    return (f'<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Ideen-Check</title>{links}</head>'
            f'<body><main><h1>Ideen-Check</h1>{block}</main></body></html>')


def build(n: int) -> tuple[Path, dict]:
    site = OUT / f"ideen-site-{n}"
    shutil.rmtree(site, ignore_errors=True)
    timings = {}
    start = time.perf_counter()
    catalogue, run = load_catalogue(catalogue_dir(n), build_date=BUILD_DATE)
    if catalogue is None:
        raise SystemExit(f"synthetischer Katalog ungültig: {len(run.errors)} Fehler")
    timings["laden"] = time.perf_counter() - start
    start = time.perf_counter()
    ideas_data.write(catalogue, light(catalogue), site / API_DIR)
    timings["daten"] = time.perf_counter() - start
    (site / "assets" / "katalog").mkdir(parents=True)
    for name in ASSETS:
        shutil.copy2(REPO / "docs" / "assets" / "katalog" / name, site / "assets" / "katalog" / name)
    (site / "ideen-check.html").write_text(page_html(), encoding="utf-8")
    return site, timings


class Counting(http.server.SimpleHTTPRequestHandler):
    """Static files with keep-alive (HTTP/1.1, as any real static host), counting the bytes sent."""

    protocol_version = "HTTP/1.1"
    sent: list = []

    def log_message(self, *args):
        pass

    def copyfile(self, source, outputfile):
        data = source.read()
        Counting.sent.append((self.path, len(data)))
        outputfile.write(data)


def measure(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    Counting.sent = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    foreign = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context()
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else (foreign.append(r.request.url), r.abort()))
            page = context.new_page()
            start = time.perf_counter()
            page.goto(base + "ideen-check.html")
            page.wait_for_selector(".kdk-idea[data-ready]", timeout=60_000)
            ready = time.perf_counter() - start
            load_bytes = sum(b for _p, b in Counting.sent)
            page.evaluate("""() => {
                const root = document.querySelector('.kdk-idea');
                window.__lastInput = 0; window.__done = 0;
                document.querySelector('#idee-text').addEventListener('input', () => { window.__lastInput = performance.now(); });
                new MutationObserver(() => { if (root.dataset.state === 'fertig') window.__done = performance.now(); })
                    .observe(root, {attributes: true, attributeFilter: ['data-state']});
            }""")
            page.fill("#idee-kommune", MUNICIPALITY[0])
            page.click(f".kdk-idea-option[data-ags='{MUNICIPALITY[1]}']")
            page.wait_for_selector(".kdk-idea[data-state=fertig], .kdk-idea:not([data-state])")
            latencies, hits, parts = [], [], []
            for idea in IDEAS:
                page.fill("#idee-text", "")
                page.wait_for_function("() => !document.querySelector('.kdk-idea').dataset.state")
                page.locator("#idee-text").press_sequentially(idea, delay=25)
                page.wait_for_function("() => window.__done > window.__lastInput", timeout=30_000)
                latencies.append(page.evaluate("() => window.__done - window.__lastInput"))
                parts.append(page.get_attribute(".kdk-idea", "data-ms"))
                hits.append(page.locator(".kdk-idea-hit").count())
                if len(hits) == 1:
                    first_bytes = sum(b for _p, b in Counting.sent)
            browser.close()
    finally:
        server.shutdown()
    total = sum(b for _p, b in Counting.sent)
    return {"first_bytes": first_bytes, "ready_s": ready, "latencies_ms": latencies, "parts": parts, "hits": hits, "load_bytes": load_bytes,
            "total_bytes": total, "requests": len(Counting.sent), "foreign": foreign}


def main(sizes: list[int]) -> None:
    rows = []
    for n in sizes:
        site, timings = build(n)
        result = measure(site)
        rows.append((n, timings, result))
    print("| Projekte | Daten erzeugen | Seite bereit | Ergebnis nach letzter Taste (Median / Max) | übertragen beim Laden "
          "| … bis zum ersten Ergebnis | gesamt nach 5 Ideen |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n, timings, r in rows:
        lat = r["latencies_ms"]
        print(f"| {n:,} | {timings['daten']:.1f} s | {r['ready_s']:.2f} s | {statistics.median(lat):.0f} ms / {max(lat):.0f} ms "
              f"| {r['load_bytes'] / 1e6:.2f} MB | {r['first_bytes'] / 1e6:.2f} MB | {r['total_bytes'] / 1e6:.2f} MB ({r['requests']} Anfragen) |"
              .replace(",", "."))
        print(f"  Latenzen je Idee (ms): {', '.join(f'{x:.0f}' for x in lat)}; davon Rechnen/Laden/Zeichnen: {r['parts']}; "
              f"Treffer je Idee: {r['hits']}; "
              f"fremde Anfragen: {len(r['foreign'])}")
    print("Die Latenz enthält die Wartezeit von 80 ms nach dem letzten Tastendruck (Entprellung).")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000])
