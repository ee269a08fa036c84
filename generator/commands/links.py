"""katalog links: check every external URL in the records (or only list them)."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from generator import paths
from generator.catalogue import discover
from generator.links import check_all, extract, listing, markdown_report, text_report
from generator.loader import load_file


def register(sub) -> None:
    p = sub.add_parser("links", help="Internetadressen in den Einträgen prüfen",
                       description="Findet alle http(s)-Adressen in den Einträgen (mit Datei und Zeile) und prüft, "
                                   "ob sie erreichbar sind. Exit-Code: 0 = alle erreichbar, 1 = mindestens ein Link "
                                   "nicht erreichbar, 2 = falscher Aufruf.")
    p.add_argument("--katalog", metavar="ORDNER", default=str(paths.CATALOGUE_DIR), help="Katalog-Ordner (Standard: catalogue/)")
    p.add_argument("--nur-auflisten", action="store_true", help="nur auflisten, nichts aus dem Netz abrufen")
    p.add_argument("--ausgabe", metavar="DATEI", help="Bericht als Markdown schreiben (Text für das Issue)")
    p.add_argument("--zeitlimit", type=float, default=15.0, metavar="SEKUNDEN", help="Zeitlimit je Anfrage (Standard: 15)")
    p.add_argument("--parallel", type=int, default=8, metavar="N", help="höchstens N Anfragen gleichzeitig (Standard: 8)")
    p.set_defaults(handler=run)


def collect(root: Path) -> list:
    refs = []
    for _kind, path in discover(root)[0]:
        refs += extract(paths.display_path(path), load_file(path))
    return sorted(refs)


def run(args) -> int:
    root = Path(args.katalog)
    if not root.is_dir():
        print(f"katalog links: Fehler: Katalog-Ordner „{root}“ gibt es nicht.", file=sys.stderr)
        return 2
    if args.parallel < 1 or args.zeitlimit <= 0:
        print("katalog links: Fehler: --parallel und --zeitlimit müssen größer als 0 sein.", file=sys.stderr)
        return 2
    refs = collect(root)
    if args.nur_auflisten:
        sys.stdout.write(listing(refs))
        return 0
    results = check_all([r.url for r in refs], timeout=args.zeitlimit, workers=args.parallel)
    sys.stdout.write(text_report(refs, results))
    if args.ausgabe:
        Path(args.ausgabe).write_text(markdown_report(refs, results, as_of=dt.date.today().isoformat()), encoding="utf-8")
    return 1 if any(s.state == "dead" for s in results.values()) else 0
