# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Assigning points to buurt, wijk and municipality with the bundled CBS boundaries.

The shipped layers (``datasets/boundaries``, WGS84, generalised by CBS/mapshaper) are
projected once to RD New (EPSG:28992). A point gets the buurt whose polygon holds it (buurten
2015 of the police unit's territory; wijk and municipality follow from the buurt code, CBS
codes nest: ``BU05990101`` lies in ``WK059901`` in ``GM0599``); a point outside every buurt
but inside a municipality (2024 boundaries, the whole country) gets that municipality only.

Speed matters (millions of points): points are bucketed into square tiles (250 m); a tile
that lies wholly inside one polygon, or outside all, assigns all its points at once (cached
across batches, looked up vectorised); points in tiles a boundary crosses are bucketed again
into 31.25 m subtiles the same way, and only the points in border subtiles go through one
vectorised STRtree query. The result is exact: the same as a
point-in-polygon test against every polygon (a point on a shared edge gets the polygon with
the lowest index), checked by a test against brute force.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely

from safetyplan.areas import boundaries

RD_NEW = "EPSG:28992"
WGS84 = "EPSG:4326"
TILE_METRES = 250.0
# A point in no polygon (a gap of the generalised layers: rivers, boundary lines) gets the
# nearest polygon within this distance, flagged ``located: nearest``; beyond it, none.
GAP_TOLERANCE_M = 500.0
# Where EPSG:28992 is defined (its area of use, in RD metres and in degrees).
RD_BOUNDS = (-7_000.0, 289_000.0, 300_000.0, 629_000.0)
NL_LONLAT_BOUNDS = (3.2, 50.75, 7.22, 53.7)

# the bundled layers (the reading of them is shared: safetyplan.areas.boundaries)
BUURT_LAYER = boundaries.BUURT_LAYER
MUNICIPALITY_LAYER = boundaries.MUNICIPALITY_LAYER
boundaries_dir = boundaries.boundaries_dir


# Tile states besides a polygon index (>= 0: that polygon covers the whole tile).
NO_POLYGON = -1  # no polygon touches the tile
UNKNOWN = -2  # not worked out yet
BORDER = -3  # a polygon boundary crosses the tile: its points need a finer look
OFFSET = 1 << 31  # keeps a tile's y number non-negative in its key
SUBTILES = 8  # a border tile is split into 8 x 8 subtiles (31.25 m) before exact tests


