# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Point-in-polygon inside DuckDB: the buurt layer's tiles as lookup tables.

A load assigns millions of points to buurten. Doing that in Python would make the load wait
for the GIL; instead the tiles of :mod:`.geo` are worked out once, for the whole layer, and
handed to the load's SQL as lists it indexes into (in DuckDB's own threads):

- the state of every 250 m tile over the layer's bounding box: the polygon covering it,
  none, or ``BORDER``;
- the states of the 31.25 m subtiles of every border tile;
- the states of the 7.8 m cells (:data:`CELLS` x :data:`CELLS`) of every border subtile;

the last two as a palette of four states per border tile and two bits per subtile and cell
(:class:`Palettes`).

(Lists, not joined tables: a hash join would not keep the rows in file order, and the CSV
line numbers come from that order.)

A point outside every buurt in a tile, subtile or cell that lies wholly inside one
municipality of the country-wide layer which has no buurt in the buurt layer gets that
municipality from the lists too (:data:`MUNICIPALITY`, folded into the states by
:meth:`AreaIndex.with_municipalities`; a tile no buurt touches but a municipality boundary
crosses gets subtiles for it): the nearest-buurt rule of :meth:`locator.Boundaries.fill_gaps`
cannot give such a point a buurt, as every buurt lies in another municipality. A point in a
border cell (about 1.8% of a uniform file over the Rotterdam area; 7% were in border
subtiles before the cells) or in any other box outside every buurt (0.45%; 1.5% when only
whole tiles were folded) is left open and settled afterwards in one vectorised pass
(:func:`parse.settle_points`: the exact test, the country-wide municipality layer, the gaps).
The answer is the same as :meth:`locator.Layer.locate` followed by
:meth:`locator.Boundaries.fill_gaps` (checked by tests against brute force and against that
pass).

Working out all subtiles and cells, and the fold, takes seconds, so the index of the bundled
layer is shipped (``datasets/boundaries/<layer>.index.npz``, made by
``scripts/build_area_index.py``) together with the SHA-256 of the layer file it was made
from, and the fold of the bundled municipality layer with its fingerprint
(:func:`municipality_fingerprint`); for any other layer, or when a hash differs, they are
worked out on first use and kept for the process.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import shapely

from . import locator

