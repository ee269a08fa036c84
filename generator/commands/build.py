"""katalog build: prüfen, anreichern, Seiten erzeugen und die Website mit MkDocs bauen."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator import build, federation, paths
from generator.reference import LAND_CODES


def land_code(text: str) -> str:
    code = text.strip().upper()
    if code not in LAND_CODES.values():
        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Land; erlaubt sind {', '.join(sorted(LAND_CODES.values()))}")
    return code


def configured_sources(option: str | None) -> list | None:
    """Sources from --quellen, else from katalog.yml in the working directory; None for a single catalogue."""
    file = Path(option) if option else Path.cwd() / federation.CONFIG_NAME
    if option and not file.is_file():
        raise federation.ConfigError(f"„{option}“ gibt es nicht.")
    return federation.read_config(file) if file.is_file() else None


def add_common(p) -> None:
    p.add_argument("--katalog", metavar="PFAD", default=str(paths.CATALOGUE_DIR),
                   help="Katalog-Ordner mit projects/ und funding/ (Standard: catalogue/)")
    p.add_argument("--stichtag", metavar="JJJJ-MM-TT", help="Erstellungsdatum für Fristen und „Neu“ (Standard: heute)")
    p.add_argument("--config", metavar="DATEI", default=str(build.CONFIG_FILE), help="MkDocs-Konfiguration (Standard: mkdocs.yml)")
    p.add_argument("--quellen", metavar="DATEI", default=None,
                   help="Liste mehrerer Kataloge (Standard: katalog.yml im aktuellen Ordner, wenn vorhanden)")
    p.add_argument("--land", type=land_code, metavar="DE-XX",
                   help="nur, was ein Land betrifft: seine Projekte, die für es offenen Programme (z. B. DE-HE)")


def register(sub) -> None:
    p = sub.add_parser("build", help="Website bauen (prüft den Katalog zuerst)",
                       description="Prüft den Katalog, erzeugt die Seiten unter docs/ und baut die Website mit "
                                   "„mkdocs build --strict“. Ein Katalog mit Fehlern wird abgelehnt. "
                                   "Exit-Code: 0 = gebaut, 1 = Katalog fehlerhaft oder Build gescheitert, 2 = falscher Aufruf.")
    add_common(p)
    p.add_argument("--ausgabe", metavar="ORDNER", default=str(build.SITE_DIR), help="Zielordner der Website (Standard: site/)")
    p.add_argument("--nur-seiten", action="store_true", help="nur die Markdown-Seiten erzeugen, MkDocs nicht aufrufen")
    p.set_defaults(handler=run)


def prepare(args, prog: str):
    """Shared by build and serve: parse options, generate and write pages. Returns (generated, config) or an exit code."""
    try:
        build_date = build.parse_date(args.stichtag)
    except ValueError:
        print(f"{prog}: Fehler: „{args.stichtag}“ ist kein Datum (JJJJ-MM-TT).", file=sys.stderr)
        return 2
    root = Path(args.katalog)
    if not root.is_dir():
        print(f"{prog}: Fehler: Katalog-Ordner „{root}“ gibt es nicht.", file=sys.stderr)
        return 2
    config = Path(args.config)
    try:
        sources = configured_sources(args.quellen)
        generated = build.generate(root, build_date, sources=sources, land=args.land)
    except federation.ConfigError as problem:
        print(f"{prog}: Fehler: {problem}", file=sys.stderr)
        return 2
    except build.BuildRefused as refused:
        sys.stdout.write(str(refused))
        print(f"{prog}: Der Katalog enthält Fehler; die Website wird nicht gebaut.", file=sys.stderr)
        return 1
    build.write(generated, build.docs_dir_of(config))
    return generated, config


def run(args) -> int:
    prepared = prepare(args, "katalog build")
    if isinstance(prepared, int):
        return prepared
    generated, config = prepared
    t = generated.timings
    print(f"{len(generated.pages)} Seiten erzeugt ({len(generated.catalogue.projects)} Projekte, "
          f"{len(generated.catalogue.funding)} Förderprogramme; prüfen {t['validate']:.1f} s, anreichern "
          f"{t['enrich']:.1f} s, Seiten {t['render']:.1f} s).")
    if args.nur_seiten:
        return 0
    start = time.perf_counter()
    result = build.run_mkdocs(config, Path(args.ausgabe))
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        print("katalog build: MkDocs ist gescheitert (siehe oben).", file=sys.stderr)
        return 1
    print(f"Website gebaut: {args.ausgabe} ({time.perf_counter() - start:.1f} s MkDocs).")
    return 0
