"""One module per `katalog` subcommand; each defines register(subparsers).

Helpers here are shared by several commands' argument parsing.
"""
from __future__ import annotations

import argparse
import datetime as dt


def iso_date(text: str) -> dt.date:
    """argparse type for --stichtag: a wrong date is a usage error (exit 2) in German."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Datum (JJJJ-MM-TT)") from None
