"""A record file as the validator sees it: kind, path, loaded data and positions."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.loader import LoadResult


@dataclass
class RecordFile:
    kind: str  # "project" | "funding"
    path: Path
    file: str  # path shown in messages
    loaded: LoadResult

    @property
    def data(self) -> dict:
        return self.loaded.data if isinstance(self.loaded.data, dict) else {}

    @property
    def id(self) -> str:
        value = self.data.get("id")
        return value if isinstance(value, str) else ""

    def at(self, *path) -> tuple[int, int]:
        return self.loaded.position(tuple(path))