SUBTILES = locator.SUBTILES
# A border subtile is split into CELLS x CELLS cells (7.8 m): 4 x 4 leaves a quarter of its
# points to the exact test (8 x 8: an eighth, for four times the entries; docs/incidents.md).
CELLS = 4
# In the SQL lists a state at or above AreaIndex.next_state (at least NEXT_MIN, above every
# polygon index) points to the next level: a border tile's state is next_state + its number
# (in Palettes.order).
NEXT_MIN = 1 << 12
INDEX_SUFFIX = ".index.npz"
# A tile state at or below this is a municipality polygon of the country-wide layer:
# MUNICIPALITY - state (0-based). Above every other state (-1 none, BORDER, -4 convert).
MUNICIPALITY = -1000


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
    cell_parent: np.ndarray  # (m,) int64 flat index into ``fine`` of each border subtile
    cells: np.ndarray  # (m, CELLS * CELLS) int32 states, index cx * CELLS + cy
    folded_for: str = ""  # fingerprint of the municipalities folded in (""): with_municipalities
    # the SQL palettes as shipped (saved with the fold: about 0.5 s to work out), else None
    shipped: Palettes | None = dataclasses.field(default=None, compare=False, repr=False)

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
        parent = np.flatnonzero(fine == locator.BORDER)
        cell = np.arange(CELLS * CELLS)
        cx = (sx[parent][:, None] * CELLS + cell[None, :] // CELLS).ravel()
        cy = (sy[parent][:, None] * CELLS + cell[None, :] % CELLS).ravel()
        cells = locator.TileCache(layer._tree, size / SUBTILES / CELLS).work_out(cx, cy)
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
            parent,
            cells.reshape(len(parent), -1).astype(np.int32),
        )

    def save(self, path: Path, folded: AreaIndex | None = None) -> None:
        """Saved, with ``folded`` (this index with the municipalities folded in, the one
        the loads use: with its palettes) beside it."""
        arrays = self._arrays()
        if folded is not None:
            arrays |= {f"m_{k}": v for k, v in folded._arrays(palettes=True).items()}
        save: Any = np.savez_compressed  # its stub reads the names as its own options
        save(path, **arrays)

    def _arrays(self, palettes: bool = False) -> dict[str, np.ndarray]:
        packed = dataclasses.asdict(Palettes.of(self)) if palettes else {}
        return {
            "coarse": self.coarse.astype(np.int16),
            "border": self.border,
            "fine": self.fine.astype(np.int16),
            "cell_parent": self.cell_parent,
            "cells": self.cells.astype(np.int16),
            "grid": np.array([self.x0, self.y0, self.nx, self.ny, self.size]),
            "sha256": np.array(self.layer_sha256),
            "folded_for": np.array(self.folded_for),
            **{f"p_{k}": np.asarray(v) for k, v in packed.items()},
        }

    @classmethod
    def load(cls, path: Path, prefix: str = "") -> AreaIndex | None:
        """The saved index (``prefix`` "m_": the folded one); None when it was saved without
        the levels (or the fold) this version has."""
        with np.load(path) as data:
            if f"{prefix}cells" not in data:
                return None
            x0, y0, nx, ny, size = data[f"{prefix}grid"]
            return cls(
                float(x0),
                float(y0),
                int(nx),
                int(ny),
                float(size),
                data[f"{prefix}coarse"].astype(np.int32),
                data[f"{prefix}border"].astype(np.int64),
                data[f"{prefix}fine"].astype(np.int32),
                str(data[f"{prefix}sha256"]),
                data[f"{prefix}cell_parent"].astype(np.int64),
                data[f"{prefix}cells"].astype(np.int32),
                str(data[f"{prefix}folded_for"]),
                _shipped_palettes(data, prefix),
            )

    def with_municipalities(self, boundaries: locator.Boundaries) -> AreaIndex:
        """This index with every tile, subtile and cell that no buurt touches set to
        ``MUNICIPALITY - m`` where one municipality polygon ``m`` of the country-wide layer
        covers it whose municipality has no buurt in the buurt layer (a gap point there
        takes that municipality in :meth:`locator.Boundaries.fill_gaps`, whatever buurt is
        nearest). A tile that no buurt touches but a municipality boundary crosses is split
        into subtiles as a border tile (when that settles any). A few seconds: shipped for
        the bundled layers (:func:`folded`)."""
        layer = boundaries.municipalities
        fingerprint = municipality_fingerprint(boundaries)
        if layer is None:
            return dataclasses.replace(self, folded_for=fingerprint, shipped=None)
        fold = _Folder(
            self, layer, np.isin(layer.codes, np.unique(boundaries.areas["municipality"]))
        )
        per_tile = SUBTILES * SUBTILES
        coarse = self.coarse.copy()
        free = np.flatnonzero(coarse == locator.NO_POLYGON)
        held = fold.held(0, free, np.zeros(len(free), np.int64), 1)
        coarse[free] = fold.states(held)
        split = free[held == locator.BORDER]  # crossed by a municipality boundary: subtiles
        sub = np.repeat(np.arange(per_tile)[None, :], len(split), axis=0)
        extra = fold.states(fold.held(1, np.repeat(split, per_tile), sub.ravel(), SUBTILES))
        extra = extra.reshape(len(split), per_tile)
        useful = (extra != locator.NO_POLYGON).any(axis=1)
        coarse[split[useful]] = locator.BORDER
        fine = self.fine.ravel().copy()
        free = np.flatnonzero(fine == locator.NO_POLYGON)
        tile = self.border[free // per_tile]
        fine[free] = fold.states(fold.held(1, tile, free % per_tile, SUBTILES))
        cells = self.cells.ravel().copy()
        free = np.flatnonzero(cells == locator.NO_POLYGON)
        parent = self.cell_parent[free // (CELLS * CELLS)]
        sub, cell = parent % per_tile, free % (CELLS * CELLS)
        cx = (sub // SUBTILES) * CELLS + cell // CELLS  # within the tile
        cy = (sub % SUBTILES) * CELLS + cell % CELLS
        per_edge = SUBTILES * CELLS
        tile = self.border[parent // per_tile]
        cells[free] = fold.states(fold.held(2, tile, cx * per_edge + cy, per_edge))
        return dataclasses.replace(
            self,
            coarse=coarse,
            border=np.concatenate([self.border, split[useful]]),
            fine=np.concatenate([fine.reshape(self.fine.shape), extra[useful]]).astype(np.int32),
            cells=cells.reshape(self.cells.shape),
            folded_for=fingerprint,
            shipped=None,
        )

    @property
    def next_state(self) -> int:
        """:data:`NEXT_MIN`, or above every polygon index of a larger layer."""
        top = max(int(self.coarse.max(initial=0)), int(self.fine.max(initial=0)))
        return max(NEXT_MIN, 1 << top.bit_length())

    def lists(self) -> dict[str, pa.Array]:
        """The index as five lists for SQL lookups (1-based in SQL), see :class:`Palettes`:
        ``coarse`` the state per tile (``ix * ny + iy``; border tile ``b``:
        ``next_state + b``), ``palette`` four states per border tile, ``words`` the 2-bit
        palette entries of its subtiles (two per tile: subtiles 0-31, 32-63), ``first`` per
        word the number of cell rows before it, ``cells`` the 2-bit palette entries of the
        cells of every border subtile with cells (one INTEGER).

        Small on purpose: DuckDB copies the lists for every chunk of 2,048 rows it looks
        up, so the lookup costs in proportion to their bytes (per 5 million rows 0.29 CPU s
        for the 802,624 int16 subtile states the palettes replace). (Each a one-row list
        column, which DuckDB takes as it is; ``list(v ORDER BY rowid)`` sorted: 0.35 s for
        1.6 million entries.)"""
        packed = Palettes.of(self)
        coarse = self.coarse.copy()
        coarse[self.border[packed.order]] = self.next_state + np.arange(len(self.border))
        return {
            "coarse": _one_list(coarse),
            "palette": _one_list(packed.palette.ravel()),
            "words": _one_list(packed.words, pa.int64()),
            "first": _one_list(packed.first, pa.int32()),
            "cells": _one_list(packed.cells, pa.int32()),
        }

    def polygon_sql(self, relation: str, x: str, y: str) -> str:
        """A SELECT of every column of ``relation`` and ``_tiles``: the buurt polygon index
        of point (x, y), >= 0 the polygon, -1 none, ``BORDER`` when only the exact test can
        tell, at most :data:`MUNICIPALITY` a municipality (:meth:`with_municipalities`).
        Reads the lists of ``_area_lists`` (cross-joined: one row, so that the rows keep
        their order). One stage per step, so that each is worked out once (DuckDB does not
        share a repeated expression inside a CASE)."""
        per_edge = SUBTILES * CELLS
        unit = self.size / per_edge
        nxt = self.next_state
        with_cells = 2 * Palettes.of(self).with_cells
        inside = (
            f"{x} >= {self.x0!r} AND {x} < {self.x0 + self.nx * self.size!r} AND "
            f"{y} >= {self.y0!r} AND {y} < {self.y0 + self.ny * self.size!r}"
        )
        # one cell number per axis, the tile and subtile numbers from it: the levels agree
        # (also where rounding puts a point on a line), and never leave the grid
        u, v = (
            f"CASE WHEN {inside} THEN least(CAST(floor(({c} - {o!r}) / {unit!r}) AS BIGINT), "
            f"{n * per_edge - 1}) END"
            for c, o, n in ((x, self.x0, self.nx), (y, self.y0, self.ny))
        )
        coarse = f"CAST(_lc[(_u // {per_edge}) * {self.ny} + _v // {per_edge} + 1] AS INTEGER)"
        sx, sy = f"((_u // {CELLS}) % {SUBTILES})", f"((_v // {CELLS}) % {SUBTILES})"
        # the word (half tile) of the subtile, and its entry's bit in the word
        half = f"2 * (_s1 - {nxt}) + {sx} // {SUBTILES // 2}"
        bit = f"2 * (({sx} % {SUBTILES // 2}) * {SUBTILES} + {sy})"
        word = "_lw[_h + 1]"
        below = f"{word} & ({word} >> 1) & {0x5555555555555555} & ((CAST(1 AS BIGINT) << _k) - 1)"
        cells = f"_lg[_lb[_h + 1] + bit_count({below}) + 1]"
        cell = f"2 * ((_u % {CELLS}) * {CELLS} + _v % {CELLS})"
        entry = f"CASE WHEN _g IS NULL THEN _c ELSE (_g >> {cell}) & 3 END"
        state = f"CAST(_lp[(_h // 2) * 4 + {entry} + 1] AS INTEGER)"
        border = f"_s1 >= {nxt}"
        return f"""
            SELECT * EXCLUDE (_u, _v, _s1, _h, _k, _c, _g, _lp),
                   CASE WHEN _h IS NULL THEN _s1 ELSE {state} END AS _tiles
            FROM (SELECT * EXCLUDE (_lc, _lw, _lb, _lg),
                         CASE WHEN _c = 3 AND _h < {with_cells} THEN {cells} END AS _g
            FROM (SELECT *, CASE WHEN {border} THEN ({word} >> _k) & 3 END AS _c
            FROM (SELECT *, CASE WHEN {border} THEN {half} END AS _h,
                         CASE WHEN {border} THEN {bit} END AS _k
            FROM (SELECT *, coalesce({coarse}, {locator.NO_POLYGON}) AS _s1
            FROM (SELECT *, {u} AS _u, {v} AS _v
                  FROM ({relation}) CROSS JOIN (
                      SELECT coarse AS _lc, palette AS _lp, words AS _lw, first AS _lb,
                             cells AS _lg
                      FROM _area_lists))))))"""


@dataclass(frozen=True)
class Palettes:
    """The subtiles and cells of an index's border tiles as palettes (:meth:`AreaIndex.lists`).

    Per border tile (in ``order``: the tiles with cells first, ``with_cells`` of them) four
    palette states and a 2-bit entry per subtile. In a tile with cells entry 3 of a subtile
    means its cells decide (its row in ``cells``: ``first`` of its word plus the subtiles
    with entry 3 before it in the word), and palette state 3 is ``BORDER``; each cell has a
    2-bit entry too. Most border tiles have two to four states; the rarest ones of a tile
    with more become ``BORDER`` (the exact test: the same answer)."""

    order: np.ndarray  # (k,) border tile (index into AreaIndex.border) of each palette
    with_cells: int
    palette: np.ndarray  # (k, 4) states
    words: np.ndarray  # (2 k,) int64: 2-bit entries of subtiles 0-31, 32-63 of each tile
    first: np.ndarray  # (2 k,) cell rows before each word's
    cells: np.ndarray  # (m,) int32: 2-bit entries of the cells of each subtile with cells

    @classmethod
    def of(cls, index: AreaIndex) -> Palettes:
        """As shipped with the index, else worked out once per index (kept for the
        process)."""
        if index.shipped is not None:
            return index.shipped
        found = _PALETTES.get(id(index))
        if found is None or found[0] is not index:
            found = (index, _palettes(index))
            _PALETTES[id(index)] = found
        return found[1]


_PALETTES: dict[int, tuple[AreaIndex, Palettes]] = {}


def _shipped_palettes(data: Any, prefix: str) -> Palettes | None:
    names = [f.name for f in dataclasses.fields(Palettes)]
    if any(f"{prefix}p_{n}" not in data for n in names):
        return None
    found = {n: data[f"{prefix}p_{n}"] for n in names}
    return Palettes(**(found | {"with_cells": int(found["with_cells"])}))


def _palettes(index: AreaIndex) -> Palettes:
    per_tile = SUBTILES * SUBTILES
    count = len(index.border)
    marked = np.zeros(count * per_tile, bool)
    marked[index.cell_parent] = True
    has_cells = marked.reshape(count, per_tile).any(axis=1)
    order = np.argsort(~has_cells, kind="stable")
    fine = index.fine[order]
    marked = marked.reshape(count, per_tile)[order]
    row = np.full(count * per_tile, -1, np.int64)  # cell row of each (old) subtile
    row[index.cell_parent] = np.arange(len(index.cell_parent))
    row = row.reshape(count, per_tile)[order]
    with_cells = int(has_cells.sum())
    palette = _choose(fine, marked, index.cells, row, with_cells)
    entry = _entries(fine, palette)
    lost = ((entry < 0) | (entry == 3)) & (np.arange(count) < with_cells)[:, None] & ~marked
    marked |= lost  # a subtile state left out in a tile with cells: its cells are BORDER
    entry = np.where(marked, 3, np.where(entry < 0, _border_slot(palette)[:, None], entry))
    words = _pack(entry.reshape(2 * count, per_tile // 2))
    tile, sub = np.nonzero(marked)
    cells = np.full((len(tile), CELLS * CELLS), locator.BORDER, np.int64)
    known = row[tile, sub] >= 0
    cells[known] = index.cells[row[tile, sub][known]]
    cell_entry = _entries(cells, palette[tile])
    cell_entry[cell_entry < 0] = 3
    counts = marked.reshape(2 * count, per_tile // 2).sum(axis=1)
    return Palettes(
        order,
        with_cells,
        palette,
        words,
        np.cumsum(counts) - counts,
        _pack(cell_entry).astype(np.uint32).view(np.int32),
    )


def _choose(
    fine: np.ndarray, marked: np.ndarray, cells: np.ndarray, row: np.ndarray, with_cells: int
) -> np.ndarray:
    """Per border tile four palette states: the tile's states by the area they cover, at
    most three (then ``BORDER``) in a tile with cells or with more than four states; a
    tile's own ``BORDER`` subtiles (no cells) first, as they must stay."""
    count, per_tile = fine.shape
    keep = ~marked.ravel()
    state = fine.ravel()[keep]
    weight = np.where(state == locator.BORDER, 1 << 40, CELLS * CELLS)
    where = np.nonzero(row >= 0)
    cell_state = cells[row[where]].ravel()
    tile = np.concatenate(
        [np.repeat(np.arange(count), per_tile)[keep], np.repeat(where[0], CELLS * CELLS)]
    )
    state = np.concatenate([state, cell_state]).astype(np.int64)
    weight = np.concatenate([weight, (cell_state != locator.BORDER).astype(np.int64)])
    low = int(state.min(initial=0))
    span = int(state.max(initial=0)) - low + 1
    keys, at = np.unique(tile * span + (state - low), return_inverse=True)
    total = np.bincount(at, weights=weight)
    keys, total = keys[total > 0], total[total > 0]
    tile, state = keys // span, keys % span + low
    ranked = np.lexsort((state, -total, tile))
    tile, state = tile[ranked], state[ranked]
    distinct = np.bincount(tile, minlength=count)
    rank = np.arange(len(tile)) - (np.cumsum(distinct) - distinct)[tile]
    limit = np.where((np.arange(count) < with_cells) | (distinct > 4), 3, 4)
    kept = rank < limit[tile]
    palette = np.full((count, 4), locator.BORDER, np.int64)
    palette[tile[kept], rank[kept]] = state[kept]
    return palette


def _entries(states: np.ndarray, palette: np.ndarray) -> np.ndarray:
    """Per state (rows of ``states``) its slot in the row's palette, -1 where none."""
    same = states[:, :, None] == palette[:, None, :]
    return np.where(same.any(axis=2), same.argmax(axis=2), -1)


def _border_slot(palette: np.ndarray) -> np.ndarray:
    return (palette == locator.BORDER).argmax(axis=1)


def _pack(entries: np.ndarray) -> np.ndarray:
    """Rows of 2-bit entries (at most 32) as one int64 each, the first in the lowest bits."""
    shifts = 2 * np.arange(entries.shape[1], dtype=np.uint64)
    packed = np.bitwise_or.reduce(entries.astype(np.uint64) << shifts, axis=1)
    return packed.view(np.int64)


def _one_list(values: np.ndarray, kind: pa.DataType | None = None) -> pa.Array:
    """``values`` as one list (an Arrow list array of one row): int16 where they fit."""
    if kind is None:
        small = len(values) == 0 or (values.min() >= -(1 << 15) and values.max() < 1 << 15)
        kind = pa.int16() if small else pa.int32()
    return pa.ListArray.from_arrays(pa.array([0, len(values)], pa.int32()), pa.array(values, kind))


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
        if index is not None and index.layer_sha256 == sha and index.size == layer.tile:
            return index
    return AreaIndex.build(layer, sha)


def _bundled_layer_file() -> Path:
    return locator.boundaries_dir() / locator.BUURT_LAYER


def bundled_index() -> AreaIndex:
    return index_for(_bundled_layer_file())


# -- in a DuckDB connection ----------------------------------------------------------------


_FOLDED: dict[tuple, tuple[locator.Boundaries, AreaIndex]] = {}


class _Folder:
    """The municipality (country-wide layer) of boxes of an index's levels."""

    def __init__(self, index: AreaIndex, layer: locator.Layer, ours: np.ndarray):
        self.index, self.layer, self.ours = index, layer, ours

    def held(self, level: int, tile: np.ndarray, within: np.ndarray, per_edge: int):
        """Per box ``within`` (``sx * per_edge + sy``) of coarse tile ``tile`` at ``level``
        (0 tile, 1 subtile, 2 cell): the one municipality polygon covering it,
        ``NO_POLYGON`` or ``BORDER``."""
        index = self.index
        tx = round(index.x0 / index.size) + tile // index.ny
        ty = round(index.y0 / index.size) + tile % index.ny
        size = index.size / (1, SUBTILES, SUBTILES * CELLS)[level]
        cache = locator.TileCache(self.layer._tree, size)
        return cache.work_out(tx * per_edge + within // per_edge, ty * per_edge + within % per_edge)

    def states(self, held: np.ndarray) -> np.ndarray:
        """The state of boxes no buurt touches: ``MUNICIPALITY - m`` where municipality
        polygon ``m`` holds the box and is not one of the buurt layer's; else NO_POLYGON."""
        take = (held >= 0) & ~self.ours[np.maximum(held, 0)]
        return np.where(take, MUNICIPALITY - held, locator.NO_POLYGON).astype(np.int32)


def municipality_fingerprint(boundaries: locator.Boundaries) -> str:
    """SHA-256 of the municipality layer as the load sees it (codes and projected shapes)
    and of the buurt layer's municipality codes: a fold is only reused for the same."""
    digest = hashlib.sha256()
    layer = boundaries.municipalities
    ours = np.unique(boundaries.areas["municipality"]).astype(str)
    digest.update("|".join(ours).encode())
    if layer is not None:
        digest.update("|".join(layer.codes.astype(str)).encode())
        for wkb in shapely.to_wkb(layer.geometries):
            digest.update(wkb)
    return digest.hexdigest()


def folded(index: AreaIndex, boundaries: locator.Boundaries) -> AreaIndex:
    """``index`` with the municipalities of ``boundaries`` folded in
    (:meth:`AreaIndex.with_municipalities`): the shipped fold when it was made from this
    index and these municipalities, else worked out now; kept per process."""
    key = (id(boundaries), index.layer_sha256, index.x0, index.y0, index.nx, index.ny)
    found = _FOLDED.get(key)
    if found is None or found[0] is not boundaries:
        found = (
            boundaries,
            _shipped_fold(index, boundaries) or index.with_municipalities(boundaries),
        )
        _FOLDED[key] = found
    return found[1]


def _shipped_fold(index: AreaIndex, boundaries: locator.Boundaries) -> AreaIndex | None:
    shipped = index_path(_bundled_layer_file())
    if not shipped.exists():
        return None
    fold = AreaIndex.load(shipped, "m_")
    if (
        fold is None
        or fold.layer_sha256 != index.layer_sha256
        or (fold.x0, fold.y0, fold.nx, fold.ny, fold.size)
        != (index.x0, index.y0, index.nx, index.ny, index.size)
        or fold.folded_for != municipality_fingerprint(boundaries)
    ):
        return None
    return fold


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
    lists = pa.table(index.lists())
    _temp_table(con, "_area_index_lists", lists)
    gm = boundaries.municipalities.codes.tolist() if boundaries.municipalities else []
    _temp_table(con, "_area_list_gm", pa.table({"v": pa.array(gm, pa.string())}))
    parts = [f"_i.{n}" for n in lists.column_names]
    parts += [f"(SELECT list({n} ORDER BY idx) FROM _area_codes) AS {n}" for n in names]
    parts.append("(SELECT coalesce(list(v ORDER BY rowid), []) FROM _area_list_gm) AS gm")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _area_lists AS SELECT {', '.join(parts)} "
        "FROM _area_index_lists _i"
    )
    for name in ("_area_index_lists", "_area_list_gm"):
        con.execute(f"DROP TABLE {name}")
    return index


def _temp_table(con, name: str, table: pa.Table) -> None:
    con.register(f"{name}_arrow", table)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_arrow")
    finally:
        con.unregister(f"{name}_arrow")
