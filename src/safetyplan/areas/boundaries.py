# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The bundled boundary layers (``datasets/boundaries``, WGS84 GeoJSON), read once per
process, and the geometry the maps, the allocation and the incident locator need of them.

Every reader of boundaries goes through :func:`layer`: the report's and the web's maps, the
'area' driver of the allocation (:func:`municipal_areas`) and the incident locator (which
projects the same records to RD New). A layer is a tuple of :class:`Boundary` records whose
``geometry`` is the file's own GeoJSON geometry, shared between callers: never change it.
"""

from __future__ import annotations

import gzip
import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from safetyplan import settings

log = logging.getLogger(__name__)

PATTERNS = ("*.geojson", "*.geojson.gz", "*.json")
BUURT_LAYER = "buurten_2015_rotterdam_unit.geojson"
MUNICIPALITY_LAYER = "municipalities_2024_nl.geojson"  # 2024, the whole country
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Boundary:
    """One feature: its CBS code, its name as the file gives it (None when it has none) and
    its GeoJSON geometry (shared: do not change it)."""

    code: str
    name: str | None
    geometry: dict


def boundaries_dir() -> Path:
    return settings.DATASETS_DIR / "boundaries"


def layer(path: Path | str) -> tuple[Boundary, ...]:
    """The features of a GeoJSON file (``.gz`` too) with a code and a geometry, read once per
    process (a file changed on disk is read again). CBS's own files name the code
    ``statcode``, ours ``code``; a bare number becomes a ``GM`` code. TopoJSON: ()."""
    path = Path(path)
    stat = path.stat()
    return _layer(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _layer(path: str, _mtime_ns: int, _size: int) -> tuple[Boundary, ...]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    if data.get("type") == "Topology":
        return ()  # TopoJSON files are for other uses; the maps read GeoJSON
    out = []
    for feature in data.get("features", []):
        props = feature.get("properties") or {}
        code = props.get("statcode") or props.get("code") or props.get("gemeentecode")
        geometry = feature.get("geometry")
        if not code or not geometry:
            continue
        code = str(code)
        if code.isdigit():
            code = f"GM{int(code):04d}"
        name = props.get("statnaam") or props.get("name") or props.get("gemeentenaam")
        out.append(Boundary(code, None if name is None else str(name), geometry))
    log.debug("boundary layer %s: %d features", path, len(out))
    return tuple(out)


def municipal_files(root: Path | None = None) -> list[Path]:
    """The boundary files of municipalities below ``root`` (default: the bundled ones), by
    name (``gemeente``, ``municip``) or by their codes (``GM``), sorted by path."""
    root = root or boundaries_dir()
    if not root.is_dir():
        return []
    files = {p for pattern in PATTERNS for p in root.rglob(pattern)}
    return sorted(
        p
        for p in files
        if "gemeente" in p.name.lower() or "municip" in p.name.lower() or _has_municipalities(p)
    )


def _has_municipalities(path: Path) -> bool:
    return any(b.code.startswith("GM") for b in layer(path)[:5])


# -- orientation -----------------------------------------------------------------------------


def rewind_for_d3(geometry: dict) -> dict:
    """A (Multi)Polygon with exterior rings clockwise and holes counter-clockwise, as d3-geo
    (Vega's spherical projections) expects; RFC 7946 GeoJSON has the opposite order, which
    d3 reads as 'the whole globe except this area' and fills the entire map.

    The orientation test is shapely's (``is_ccw``, the test ``orient_polygons`` makes); the
    rings are reversed in the file's own coordinate lists rather than rebuilt from shapely,
    because shapely would write a whole-number coordinate (the 2024 file has some) as a
    float and so change the maps' JSON and SVG."""

    kind = geometry.get("type")
    if kind == "Polygon":
        polygons = [geometry["coordinates"]]
    elif kind == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return dict(geometry)
    ccw = iter(_counter_clockwise([ring for polygon in polygons for ring in polygon]))
    turned = [
        [ring[::-1] if next(ccw) == (i == 0) else ring for i, ring in enumerate(polygon)]
        for polygon in polygons
    ]
    return {"type": kind, "coordinates": turned[0] if kind == "Polygon" else turned}


def _counter_clockwise(rings: list[list]) -> list[bool]:
    """Per ring, whether it runs counter-clockwise: one vectorised shapely call for all
    rings; a ring of fewer than four positions (not valid GeoJSON) counts as clockwise."""
    import numpy as np
    import shapely

    closed = [i for i, ring in enumerate(rings) if len(ring) >= 4]
    out = [False] * len(rings)
    if closed:
        coords = np.array([p[:2] for i in closed for p in rings[i]], dtype=np.float64)
        indices = np.repeat(np.arange(len(closed)), [len(rings[i]) for i in closed])
        ccw = shapely.is_ccw(shapely.linearrings(coords, indices=indices))
        for i, turn in zip(closed, ccw, strict=True):
            out[i] = bool(turn)
    return out


# -- area ------------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def municipal_areas(datasets_dir: str | None = None) -> dict[str, float]:
    """km2 per municipality code of the 2024 boundaries (whole country), rounded to 0.001;
    {} when the file is not shipped. See :func:`area_km2` for the method."""
    root = Path(datasets_dir) if datasets_dir else settings.DATASETS_DIR
    path = root / "boundaries" / MUNICIPALITY_LAYER
    if not path.is_file():
        return {}
    return {b.code: round(area_km2(b.geometry), 3) for b in layer(path)}


def area_km2(geometry: dict) -> float:
    """Area of a WGS84 (Multi)Polygon in km2, each ring projected equirectangularly around
    its own mean latitude on a sphere of the earth's mean radius. Against an equal-area
    projection of the ellipsoid (EPSG:3035) the 2024 municipalities come out 0.39% smaller in
    the median (0.53% at most; measured on 6 December 2026): nearly the same factor
    everywhere, so relative sizes hardly move. Kept rather than geopandas' area because the
    allocation's results rest on these figures (ADR 0014)."""
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
