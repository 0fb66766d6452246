"""Assigning points to buurt, wijk and municipality with the bundled CBS boundaries.

The shipped layers (``datasets/boundaries``, WGS84, generalised by CBS/mapshaper) are
projected once to RD New (EPSG:28992). A point gets the buurt whose polygon holds it (buurten
2015 of the police unit's territory; wijk and municipality follow from the buurt code, CBS
codes nest: ``BU05990101`` lies in ``WK059901`` in ``GM0599``); a point outside every buurt
but inside a municipality (2024 boundaries, the whole country) gets that municipality only.

Speed matters (millions of points): points are bucketed into square tiles; a tile that lies
wholly inside one polygon assigns all its points at once (cached across batches), the other
points go through one vectorised STRtree query. The result is exact: the same as a
point-in-polygon test against every polygon (a point on a shared edge gets the polygon with
the lowest index), checked by a test against brute force.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely

from safetyplan import settings

RD_NEW = "EPSG:28992"
WGS84 = "EPSG:4326"
TILE_METRES = 250.0
# Where EPSG:28992 is defined (its area of use, in RD metres and in degrees).
RD_BOUNDS = (-7_000.0, 289_000.0, 300_000.0, 629_000.0)
NL_LONLAT_BOUNDS = (3.2, 50.75, 7.22, 53.7)

BUURT_LAYER = "buurten_2015_rotterdam_unit.geojson"
MUNICIPALITY_LAYER = "municipalities_2024_nl.geojson"


def boundaries_dir() -> Path:
    return settings.DATASETS_DIR / "boundaries"


@dataclass
class Layer:
    """Polygons in RD New with their CBS codes, and a tile index for fast lookups."""

    codes: np.ndarray  # object array of CBS codes, one per polygon
    names: np.ndarray
    geometries: np.ndarray  # shapely polygons in RD New
    tile: float = TILE_METRES
    _tree: shapely.STRtree = field(init=False, repr=False)
    _tiles: dict[tuple[int, int], int] = field(
        init=False, repr=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        shapely.prepare(self.geometries)
        self._tree = shapely.STRtree(self.geometries)

    def __len__(self) -> int:
        return len(self.codes)

    def locate(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Index of the polygon holding each point, -1 where none does (NaN: -1)."""
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        out = np.full(len(x), -1, dtype=np.int32)
        finite = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
        if len(finite) == 0:
            return out
        tx = np.floor(x[finite] / self.tile).astype(np.int64)
        ty = np.floor(y[finite] / self.tile).astype(np.int64)
        keys, inverse = np.unique(tx * 4_000_003 + ty, return_inverse=True)
        first = np.zeros(len(keys), dtype=np.int64)
        first[inverse[::-1]] = np.arange(len(inverse))[::-1]
        whole = np.array([self._tile(int(tx[i]), int(ty[i])) for i in first], dtype=np.int32)
        covered = whole[inverse]
        out[finite] = covered
        rest = finite[covered < 0]
        if len(rest):
            out[rest] = self._test(x[rest], y[rest])
        return out

    def _tile(self, tx: int, ty: int) -> int:
        """The polygon covering the whole tile, or -1 (cached: tiles repeat across batches)."""
        cached = self._tiles.get((tx, ty))
        if cached is None:
            box = shapely.box(tx * self.tile, ty * self.tile,
                              (tx + 1) * self.tile, (ty + 1) * self.tile)
            candidates = self._tree.query(box, predicate="intersects")
            covering = [c for c in candidates if shapely.covers(self.geometries[c], box)]
            cached = int(covering[0]) if len(covering) == 1 else -1
            self._tiles[(tx, ty)] = cached
        return cached

    def _test(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Exact test in one vectorised tree query; a point on a shared edge gets the polygon
        with the lowest index."""
        found = np.full(len(x), -1, dtype=np.int32)
        points, polygons = self._tree.query(shapely.points(x, y), predicate="intersects")
        order = np.lexsort((polygons, points))
        points, polygons = points[order], polygons[order]
        first = np.r_[True, points[1:] != points[:-1]] if len(points) else np.array([], bool)
        found[points[first]] = polygons[first]
        return found


@dataclass
class Assignment:
    """Areas of a batch of points: CBS codes (None where not found)."""

    buurt: np.ndarray
    wijk: np.ndarray
    municipality: np.ndarray

    @property
    def found(self) -> np.ndarray:
        return np.array([m is not None for m in self.municipality], dtype=bool)


class Boundaries:
    """The bundled buurt layer plus a country-wide municipality layer."""

    def __init__(self, buurten: Layer, municipalities: Layer | None):
        self.buurten = buurten
        self.municipalities = municipalities
        codes = buurten.codes.astype(str)
        # Per buurt index: its buurt, wijk and municipality code (CBS codes nest).
        self.areas = {
            "buurt": codes.astype(object),
            "wijk": np.array(["WK" + c[2:8] for c in codes], dtype=object),
            "municipality": np.array(["GM" + c[2:6] for c in codes], dtype=object),
        }

    @classmethod
    def from_files(cls, buurt_file: Path, municipality_file: Path | None) -> Boundaries:
        buurten = read_layer(buurt_file)
        municipalities = read_layer(municipality_file) if municipality_file else None
        return cls(buurten, municipalities)

    def locate_indices(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(buurt index, municipality index) per RD point; -1 = none. The municipality layer
        is only consulted for points outside every buurt."""
        buurt = self.buurten.locate(x, y)
        municipality = np.full(len(buurt), -1, dtype=np.int32)
        if self.municipalities is not None:
            outside = np.flatnonzero(buurt < 0)
            if len(outside):
                municipality[outside] = self.municipalities.locate(x[outside], y[outside])
        return buurt, municipality

    def assign(self, x: np.ndarray, y: np.ndarray) -> Assignment:
        """CBS codes for RD points (x, y in metres)."""
        buurt_idx, municipality_idx = self.locate_indices(x, y)
        lookup = self.areas
        buurt = np.where(buurt_idx >= 0, lookup["buurt"][np.maximum(buurt_idx, 0)], None)
        wijk = np.where(buurt_idx >= 0, lookup["wijk"][np.maximum(buurt_idx, 0)], None)
        from_buurt = lookup["municipality"][np.maximum(buurt_idx, 0)]
        mun_codes = (self.municipalities.codes if self.municipalities is not None
                     else np.array([None], dtype=object))
        from_layer = mun_codes[np.maximum(municipality_idx, 0)]
        municipality = np.where(buurt_idx >= 0, from_buurt,
                                np.where(municipality_idx >= 0, from_layer, None))
        return Assignment(buurt.astype(object), wijk.astype(object), municipality.astype(object))

    def outline(self, codes: list[str] | None = None):
        """GeoDataFrame (WGS84) of buurt polygons, for maps."""
        import geopandas as gpd

        frame = gpd.GeoDataFrame(
            {"code": self.buurten.codes, "name": self.buurten.names},
            geometry=list(self.buurten.geometries), crs=RD_NEW,
        )
        if codes is not None:
            frame = frame[frame["code"].isin(codes)]
        return frame


def read_layer(path: Path) -> Layer:
    """A GeoJSON layer (WGS84) as RD New polygons; features without geometry are skipped."""
    from pyproj import Transformer

    with open(path, encoding="utf-8") as handle:
        collection = json.load(handle)
    codes, names, shapes = [], [], []
    for feature in collection["features"]:
        props = feature.get("properties") or {}
        geometry = feature.get("geometry")
        if not geometry:
            continue
        codes.append(props.get("code") or props.get("statcode"))
        names.append(props.get("name") or props.get("statnaam") or "")
        shapes.append(shapely.geometry.shape(geometry))
    geoms = np.array(shapes, dtype=object)
    to_rd = Transformer.from_crs(WGS84, RD_NEW, always_xy=True)
    geoms = shapely.transform(geoms, lambda xy: np.column_stack(to_rd.transform(xy[:, 0],
                                                                              xy[:, 1])))
    geoms = shapely.make_valid(geoms)
    return Layer(np.array(codes, dtype=object), np.array(names, dtype=object), geoms)


@functools.cache
def bundled(root: str | None = None) -> Boundaries:
    """The shipped boundaries (read once per process)."""
    folder = Path(root) if root else boundaries_dir()
    municipality = folder / MUNICIPALITY_LAYER
    return Boundaries.from_files(folder / BUURT_LAYER,
                                 municipality if municipality.exists() else None)


# -- coordinates ---------------------------------------------------------------------------


@functools.cache
def _transformer(source: str, target: str):
    from pyproj import Transformer

    return Transformer.from_crs(source, target, always_xy=True)


def to_rd(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 degrees to RD New metres; NaN outside the Netherlands' area of use."""
    lon = np.asarray(lon, dtype=np.float64)
    lat = np.asarray(lat, dtype=np.float64)
    inside = in_bounds(lon, lat, NL_LONLAT_BOUNDS)
    x = np.full(len(lon), np.nan)
    y = np.full(len(lon), np.nan)
    if inside.any():
        x[inside], y[inside] = _transformer(WGS84, RD_NEW).transform(lon[inside], lat[inside])
    return x, y


def to_lonlat(x: np.ndarray, y: np.ndarray, crs: str = RD_NEW) -> tuple[np.ndarray, np.ndarray]:
    return _transformer(crs, WGS84).transform(np.asarray(x, float), np.asarray(y, float))


def from_crs(x: np.ndarray, y: np.ndarray, crs: str) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates in another projection (mapping ``crs``) to RD New."""
    lon, lat = to_lonlat(x, y, crs)
    return to_rd(lon, lat)


def in_bounds(a: np.ndarray, b: np.ndarray, bounds: tuple[float, float, float, float]):
    return (a >= bounds[0]) & (a <= bounds[2]) & (b >= bounds[1]) & (b <= bounds[3])
