"""`katalog`: the command line. Each subcommand lives in generator/commands/<name>.py
and exposes `register(subparsers)`; this module only wires them together."""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

import generator.commands as commands_pkg


class GermanArgumentParser(argparse.ArgumentParser):
    """Usage errors in German, exit code 2."""

    def error(self, message: str):
        translations = {
            "the following arguments are required": "diese Angaben fehlen",
            "invalid choice": "ungültige Auswahl",
            "unrecognized arguments": "unbekannte Angaben",
            "expected one argument": "erwartet einen Wert",
            "choose from": "möglich sind",
            "argument": "Angabe",
        }
        for en, de in translations.items():
            message = message.replace(en, de)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: Fehler: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = GermanArgumentParser(
        prog="katalog",
        description="Kommunaler Digitalisierungskatalog: Einträge prüfen, durchsuchen und die Website bauen.",
    )
    parser._positionals.title = "Befehle"
    parser._optionals.title = "Optionen"
    sub = parser.add_subparsers(dest="command", metavar="BEFEHL", parser_class=GermanArgumentParser)
    for info in sorted(pkgutil.iter_modules(commands_pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"generator.commands.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def _choose_catalogue(argv: list[str]) -> None:
    """`--katalog ORDNER` picks the catalogue (and with it vocabularies, reference data, mkdocs.yml)
    for the whole run. Paths are fixed before the commands' modules are imported, because they bind
    them as defaults; when they are already imported (library use, tests), --katalog still selects the
    records, and the rest comes from the catalogue found from the working directory."""
    if "generator.catalogue" in sys.modules:
        return
    from generator import paths

    chosen = None
    for i, arg in enumerate(argv):
        if arg == "--katalog" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif arg.startswith("--katalog="):
            chosen = arg.split("=", 1)[1]
    if chosen:
        paths.configure(chosen)


def main(argv: list[str] | None = None) -> int:
    _choose_catalogue(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # usage errors and --help: an exit code, like every other outcome
        return stop.code if isinstance(stop.code, int) else 2
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
