# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Land area of municipalities from the bundled CBS boundaries (for the 'area' driver).

``geo:area_km2`` is not stored in the warehouse: it is computed from the generalised CBS
municipality boundaries of 2024 shipped in ``datasets/boundaries`` (WGS84), with a local
equirectangular projection per ring (error well under 0.1% at Dutch latitudes, far below the
generalisation error of the boundaries). The polygons are CBS' generalised outlines: they
follow the coast and large waters only roughly, so the figure is an approximation of the
municipality's area (land plus some water), good for relative size, not for a land register.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from safetyplan import settings

AREA_MEASURE = "geo:area_km2"
BOUNDARIES_YEAR = 2024
EARTH_RADIUS_KM = 6371.0088
BOUNDARIES_FILE = Path("boundaries") / "municipalities_2024_nl.geojson"
NOTE = (
    "Oppervlakte uit de gegeneraliseerde CBS-gemeentegrenzen 2024 (benadering, incl. een "
    "deel van het water) / area from CBS' generalised 2024 municipal boundaries "
    "(approximate)"
)


def is_geo_measure(measure: str) -> bool:
    return measure == AREA_MEASURE


@lru_cache(maxsize=2)
def municipal_areas(datasets_dir: str | None = None) -> dict[str, float]:
    """km2 per municipality code (2024 boundaries); {} when the file is not shipped."""
    root = Path(datasets_dir) if datasets_dir else settings.DATASETS_DIR
    path = root / BOUNDARIES_FILE
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, float] = {}
    for feature in data.get("features", []):
        props, geometry = feature.get("properties") or {}, feature.get("geometry")
        code = props.get("statcode") or props.get("code")
        if code and geometry:
            out[code] = round(geometry_area_km2(geometry), 3)
    return out


def geometry_area_km2(geometry: dict) -> float:
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return 0.0
    return sum(_ring_km2(p[0]) - sum(_ring_km2(hole) for hole in p[1:]) for p in polygons)


def _ring_km2(ring: list) -> float:
    """Shoelace area of a lon/lat ring projected around its mean latitude."""
    if len(ring) < 3:
        return 0.0
    lat0 = math.radians(sum(p[1] for p in ring) / len(ring))
    xs = [math.radians(p[0]) * EARTH_RADIUS_KM * math.cos(lat0) for p in ring]
    ys = [math.radians(p[1]) * EARTH_RADIUS_KM for p in ring]
    twice = sum(xs[i] * ys[i + 1] - xs[i + 1] * ys[i] for i in range(len(ring) - 1))
    twice += xs[-1] * ys[0] - xs[0] * ys[-1]  # closes the ring if the file did not
    return abs(twice) / 2
