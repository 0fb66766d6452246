# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Point-in-polygon inside DuckDB: the buurt layer's tiles as lookup tables.

A load assigns millions of points to buurten. Doing that in Python would make the load wait
for the GIL; instead the tiles of :mod:`.geo` are worked out once, for the whole layer, and
handed to the load's SQL as lists it indexes into (in DuckDB's own threads):

- the state of every 250 m tile over the layer's bounding box: the polygon covering it,
  none, or ``BORDER``;
- the states of the 31.25 m subtiles of every border tile.

(Lists, not joined tables: a hash join would not keep the rows in file order, and the CSV
line numbers come from that order.)

A point outside every buurt in a tile that lies wholly inside one municipality of the
country-wide layer which has no buurt in the buurt layer gets that municipality from the
lists too (:data:`MUNICIPALITY`, folded into the states by :func:`register`): the nearest-buurt
rule of :meth:`locator.Boundaries.fill_gaps` cannot give such a point a buurt, as every buurt lies
in another municipality. A point in a border subtile (about 7% of a uniform file over the
Rotterdam area) or in any other tile outside every buurt is left open and settled afterwards
in one vectorised pass (:func:`parse.settle_points`: the exact test, the country-wide
municipality layer, the gaps). The answer is the same as :meth:`locator.Layer.locate` followed by
:meth:`locator.Boundaries.fill_gaps` (checked by tests against brute force and against that
pass).

Working out all subtiles takes a few seconds, so the index of the bundled layer is shipped
(``datasets/boundaries/<layer>.index.npz``, made by ``scripts/build_area_index.py``) together
with the SHA-256 of the layer file it was made from; for any other layer, or when the hash
differs, it is worked out on first use and kept for the process.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import shapely

from . import locator

SUBTILES = locator.SUBTILES
INDEX_SUFFIX = ".index.npz"
# A tile state at or below this is a municipality polygon of the country-wide layer:
# MUNICIPALITY - state (0-based). Above every other state (-1 none, BORDER, -4 convert).
MUNICIPALITY = -1000
# In the SQL lists only: a border tile's state is SLOT - its number among the border tiles
# (below every municipality state: fewer than 19,000 municipality polygons; never written
# to a row). Small, so that the lists fit SMALLINT for a layer like the bundled one.
SLOT = -20_000
# subtiles per 64-bit word of two-bit palette entries (AreaIndex.lists)
HALF = SUBTILES * SUBTILES // 2
assert HALF <= 32, "two-bit entries of half a border tile's subtiles must fit in 64 bits"


