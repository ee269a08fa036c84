"""German number, money and date formats, and the label tables of fixed answers, written once.

Pages (via generator/render/base.py's Jinja filters), the CLI and the exports use these; the
browser's counterpart is `KATALOG.number` / `KATALOG.euro` in docs/assets/katalog/katalog-core.js.
"""
from __future__ import annotations

from generator import dates


def number(value: float | int | None) -> str:
    """German thousands separator: 1085664 -> 1.085.664; 2.5 -> 2,5."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return f"{int(value):,}".replace(",", ".")


def euro(value: float | int | None) -> str:
    """1250000 -> "1.250.000 €" ("" for None)."""
    return "" if value is None else f"{number(value)} €"


def percent(value: float | int | None) -> str:
    return f"{number(value)} %"


def german_date(value: object) -> str:
    """ISO (partial) date -> German: 2027-03-31 -> 31.03.2027 ("" for nothing)."""
    return "" if not value else dates.german(str(value))


# Answers the schema fixes as enums (project.schema.json `experience`), as readers see them.
WOULD_DO_AGAIN = {"ja": "Ja", "nein": "Nein", "teilweise": "Teilweise"}
CONTINUED = {"ja": "Ja", "nein": "Nein", "offen": "Offen"}
DEADLINE_STATES = {"kommend": "Kommend", "laufend": "Läuft", "abgelaufen": "Abgelaufen"}


def would_do_again(value: str) -> str:
    return WOULD_DO_AGAIN.get(value, value)


def continued(value: str) -> str:
    return CONTINUED.get(value, value)
