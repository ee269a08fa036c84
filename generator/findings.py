"""The one result model every check produces and every reporter reads."""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """A problem in one file, at one place, in German words for the contributor."""

    file: str
    line: int
    column: int
    severity: str
    field: str  # dotted path such as "funding[0].programme", "" for the file
    message: str
    code: str = dc_field(default="")  # stable machine id, e.g. "schema.enum"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def format_path(path) -> str:
    """("funding", 0, "programme") -> "funding[0].programme"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