@dataclass(frozen=True)
class AreaIndex:
    """The tile states of one layer over its bounding box (see the module docstring)."""

    x0: float  # south-west corner of tile (0, 0), RD metres
    y0: float
    nx: int  # tiles east-west
    ny: int  # tiles south-north
    size: float  # tile edge, metres
    coarse: np.ndarray  # (nx * ny,) int32 state per tile, index ix * ny + iy
    border: np.ndarray  # (k,) int64 flat index of each border tile
    fine: np.ndarray  # (k, SUBTILES * SUBTILES) int32 states, index sx * SUBTILES + sy
    layer_sha256: str

    @classmethod
    def build(cls, layer: locator.Layer, layer_sha256: str) -> AreaIndex:
        size = layer.tile
        minx, miny, maxx, maxy = shapely.total_bounds(layer.geometries)
        tx0, ty0 = int(np.floor(minx / size)), int(np.floor(miny / size))
        nx = int(np.floor(maxx / size)) - tx0 + 1
        ny = int(np.floor(maxy / size)) - ty0 + 1
        flat = np.arange(nx * ny, dtype=np.int64)
        coarse = locator.TileCache(layer._tree, size).work_out(flat // ny + tx0, flat % ny + ty0)
        border = np.flatnonzero(coarse == locator.BORDER)
        sub = np.arange(SUBTILES * SUBTILES)
        sx = ((border // ny + tx0)[:, None] * SUBTILES + sub[None, :] // SUBTILES).ravel()
        sy = ((border % ny + ty0)[:, None] * SUBTILES + sub[None, :] % SUBTILES).ravel()
        fine = locator.TileCache(layer._tree, size / SUBTILES).work_out(sx, sy)
        return cls(
            tx0 * size,
            ty0 * size,
            nx,
            ny,
            size,
            coarse.astype(np.int32),
            border,
            fine.reshape(len(border), -1).astype(np.int32),
            layer_sha256,
        )

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            coarse=self.coarse.astype(np.int16),
            border=self.border,
            fine=self.fine.astype(np.int16),
            grid=np.array([self.x0, self.y0, self.nx, self.ny, self.size]),
            sha256=np.array(self.layer_sha256),
        )

    @classmethod
    def load(cls, path: Path) -> AreaIndex:
        with np.load(path) as data:
            x0, y0, nx, ny, size = data["grid"]
            return cls(
                float(x0),
                float(y0),
                int(nx),
                int(ny),
                float(size),
                data["coarse"].astype(np.int32),
                data["border"].astype(np.int64),
                data["fine"].astype(np.int32),
                str(data["sha256"]),
            )

    def with_municipalities(self, tiles: np.ndarray) -> AreaIndex:
        """This index with the tiles (and the subtiles of border tiles) that no buurt touches
        set to ``MUNICIPALITY - m`` where ``tiles`` (one per coarse tile) names a
        municipality polygon ``m`` >= 0 covering the whole tile."""
        coarse = self.coarse.copy()
        free = (coarse == locator.NO_POLYGON) & (tiles >= 0)
        coarse[free] = MUNICIPALITY - tiles[free]
        parent = tiles[self.border][:, None]
        fine = np.where(
            (self.fine == locator.NO_POLYGON) & (parent >= 0), MUNICIPALITY - parent, self.fine
        ).astype(np.int32)
        return dataclasses.replace(self, coarse=coarse, fine=fine)

    def lists(self) -> dict[str, pa.Array]:
        """The index as four flat arrays for SQL list lookups (1-based in SQL), kept small:
        DuckDB copies a cross-joined list into every chunk of 2,048 rows it reads, so the
        lookup costs in proportion to the lists' size (the 666,880 subtile states of the
        bundled layer as one list: 1.2 s per 5 million rows, measured 7 December 2026).

        - ``coarse``: per tile (``ix * ny + iy``) its state, or for a border tile
          :data:`SLOT` minus its number ``s`` among the border tiles;
        - ``palette``: four states per border tile (at ``s * 4``);
        - ``codes_lo``, ``codes_hi``: per border tile the palette entry of each subtile,
          two bits each (subtiles 0-31 and 32-63, ``sx * SUBTILES + sy``).

        A border tile with more than four subtile states keeps ``BORDER`` and its three
        most frequent other states; its other subtiles become ``BORDER`` (their points get
        the exact test, which gives the same answer)."""
        if (self.coarse <= SLOT).any():
            raise ValueError(f"more than {MUNICIPALITY - SLOT - 1} municipality polygons")
        palette, low, high = _palettes(self.fine)
        coarse = self.coarse.copy()
        coarse[self.border] = SLOT - np.arange(len(self.border), dtype=np.int32)
        # half the bytes to copy when every state fits (the bundled layer's do)
        small = max(-int(coarse.min()), int(coarse.max()), int(np.abs(palette).max())) < 2**15
        states = pa.int16() if small else pa.int32()
        return {
            "coarse": pa.array(coarse, states),
            "palette": pa.array(palette.ravel(), states),
            "codes_lo": pa.array(low, pa.int64()),
            "codes_hi": pa.array(high, pa.int64()),
        }

    def polygon_sql(self, x: str, y: str) -> str:
        """SQL for the buurt polygon index of point (x, y): >= 0 the polygon, -1 none,
        ``BORDER`` when only the exact test can tell, at most :data:`MUNICIPALITY` a
        municipality (:meth:`with_municipalities`). Reads the lists of
        ``_area_lists AS _L`` (cross-joined: one row), so that the rows keep their order."""
        fine = self.size / SUBTILES
        # subtile numbers over the whole grid; the tile is the subtile's number // SUBTILES
        # (the same as flooring by the tile size: the sizes differ by a power of two)
        fx = f"CAST(floor(({x} - {self.x0!r}) / {fine!r}) AS BIGINT)"
        fy = f"CAST(floor(({y} - {self.y0!r}) / {fine!r}) AS BIGINT)"
        tile = f"(({fx} // {SUBTILES}) * {self.ny} + {fy} // {SUBTILES} + 1)"
        sub = f"(({fx} % {SUBTILES}) * {SUBTILES} + {fy} % {SUBTILES})"
        inside = (
            f"{x} >= {self.x0!r} AND {x} < {self.x0 + self.nx * self.size!r} AND "
            f"{y} >= {self.y0!r} AND {y} < {self.y0 + self.ny * self.size!r}"
        )
        state = f"CAST(_L.coarse[{tile}] AS INTEGER)"
        slot = f"({SLOT} - {state})"
        word = (
            f"(CASE WHEN {sub} < {HALF} THEN _L.codes_lo[{slot} + 1] "
            f"ELSE _L.codes_hi[{slot} + 1] END)"
        )
        entry = f"(({word} >> (2 * ({sub} % {HALF}))) & 3)"
        subtile = f"CAST(_L.palette[{slot} * 4 + {entry} + 1] AS INTEGER)"
        return (
            f"CASE WHEN NOT ({inside}) OR {x} IS NULL THEN -1 "
            f"WHEN {state} <= {SLOT} THEN {subtile} ELSE {state} END"
        )


def _palettes(fine: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per border tile (a row of ``SUBTILES**2`` subtile states): four palette states and
    the subtiles' two-bit palette entries packed into two 64-bit words (see
    :meth:`AreaIndex.lists`)."""
    count = fine.shape[0]
    palette = np.full((count, 4), locator.BORDER, dtype=np.int32)
    entries = np.zeros(fine.shape, dtype=np.uint64)
    for row, states in enumerate(fine):
        values, counts = np.unique(states, return_counts=True)
        if len(values) > 4:  # keep BORDER and the three most frequent others
            others = values[values != locator.BORDER]
            frequent = others[np.argsort(-counts[values != locator.BORDER], kind="stable")[:3]]
            values = np.sort(np.append(frequent, locator.BORDER))
            states = np.where(np.isin(states, values), states, locator.BORDER)
        palette[row, : len(values)] = values
        entries[row] = np.searchsorted(values, states)
    shifts = (2 * (np.arange(fine.shape[1]) % HALF)).astype(np.uint64)
    packed = entries << shifts
    low = np.bitwise_or.reduce(packed[:, :HALF], axis=1).view(np.int64)
    high = np.bitwise_or.reduce(packed[:, HALF:], axis=1).view(np.int64)
    return palette, low, high


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def index_path(layer_file: Path) -> Path:
    return layer_file.with_name(layer_file.name.removesuffix(".geojson") + INDEX_SUFFIX)


@functools.cache
def index_for(layer_file: Path) -> AreaIndex:
    """The shipped index of the buurt layer ``layer_file`` when it was made from this very
    file, otherwise one worked out now (kept for the process)."""
    layer = (
        locator.read_layer(layer_file)
        if layer_file != _bundled_layer_file()
        else (locator.bundled().buurten)
    )
    sha = file_sha256(layer_file)
    shipped = index_path(layer_file)
    if shipped.exists():
        index = AreaIndex.load(shipped)
        if index.layer_sha256 == sha and index.size == layer.tile:
            return index
    return AreaIndex.build(layer, sha)


def _bundled_layer_file() -> Path:
    return locator.boundaries_dir() / locator.BUURT_LAYER


def bundled_index() -> AreaIndex:
    return index_for(_bundled_layer_file())


# -- in a DuckDB connection ----------------------------------------------------------------


_FOLDED: dict[tuple, tuple[locator.Boundaries, AreaIndex]] = {}


def municipality_tiles(index: AreaIndex, boundaries: locator.Boundaries) -> np.ndarray:
    """Per coarse tile of ``index``: the municipality polygon (country-wide layer) that
    covers the whole tile, when that municipality has no buurt in the buurt layer; else -1.
    (For a municipality of the buurt layer a gap point may take the nearest buurt: open.)
    About 0.2 s for the bundled layers; kept per process."""
    out = np.full(index.nx * index.ny, -1, dtype=np.int32)
    layer = boundaries.municipalities
    if layer is None:
        return out
    flat = np.flatnonzero(index.coarse < 0)  # tiles one buurt covers need no municipality
    tx0, ty0 = round(index.x0 / index.size), round(index.y0 / index.size)
    states = locator.TileCache(layer._tree, index.size).work_out(
        flat // index.ny + tx0, flat % index.ny + ty0
    )
    ours = np.isin(layer.codes, np.unique(boundaries.areas["municipality"]))
    keep = (states >= 0) & ~ours[np.maximum(states, 0)]
    out[flat[keep]] = states[keep]
    return out


def folded(index: AreaIndex, boundaries: locator.Boundaries) -> AreaIndex:
    """``index`` with the municipalities of :func:`municipality_tiles` folded in (kept per
    process for these boundaries and this index)."""
    key = (id(boundaries), index.layer_sha256, index.x0, index.y0, index.nx, index.ny)
    found = _FOLDED.get(key)
    if found is None or found[0] is not boundaries:
        found = (boundaries, index.with_municipalities(municipality_tiles(index, boundaries)))
        _FOLDED[key] = found
    return found[1]


def register(
    con, boundaries: locator.Boundaries | None = None, index: AreaIndex | None = None
) -> AreaIndex:
    """Put the lookup lists (``_area_lists``, one row: the tile states with the
    municipalities folded in, the buurt, wijk and municipality code per buurt polygon and
    ``gm``, the code per polygon of the municipality layer) and the buurt codes
    (``_area_codes``) on ``con`` as temporary tables; returns the index, whose
    :meth:`AreaIndex.polygon_sql` the caller's SQL uses."""
    boundaries = boundaries or locator.bundled()
    index = folded(index or bundled_index(), boundaries)
    codes = boundaries.areas
    names = ("buurt", "wijk", "municipality")
    area_codes = pa.table(
        {
            "idx": pa.array(np.arange(len(codes["buurt"])), pa.int32()),
            **{n: pa.array(codes[n].tolist(), pa.string()) for n in names},
        }
    )
    _temp_table(con, "_area_codes", area_codes)
    lists = index.lists()
    for name, values in lists.items():
        _temp_table(con, f"_area_list_{name}", pa.table({"v": values}))
    gm = boundaries.municipalities.codes.tolist() if boundaries.municipalities else []
    _temp_table(con, "_area_list_gm", pa.table({"v": pa.array(gm, pa.string())}))
    parts = [f"(SELECT list(v ORDER BY rowid) FROM _area_list_{n}) AS {n}" for n in lists]
    parts += [f"(SELECT list({n} ORDER BY idx) FROM _area_codes) AS {n}" for n in names]
    parts.append("(SELECT coalesce(list(v ORDER BY rowid), []) FROM _area_list_gm) AS gm")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _area_lists AS SELECT {', '.join(parts)}")
    for name in (*lists, "gm"):
        con.execute(f"DROP TABLE _area_list_{name}")
    return index


def _temp_table(con, name: str, table: pa.Table) -> None:
    con.register(f"{name}_arrow", table)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_arrow")
    finally:
        con.unregister(f"{name}_arrow")