class TileCache:
    """The state of square tiles of one size, worked out on first use and kept (tiles
    repeat across batches). Sparse: sorted keys and their states, looked up vectorised."""

    def __init__(self, tree: shapely.STRtree, size: float):
        self.tree = tree
        self.size = size
        self.keys = np.empty(0, dtype=np.int64)
        self.states = np.empty(0, dtype=np.int32)

    def tiles(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (np.floor(x / self.size).astype(np.int64), np.floor(y / self.size).astype(np.int64))

    def states_of(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        tx, ty = self.tiles(x, y)
        keys = (tx << 32) + (ty + OFFSET)  # tile numbers fit easily in 32 bits
        known = self._lookup(keys)
        missing = known == UNKNOWN
        if missing.any():
            new_keys = np.unique(keys[missing])
            self._add(new_keys, self.work_out(new_keys >> 32, (new_keys & 0xFFFFFFFF) - OFFSET))
            known = self._lookup(keys)
        return known

    def _lookup(self, keys: np.ndarray) -> np.ndarray:
        out = np.full(len(keys), UNKNOWN, dtype=np.int32)
        if len(self.keys):
            at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
            hit = self.keys[at] == keys
            out[hit] = self.states[at[hit]]
        return out

    def _add(self, keys: np.ndarray, states: np.ndarray) -> None:
        all_keys = np.concatenate([self.keys, keys])
        order = np.argsort(all_keys, kind="stable")
        self.keys = all_keys[order]
        self.states = np.concatenate([self.states, states])[order]

    def work_out(self, tx: np.ndarray, ty: np.ndarray) -> np.ndarray:
        """Per tile: the one polygon covering it, NO_POLYGON or BORDER (two vectorised tree
        queries for all new tiles at once)."""
        boxes = shapely.box(
            tx * self.size, ty * self.size, (tx + 1) * self.size, (ty + 1) * self.size
        )
        states = np.full(len(tx), NO_POLYGON, dtype=np.int32)
        touched, candidates = self.tree.query(boxes, predicate="intersects")
        states[np.unique(touched)] = BORDER
        # covers() on the prepared polygons: faster than a second, "covered_by" tree query
        covered = shapely.covers(self.tree.geometries[candidates], boxes[touched])
        box, polygon = touched[covered], candidates[covered]
        covering = np.bincount(box, minlength=len(tx))
        once = covering[box] == 1  # covered by exactly one polygon (as before: else exact)
        states[box[once]] = polygon[once]
        return states


class DenseTileCache(TileCache):
    """A TileCache as one array over the polygons' bounding box (the coarse level: fast
    lookups; outside the box no polygon can hold a point)."""

    def __init__(self, tree: shapely.STRtree, size: float):
        super().__init__(tree, size)
        minx, miny, maxx, maxy = shapely.total_bounds(tree.geometries)
        (self.x0, self.y0), (x1, y1) = self.tiles(np.array([minx, maxx]), np.array([miny, maxy]))
        self.x0, self.y0 = int(self.x0), int(self.y0)
        self.nx, self.ny = int(x1) - self.x0 + 1, int(y1) - self.y0 + 1
        self.cells = np.full(self.nx * self.ny, UNKNOWN, dtype=np.int32)

    def states_of(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        tx, ty = self.tiles(x, y)
        ix, iy = tx - self.x0, ty - self.y0
        inside = (ix >= 0) & (ix < self.nx) & (iy >= 0) & (iy < self.ny)
        out = np.full(len(x), NO_POLYGON, dtype=np.int32)
        flat = ix[inside] * self.ny + iy[inside]
        states = self.cells[flat]
        missing = states == UNKNOWN
        if missing.any():
            new = np.unique(flat[missing])
            self.cells[new] = self.work_out(new // self.ny + self.x0, new % self.ny + self.y0)
            states = self.cells[flat]
        out[inside] = states
        return out


@dataclass
class Layer:
    """Polygons in RD New with their CBS codes, and tile caches for fast lookups."""

    codes: np.ndarray  # object array of CBS codes, one per polygon
    names: np.ndarray
    geometries: np.ndarray  # shapely polygons in RD New
    tile: float = TILE_METRES
    _tree: shapely.STRtree = field(init=False, repr=False)
    _coarse: TileCache = field(init=False, repr=False)
    _fine: TileCache = field(init=False, repr=False)

    def __post_init__(self) -> None:
        shapely.prepare(self.geometries)
        self._tree = shapely.STRtree(self.geometries)
        self._coarse = DenseTileCache(self._tree, self.tile)
        self._fine = TileCache(self._tree, self.tile / SUBTILES)

    def __len__(self) -> int:
        return len(self.codes)

    def locate(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Index of the polygon holding each point, -1 where none does (NaN: -1). Tiles
        wholly inside one polygon or outside all answer for their points; points in border
        tiles are looked at again in subtiles; only points in border subtiles get the exact
        test."""
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        out = np.full(len(x), -1, dtype=np.int32)
        todo = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
        for cache in (self._coarse, self._fine):
            if len(todo) == 0:
                return out
            states = cache.states_of(x[todo], y[todo])
            out[todo] = np.where(states == BORDER, -1, states)
            todo = todo[states == BORDER]
        if len(todo):
            out[todo] = self._test(x[todo], y[todo])
        return out

    def nearest(
        self, x: np.ndarray, y: np.ndarray, tolerance: float = GAP_TOLERANCE_M
    ) -> np.ndarray:
        """Index of the nearest polygon within ``tolerance`` metres of each point, -1 beyond
        (NaN: -1); of equally near ones the lowest index."""
        found = np.full(len(x), -1, dtype=np.int32)
        ok = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
        if len(ok) == 0:
            return found
        points, polygons = self._tree.query_nearest(
            shapely.points(x[ok], y[ok]), max_distance=tolerance, all_matches=True
        )
        order = np.lexsort((polygons, points))
        points, polygons = points[order], polygons[order]
        first = np.r_[True, points[1:] != points[:-1]] if len(points) else np.array([], bool)
        found[ok[points[first]]] = polygons[first]
        return found

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

    def fill_gaps(
        self, x: np.ndarray, y: np.ndarray, buurt: np.ndarray, tolerance: float = GAP_TOLERANCE_M
    ):
        """(buurt index, municipality index, nearest) for points whose buurt index
        (:meth:`Layer.locate`) may be -1. A point in no buurt gets, in this order: the
        municipality polygon holding it, unless the nearest buurt within ``tolerance`` lies
        in that very municipality (a gap in the buurt layer, e.g. a river: that buurt); the
        nearest buurt within ``tolerance`` when no municipality holds it; else the nearest
        municipality within ``tolerance``; else none (-1). ``nearest`` flags the points
        placed by distance, not containment."""
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        buurt = np.asarray(buurt, dtype=np.int32).copy()
        municipality = np.full(len(buurt), -1, dtype=np.int32)
        nearest = np.zeros(len(buurt), dtype=bool)
        gap = np.flatnonzero((buurt < 0) & np.isfinite(x) & np.isfinite(y))
        if len(gap) == 0:
            return buurt, municipality, nearest
        gx, gy = x[gap], y[gap]
        held = (
            self.municipalities.locate(gx, gy)
            if self.municipalities is not None
            else np.full(len(gap), -1, dtype=np.int32)
        )
        held_gm = (
            self.municipalities.codes[np.maximum(held, 0)]
            if self.municipalities is not None
            else np.full(len(gap), None)
        )
        # only points no municipality holds, or held by one of the buurt layer's
        # municipalities, can take a buurt (the nearest-query is the costly part); the test
        # per municipality polygon, not per point (comparing code strings per point is slow)
        ours = (
            np.isin(self.municipalities.codes, np.unique(self.areas["municipality"]))
            if self.municipalities is not None
            else np.zeros(1, dtype=bool)
        )
        ask = np.flatnonzero((held < 0) | ours[np.maximum(held, 0)])
        near = np.full(len(gap), -1, dtype=np.int32)
        near[ask] = self.buurten.nearest(gx[ask], gy[ask], tolerance)
        near_gm = self.areas["municipality"][np.maximum(near, 0)]
        take = (near >= 0) & ((held < 0) | (near_gm == held_gm))
        buurt[gap[take]] = near[take]
        nearest[gap[take]] = True
        rest = ~take & (held >= 0)
        municipality[gap[rest]] = held[rest]
        if self.municipalities is not None:
            open_ = np.flatnonzero(~take & (held < 0))
            if len(open_):
                close = self.municipalities.nearest(gx[open_], gy[open_], tolerance)
                municipality[gap[open_]] = close
                nearest[gap[open_[close >= 0]]] = True
        return buurt, municipality, nearest

    def assign(self, x: np.ndarray, y: np.ndarray) -> Assignment:
        """CBS codes for RD points (x, y in metres)."""
        buurt_idx, municipality_idx = self.locate_indices(x, y)
        lookup = self.areas
        buurt = np.where(buurt_idx >= 0, lookup["buurt"][np.maximum(buurt_idx, 0)], None)
        wijk = np.where(buurt_idx >= 0, lookup["wijk"][np.maximum(buurt_idx, 0)], None)
        from_buurt = lookup["municipality"][np.maximum(buurt_idx, 0)]
        mun_codes = (
            self.municipalities.codes
            if self.municipalities is not None
            else np.array([None], dtype=object)
        )
        from_layer = mun_codes[np.maximum(municipality_idx, 0)]
        municipality = np.where(
            buurt_idx >= 0, from_buurt, np.where(municipality_idx >= 0, from_layer, None)
        )
        return Assignment(buurt.astype(object), wijk.astype(object), municipality.astype(object))

    def outline(self, codes: list[str] | None = None):
        """GeoDataFrame (WGS84) of buurt polygons, for maps."""
        import geopandas as gpd

        frame = gpd.GeoDataFrame(
            {"code": self.buurten.codes, "name": self.buurten.names},
            geometry=list(self.buurten.geometries),
            crs=RD_NEW,
        )
        if codes is not None:
            frame = frame[frame["code"].isin(codes)]
        return frame


def read_layer(path: Path) -> Layer:
    """A GeoJSON layer (WGS84, read by :func:`safetyplan.areas.boundaries.layer`) as RD New
    polygons; features without geometry are skipped."""
    records = boundaries.layer(path)
    codes = [b.code for b in records]
    names = [b.name or "" for b in records]
    geoms = np.array([shapely.geometry.shape(b.geometry) for b in records], dtype=object)
    to_rd = _transformer(WGS84, RD_NEW)  # made once per thread (30 ms each)
    geoms = shapely.transform(
        geoms, lambda xy: np.column_stack(to_rd.transform(xy[:, 0], xy[:, 1]))
    )
    geoms = shapely.make_valid(geoms)
    return Layer(np.array(codes, dtype=object), np.array(names, dtype=object), geoms)


@functools.cache
def bundled(root: str | None = None) -> Boundaries:
    """The shipped boundaries (read once per process)."""
    folder = Path(root) if root else boundaries_dir()
    municipality = folder / MUNICIPALITY_LAYER
    return Boundaries.from_files(
        folder / BUURT_LAYER, municipality if municipality.exists() else None
    )


# -- coordinates ---------------------------------------------------------------------------


_THREAD = threading.local()


def _transformer(source: str, target: str):
    """A pyproj Transformer per thread: one shared between threads can crash the process
    (DuckDB calls the load's coordinate functions from its own threads)."""
    from pyproj import Transformer

    cache = _THREAD.__dict__.setdefault("transformers", {})
    if (source, target) not in cache:
        cache[(source, target)] = Transformer.from_crs(source, target, always_xy=True)
    return cache[(source, target)]


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
