"""katalog serve: wie build, dann Vorschau mit „mkdocs serve“; Änderungen an Einträgen erzeugen die Seiten neu."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from generator import build
from generator.commands.build import add_common, prepare

POLL_SECONDS = 1.0


def register(sub) -> None:
    p = sub.add_parser("serve", help="Website-Vorschau im Browser (http://127.0.0.1:8000)",
                       description="Prüft den Katalog, erzeugt die Seiten und startet „mkdocs serve“. "
                                   "Ändert sich ein Eintrag, werden die Seiten neu erzeugt und die Vorschau lädt neu.")
    add_common(p)
    p.add_argument("--adresse", metavar="HOST:PORT", default="127.0.0.1:8000", help="Adresse der Vorschau (Standard: 127.0.0.1:8000)")
    p.set_defaults(handler=run)


def snapshot(root: Path) -> dict:
    """Modification times of all record files: a change triggers regeneration."""
    return {p: p.stat().st_mtime_ns for folder in ("projects", "funding") if (root / folder).is_dir()
            for p in sorted((root / folder).iterdir()) if p.is_file()}


def _stop(_signum, _frame):
    """SIGTERM (from a test or a process manager) ends the preview like Ctrl+C, MkDocs included."""
    raise KeyboardInterrupt


def run(args) -> int:
    prepared = prepare(args, "katalog serve")
    if isinstance(prepared, int):
        return prepared
    _generated, config = prepared
    root = Path(args.katalog)
    signal.signal(signal.SIGTERM, _stop)
    server = subprocess.Popen(build.mkdocs_command("serve", config, ["-a", args.adresse]), env=build.mkdocs_env())
    seen = snapshot(root)
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            now = snapshot(root)
            if now != seen:
                seen = now
                print("katalog serve: Einträge geändert, Seiten werden neu erzeugt …", file=sys.stderr)
                again = prepare(args, "katalog serve")
                if isinstance(again, int):
                    print("katalog serve: Die Vorschau zeigt weiter den letzten fehlerfreien Stand.", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)
    return 0
