"""Municipality reference data (Destatis Gemeindeverzeichnis) as lookups by official key.

The CSVs under catalogue/reference/municipalities/ are a reduced copy of the
Destatis extract; `katalog referenzdaten` refreshes them from a newer edition.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator import paths

ATTRIBUTION = (
    "Datenquelle: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis-Informationssystem GV-ISys, "
    "Gebietsstand 31.12.2024 (© Statistisches Bundesamt (Destatis), 2025), "
    "https://www.destatis.de/DE/Themen/Laender-Regionen/Regionales/Gemeindeverzeichnis/_inhalt.html – "
    "Datenlizenz Deutschland – Namensnennung – Version 2.0 (https://www.govdata.de/dl-de/by-2-0). "
    "Daten umformatiert; Kreis-/Länder-Summen, -Schwerpunkte und Verwaltungssitze abgeleitet "
    "(Sitze aus GV100AD, Stand 30.11.2023)."
)

# Größenklassen for comparing municipalities; Kreise get their own class.
SIZE_CLASSES = [
    ("unter-5000", "unter 5.000 Einwohner", 0, 5_000),
    ("5000-20000", "5.000 bis 20.000 Einwohner", 5_000, 20_000),
    ("20000-100000", "20.000 bis 100.000 Einwohner", 20_000, 100_000),
    ("ueber-100000", "über 100.000 Einwohner", 100_000, None),
]
SIZE_CLASS_KREIS = ("landkreis", "Landkreis")
SIZE_CLASS_LAND = ("land", "Land")
SIZE_CLASS_LABELS = {cid: label for cid, label, _lo, _hi in SIZE_CLASSES} | dict([SIZE_CLASS_KREIS, SIZE_CLASS_LAND])

LAND_CODES = {
    "01": "DE-SH", "02": "DE-HH", "03": "DE-NI", "04": "DE-HB", "05": "DE-NW", "06": "DE-HE",
    "07": "DE-RP", "08": "DE-BW", "09": "DE-BY", "10": "DE-SL", "11": "DE-BE", "12": "DE-BB",
    "13": "DE-MV", "14": "DE-SN", "15": "DE-ST", "16": "DE-TH",
}

_GEMEINDE_APPLICANT = {"60": "gemeinde", "61": "kreisfreie-stadt", "62": "kreisfreie-stadt", "63": "stadt",
                       "64": "gemeinde", "65": "sonstige", "66": "sonstige", "67": "stadt"}
_KREIS_APPLICANT = {"41": "kreisfreie-stadt", "42": "kreisfreie-stadt", "43": "landkreis", "44": "landkreis", "45": "landkreis"}


@dataclass(frozen=True)
class Municipality:
    """A body with an official key: Gemeinde (8), Gemeindeverband (9), Kreis (5) or Land (2)."""

    key: str
    level: str  # gemeinde | verband | kreis | land
    name: str  # short display name, e.g. "Köln"
    official_name: str  # e.g. "Köln, Stadt"
    type_label: str  # Destatis type, e.g. "Kreisfreie Stadt"
    applicant_type: str  # id in the applicant-types vocabulary
    land_code: str  # ISO 3166-2, e.g. DE-NW
    land_name: str
    kreis_key: str  # "" for Länder
    kreis_name: str
    population: int
    area_km2: float
    lat: float | None
    lon: float | None

    @property
    def size_class(self) -> str:
        if self.level == "land":
            return SIZE_CLASS_LAND[0]
        if self.level == "kreis" and self.applicant_type != "kreisfreie-stadt":
            return SIZE_CLASS_KREIS[0]
        return size_class_for(self.population)


def size_class_for(population: int) -> str:
    for cid, _label, low, high in SIZE_CLASSES:
        if population >= low and (high is None or population < high):
            return cid
    return SIZE_CLASSES[-1][0]


def _float(text: str) -> float | None:
    return float(text) if text else None


def _read(path: Path):
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


@dataclass(frozen=True)
class Reference:
    by_key: dict

    def get(self, key: str) -> Municipality | None:
        return self.by_key.get(key)

    def __contains__(self, key: str) -> bool:
        return key in self.by_key

    def gemeinden(self):
        return (m for m in self.by_key.values() if m.level == "gemeinde")

    def kreis_of(self, m: Municipality) -> Municipality | None:
        return self.by_key.get(m.kreis_key) if m.kreis_key and m.kreis_key != m.key else None


def load_reference(directory: Path = paths.REFERENCE_DIR) -> Reference:
    by_key: dict[str, Municipality] = {}
    land_names = {}
    for row in _read(directory / "laender.csv"):
        land_names[row["land_ags"]] = row["name"]
        by_key[row["land_ags"]] = Municipality(
            row["land_ags"], "land", row["name"], row["name"], "Land", "land", LAND_CODES[row["land_ags"]], row["name"],
            "", "", int(row["population"]), float(row["area_km2"]), _float(row["lat"]), _float(row["lon"]))
    for row in _read(directory / "kreise.csv"):
        by_key[row["kreis_ags"]] = Municipality(
            row["kreis_ags"], "kreis", row["name_short"], row["name"], row["type"],
            _KREIS_APPLICANT.get(row["type_code"], "landkreis"), LAND_CODES[row["land_ags"]], land_names[row["land_ags"]],
            row["kreis_ags"], row["name"], int(row["population"]), float(row["area_km2"]), _float(row["lat"]), _float(row["lon"]))
    for row in _read(directory / "gemeindeverbaende.csv"):
        by_key[row["verband_ars"]] = Municipality(
            row["verband_ars"], "verband", row["name_short"], row["name"], row["type"], "gemeindeverband",
            LAND_CODES[row["land_ags"]], land_names[row["land_ags"]], row["kreis_ags"], row["kreis_name"],
            int(row["population"]), float(row["area_km2"]), _float(row["lat"]), _float(row["lon"]))
    for row in _read(directory / "gemeinden.csv"):
        by_key[row["ags"]] = Municipality(
            row["ags"], "gemeinde", row["name_short"], row["name"], row["type"],
            _GEMEINDE_APPLICANT.get(row["type_code"], "gemeinde"), LAND_CODES[row["land_ags"]], land_names[row["land_ags"]],
            row["kreis_ags"], row["kreis_name"], int(row["population"] or 0), float(row["area_km2"] or 0),
            _float(row["lat"]), _float(row["lon"]))
    return Reference(by_key)


@lru_cache(maxsize=None)
def default_reference() -> Reference:
    return load_reference()


# Columns kept in the repository copy; `katalog referenzdaten` writes exactly these.
KEPT_COLUMNS = {
    "gemeinden.csv": ["ags", "name", "name_short", "type_code", "type", "land_ags", "kreis_ags", "kreis_name",
                      "verband_ars", "population", "area_km2", "lat", "lon"],
    "gemeindeverbaende.csv": ["verband_ars", "name", "name_short", "type_code", "type", "land_ags", "kreis_ags",
                              "kreis_name", "n_gemeinden", "population", "area_km2", "lat", "lon"],
    "kreise.csv": ["kreis_ags", "name", "name_short", "type_code", "type", "land_ags", "seat_ags", "n_gemeinden",
                   "population", "area_km2", "lat", "lon"],
    "laender.csv": ["land_ags", "name", "seat_ags", "n_kreise", "n_gemeinden", "population", "area_km2", "lat", "lon"],
}


def import_destatis(source: Path, target: Path = paths.REFERENCE_DIR) -> dict[str, int]:
    """Copy the kept columns of a Destatis extract (same CSV layout) into the repository."""
    counts = {}
    target.mkdir(parents=True, exist_ok=True)
    for name, columns in KEPT_COLUMNS.items():
        rows = list(_read(source / name))
        missing = [c for c in columns if rows and c not in rows[0]]
        if missing:
            raise ValueError(f"{name}: Spalten fehlen: {', '.join(missing)}")
        if name == "gemeindeverbaende.csv":  # pseudo-Verbände of verbandsfreie Gemeinden are not bodies of their own
            rows = [r for r in rows if r["type_code"] != "50"]
        with (target / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            for row in rows:
                writer.writerow([row[c] for c in columns])
        counts[name] = len(rows)
    return counts
