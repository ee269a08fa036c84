"""Partial ISO dates (JJJJ, JJJJ-MM, JJJJ-MM-TT) as ranges, so comparisons stay honest."""
from __future__ import annotations

import calendar
import datetime as dt


def parse_range(text: str) -> tuple[dt.date, dt.date] | None:
    """Earliest and latest day a partial date can mean; None if it is no real date."""
    try:
        parts = [int(p) for p in str(text).split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
        if len(parts) == 3:
            day = dt.date(*parts)
            return day, day
    except (ValueError, TypeError, OverflowError):
        return None
    return None


def earliest(text: str) -> dt.date | None:
    rng = parse_range(text)
    return rng[0] if rng else None


def latest(text: str) -> dt.date | None:
    rng = parse_range(text)
    return rng[1] if rng else None


def newest(values) -> str | None:
    """The newest of some partial ISO dates, as written; a partial date counts from its first day, so
    "2024" is older than "2024-06-18" (a source never proves more than it says). None for no dates."""
    dated = [(rng[0], str(v)) for v in values if v and (rng := parse_range(str(v))) is not None]
    return max(dated)[1] if dated else None


def german(text: str) -> str:
    """2026-03-31 -> 31.03.2026; 2026-03 -> 03/2026; 2026 -> 2026."""
    parts = str(text).split("-")
    if len(parts) == 3:
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    if len(parts) == 2:
        return f"{parts[1]}/{parts[0]}"
    return str(text)
