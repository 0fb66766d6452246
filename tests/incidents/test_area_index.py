# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""The SQL tile lookup (area_index): the same answer as the exact test, few points left open."""

import dataclasses

import duckdb
import numpy as np
import pyarrow as pa
import pytest

from safetyplan.incidents import area_index, locator


@pytest.fixture(scope="module")
def looked_up():
    """Points over the layer's box (uniform, and on the lines of tiles, subtiles and cells),
    their states from the load's SQL, and the boundaries."""
    boundaries = locator.bundled()
    con = duckdb.connect()
    index = area_index.register(con, boundaries)
    rng = np.random.default_rng(11)
    n = 60_000
    x = rng.uniform(index.x0, index.x0 + index.nx * index.size, n)
    y = rng.uniform(index.y0, index.y0 + index.ny * index.size, n)
    unit = index.size / area_index.SUBTILES / area_index.CELLS
    x[: n // 10] = index.x0 + np.round((x[: n // 10] - index.x0) / unit) * unit  # on lines
    con.register("points", pa.table({"x": x, "y": y}))
    sql = index.polygon_sql("SELECT * FROM points", "x", "y")
    states = con.execute(f"SELECT _tiles FROM ({sql})").fetchnumpy()["_tiles"]
    return x, y, np.asarray(states), boundaries


def test_sql_tiles_give_the_exact_answer(looked_up):
    x, y, states, boundaries = looked_up
    exact = boundaries.buurten.locate(x, y)
    decided = states != locator.BORDER
    polygon = decided & (states >= 0)
    assert polygon.sum() > 10_000
    assert np.array_equal(states[polygon], exact[polygon])
    assert (exact[decided & (states == locator.NO_POLYGON)] == -1).all()
    municipality = decided & (states <= area_index.MUNICIPALITY)
    assert municipality.sum() > 1_000
    assert (exact[municipality] == -1).all()
    held = boundaries.municipalities.locate(x[municipality], y[municipality])
    assert np.array_equal(area_index.MUNICIPALITY - states[municipality], held)
    # and what the gap rule gives them: that municipality, not the nearest buurt
    buurt, gm, nearest = boundaries.fill_gaps(x[municipality], y[municipality], exact[municipality])
    assert (buurt == -1).all() and np.array_equal(gm, held) and not nearest.any()


def test_cells_leave_few_points_to_the_exact_test(looked_up):
    """Without the 7.8 m cells about 7% of the points of a uniform file over the Rotterdam
    area were left to the exact test; with them under 2% (over the layer's box, with the
    sea, fewer still)."""
    x, y, states, _ = looked_up
    in_area = (x >= 80_000) & (x < 100_000) & (y >= 425_000) & (y < 445_000)
    assert in_area.sum() > 3_000
    assert (states[in_area] == locator.BORDER).mean() < 0.025


def test_municipalities_fold_into_subtiles_and_cells(looked_up):
    """Gap points in a municipality without buurten get it from the tiles also where a
    municipality boundary crosses the tile (1.5% of the Rotterdam area's points were open
    gap points when only whole tiles were folded; 0.45% now)."""
    x, y, states, _ = looked_up
    in_area = (x >= 80_000) & (x < 100_000) & (y >= 425_000) & (y < 445_000)
    assert (states[in_area] == locator.NO_POLYGON).mean() < 0.008
    index = area_index.bundled_index()
    folded = area_index.folded(index, locator.bundled())
    assert len(folded.border) > len(index.border)  # tiles split for their municipalities


def test_the_shipped_fold_is_only_taken_for_its_municipalities():
    boundaries = locator.bundled()
    index = area_index.bundled_index()
    shipped = area_index._shipped_fold(index, boundaries)
    assert shipped is not None
    assert shipped.folded_for == area_index.municipality_fingerprint(boundaries)
    layer = boundaries.municipalities
    fewer = locator.Boundaries(
        boundaries.buurten, locator.Layer(layer.codes[:5], layer.names[:5], layer.geometries[:5])
    )
    assert area_index._shipped_fold(index, fewer) is None


def _level_states(index, x, y):
    """Per point the state the index's levels give (tile, subtile, cell), worked out in
    numpy from the unpacked arrays: what the SQL lists encode."""
    per_edge = area_index.SUBTILES * area_index.CELLS
    unit = index.size / per_edge
    inside = (x >= index.x0) & (x < index.x0 + index.nx * index.size)
    inside &= (y >= index.y0) & (y < index.y0 + index.ny * index.size)
    u = np.minimum(
        np.floor((np.where(inside, x, index.x0) - index.x0) / unit), index.nx * per_edge - 1
    )
    v = np.minimum(
        np.floor((np.where(inside, y, index.y0) - index.y0) / unit), index.ny * per_edge - 1
    )
    u, v = u.astype(np.int64), v.astype(np.int64)
    states = np.where(inside, index.coarse[(u // per_edge) * index.ny + v // per_edge], -1)
    slot = np.full(index.nx * index.ny, -1)
    slot[index.border] = np.arange(len(index.border))
    b = slot[(u // per_edge) * index.ny + v // per_edge]
    cells, subtiles = area_index.CELLS, area_index.SUBTILES
    sub = ((u // cells) % subtiles) * subtiles + (v // cells) % subtiles
    fine = inside & (b >= 0)
    states[fine] = index.fine[b[fine], sub[fine]]
    row = np.full(index.fine.size, -1)
    row[index.cell_parent] = np.arange(len(index.cell_parent))
    at = np.where(fine, row[np.maximum(b, 0) * subtiles**2 + sub], -1)
    has = at >= 0
    states[has] = index.cells[at[has], ((u % cells) * cells + v % cells)[has]]
    return states


def test_sql_palettes_give_the_levels_states_point_by_point():
    """The palettes of the SQL lists give every point its state of the index's levels, or
    BORDER (a state a tile's palette has no room for: the exact test), for few points."""
    boundaries = locator.bundled()
    con = duckdb.connect()
    index = area_index.register(con, boundaries)
    rng = np.random.default_rng(17)
    n = 400_000
    edge = 2 * index.size  # around the grid's edges too
    x = rng.uniform(index.x0 - edge, index.x0 + index.nx * index.size + edge, n)
    y = rng.uniform(index.y0 - edge, index.y0 + index.ny * index.size + edge, n)
    unit = index.size / area_index.SUBTILES / area_index.CELLS
    q = n // 8
    x[:q] = index.x0 + np.round((x[:q] - index.x0) / unit) * unit  # on lines
    y[q : 2 * q] = index.y0 + np.round((y[q : 2 * q] - index.y0) / unit) * unit
    x[2 * q : 2 * q + 500] = np.nan
    y[2 * q + 400 : 2 * q + 1000] = np.nan
    x[3 * q : 3 * q + 50] = index.x0 + index.nx * index.size  # just off the grid
    x[3 * q + 50 : 3 * q + 100] = np.nextafter(index.x0 + index.nx * index.size, 0)
    y[3 * q + 100 : 3 * q + 150] = index.y0
    con.register("points", pa.table({"x": x, "y": y}))
    sql = index.polygon_sql("SELECT * FROM points", "x", "y")
    got = np.asarray(con.execute(f"SELECT _tiles FROM ({sql})").fetchnumpy()["_tiles"])
    want = _level_states(index, x, y)
    kept = got != locator.BORDER
    assert np.array_equal(got[kept], want[kept])
    assert (got[2 * q : 2 * q + 1000] == locator.NO_POLYGON).all()  # NaN
    assert (got[3 * q : 3 * q + 50] == locator.NO_POLYGON).all()
    left = ~kept & (want != locator.BORDER)
    assert 0 < left.sum() < n / 1000  # the rarest states of crowded tiles only
    assert (want == locator.BORDER).sum() > 1_000


def test_palettes_keep_a_tiles_states():
    index = area_index.folded(area_index.bundled_index(), locator.bundled())
    packed = area_index._palettes(index)
    assert packed.with_cells > 0 and packed.with_cells < len(index.border)
    # a tile with cells: palette entry 3 is BORDER (its cells' entry 3)
    assert (packed.palette[: packed.with_cells, 3] == locator.BORDER).all()
    assert len(packed.cells) >= len(index.cell_parent)  # a few left-out subtiles get cells
    assert len(packed.cells) < len(index.cell_parent) * 1.01


def test_the_shipped_palettes_are_what_the_code_works_out():
    """A change to the palettes must come with a rebuilt index (scripts/build_area_index.py)."""
    index = area_index.folded(area_index.bundled_index(), locator.bundled())
    assert index.shipped is not None
    worked_out = area_index._palettes(index)
    for field in dataclasses.fields(area_index.Palettes):
        name = field.name
        assert np.array_equal(getattr(index.shipped, name), getattr(worked_out, name)), name


def test_the_shipped_fold_is_what_the_code_works_out():
    """A change to the fold must come with a rebuilt index (scripts/build_area_index.py)."""
    boundaries = locator.bundled()
    index = area_index.bundled_index()
    shipped = area_index._shipped_fold(index, boundaries)
    worked_out = index.with_municipalities(boundaries)
    for name in ("coarse", "border", "fine", "cell_parent", "cells"):
        assert np.array_equal(getattr(shipped, name), getattr(worked_out, name)), name
